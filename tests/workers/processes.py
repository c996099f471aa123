"""Real `celery worker` subprocesses on the test database, for the tests that kill or
starve them: a worker in a thread cannot be killed, nor started after its broker."""

import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

from django.conf import settings
from django.db import connection

from tests.localweb import LocalWeb

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")  # as in conftest


def database_url() -> str:
    """The pytest database, for the worker subprocess."""
    db = connection.settings_dict
    password = f":{quote(db['PASSWORD'])}" if db["PASSWORD"] else ""
    return (
        f"postgres://{quote(db['USER'])}{password}@{db['HOST'] or '127.0.0.1'}:"
        f"{db['PORT'] or 5432}/{quote(db['NAME'])}"
    )


@contextmanager
def celery_worker(
    name: str,
    log: Path,
    *,
    web: LocalWeb,
    visibility_timeout: int,
    broker_url: str = REDIS_URL,
    beat_schedule: Path | None = None,
    env: dict[str, str] | None = None,
) -> Iterator[subprocess.Popen[bytes]]:
    """A prefork worker with one pool process; with `beat_schedule`, beat runs inside it."""
    environment = {
        **os.environ,
        "DATABASE_URL": database_url(),
        "CELERY_BROKER_URL": broker_url,
        "CELERY_VISIBILITY_TIMEOUT": str(visibility_timeout),
        "CELERY_UNACKED_RESTORE_INTERVAL": "1",
        "FETCH_ALLOWED_PRIVATE_HOSTS": f"127.0.0.1:{web.port}",
        "DB_CONN_MAX_AGE": "0",  # no connection outlives a task, so the test DB can be dropped
        "DEBUG": "0",
        "SECRET_KEY": "test-only-secret-key",
        **(env or {}),
    }
    command = [sys.executable, "-m", "celery", "-A", "factcheck", "worker", "-P", "prefork"]
    command += ["-c", "1", "-n", f"{name}@%h", "--loglevel=INFO"]
    command += ["--without-heartbeat", "--without-mingle", "--without-gossip"]
    if beat_schedule is not None:
        command += ["-B", "-s", str(beat_schedule)]
    with log.open("ab") as out:
        # Its own session, so the test can kill the worker and its pool process together.
        process = subprocess.Popen(
            command,
            cwd=settings.BASE_DIR,
            env=environment,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        yield process
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)  # warm shutdown
            try:
                process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=30)


def tail(log: Path) -> str:
    return log.read_text(errors="replace")[-3000:] if log.exists() else "(no log)"
