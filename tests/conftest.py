import importlib
import os
import threading
from collections.abc import Iterator
from email import message_from_bytes
from email.message import Message
from pathlib import Path
from typing import Any

import hypothesis
import pytest
from aiosmtpd.controller import Controller
from django.apps import apps as django_apps
from django.conf import settings
from django.contrib.auth.models import Group, User

from factcheck.articles.models import Article
from factcheck.claims.models import Rating

# CI replays the same examples every run: a property that fails there fails again, and a
# passing run cannot turn red by the luck of a new seed. Locally, hypothesis explores.
hypothesis.settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    hypothesis.settings.load_profile("ci")

# Playwright's sync API runs an event loop in the test thread; Django's ORM refuses to run
# inside one unless told that this is deliberate.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

SEED = Path(settings.BASE_DIR) / "factcheck" / "demo" / "zapad-interaction-2021.txt"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]


def pytest_sessionstart(session: pytest.Session) -> None:
    """Fail at once, with what to start, when PostgreSQL is not there."""
    db = settings.DATABASES["default"]
    if db["ENGINE"] != "django.db.backends.postgresql":
        return
    import psycopg

    try:
        psycopg.connect(
            host=db["HOST"],
            port=db["PORT"] or 5432,
            user=db["USER"],
            password=db["PASSWORD"],
            dbname="postgres",
            connect_timeout=3,
        ).close()
    except psycopg.OperationalError as exc:
        pytest.exit(
            f"PostgreSQL is not reachable at {db['HOST']}:{db['PORT'] or 5432} ({exc}).\n"
            "Start it, e.g. `pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main "
            "start`, or point DATABASE_URL at a running server.",
            returncode=3,
        )


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    # Debian's Chromium, never a downloaded browser; no network but this machine.
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


def ensure_groups_and_scale() -> None:
    """Transactional tests flush the tables, data migrations included: put them back."""
    if not Group.objects.filter(name="Editor").exists():
        migration = importlib.import_module(
            "factcheck.claims.migrations.0002_groups_and_rating_scale"
        )
        migration.forwards(django_apps, None)
        importlib.import_module(
            "factcheck.claims.migrations.0006_reviewers_edit_article_details"
        ).forwards(django_apps, None)
        importlib.import_module("factcheck.insight.migrations.0001_insight_permission").forwards(
            django_apps, None
        )

        importlib.import_module("factcheck.claims.migrations.0012_self_service_triage").forwards(
            django_apps, None
        )
        importlib.import_module(
            "factcheck.monitoring.migrations.0002_reviewers_and_editors_follow_feeds"
        ).forwards(django_apps, None)


_api_keys: dict[int, str] = {}


def api_key(user: User) -> str:
    """A working API key for `user`: theirs if this test run made it, else a new one (keys
    are stored hashed, so one made elsewhere cannot be read back)."""
    from factcheck.accounts import services
    from factcheck.accounts.models import ApiToken, key_digest

    token = ApiToken.objects.filter(user=user).first()
    if token is not None:
        known = _api_keys.get(token.pk)
        if known is not None and key_digest(known) == token.digest:
            return known
    token, key = services.api_token_create(user=user, rotate=True)
    _api_keys[token.pk] = key
    return key


def make_user(username: str, group: str | None, **extra: Any) -> User:
    ensure_groups_and_scale()
    user = User.objects.create_user(username=username, password=f"{username}-pass-123", **extra)
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def reviewer(db: None) -> User:
    return make_user("rita", "Reviewer")


@pytest.fixture
def other_reviewer(db: None) -> User:
    return make_user("ravi", "Reviewer")


@pytest.fixture
def editor(db: None) -> User:
    return make_user("edna", "Editor")


@pytest.fixture
def other_editor(db: None) -> User:
    return make_user("eddie", "Editor")


@pytest.fixture
def rating_false(db: None) -> Rating:
    ensure_groups_and_scale()
    return Rating.objects.get(slug="false")


@pytest.fixture
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.fixture
def seed_article(
    reviewer: User, seed_text: str, django_capture_on_commit_callbacks: Any
) -> Article:
    """The seed article, stored through the service with its claims extracted."""
    from factcheck.articles.services import ArticleText, article_create

    with django_capture_on_commit_callbacks(execute=True):
        article, _ = article_create(actor=reviewer, text=ArticleText(body=seed_text))
    article.refresh_from_db()
    return article


# A real SMTP server for the tests that send e-mail (port from this suite's range).
SMTP_PORT = int(os.environ.get("TEST_SMTP_PORT", "7731"))


class Inbox:
    """What the SMTP server received, message by message."""

    def __init__(self) -> None:
        self.messages: list[Message] = []
        self.lock = threading.Lock()

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        with self.lock:
            self.messages.append(message_from_bytes(envelope.content))
        return "250 OK"

    def to(self, address: str) -> list[Message]:
        with self.lock:
            return [m for m in self.messages if address in m["To"]]


@pytest.fixture
def inbox(settings: Any) -> Iterator[Inbox]:
    handler = Inbox()
    controller = Controller(handler, hostname="127.0.0.1", port=SMTP_PORT)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", SMTP_PORT
    try:
        yield handler
    finally:
        controller.stop()
