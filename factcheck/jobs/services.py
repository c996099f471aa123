"""Queueing background jobs through the outbox, and sending them to the broker.

`job_enqueue` is the one way the services queue a Celery task. With a broker, the job is
a `Job` row in the caller's transaction; on commit it is published at once if the broker
answers (a short retry policy, so a request never hangs on a dead broker) and otherwise
left for `jobs_dispatch_pending`, which Celery beat runs every JOBS_SWEEP_SECONDS.

Sending happens under a row lock taken with SKIP LOCKED and the row is marked in the same
transaction, so the on-commit publish and the sweep never both send a job. A crash between
the broker accepting a message and the mark committing can send one again: every task is
idempotent (it skips finished work), so a job runs at least once and twice does no harm.

Without a broker (the `make run` demo, eager mode) no row is written: the task runs
in-process on commit, as it always did.
"""

import logging
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime, timedelta
from functools import partial
from typing import Any

from celery import Task
from django.db import connection, transaction
from django.utils import timezone

from factcheck.celery import app as celery_app
from factcheck.jobs.models import Job

logger = logging.getLogger(__name__)

# One quick retry: a broker that is down answers "connection refused" at once, and the
# request that queued the job must not wait on it (the sweep will send the job).
PUBLISH_RETRY_POLICY = {
    "max_retries": 1,
    "interval_start": 0,
    "interval_step": 0.2,
    "interval_max": 0.2,
}
SWEEP_BATCH = 500  # per sweep: a backlog drains over a few sweeps without one long lock
KEEP_DISPATCHED = timedelta(days=7)  # sent jobs stay this long, for the admin and audits
# Items per grouped job (`job_enqueue_grouped`): an upload's or a feed poll's articles are
# one job, and a bigger batch a few, each done in about a second.
GROUP_MAX = 50


