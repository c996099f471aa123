"""The outbox sweep, run by Celery beat every JOBS_SWEEP_SECONDS."""

from celery import shared_task

from factcheck.jobs.services import jobs_dispatch_pending


# No acks_late: a lost sweep is replaced by the next one in seconds.
@shared_task(soft_time_limit=20, time_limit=30)
def dispatch_jobs_task() -> int:
    return jobs_dispatch_pending()
