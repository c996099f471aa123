"""The job outbox: a job is stored with its row, sent on commit, and swept when refused.

Against the real test Redis (TEST_REDIS_URL) and a port where no broker runs; the
messages are read back from Redis to count exactly what was sent.
"""

import base64
import json
from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import Any

import psycopg
import pytest
import redis
from django.conf import settings
from django.contrib.auth.models import User
from django.db import connection, transaction

from factcheck.articles.models import Article
from factcheck.articles.services import ArticleText, article_create, article_create_from_url
from factcheck.articles.tasks import fetch_article_task
from factcheck.claims.services import source_add
from factcheck.claims.tasks import (
    extract_articles_claims_task,
    extract_claims_task,
    link_similar_claims_task,
    snapshot_source_task,
)
from factcheck.jobs.models import Job
from factcheck.jobs.services import job_dispatch, jobs_dispatch_pending
from factcheck.jobs.tasks import dispatch_jobs_task
from tests.factories import ClaimFactory
from tests.localweb import LocalWeb, Reply, article_page
from tests.workers.conftest import REDIS_URL

pytestmark = pytest.mark.django_db(transaction=True)

BrokerAt = Callable[[str], AbstractContextManager[None]]
TEXT = "More than 10,000 troops took part in the drills in Minsk, the ministry said."


def sent(broker: "redis.Redis[bytes]") -> list[tuple[str, str, list[Any]]]:
    """(task id, task name, args) of every message waiting in the default queue."""
    messages = [json.loads(raw) for raw in broker.lrange("celery", 0, -1)]
    result = []
    for message in messages:
        headers = message["headers"]
        body = json.loads(base64.b64decode(message["body"]))
        result.append((headers["id"], headers["task"], body[0]))
    return sorted(result)


def test_an_article_added_while_the_broker_is_down_keeps_its_job_in_the_outbox(
    broker_at: BrokerAt, dead_broker_url: str, reviewer: User
) -> None:
    with broker_at(dead_broker_url):
        article, created = article_create(actor=reviewer, text=ArticleText(body=TEXT))
    assert created
    job = Job.objects.get()
    assert (job.task, job.args, job.kwargs) == (
        extract_articles_claims_task.name,
        [[article.pk]],
        {},
    )
    assert job.dispatched_at is None
    assert job.attempts == 1
    assert "refused" in job.last_error.lower()
    assert Article.objects.get(pk=article.pk).job_status == Article.Status.PENDING


def test_a_job_is_sent_on_commit_when_the_broker_answers_and_marked_sent(
    broker_at: BrokerAt, broker: "redis.Redis[bytes]", reviewer: User
) -> None:
    with broker_at(REDIS_URL):
        article, _ = article_create_from_url(actor=reviewer, url="https://example.org/news/1")
    job = Job.objects.get()
    assert job.dispatched_at is not None
    assert job.attempts == 0
    assert sent(broker) == [(f"job-{job.pk}", fetch_article_task.name, [article.pk])]


def test_work_rolled_back_leaves_no_job_and_sends_nothing(
    broker_at: BrokerAt, broker: "redis.Redis[bytes]", reviewer: User
) -> None:
    def store_then_fail() -> None:
        with transaction.atomic():
            article_create(actor=reviewer, text=ArticleText(body=TEXT))
            raise RuntimeError("the request failed after storing the article")

    with broker_at(REDIS_URL), pytest.raises(RuntimeError):
        store_then_fail()
    assert not Article.objects.exists()
    assert not Job.objects.exists()
    assert sent(broker) == []


def test_the_sweep_sends_every_refused_job_once_when_the_broker_is_back(
    broker_at: BrokerAt, dead_broker_url: str, broker: "redis.Redis[bytes]", reviewer: User
) -> None:
    with broker_at(dead_broker_url):
        article, _ = article_create(actor=reviewer, text=ArticleText(body=TEXT))
        source = source_add(claim=ClaimFactory(), actor=reviewer, url="https://example.org/a")
        assert jobs_dispatch_pending() == 0  # still down: the sweep stops at the first refusal
    first, second = Job.objects.order_by("pk")
    assert (first.attempts, second.attempts) == (2, 1)

    with broker_at(REDIS_URL):
        assert jobs_dispatch_pending() == 2
        assert jobs_dispatch_pending() == 0  # nothing is sent twice
    assert not Job.objects.undispatched().exists()
    assert sent(broker) == [
        (f"job-{first.pk}", extract_articles_claims_task.name, [[article.pk]]),
        (f"job-{second.pk}", snapshot_source_task.name, [source.pk]),
    ]


def test_a_job_being_sent_by_another_process_is_skipped_not_sent_again(
    broker_at: BrokerAt, broker: "redis.Redis[bytes]"
) -> None:
    # Rows written directly: nothing on commit, as when a request committed but died
    # before its on-commit publish.
    locked = Job.objects.create(task=extract_claims_task.name, args=[1])
    free = Job.objects.create(task=extract_claims_task.name, args=[2])
    db = connection.settings_dict
    with psycopg.connect(
        host=db["HOST"], port=db["PORT"] or 5432, user=db["USER"], dbname=db["NAME"]
    ) as other:
        other.execute("SELECT id FROM jobs_job WHERE id = %s FOR UPDATE", [locked.pk])
        with broker_at(REDIS_URL):
            assert job_dispatch(job_id=locked.pk) is False
            assert jobs_dispatch_pending() == 1
        other.rollback()
    with broker_at(REDIS_URL):
        assert jobs_dispatch_pending() == 1
        assert job_dispatch(job_id=locked.pk) is False  # sent already
    assert [task_id for task_id, _, _ in sent(broker)] == sorted(
        [f"job-{free.pk}", f"job-{locked.pk}"]
    )


