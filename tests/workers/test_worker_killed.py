"""Kill a `celery worker` process in the middle of a task: the task runs again, once.

The worker is a real subprocess (`celery -A factcheck worker -c 1`, prefork) on the test
Redis database and the test PostgreSQL database. The task blocks on a local page that
stalls until the test has killed the worker, so the kill is truly mid-task.

Two ways a worker dies, two mechanisms bring the message back:
- the pool process dies but the worker lives on: `reject_on_worker_lost` requeues the
  message at once (the visibility timeout is an hour here, so nothing else could);
- the whole worker dies: nobody is left to requeue, the message stays "unacked" in Redis
  and another worker restores it once `visibility_timeout` has passed (5 s here,
  CELERY_VISIBILITY_TIMEOUT; ten minutes in production).
"""

import os
import signal
import subprocess
from pathlib import Path

import pytest
import redis
from celery import Celery
from django.contrib.auth.models import User
from django.db.models import Count

from factcheck.articles.models import Article
from factcheck.articles.services import article_create_from_url
from factcheck.claims.models import Claim, Source
from factcheck.claims.services import SNAPSHOT_REASON, source_add
from factcheck.extraction import extract
from tests.factories import ClaimFactory
from tests.localweb import LocalWeb, Reply, Stall, article_page, html_page, wait_for
from tests.workers.processes import celery_worker, tail

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]

WAIT = 120.0  # seconds; worker start-up on a busy 2-core machine can take a while


def kill_all(process: subprocess.Popen[bytes]) -> None:
    os.killpg(process.pid, signal.SIGKILL)
    process.wait(timeout=30)


def pool_processes(parent: int) -> list[int]:
    children = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        if int(stat.rsplit(")", 1)[1].split()[1]) == parent:
            children.append(int(entry.name))
    return children


def queue_drained(broker: "redis.Redis[bytes]") -> bool:
    """Nothing waiting and nothing taken-but-unacknowledged: no copy is left to run."""
    return broker.llen("celery") == 0 and broker.hlen("unacked") == 0


def test_a_task_whose_whole_worker_is_killed_is_redelivered_and_completes_once(
    celery_on_redis: Celery,
    broker: "redis.Redis[bytes]",
    web: LocalWeb,
    reviewer: User,
    seed_text: str,
    tmp_path: Path,
) -> None:
    page = article_page(seed_text)
    stall = Stall()
    url = web.add("/slow", Reply(body=page, stall=stall), Reply(body=page))
    article, _ = article_create_from_url(actor=reviewer, url=url)
    log = tmp_path / "workers.log"

    with celery_worker("doomed", log, visibility_timeout=5, web=web) as doomed:
        assert stall.arrived.wait(WAIT), tail(log)  # the fetch is under way...
        kill_all(doomed)  # ...and the worker and its pool process die mid-task
    stall.release.set()

    article.refresh_from_db()
    assert (article.job_status, article.body) == (Article.Status.RUNNING, "")
    assert broker.hlen("unacked") == 1  # taken, never acknowledged

    with celery_worker("survivor", log, visibility_timeout=5, web=web):
        wait_for(
            lambda: Article.objects.get(pk=article.pk).job_status == Article.Status.DONE,
            timeout=WAIT,
            what=f"the redelivered fetch and its extraction\n{tail(log)}",
        )
        wait_for(lambda: queue_drained(broker), timeout=WAIT, what="the queue to drain")

    article.refresh_from_db()
    assert web.hits("/slow") == 2  # once in the killed worker, once after redelivery
    assert Article.objects.filter(url=url).count() == 1
    spans = {(c.start, c.end) for c in extract(article.body).claims}
    assert article.claims.count() == len(spans) > 0
    assert not article.claims.values("start", "end").annotate(n=Count("id")).filter(n__gt=1)
    created = Claim.history.filter(article_id=article.pk, history_type="+").count()
    assert created == len(spans)  # every claim was inserted exactly once


def test_a_task_whose_pool_process_is_killed_is_requeued_by_its_worker_and_completes_once(
    celery_on_redis: Celery,
    broker: "redis.Redis[bytes]",
    web: LocalWeb,
    reviewer: User,
    tmp_path: Path,
) -> None:
    page = html_page("Figures", ["The ministry counted 10,000 troops."])
    stall = Stall()
    url = web.add("/evidence", Reply(body=page, stall=stall), Reply(body=page))
    source = source_add(claim=ClaimFactory(), actor=reviewer, url=url)
    log = tmp_path / "worker.log"

    # An hour of visibility timeout: only reject_on_worker_lost can bring the task back.
    with celery_worker("steady", log, visibility_timeout=3600, web=web) as steady:
        assert stall.arrived.wait(WAIT), tail(log)
        children = pool_processes(steady.pid)
        assert len(children) == 1, children
        os.kill(children[0], signal.SIGKILL)
        stall.release.set()
        wait_for(
            lambda: Source.objects.get(pk=source.pk).snapshot_status != "pending",
            timeout=WAIT,
            what=f"the requeued snapshot\n{tail(log)}",
        )
        wait_for(lambda: queue_drained(broker), timeout=WAIT, what="the queue to drain")
        assert steady.poll() is None  # the worker itself lived on

    source.refresh_from_db()
    assert source.snapshot_status == Source.SnapshotStatus.OK, source.failure_reason
    assert "10,000 troops" in source.snapshot_text
    assert web.hits("/evidence") == 2
    assert Source.objects.filter(url=url).count() == 1
    assert source.history.filter(history_change_reason=SNAPSHOT_REASON).count() == 1
    assert "WorkerLostError" in tail(log)
