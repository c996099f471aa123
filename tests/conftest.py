"""Fixtures any test may ask for. Helpers live beside: factories.py (rows and users),
clients.py (a client as a given person), localweb.py (the only web a test reaches)."""

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
from django.conf import settings
from django.contrib.auth.models import User
from django.utils import translation

from factcheck.articles.models import Article
from factcheck.claims.models import Rating
from tests.factories import ensure_groups_and_scale, make_user
from tests.localweb import LocalWeb

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


@pytest.fixture(autouse=True)
def fast_password_hashing(settings: Any) -> None:
    """The users made per test need no slow hash: PBKDF2 dominated many tests' time. A test
    about hashing itself sets PASSWORD_HASHERS again."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def default_language_after() -> Iterator[None]:
    """A request in Spanish leaves Spanish active in the thread (LocaleMiddleware does not
    undo it), and a later test's services would then speak Spanish."""
    yield
    translation.deactivate()


@pytest.fixture
def web() -> Iterator[LocalWeb]:
    """The small local web of tests/localweb.py: the only web a test reaches."""
    server = LocalWeb()
    yield server
    server.close()


@pytest.fixture
def allow_local(settings: Any, web: LocalWeb) -> None:
    """The test-only allow-list: the fetcher may reach the local web's port on 127.0.0.1."""
    settings.FETCH_ALLOWED_PRIVATE_HOSTS = [f"127.0.0.1:{web.port}"]


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
