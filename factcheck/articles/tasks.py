"""Thin Celery adapters: each takes an id, loads the row and calls a service.

Every task is safe to run twice (the service skips finished work), is acknowledged only
after it ran (`acks_late`) and goes back to the queue if its worker process dies
(`reject_on_worker_lost`), so a crash loses no work and a redelivery duplicates none.
"""

from celery import Task, shared_task
from celery.exceptions import SoftTimeLimitExceeded
from django.utils.translation import gettext as _

from factcheck.articles import services
from factcheck.articles.models import Article
from factcheck.fetch import TemporaryFetchError
from factcheck.jobs.retry import FETCH_TASK, gave_up_note, retry_note
from factcheck.jobs.services import jobs_run_here


@shared_task(**FETCH_TASK)
def fetch_article_task(self: Task, article_id: int) -> None:
    try:
        # The claims are extracted here, right after the text is stored (see jobs_run_here).
        with jobs_run_here():
            services.article_fetch(article_id=article_id)
    except TemporaryFetchError as exc:
        if note := retry_note(self, exc):
            services.article_note_retry(article_id=article_id, error=note)
            raise  # autoretry_for queues the next attempt with backoff
        services.article_mark_failed(article_id=article_id, error=f"{exc} {gave_up_note(self)}")
    except SoftTimeLimitExceeded:
        services.article_mark_failed(
            article_id=article_id, error=_("Reading the page took too long; it was abandoned.")
        )
    except Article.DoesNotExist:
        pass  # deleted while the job waited: nothing left to do


@shared_task(acks_late=True, reject_on_worker_lost=True, soft_time_limit=60, time_limit=90)
def requeue_stalled_articles_task() -> int:
    """Celery beat runs this every 5 minutes (CELERY_BEAT_SCHEDULE): lost jobs go again."""
    return services.articles_requeue_stalled()
