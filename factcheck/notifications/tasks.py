"""Thin Celery adapter: deliver notification events after the commit that made them."""

from typing import Any

from celery import shared_task

from factcheck.notifications import services


@shared_task(
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=(OSError,),  # the mail server was unreachable: try again later
    retry_backoff=True,
    retry_jitter=True,
    max_retries=5,
)
def deliver_events_task(events: list[dict[str, Any]]) -> None:
    for event in events:
        services.event_deliver(**event)
