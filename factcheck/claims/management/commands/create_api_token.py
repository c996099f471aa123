"""`manage.py create_api_token USER [--rotate]`: print the API token of USER (made if needed)."""

from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from rest_framework.authtoken.models import Token


class Command(BaseCommand):
    help = (
        "Print the API token of USER (created if the user has none). A user with no group "
        "can read the exports only; Reviewer and Editor tokens act with those roles."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument(
            "--rotate",
            action="store_true",
            help="Replace an existing token, so the old one stops working at once.",
        )

    @transaction.atomic
    def handle(self, *args: Any, **options: Any) -> None:
        User = get_user_model()
        try:
            user = User.objects.get(**{User.USERNAME_FIELD: options["username"]})
        except User.DoesNotExist:
            raise CommandError(f"There is no user {options['username']!r}.") from None
        if not user.is_active:
            raise CommandError(f"{user} is inactive: a token would not authenticate.")
        if options["rotate"]:
            Token.objects.filter(user=user).delete()
        token, created = Token.objects.get_or_create(user=user)
        if created and not options["rotate"]:
            self.stderr.write(f"Created a token for {user}.")
        elif options["rotate"]:
            self.stderr.write(f"Replaced the token of {user}.")
        # Only the key on stdout, so scripts can capture it.
        self.stdout.write(token.key)
