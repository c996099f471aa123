"""`manage.py export_verdicts --format {json,csv,claimreview} [--since DATE]` to stdout.

The same writers as the API's export endpoints, so an offline dump and a download agree.
"""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from factcheck.claims.exports import FORMATS, WRITERS, parse_since


class Command(BaseCommand):
    help = "Write the published verdicts to stdout as JSON, CSV or a ClaimReview JSON-LD feed."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--format", choices=FORMATS, default="json")
        parser.add_argument(
            "--since",
            help="Only verdicts published at or after this date (YYYY-MM-DD) or ISO 8601 time.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            since = parse_since(options["since"]) if options["since"] else None
        except ValueError as exc:
            raise CommandError(f"--since: {exc}") from None
        # Write straight through, block by block: the export is never held in memory.
        for chunk in WRITERS[options["format"]](since):
            self.stdout.write(chunk, ending="")
        self.stdout.flush()
