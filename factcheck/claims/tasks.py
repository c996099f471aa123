"""Thin Celery adapters for sources: each takes an id and calls a service.

Like every task here they are safe to run twice, acknowledged late and requeued when
their worker process dies; see factcheck/articles/tasks.py.
"""

from celery import Task, shared_task
from celery.exceptions import SoftTimeLimitExceeded

from factcheck.claims import services
from factcheck.claims.models import Source
from factcheck.fetch import TemporaryFetchError

# 1, 2, 4, 8, 16 s with full jitter: a flaky site gets about half a minute to recover.
FETCH_MAX_RETRIES = 5


@shared_task(
    bind=True,
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=(TemporaryFetchError,),
    retry_backoff=True,
    retry_jitter=True,
    max_retries=FETCH_MAX_RETRIES,
    # The fetcher's own deadline (30 s) comes first; these catch a runaway trafilatura.
    soft_time_limit=120,
    time_limit=150,
)
def snapshot_source_task(self: Task, source_id: int, recheck: bool = False) -> None:
    try:
        services.source_snapshot(source_id=source_id, recheck=recheck)
    except TemporaryFetchError as exc:
        attempt = self.request.retries + 1
        if attempt <= FETCH_MAX_RETRIES:
            if not recheck:
                services.source_note_retry(
                    source_id=source_id,
                    error=f"{exc} Will retry (attempt {attempt + 1} of {FETCH_MAX_RETRIES + 1}).",
                )
            raise  # autoretry_for queues the next attempt with backoff
        services.source_snapshot_failed(
            source_id=source_id,
            error=exc,
            recheck=recheck,
            note=f"(gave up after {attempt} attempts)",
        )
    except SoftTimeLimitExceeded:
        services.source_snapshot_failed(
            source_id=source_id,
            error=TemporaryFetchError("Reading the page took too long; it was abandoned."),
            recheck=recheck,
        )
    except Source.DoesNotExist:
        pass  # deleted while the job waited: nothing left to do


@shared_task(acks_late=True, reject_on_worker_lost=True, soft_time_limit=60, time_limit=90)
def recheck_sources_task() -> int:
    """Celery beat runs this daily (CELERY_BEAT_SCHEDULE); it queues one recheck per source."""
    return services.sources_recheck()
