"""`manage.py import_factchecks FILE [--format F] [--publisher NAME]`: import reviews."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from factcheck.factchecks.services import FORMATS, ImportRefused, factchecks_import


class Command(BaseCommand):
    help = "Import fact-checks of other organisations (ClaimReview feed, JSON list, TSV, CSV)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file")
        parser.add_argument("--format", choices=FORMATS, help="Default: guessed from the start.")
        parser.add_argument("--publisher", default="", help="For rows that name none.")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            with open(options["file"], "rb") as source:
                result = factchecks_import(
                    source=source, format=options["format"], publisher=options["publisher"]
                )
        except OSError as exc:
            raise CommandError(f"Cannot read {options['file']}: {exc.strerror}.") from None
        except ImportRefused as exc:
            raise CommandError(f"Nothing imported. {exc}") from None
        self.stdout.write(
            f"{result.read} read, {result.created} new, {result.updated} updated, "
            f"{result.unchanged} unchanged."
        )
