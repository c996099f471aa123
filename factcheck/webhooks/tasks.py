"""A thin Celery adapter: one delivery attempt per run, retried with exponential backoff."""

import random

from celery import Task, shared_task
from django.conf import settings

from factcheck.webhooks import services
from factcheck.webhooks.models import Delivery


def backoff(retries: int) -> float:
    """WEBHOOK_RETRY_SECONDS x 2^n, at most an hour, with jitter so that a receiver coming
    back is not hit by every retry at once."""
    delay = min(settings.WEBHOOK_RETRY_SECONDS * 2**retries, 3600.0)
    return delay * random.uniform(0.5, 1.0)


@shared_task(
    bind=True, acks_late=True, reject_on_worker_lost=True, soft_time_limit=60, time_limit=90
)
def deliver_webhook_task(self: Task, delivery_id: int) -> None:
    try:
        services.webhook_deliver(delivery_id=delivery_id)
    except services.DeliveryRetry as exc:
        attempts = self.request.retries + 1
        if attempts >= settings.WEBHOOK_MAX_ATTEMPTS:
            services.webhook_delivery_give_up(
                delivery_id=delivery_id, error=f"{exc} Gave up after {attempts} attempts."
            )
            return
        raise self.retry(countdown=backoff(self.request.retries), max_retries=None) from exc
    except Delivery.DoesNotExist:
        pass  # the subscriber was deleted while the job waited
