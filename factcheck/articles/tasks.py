"""Thin Celery adapters: each takes an id, loads the row and calls a service.

Every task is safe to run twice (the service skips finished work), is acknowledged only
after it ran (`acks_late`) and goes back to the queue if its worker process dies
(`reject_on_worker_lost`), so a crash loses no work and a redelivery duplicates none.
"""

from celery import Task, shared_task
from celery.exceptions import SoftTimeLimitExceeded
from django.db import InterfaceError, OperationalError, close_old_connections

from factcheck.articles import services
from factcheck.articles.models import Article
from factcheck.claims.matching import claims_match_factchecks
from factcheck.claims.similar import claims_link_similar
from factcheck.fetch import TemporaryFetchError

# 1, 2, 4, 8, 16 s with full jitter: a flaky site gets about half a minute to recover.
FETCH_MAX_RETRIES = 5


@shared_task(
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=(OSError,),
    retry_backoff=True,
    retry_jitter=True,
    max_retries=5,
)
def extract_claims_task(article_id: int) -> None:
    services.article_extract_claims(article_id=article_id)


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
def fetch_article_task(self: Task, article_id: int) -> None:
    try:
        services.article_fetch(article_id=article_id)
    except TemporaryFetchError as exc:
        attempt = self.request.retries + 1
        if attempt <= FETCH_MAX_RETRIES:
            services.article_note_retry(
                article_id=article_id,
                error=f"{exc} Will retry (attempt {attempt + 1} of {FETCH_MAX_RETRIES + 1}).",
            )
            raise  # autoretry_for queues the next attempt with backoff
        services.article_mark_failed(
            article_id=article_id, error=f"{exc} (gave up after {attempt} attempts)"
        )
    except SoftTimeLimitExceeded:
        services.article_mark_failed(
            article_id=article_id, error="Reading the page took too long; it was abandoned."
        )
    except Article.DoesNotExist:
        pass  # deleted while the job waited: nothing left to do


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
)
def link_similar_claims_task(claim_ids: list[int]) -> None:
    # Its own task after extraction commits: a slow lookup never delays the claims.
    try:
        claims_link_similar(claim_ids=claim_ids)
        claims_match_factchecks(claim_ids=claim_ids)
    except DATABASE_ERRORS:
        close_old_connections()  # the retry opens a fresh connection, not the broken one
        raise


@shared_task(acks_late=True, reject_on_worker_lost=True, soft_time_limit=60, time_limit=90)
def requeue_stalled_articles_task() -> int:
    """Celery beat runs this every 5 minutes (CELERY_BEAT_SCHEDULE): lost jobs go again."""
    return services.articles_requeue_stalled()
