"""Articles whose job was lost (run by the worker: requeue_stalled_articles_task)."""

from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from factcheck.articles.models import Article
from factcheck.articles.services.articles import queue_extraction, queue_fetch

# Redis gives a task lost with its worker back after CELERY_VISIBILITY_TIMEOUT (10 min),
# which then runs for at most the hard time limit (5 min): only later is a job truly lost
# (with Redis itself, say), and requeueing earlier would run it twice for nothing.
STALLED_AFTER = timedelta(minutes=20)


def articles_requeue_stalled(*, now: datetime | None = None) -> int:
    """Queue again the job of every article left pending or running for STALLED_AFTER.

    Covers a job lost with the broker's data (Redis restarted without its queue); jobs
    that never reached the broker wait in the outbox instead (factcheck/jobs). Jobs are
    idempotent, so requeueing one that was only slow costs a little work and changes
    nothing; the article's clock restarts, so it is queued again at most once per
    STALLED_AFTER, however long a backlog. Returns how many were queued.
    """
    now = now or timezone.now()
    stalled = Article.objects.filter(
        job_status__in=[Article.Status.PENDING, Article.Status.RUNNING],
        updated_at__lt=now - STALLED_AFTER,
    ).only("pk", "body", "url")
    requeued = []
    with transaction.atomic():
        for article in stalled.iterator():
            if article.body:
                queue_extraction(article)
            elif article.url:
                queue_fetch(article)
            else:
                continue
            requeued.append(article.pk)
        Article.objects.filter(pk__in=requeued).update(updated_at=now)
    return len(requeued)
