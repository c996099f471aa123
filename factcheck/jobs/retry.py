"""How a task that fetches from the web retries: one declaration for every such task.

A site that fails for a moment (connection error, timeout, 5xx: `TemporaryFetchError`)
gets FETCH_MAX_RETRIES more attempts with backoff; the task says on its row that another
attempt is coming, and on the last failure records why it gave up.
"""

from typing import Any

from celery import Task
from django.utils.translation import gettext_noop

from factcheck.fetch import TemporaryFetchError
from factcheck.i18n import Message

# 1, 2, 4, 8, 16 s with full jitter: a flaky site gets about half a minute to recover.
FETCH_MAX_RETRIES = 5

# Options for @shared_task(**FETCH_TASK); like every task, acknowledged late and requeued
# if its worker process dies.
FETCH_TASK: dict[str, Any] = {
    "bind": True,
    "acks_late": True,
    "reject_on_worker_lost": True,
    "autoretry_for": (TemporaryFetchError,),
    "retry_backoff": True,
    "retry_jitter": True,
    "max_retries": FETCH_MAX_RETRIES,
    # The fetcher's own deadline (30 s) comes first; these catch a runaway trafilatura.
    "soft_time_limit": 120,
    "time_limit": 150,
}


def retry_note(task: Task, exc: TemporaryFetchError) -> Message | None:
    """What to record while another attempt is coming, or None on the last attempt (the
    caller records `gave_up_note` then instead of re-raising)."""
    attempt = task.request.retries + 1
    if attempt <= FETCH_MAX_RETRIES:
        return Message.of(exc) + Message.new(
            gettext_noop("Will retry (attempt %(attempt)s of %(attempts)s)."),
            attempt=attempt + 1,
            attempts=FETCH_MAX_RETRIES + 1,
        )
    return None


def gave_up_note(task: Task) -> Message:
    return Message.new(
        gettext_noop("(gave up after %(count)s attempts)"), count=task.request.retries + 1
    )