def commit_without_waiting() -> None:
    """Let the current transaction's commit return before its WAL reaches the disk, for
    work that is safe to lose in a database crash because it is done again (see callers).
    PostgreSQL only: the SQLite of the `make run` demo has no such setting."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL synchronous_commit TO OFF")


def job_enqueue(
    *, task: Task, args: Sequence[Any] = (), kwargs: dict[str, Any] | None = None
) -> Job | None:
    """Queue `task(*args, **kwargs)` to run after the current transaction commits.

    Returns the outbox row, or None in eager mode (no broker: the task runs in-process).
    """
    if celery_app.conf.task_always_eager:
        transaction.on_commit(partial(task.delay, *args, **(kwargs or {})))
        return None
    job = Job(task=task.name, args=list(args), kwargs=kwargs or {})
    if (batch := getattr(_batch, "jobs", None)) is not None:
        batch.append(job)  # written and sent with the others when the batch ends
        return job
    job.save()
    if getattr(_here, "on", False):
        transaction.on_commit(partial(_run_here, job.pk), robust=True)
        return job
    # Robust: the work and its job are committed by now; whatever goes wrong sending it,
    # the sweep sends it later, and the request that stored it must still answer.
    transaction.on_commit(partial(jobs_dispatch, job_ids=[job.pk]), robust=True)
    return job


def job_enqueue_grouped(*, task: Task, item: Any) -> Job | None:
    """Queue `task([item])`, a task that takes a list of items (ids, say) and does the
    same for each. Inside a `job_batch`, the items queued for the same task share one
    job, up to GROUP_MAX items a job: a batch of articles is one extraction job, not one
    job (a task round trip, a transaction and a commit in the worker) per article.
    """
    jobs = getattr(_batch, "jobs", None)
    groups: dict[str, Job] = getattr(_batch, "groups", {})
    if jobs is None or celery_app.conf.task_always_eager:
        return job_enqueue(task=task, args=[[item]])
    job = groups.get(task.name)
    if job is None or len(job.args[0]) >= GROUP_MAX:
        job = groups[task.name] = Job(task=task.name, args=[[]], kwargs={})
        jobs.append(job)
    job.args[0].append(item)
    return job


# The jobs queued inside `job_batch` on this thread, or None outside one; the groups being
# filled by `job_enqueue_grouped`, by task name.
_batch = threading.local()


@contextmanager
def job_batch() -> Iterator[None]:
    """Collect the jobs queued inside: one INSERT for them all at the end, and one
    transaction that sends them after the commit, instead of a row and a send each.

    For services that store many things at once (a batch of articles); use it inside
    their transaction. Nested, the outermost batch collects.
    """
    if getattr(_batch, "jobs", None) is not None:
        yield
        return
    _batch.jobs, _batch.groups = [], {}
    try:
        yield
        jobs: list[Job] = _batch.jobs
    finally:
        _batch.jobs, _batch.groups = None, {}
    if jobs:
        Job.objects.bulk_create(jobs)
        ids = [job.pk for job in jobs]
        transaction.on_commit(partial(jobs_dispatch, job_ids=ids), robust=True)


# Whether jobs queued on this thread are run here (`jobs_run_here`).
_here = threading.local()


@contextmanager
def jobs_run_here() -> Iterator[None]:
    """Inside, a job queued is run in this process once its transaction commits, instead
    of going through the broker: for a task whose next step follows at once (a page
    fetched, then its claims extracted), a round trip through the broker and a worker
    less. The job's row is written all the same and marked sent in the transaction that
    runs it: if the run fails, or the process dies, the row is still unsent and the sweep
    sends the job as any other. Jobs queued by the job run here go to the broker."""
    _here.on = True
    try:
        yield
    finally:
        _here.on = False


def _run_here(job_id: int) -> None:
    _here.on = False
    try:
        with transaction.atomic():
            jobs = Job.objects.undispatched().select_for_update(skip_locked=True)
            job = jobs.filter(pk=job_id).first()
            if job is None:
                return  # sent by the sweep meanwhile
            job.dispatched_at = timezone.now()
            job.save(update_fields=["dispatched_at"])
            celery_app.tasks[job.task](*job.args, **job.kwargs)
        # In the worker's log beside Celery's "Task ...[job-N] succeeded" of the others.
        logger.info("Task %s[%s] ran here, in the task that queued it", job.task, job.task_id)
    finally:
        _here.on = True


def job_dispatch(*, job_id: int) -> bool:
    """Send one job now if nobody has (or is about to); True if this call sent it."""
    return jobs_dispatch(job_ids=[job_id]) == 1


def jobs_dispatch(*, job_ids: Sequence[int]) -> int:
    """Send these jobs now, those nobody has sent (or is about to); returns how many.

    Stops at the first refusal: the sweep sends the rest. The marks' commit does not
    wait for the disk (`synchronous_commit = off`, one fsync less): were it lost in a
    database crash, the sweep would send those jobs again, which every task already
    takes (see above).
    """
    sent = 0
    with transaction.atomic():
        commit_without_waiting()
        jobs = Job.objects.undispatched().select_for_update(skip_locked=True)
        for job in jobs.filter(pk__in=job_ids).order_by("pk"):
            if not _publish(job):
                break
            sent += 1
    return sent


def jobs_dispatch_pending(*, now: datetime | None = None) -> int:
    """Send the jobs the broker refused (or that a crash left behind); returns how many.

    Stops at the first refusal: the broker is still down, and the rest wait for the next
    sweep. Also forgets jobs sent more than KEEP_DISPATCHED ago.
    """
    sent = 0
    with transaction.atomic():
        jobs = Job.objects.undispatched().select_for_update(skip_locked=True).order_by("pk")
        for job in jobs[:SWEEP_BATCH]:
            if not _publish(job):
                break
            sent += 1
    Job.objects.filter(dispatched_at__lt=(now or timezone.now()) - KEEP_DISPATCHED).delete()
    return sent


def _publish(job: Job) -> bool:
    """Hand a locked job to the broker and record the outcome on its row."""
    try:
        celery_app.send_task(
            job.task,
            args=job.args,
            kwargs=job.kwargs,
            task_id=job.task_id,
            retry=True,
            retry_policy=PUBLISH_RETRY_POLICY,
        )
    except Exception as exc:  # whatever the broker or its client raise, the row keeps the job
        job.attempts += 1
        job.last_error = f"{type(exc).__name__}: {exc}"[:2000]
        job.save(update_fields=["attempts", "last_error"])
        logger.warning("job %s not sent, the sweep will retry: %s", job, job.last_error)
        return False
    job.dispatched_at = timezone.now()
    job.save(update_fields=["dispatched_at"])
    return True
