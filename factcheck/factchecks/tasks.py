"""Thin Celery adapters for importing the configured fact-check feeds (Celery beat)."""

import logging

from celery import shared_task
from django.conf import settings

from factcheck.factchecks import services
from factcheck.fetch import FetchError, TemporaryFetchError

log = logging.getLogger(__name__)


@shared_task(acks_late=True, reject_on_worker_lost=True)
def import_factcheck_feeds_task() -> int:
    """Queue one import per configured feed (FACTCHECK_FEED_URLS); returns how many."""
    for url in settings.FACTCHECK_FEED_URLS:
        import_factcheck_feed_task.delay(url)
    return len(settings.FACTCHECK_FEED_URLS)


@shared_task(
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=(TemporaryFetchError,),
    retry_backoff=True,
    retry_jitter=True,
    max_retries=5,
    # Under CELERY_VISIBILITY_TIMEOUT (600 s) with the retry delay, or Redis would hand a
    # running import to a second worker: the fetch has its own 300 s deadline.
    soft_time_limit=480,
    time_limit=540,
)
def import_factcheck_feed_task(url: str) -> str:
    """Import one feed; safe to run twice (the import is idempotent and all or nothing)."""
    try:
        result = services.factchecks_import_feed(url=url)
    except TemporaryFetchError:
        raise
    except (FetchError, services.ImportRefused) as exc:
        # Final: a refused address or a malformed feed will not mend by retrying.
        log.error("Fact-check feed %s not imported: %s", url, exc)
        return f"refused: {exc}"
    summary = f"{result.read} read, {result.created} new, {result.updated} updated"
    log.info("Fact-check feed %s: %s", url, summary)
    return summary