def test_without_a_broker_no_job_row_is_written_and_the_task_runs_in_process(
    reviewer: User, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        article, _ = article_create(actor=reviewer, text=ArticleText(body=TEXT))
    assert not Job.objects.exists()
    article.refresh_from_db()
    assert article.job_status == Article.Status.DONE
    assert article.claims.exists()


def test_celery_beat_sweeps_the_outbox_every_twenty_seconds() -> None:
    entry = settings.CELERY_BEAT_SCHEDULE["dispatch-jobs"]
    assert entry["task"] == dispatch_jobs_task.name
    assert entry["schedule"] == settings.JOBS_SWEEP_SECONDS == 20
    assert entry["options"]["expires"] <= entry["schedule"]


def test_a_batch_of_articles_shares_one_extraction_job_written_and_sent_once(
    broker_at: BrokerAt, broker: "redis.Redis[bytes]", reviewer: User
) -> None:
    from django.test.utils import CaptureQueriesContext

    from factcheck.articles.services import articles_create

    texts = [f"{TEXT} Report number {n} of the day." for n in range(5)]
    with broker_at(REDIS_URL), CaptureQueriesContext(connection) as queries:
        stored = articles_create(
            actor=reviewer, items=[{"text": ArticleText(body=text)} for text in texts]
        )
    articles = [article for article, created in stored if created]
    assert len(articles) == 5
    job = Job.objects.get()
    assert job.args == [[article.pk for article in articles]]
    assert job.dispatched_at is not None
    assert sent(broker) == [(f"job-{job.pk}", extract_articles_claims_task.name, job.args)]
    for table in ("articles_article", "articles_historicalarticle", "jobs_job"):
        inserts = [
            q for q in queries.captured_queries if q["sql"].startswith(f'INSERT INTO "{table}"')
        ]
        assert len(inserts) == 1, table
    commits = [q for q in queries.captured_queries if q["sql"] == "COMMIT"]
    assert len(commits) == 2  # the articles with their jobs, then the jobs marked sent


def test_a_batch_larger_than_a_job_takes_is_split_into_jobs_of_group_max(
    broker_at: BrokerAt, broker: "redis.Redis[bytes]", reviewer: User, monkeypatch: Any
) -> None:
    from factcheck.articles.services import articles_create
    from factcheck.jobs import services

    monkeypatch.setattr(services, "GROUP_MAX", 2)
    texts = [f"{TEXT} Report number {n} of the day." for n in range(5)]
    with broker_at(REDIS_URL):
        stored = articles_create(
            actor=reviewer, items=[{"text": ArticleText(body=text)} for text in texts]
        )
    ids = [article.pk for article, _ in stored]
    jobs = list(Job.objects.order_by("pk"))
    assert [job.args for job in jobs] == [[ids[0:2]], [ids[2:4]], [ids[4:]]]
    assert len(sent(broker)) == 3


def test_a_batch_with_one_refused_article_stores_none_and_sends_nothing(
    broker_at: BrokerAt, broker: "redis.Redis[bytes]", reviewer: User
) -> None:
    from django.core.exceptions import ValidationError

    from factcheck.articles.services import articles_create

    with broker_at(REDIS_URL), pytest.raises(ValidationError):
        articles_create(
            actor=reviewer,
            items=[{"text": ArticleText(body=TEXT)}, {"text": ArticleText(body="   ")}],
        )
    assert not Article.objects.exists() and not Job.objects.exists()
    assert sent(broker) == []


PAGE = article_page(f"{TEXT} The exercise will last until Friday, officials added.")


def test_a_fetched_article_has_its_claims_extracted_in_the_same_task_not_through_the_broker(
    broker_at: BrokerAt,
    broker: "redis.Redis[bytes]",
    reviewer: User,
    web: LocalWeb,
    allow_local: None,
) -> None:
    url = web.add("/drills", Reply(body=PAGE))
    with broker_at(REDIS_URL):
        article, _ = article_create_from_url(actor=reviewer, url=url)
        broker.delete("celery")  # the worker took the fetch job: run it as the worker does
        fetch_article_task(article.pk)
    article.refresh_from_db()
    assert article.job_status == Article.Status.DONE and article.claims.exists()
    extraction = Job.objects.get(task=extract_articles_claims_task.name)
    assert extraction.args == [[article.pk]] and extraction.dispatched_at is not None
    # Only the matching of the new claims went to the broker.
    assert [name for _, name, _ in sent(broker)] == [link_similar_claims_task.name]


def test_an_extraction_that_fails_in_the_fetching_task_is_left_to_the_sweep(
    broker_at: BrokerAt,
    broker: "redis.Redis[bytes]",
    reviewer: User,
    web: LocalWeb,
    allow_local: None,
    monkeypatch: Any,
) -> None:
    from factcheck.claims import services

    def lost(**kwargs: Any) -> None:
        raise psycopg.OperationalError("the database went away")

    url = web.add("/drills", Reply(body=PAGE))
    with broker_at(REDIS_URL):
        article, _ = article_create_from_url(actor=reviewer, url=url)
        broker.delete("celery")
        with monkeypatch.context() as patched:
            patched.setattr(services, "claims_create_from_extractions", lost)
            fetch_article_task(article.pk)  # the fetch itself succeeds
        article.refresh_from_db()
        assert article.body and article.job_status == Article.Status.RUNNING
        job = Job.objects.get(task=extract_articles_claims_task.name)
        assert job.dispatched_at is None  # still in the outbox
        assert jobs_dispatch_pending() == 1
    assert [name for _, name, _ in sent(broker)] == [extract_articles_claims_task.name]
