"""Thin Celery adapters for followed feeds: each calls a service.

A poll is one task per feed, so a slow feed never holds the others. It is safe to run
twice (entries are stored once, under a lock on the feed row), is acknowledged only
after it ran and goes back to the queue if its worker dies, so a killed worker loses no
item and doubles none. A failed poll is not retried by Celery: the feed's own schedule
backs off and retries it.
"""

from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded
from django.utils.translation import gettext_noop

from factcheck.i18n import Message
from factcheck.monitoring import services
from factcheck.monitoring.models import Feed


@shared_task(acks_late=True, reject_on_worker_lost=True, soft_time_limit=60, time_limit=90)
def dispatch_due_feeds_task() -> int:
    """Celery beat runs this every FEEDS_DISPATCH_SECONDS: one poll task per due feed."""
    return services.feeds_dispatch_due()


@shared_task(
    acks_late=True,
    reject_on_worker_lost=True,
    # The fetcher's own deadline (30 s) comes first; these catch a runaway parse.
    soft_time_limit=120,
    time_limit=150,
)
def poll_feed_task(feed_id: int) -> str:
    try:
        return services.feed_poll(feed_id=feed_id).describe()
    except SoftTimeLimitExceeded:
        services.feed_record_failure(
            feed_id=feed_id,
            error=Message.new(
                gettext_noop("Reading the feed took too long; the poll was abandoned.")
            ),
        )
        return "timed out"
    except Feed.DoesNotExist:
        return "deleted"  # unfollowed while the job waited
