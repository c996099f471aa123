"""The broker goes down while reviewers add work, and comes back: every job runs, once.

A Redis of the test's own, on a port of its range, is the broker. It is stopped while
articles (pasted, uploaded, by URL; through the web UI and the API), sources and a retry
are added; each request answers as usual and leaves its row and its job in the outbox.
Then Redis starts again with a real `celery worker -B` (beat sweeping the outbox every
second): every job runs, counted in the worker's log by its task id, which is the same
for every publish of one job.
"""

import re
import subprocess
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path

import pytest
import redis
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from rest_framework.test import APIClient

from factcheck.articles.models import Article
from factcheck.celery import app as celery_app
from factcheck.claims.models import Source
from factcheck.jobs.models import Job
from tests.factories import ArticleFactory, ClaimFactory
from tests.jobs.conftest import free_port
from tests.localweb import LocalWeb, Reply, article_page, html_page, wait_for
from tests.workers.processes import celery_worker, tail

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]

WAIT = 180.0  # seconds; a worker with beat starting on a busy 2-core machine
# Celery's line for a job it ran, or ours for one run in the task that queued it.
SUCCEEDED = re.compile(r"Task [\w.]+\[(job-\d+)\] (?:succeeded|ran here)")


@contextmanager
def redis_server(port: int, workdir: Path) -> Iterator["redis.Redis[bytes]"]:
    """A throwaway redis-server on `port`, without persistence; stopped on exit."""
    command = ["redis-server", "--port", str(port), "--bind", "127.0.0.1"]
    command += ["--save", "", "--appendonly", "no", "--dir", str(workdir)]
    process = subprocess.Popen(
        command,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.STDOUT,
    )
    client: redis.Redis[bytes] = redis.Redis(port=port, socket_timeout=5)

    def answers() -> bool:
        try:
            return bool(client.ping())
        except redis.ConnectionError:
            return False

    try:
        wait_for(answers, timeout=30, what=f"redis-server on port {port}")
        yield client
    finally:
        client.close()
        process.terminate()
        process.wait(timeout=30)


def succeeded(log: Path) -> Counter[str]:
    """How many times each job's task finished, by task id (job-<outbox id>)."""
    return Counter(SUCCEEDED.findall(log.read_text(errors="replace")) if log.exists() else [])


def test_work_added_while_the_broker_is_down_runs_once_each_when_it_is_back(
    broker_at: Callable[[str], AbstractContextManager[None]],
    web: LocalWeb,
    reviewer: User,
    seed_text: str,
    tmp_path: Path,
) -> None:
    port = free_port()
    broker_url = f"redis://127.0.0.1:{port}/0"
    with redis_server(port, tmp_path), celery_app.connection_for_write(broker_url) as conn:
        conn.ensure_connection(max_retries=3)  # the broker works...
    # ...and now it is down.

    pages = {
        name: web.add(f"/{name}", Reply(body=body))
        for name, body in {
            "web-url": article_page(seed_text),
            "api-url": html_page("Harvest", ["The harvest reached 50 million tonnes in 2020."]),
            "web-source": html_page("Figures", ["The ministry counted 10,000 troops."]),
            "api-source": html_page("Denial", ["Officials said fewer than 5,000 took part."]),
        }.items()
    }
    claim = ClaimFactory()
    failed = ArticleFactory(job_status=Article.Status.FAILED, job_error="Crashed.")
    browser, api = Client(), APIClient()
    browser.force_login(reviewer)
    api.force_authenticate(reviewer)

    with broker_at(broker_url):
        answers = {
            "web text": browser.post(
                "/articles/new/",
                {"text": "Unemployment fell to 4.2% in March, the bureau said.", "title": "Jobs"},
            ),
            "web upload": browser.post(
                "/articles/new/",
                {"file": SimpleUploadedFile("notes.txt", b"Exports rose by 12% in 2021.")},
            ),
            "web url": browser.post("/articles/new/", {"url": pages["web-url"]}),
            "api text": api.post(
                "/api/v1/articles/",
                {"text": "The city planted 30,000 trees last year, the mayor said."},
                format="json",
            ),
            "api url": api.post("/api/v1/articles/", {"url": pages["api-url"]}, format="json"),
            "web source": browser.post(
                f"/claims/{claim.pk}/sources/",
                {"url": pages["web-source"], "stance": "supports"},
            ),
            "api source": api.post(
                f"/api/v1/claims/{claim.pk}/sources/",
                {"url": pages["api-source"], "stance": "refutes"},
                format="json",
            ),
            "web retry": browser.post(f"/articles/{failed.pk}/retry/"),
        }
    statuses = {what: response.status_code for what, response in answers.items()}
    assert all(status in (200, 201, 302) for status in statuses.values()), statuses

    articles = Article.objects.all()
    sources = Source.objects.filter(claim=claim)
    assert articles.count() == 1 + 6  # the claim's own article, five new ones, the retried one
    assert sources.count() == 2
    waiting = Job.objects.undispatched()
    assert waiting.count() == len(answers)  # one job per request, none sent yet
    assert all(job.attempts == 1 and job.last_error for job in waiting)

    log = tmp_path / "worker.log"
    with (
        redis_server(port, tmp_path) as broker,
        celery_worker(
            "after-outage",
            log,
            web=web,
            visibility_timeout=600,
            broker_url=broker_url,
            beat_schedule=tmp_path / "beat-schedule",
            env={"JOBS_SWEEP_SECONDS": "1"},
        ),
    ):

        def all_done() -> bool:
            jobs = {job.task_id for job in Job.objects.all()}
            return (
                not Job.objects.undispatched().exists()
                and jobs <= set(succeeded(log))
                and broker.llen("celery") == 0
                and broker.hlen("unacked") == 0
            )

        wait_for(all_done, timeout=WAIT, what=f"every job to run\n{tail(log)}")

    runs = succeeded(log)
    jobs = list(Job.objects.all())
    assert len(jobs) > len(answers)  # the jobs that queued more (extraction, similar claims)
    assert {job.task_id: runs[job.task_id] for job in jobs} == {job.task_id: 1 for job in jobs}
    assert sum(runs.values()) == len(jobs)  # and nothing else ran
    assert all(web.hits(f"/{name}") == 1 for name in pages), dict(web.requests)
    for article in Article.objects.exclude(pk=claim.article_id):
        assert article.job_status == Article.Status.DONE, article.job_error
        assert article.claims.exists()
    assert set(sources.values_list("snapshot_status", flat=True)) == {Source.SnapshotStatus.OK}
