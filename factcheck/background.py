"""Run a job after the response in the one-command demo, which has no broker.

Without a broker Celery runs tasks in the request (CELERY_TASK_ALWAYS_EAGER). For a job
nobody waits for (linking similar claims scans every stored claim on SQLite) that made
adding an article take tens of seconds; `make run` sets DEMO_JOBS_AFTER_RESPONSE so such
jobs run in a thread instead. Production queues them on the broker as always.
"""

import threading
from collections.abc import Callable
from typing import Any

from django.db import connections

_running: list[threading.Thread] = []


def run_after_response(job: Callable[..., Any], *args: Any) -> None:
    def run() -> None:
        try:
            job(*args)
        finally:
            connections.close_all()  # this thread's own connections

    thread = threading.Thread(target=run, daemon=True, name=f"demo-job-{job.__name__}")
    _running.append(thread)
    thread.start()


def wait_for_background_jobs(timeout: float = 60) -> None:
    """For tests and management commands: let the started jobs finish."""
    while _running:
        _running.pop().join(timeout)
