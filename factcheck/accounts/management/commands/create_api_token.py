"""`manage.py create_api_token USER [--rotate]`: make an API token for USER and print its key.

Keys are stored hashed, so a key is printed once, when it is made; asking again for a
user who has one is an error that says to rotate.
"""

from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from factcheck.accounts import services


class Command(BaseCommand):
    help = (
        "Make an API token for USER and print its key (only now: it is stored hashed). A "
        "user with no group can read the exports only; Reviewer and Editor tokens act with "
        "those roles."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument(
            "--rotate",
            action="store_true",
            help="Replace an existing token, so the old key stops working at once.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        User = get_user_model()
        try:
            user = User.objects.get(**{User.USERNAME_FIELD: options["username"]})
        except User.DoesNotExist:
            raise CommandError(f"There is no user {options['username']!r}.") from None
        if not user.is_active:
            raise CommandError(f"{user} is inactive: a token would not authenticate.")
        try:
            _, key = services.api_token_create(user=user, rotate=options["rotate"])
        except services.TokenExists:
            raise CommandError(
                f"{user} already has an API token; its key was shown when it was made and is "
                "not kept. Use --rotate to replace it with a new one."
            ) from None
        self.stderr.write(f"{'Replaced' if options['rotate'] else 'Created'} the token of {user}.")
        # Only the key on stdout, so scripts can capture it.
        self.stdout.write(key)
