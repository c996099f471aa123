"""Thin Celery adapters for claims and sources: each takes an id and calls a service.

Like every task here they are safe to run twice, acknowledged late and requeued when
their worker process dies; see factcheck/articles/tasks.py.
"""

from datetime import datetime

from celery import Task, shared_task
from celery.exceptions import SoftTimeLimitExceeded
from django.db import InterfaceError, OperationalError, close_old_connections
from django.utils.translation import gettext as _

from factcheck.claims import services
from factcheck.claims.matching import claims_match, claims_rematch_for_factchecks
from factcheck.claims.models import Claim, Source
from factcheck.claims.signals import claims_matched
from factcheck.fetch import TemporaryFetchError
from factcheck.jobs.retry import FETCH_TASK, gave_up_note, retry_note


@shared_task(**FETCH_TASK)
def snapshot_source_task(self: Task, source_id: int, recheck: bool = False) -> None:
    try:
        services.source_snapshot(source_id=source_id, recheck=recheck)
    except TemporaryFetchError as exc:
        if note := retry_note(self, exc):
            if not recheck:
                services.source_note_retry(source_id=source_id, error=note)
            raise  # autoretry_for queues the next attempt with backoff
        services.source_snapshot_failed(
            source_id=source_id, error=exc, recheck=recheck, note=gave_up_note(self)
        )
    except SoftTimeLimitExceeded:
        services.source_snapshot_failed(
            source_id=source_id,
            error=TemporaryFetchError(_("Reading the page took too long; it was abandoned.")),
            recheck=recheck,
        )
    except Source.DoesNotExist:
        pass  # deleted while the job waited: nothing left to do


@shared_task(acks_late=True, reject_on_worker_lost=True, soft_time_limit=60, time_limit=90)
def recheck_sources_task() -> int:
    """Celery beat runs this daily (CELERY_BEAT_SCHEDULE); it queues one recheck per source."""
    return services.sources_recheck()


@shared_task(
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=(OSError,),
    retry_backoff=True,
    retry_jitter=True,
    max_retries=5,
    # The name it was registered under in the articles app: jobs already queued or in the
    # outbox (factcheck.jobs) still find it.
    name="factcheck.articles.tasks.extract_claims_task",
)
def extract_claims_task(article_id: int) -> None:
    """One article's extraction, as jobs were queued before a job took several."""
    services.claims_create_from_extractions(article_ids=[article_id])


@shared_task(
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=(OSError,),
    retry_backoff=True,
    retry_jitter=True,
    max_retries=5,
)
def extract_articles_claims_task(article_ids: list[int]) -> None:
    services.claims_create_from_extractions(article_ids=article_ids)


# A dropped or restarted database connection is worth another try: the links would
# otherwise be lost for good (nothing else looks them up again).
DATABASE_ERRORS = (OperationalError, InterfaceError)


@shared_task(
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=DATABASE_ERRORS,
    retry_backoff=True,
    retry_jitter=True,
    max_retries=5,
    # A chunk of LINK_CHUNK claims takes seconds; these catch a database gone slow.
    soft_time_limit=120,
    time_limit=150,
    name="factcheck.articles.tasks.link_similar_claims_task",  # as registered before the move
)
def link_similar_claims_task(claim_ids: list[int]) -> None:
    # Its own task after extraction commits: a slow lookup never delays the claims.
    try:
        claims_match(claim_ids=claim_ids)
        claims_matched.send(sender=Claim, claim_ids=claim_ids)
    except DATABASE_ERRORS:
        close_old_connections()  # the retry opens a fresh connection, not the broken one
        raise


@shared_task(
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=DATABASE_ERRORS,
    retry_backoff=True,
    retry_jitter=True,
    max_retries=5,
    # A chunk of REMATCH_CHUNK fact-checks takes seconds; these catch a database gone slow.
    soft_time_limit=240,
    time_limit=300,
)
def rematch_claims_task(changed_since: str, after: int = 0) -> int:
    """Match again the claims stored before an import that its fact-checks may check."""
    try:
        return claims_rematch_for_factchecks(
            changed_since=datetime.fromisoformat(changed_since), after=after
        )
    except DATABASE_ERRORS:
        close_old_connections()  # the retry opens a fresh connection, not the broken one
        raise
