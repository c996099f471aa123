"""Thin Celery adapters: each takes an id, loads the row and calls a service."""

from celery import shared_task

from factcheck.articles import services


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
