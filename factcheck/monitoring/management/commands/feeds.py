"""`manage.py feeds add URL [--name NAME] [--every MINUTES] [--user USER]`,
`manage.py feeds list`, `manage.py feeds poll [--all]`: followed feeds for operators.

`poll` polls the due feeds (every feed with `--all`) now, in the foreground, and prints
what each brought; the articles it registers are fetched by the workers (in-process
without a broker).
"""

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from factcheck.monitoring import services
from factcheck.monitoring.models import Feed


class Command(BaseCommand):
    help = "Follow feeds, list them, and poll them now."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        add = sub.add_parser(
            "add",
            help="Follow a feed (RSS, Atom, JSON Feed, news sitemap) by its address, or a "
            "folder of transcripts and files under FEEDS_FOLDER_ROOT.",
        )
        add.add_argument("source", metavar="URL_OR_FOLDER")
        add.add_argument("--name", default="")
        add.add_argument("--every", type=int, default=60, metavar="MINUTES")
        add.add_argument(
            "--user",
            default="",
            help="Who follows it (its articles are theirs); default: the first superuser.",
        )
        sub.add_parser("list", help="Every feed with its status.")
        poll = sub.add_parser("poll", help="Poll the due feeds now and say what each brought.")
        poll.add_argument("--all", action="store_true", help="Every feed switched on, due or not.")

    def handle(self, *args: Any, **options: Any) -> None:
        getattr(self, f"do_{options['action']}")(options)

    def do_add(self, options: dict[str, Any]) -> None:
        user = self._user(options["user"])
        try:
            source = options["source"]
            where = {"url": source} if "://" in source else {"folder": source}
            feed = services.feed_create(
                actor=user, name=options["name"], interval_minutes=options["every"], **where
            )
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from None
        self.stdout.write(
            f"Following {feed.name} ({feed.source}) every {feed.interval_minutes} min: id {feed.pk}"
        )

    def do_list(self, options: dict[str, Any]) -> None:
        for feed in Feed.objects.all():
            checked = f"{feed.last_checked_at:%Y-%m-%d %H:%M}" if feed.last_checked_at else "never"
            line = (
                f"{feed.pk:>5}  {feed.state:<7}  every {feed.interval_minutes:>4} min  "
                f"checked {checked}  items {feed.items_seen:>6}  {feed.name}  {feed.source}"
            )
            if feed.last_error:
                line += f"\n       last error: {feed.last_error}"
            self.stdout.write(line)

    def do_poll(self, options: dict[str, Any]) -> None:
        feeds = Feed.objects.filter(enabled=True, paused_at__isnull=True)
        if not options["all"]:
            feeds = feeds.due(timezone.now())
        polled = 0
        for feed in feeds:
            result = services.feed_poll(feed_id=feed.pk)
            self.stdout.write(f"{feed.name}: {result.describe()}")
            polled += 1
        self.stdout.write(f"{polled} feeds polled.")

    def _user(self, username: str) -> User:
        User = get_user_model()
        if username:
            found = User.objects.filter(username=username, is_active=True).first()
        else:
            found = User.objects.filter(is_superuser=True, is_active=True).order_by("pk").first()
        if found is None:
            raise CommandError(
                f"There is no active user {username!r}." if username
                else "Name the user who follows the feed with --user."
            )  # fmt: skip
        return found
