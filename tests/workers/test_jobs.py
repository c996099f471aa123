"""The fetch and snapshot jobs, run in-process (Celery's eager mode) against the local web.

These cover the rules inside the jobs: idempotency, duplicates, what is retried and what
is recorded at once, and the periodic recheck. tests/workers/test_worker.py runs the same
jobs on a real worker and broker.
"""

import hashlib
from datetime import timedelta
from typing import Any

import pytest
from celery.schedules import crontab
from django.conf import settings
from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone

from factcheck.articles.models import Article
from factcheck.articles.services import (
    STALLED_AFTER,
    ArticleText,
    article_create,
    article_create_from_url,
    article_fetch,
    article_note_retry,
    article_retry,
    articles_requeue_stalled,
)
from factcheck.articles.tasks import fetch_article_task, requeue_stalled_articles_task
from factcheck.celery import app as celery_app
from factcheck.claims.models import Source
from factcheck.claims.services import (
    SNAPSHOT_REASON,
    source_add,
    source_note_retry,
    source_snapshot,
    sources_recheck,
)
from factcheck.claims.tasks import recheck_sources_task, snapshot_source_task
from factcheck.fetch import HostNotFound, TemporaryFetchError
from tests.factories import ArticleFactory, ClaimFactory, SourceFactory
from tests.localweb import LocalWeb, Reply, html_page

pytestmark = pytest.mark.django_db

TEXT = (
    "Defence ministers met in Minsk on Monday. More than 10,000 troops took part in the "
    "drills, the ministry said. It was the largest exercise since 1981."
)
PAGE = html_page("Drills in Minsk", TEXT.split(". "), site="Minsk Daily")


@pytest.fixture
def run_on_commit(django_capture_on_commit_callbacks: Any) -> Any:
    """Run the jobs queued on commit, in-process, including the jobs they queue."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def add_url(reviewer: User, run_on_commit: Any, url: str) -> Article:
    with run_on_commit():
        article, _ = article_create_from_url(actor=reviewer, url=url)
    article.refresh_from_db()
    return article


# Articles from URLs


def test_an_article_url_is_fetched_stored_and_its_claims_extracted(
    web: LocalWeb, allow_local: None, reviewer: User, run_on_commit: Any
) -> None:
    article = add_url(reviewer, run_on_commit, web.add("/news", Reply(body=PAGE)))
    assert article.job_status == Article.Status.DONE, article.job_error
    assert article.title == "Drills in Minsk"
    assert article.publisher == "Minsk Daily"
    assert article.input_kind == Article.InputKind.URL
    assert "10,000 troops" in article.body
    assert article.raw == PAGE
    assert article.content_hash
    assert article.claims.filter(quote__contains="10,000 troops").exists()


def test_a_title_given_by_the_reviewer_is_kept(
    web: LocalWeb, allow_local: None, reviewer: User, run_on_commit: Any
) -> None:
    with run_on_commit():
        article, _ = article_create_from_url(
            actor=reviewer, url=web.add("/news", Reply(body=PAGE)), title="Minsk drills (AP)"
        )
    article.refresh_from_db()
    assert article.title == "Minsk drills (AP)"


def test_a_plain_text_page_becomes_the_article_body_as_is(
    web: LocalWeb, allow_local: None, reviewer: User, run_on_commit: Any
) -> None:
    url = web.add("/a.txt", Reply(body=TEXT, content_type="text/plain; charset=utf-8"))
    article = add_url(reviewer, run_on_commit, url)
    assert article.body == TEXT
    assert article.job_status == Article.Status.DONE


def test_fetching_an_article_twice_changes_nothing(
    web: LocalWeb, allow_local: None, reviewer: User, run_on_commit: Any
) -> None:
    article = add_url(reviewer, run_on_commit, web.add("/news", Reply(body=PAGE)))
    before = (article.updated_at, article.claims.count())
    with run_on_commit() as callbacks:
        fetch_article_task.delay(article.pk)
    article.refresh_from_db()
    assert (article.updated_at, article.claims.count()) == before
    assert web.hits("/news") == 1
    assert callbacks == []


def test_a_fetch_delivered_again_after_the_text_was_stored_queues_the_extraction_again(
    reviewer: User, run_on_commit: Any
) -> None:
    # The worker died between storing the text and queueing the extraction.
    article = ArticleFactory(
        url="https://example.org/a",
        body=TEXT,
        job_status=Article.Status.RUNNING,
        input_kind=Article.InputKind.URL,
    )
    with run_on_commit():
        article_fetch(article_id=article.pk)
    article.refresh_from_db()
    assert article.job_status == Article.Status.DONE
    assert article.claims.exists()


def test_resubmitting_the_same_url_leads_to_the_existing_article(
    web: LocalWeb, allow_local: None, reviewer: User, run_on_commit: Any
) -> None:
    url = web.add("/news", Reply(body=PAGE))
    first = add_url(reviewer, run_on_commit, url)
    with run_on_commit():
        again, created = article_create_from_url(actor=reviewer, url=url)
    assert (again.pk, created) == (first.pk, False)
    assert web.hits("/news") == 1


def test_the_same_text_at_a_new_url_points_the_reviewer_to_the_existing_article(
    web: LocalWeb, allow_local: None, reviewer: User, run_on_commit: Any
) -> None:
    with run_on_commit():
        original, _ = article_create(actor=reviewer, text=ArticleText(body=TEXT))
    copy_url = web.add("/syndicated", Reply(body=TEXT, content_type="text/plain"))
    copy = add_url(reviewer, run_on_commit, copy_url)
    assert copy.job_status == Article.Status.FAILED
    assert copy.duplicate_of == original
    assert copy.job_error.startswith(f"Same text as article {original.pk}")
    assert (copy.body, copy.content_hash) == ("", "")
    assert not copy.claims.exists()
    assert Article.objects.filter(content_hash=original.content_hash).count() == 1


def test_pasting_the_text_of_a_fetched_article_leads_to_that_article(
    web: LocalWeb, allow_local: None, reviewer: User, run_on_commit: Any
) -> None:
    fetched = add_url(
        reviewer, run_on_commit, web.add("/a.txt", Reply(body=TEXT, content_type="text/plain"))
    )
    with run_on_commit():
        pasted, created = article_create(actor=reviewer, text=ArticleText(body=" " + TEXT + "\n"))
    assert (pasted.pk, created) == (fetched.pk, False)


@pytest.mark.parametrize(
    ("reply", "message"),
    [
        (Reply(body=b"\x89PNG", content_type="image/png"), "image/png content, not a web page"),
        (Reply(status=403, body="no"), "403 Forbidden"),
        (Reply(status=404, body="no"), "The page is gone"),
        (Reply(body="<html><body></body></html>"), "No article text could be found"),
    ],
)
def test_a_page_that_cannot_be_an_article_fails_at_once_with_a_clear_message(
    web: LocalWeb,
    allow_local: None,
    reviewer: User,
    run_on_commit: Any,
    reply: Reply,
    message: str,
) -> None:
    article = add_url(reviewer, run_on_commit, web.add("/x", reply))
    assert article.job_status == Article.Status.FAILED
    assert message in article.job_error
    assert web.hits("/x") == 1  # not retried


def test_a_page_over_the_size_cap_is_refused(
    web: LocalWeb, allow_local: None, settings: Any, reviewer: User, run_on_commit: Any
) -> None:
    settings.FETCH_MAX_BYTES = 1000
    article = add_url(reviewer, run_on_commit, web.add("/big", Reply(body="x" * 5000)))
    assert article.job_status == Article.Status.FAILED
    assert "larger than the limit of 1,000 bytes" in article.job_error


def test_a_host_name_not_found_is_retried_with_a_will_retry_note_before_it_is_final(
    reviewer: User, run_on_commit: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A DNS failure is mostly the resolver, not a vanished site: retried like a timeout."""
    from factcheck.articles import services
    from factcheck.articles.services import fetching

    def no_such_host(url: str, policy: Any) -> Any:
        raise HostNotFound("The host name news.example could not be found.", url=url)

    notes: list[str] = []
    note = services.article_note_retry

    def noted(*, article_id: int, error: Any) -> None:
        notes.append(str(error))
        note(article_id=article_id, error=error)

    monkeypatch.setattr(fetching, "fetch", no_such_host)
    monkeypatch.setattr(services, "article_note_retry", noted)
    article = add_url(reviewer, run_on_commit, "https://news.example/story")
    assert notes[0] == "The host name news.example could not be found. Will retry (attempt 2 of 6)."
    assert len(notes) == 5
    assert article.job_status == Article.Status.FAILED
    assert "gave up after 6 attempts" in article.job_error


def test_a_site_that_keeps_failing_is_recorded_on_the_article_after_the_last_retry(
    web: LocalWeb, allow_local: None, reviewer: User, run_on_commit: Any
) -> None:
    article = add_url(reviewer, run_on_commit, web.add("/down", Reply(status=503, body="down")))
    assert article.job_status == Article.Status.FAILED
    assert "503 Service Unavailable" in article.job_error
    assert "gave up after 6 attempts" in article.job_error
    assert "Will retry" not in article.job_error
    assert web.hits("/down") == 6


def test_while_a_fetch_is_retried_the_reviewer_sees_why(reviewer: User) -> None:
    running = ArticleFactory(body="", content_hash="", job_status=Article.Status.RUNNING)
    done = ArticleFactory()
    for article in (running, done):
        article_note_retry(article_id=article.pk, error="The site had a problem. Trying again.")
        article.refresh_from_db()
    assert running.job_error == "The site had a problem. Trying again."
    assert done.job_error == ""


def test_a_failed_fetch_can_be_retried_by_the_reviewer(
    web: LocalWeb, allow_local: None, reviewer: User, run_on_commit: Any
) -> None:
    url = web.add("/late", Reply(status=404, body="not yet"))
    article = add_url(reviewer, run_on_commit, url)
    assert article.job_status == Article.Status.FAILED
    web.add("/late", Reply(body=PAGE))
    with run_on_commit():
        article_retry(article=article, actor=reviewer)
    article.refresh_from_db()
    assert article.job_status == Article.Status.DONE
    assert (article.job_error, article.claims.exists()) == ("", True)


# Source snapshots


def test_a_source_snapshot_is_taken_once(
    web: LocalWeb, allow_local: None, reviewer: User, run_on_commit: Any
) -> None:
    url = web.add("/evidence", Reply(body=PAGE))
    with run_on_commit():
        source = source_add(claim=ClaimFactory(), actor=reviewer, url=url)
    source.refresh_from_db()
    assert source.snapshot_status == Source.SnapshotStatus.OK
    assert source.sha256 == hashlib.sha256(PAGE.encode()).hexdigest()
    assert source.version == 1  # the worker's save is no edit: no false conflict for editors
    snapshot = (source.fetched_at, source.updated_at)

    snapshot_source_task.delay(source.pk)
    source.refresh_from_db()
    assert (source.fetched_at, source.updated_at) == snapshot
    assert web.hits("/evidence") == 1
    assert source.history.filter(history_change_reason=SNAPSHOT_REASON).count() == 1


def test_a_page_without_main_text_is_archived_with_all_its_text(
    web: LocalWeb, allow_local: None, reviewer: User, run_on_commit: Any
) -> None:
    table = (
        "<html><head><title>Figures</title></head><body>"
        "<table><tr><td>Troops</td><td>10,000</td></tr></table></body></html>"
    )
    with run_on_commit():
        source = source_add(
            claim=ClaimFactory(), actor=reviewer, url=web.add("/t", Reply(body=table))
        )
    source.refresh_from_db()
    assert source.snapshot_status == Source.SnapshotStatus.OK
    assert source.snapshot_title == "Figures"
    assert "10,000" in source.snapshot_text


def test_a_source_that_is_already_gone_is_marked_dead(
    web: LocalWeb, allow_local: None, reviewer: User, run_on_commit: Any
) -> None:
    url = web.add("/gone", Reply(status=410, body="gone"))
    with run_on_commit():
        source = source_add(claim=ClaimFactory(), actor=reviewer, url=url)
    source.refresh_from_db()
    assert source.snapshot_status == Source.SnapshotStatus.DEAD
    assert source.http_status == 410
    assert "410 Gone" in source.failure_reason


def test_a_source_that_keeps_failing_is_recorded_failed_after_the_last_retry(
    web: LocalWeb, allow_local: None, reviewer: User, run_on_commit: Any
) -> None:
    url = web.add("/down", Reply(status=500, body="oops"))
    with run_on_commit():
        source = source_add(claim=ClaimFactory(), actor=reviewer, url=url)
    source.refresh_from_db()
    assert source.snapshot_status == Source.SnapshotStatus.FAILED
    assert "500 Internal Server Error" in source.failure_reason
    assert "gave up after 6 attempts" in source.failure_reason
    assert "Will retry" not in source.failure_reason
    assert web.hits("/down") == 6


def test_while_a_snapshot_is_retried_the_reviewer_sees_why() -> None:
    waiting = SourceFactory()
    archived_source = SourceFactory(snapshot_status=Source.SnapshotStatus.OK)
    for source in (waiting, archived_source):
        source_note_retry(source_id=source.pk, error="Could not connect. Trying again.")
        source.refresh_from_db()
    assert waiting.failure_reason == "Could not connect. Trying again."
    assert (waiting.snapshot_status, waiting.version) == (Source.SnapshotStatus.PENDING, 1)
    assert archived_source.failure_reason == ""


def test_a_temporary_failure_leaves_the_source_pending_for_the_retry(
    web: LocalWeb, allow_local: None
) -> None:
    source = SourceFactory(url=web.add("/down", Reply(status=502, body="")))
    with pytest.raises(TemporaryFetchError):
        source_snapshot(source_id=source.pk)
    source.refresh_from_db()
    assert source.snapshot_status == Source.SnapshotStatus.PENDING


# The periodic recheck


def archived(url: str, **extra: Any) -> Source:
    """A source archived three days ago and last checked two days ago."""
    fields: dict[str, Any] = {
        "snapshot_status": Source.SnapshotStatus.OK,
        "sha256": "a" * 64,
        "snapshot_text": "The archived words.",
        "fetched_at": timezone.now() - timedelta(days=3),
        "last_checked_at": timezone.now() - timedelta(days=2),
    }
    return SourceFactory(url=url, **{**fields, **extra})


def test_the_recheck_marks_a_link_that_went_dead_and_keeps_the_archive(
    web: LocalWeb, allow_local: None, run_on_commit: Any
) -> None:
    source = archived(web.add("/was-here", Reply(status=404, body="gone")))
    with run_on_commit():
        assert sources_recheck() == 1
    source.refresh_from_db()
    assert source.snapshot_status == Source.SnapshotStatus.DEAD
    assert "The link went dead" in source.failure_reason
    assert (source.snapshot_text, source.sha256) == ("The archived words.", "a" * 64)
    assert source.last_checked_at > timezone.now() - timedelta(minutes=5)


def test_the_recheck_of_a_live_page_keeps_the_archive_as_it_was_cited(
    web: LocalWeb, allow_local: None, run_on_commit: Any
) -> None:
    source = archived(web.add("/changed", Reply(body=PAGE)))
    with run_on_commit():
        recheck_sources_task.delay()
    source.refresh_from_db()
    assert source.snapshot_status == Source.SnapshotStatus.OK
    assert (source.snapshot_text, source.sha256) == ("The archived words.", "a" * 64)
    assert web.hits("/changed") == 1


def test_the_recheck_does_not_call_a_link_dead_because_the_site_is_down(
    web: LocalWeb, allow_local: None, run_on_commit: Any
) -> None:
    source = archived(web.add("/flaky", Reply(status=503, body="")))
    with run_on_commit():
        sources_recheck()
    source.refresh_from_db()
    assert source.snapshot_status == Source.SnapshotStatus.OK
    assert source.failure_reason == ""


def test_a_dead_link_that_came_back_is_archived_again(
    web: LocalWeb, allow_local: None, run_on_commit: Any
) -> None:
    source = archived(web.add("/back", Reply(body=PAGE)))
    Source.objects.filter(pk=source.pk).update(
        snapshot_status=Source.SnapshotStatus.DEAD, failure_reason="The link went dead"
    )
    with run_on_commit():
        sources_recheck()
    source.refresh_from_db()
    assert (source.snapshot_status, source.failure_reason) == (Source.SnapshotStatus.OK, "")


def test_a_source_never_archived_gets_its_snapshot_from_the_recheck(
    web: LocalWeb, allow_local: None, run_on_commit: Any
) -> None:
    source = SourceFactory(url=web.add("/late", Reply(body=PAGE)))
    with run_on_commit():
        sources_recheck()
    source.refresh_from_db()
    assert source.snapshot_status == Source.SnapshotStatus.OK
    assert source.sha256 == hashlib.sha256(PAGE.encode()).hexdigest()


def test_the_recheck_covers_sources_of_claims_in_progress_not_checked_recently(
    django_capture_on_commit_callbacks: Any,
) -> None:
    now = timezone.now()
    due = [
        archived("https://example.org/new"),
        archived("https://example.org/checking", claim=ClaimFactory(status="checking")),
        archived("https://example.org/awaiting", claim=ClaimFactory(status="awaiting_approval")),
    ]
    archived("https://example.org/published", claim=ClaimFactory(status="published"))
    archived(
        "https://example.org/dismissed",
        claim=ClaimFactory(status="dismissed", dismiss_reason="Opinion"),
    )
    archived("https://example.org/recent", last_checked_at=now - timedelta(hours=2))
    with django_capture_on_commit_callbacks() as queued:
        assert sources_recheck() == 3
    assert sorted(job.args[0] for job in queued) == sorted(s.pk for s in due)
    assert all(job.keywords == {"recheck": True} for job in queued)


def test_running_the_recheck_twice_rechecks_each_source_once(
    web: LocalWeb, allow_local: None, run_on_commit: Any
) -> None:
    archived(web.add("/page", Reply(body=PAGE)))
    with run_on_commit():
        assert sources_recheck() == 1
    with run_on_commit() as callbacks:
        assert sources_recheck() == 0
    assert callbacks == []
    assert web.hits("/page") == 1


# Jobs lost on the way


def stale(article: Article) -> Article:
    Article.objects.filter(pk=article.pk).update(updated_at=timezone.now() - timedelta(hours=2))
    return article


def test_articles_whose_job_was_lost_are_queued_again_and_finish(
    web: LocalWeb, allow_local: None, run_on_commit: Any
) -> None:
    # Neither job ever reached the broker: nothing ran the on-commit hooks.
    by_url = stale(
        ArticleFactory(
            body="",
            content_hash="",
            url=web.add("/lost", Reply(body=PAGE)),
            input_kind=Article.InputKind.URL,
            job_status=Article.Status.PENDING,
        )
    )
    pasted = stale(ArticleFactory(body=TEXT, job_status=Article.Status.RUNNING))
    with run_on_commit():
        assert requeue_stalled_articles_task.delay().get() == 2
    for article in (by_url, pasted):
        article.refresh_from_db()
        assert article.job_status == Article.Status.DONE
        assert article.claims.exists()


def test_recent_finished_and_failed_articles_are_not_queued_again(
    django_capture_on_commit_callbacks: Any,
) -> None:
    ArticleFactory(body=TEXT, job_status=Article.Status.PENDING)  # just queued
    stale(ArticleFactory(job_status=Article.Status.DONE))
    stale(ArticleFactory(job_status=Article.Status.FAILED, job_error="403"))
    with django_capture_on_commit_callbacks() as queued:
        assert articles_requeue_stalled() == 0
    assert queued == []


def test_a_stalled_article_is_queued_again_once_per_stall_period_not_on_every_sweep(
    django_capture_on_commit_callbacks: Any,
) -> None:
    stale(ArticleFactory(body=TEXT, job_status=Article.Status.PENDING))
    with django_capture_on_commit_callbacks() as first:
        assert articles_requeue_stalled() == 1
    with django_capture_on_commit_callbacks() as second:
        assert articles_requeue_stalled() == 0
    assert len(first) == 1
    assert second == []


# How the jobs are declared and scheduled


@pytest.mark.parametrize("task", [fetch_article_task, snapshot_source_task])
def test_fetch_tasks_ack_late_and_retry_only_temporary_fetch_errors(task: Any) -> None:
    assert task.acks_late and task.reject_on_worker_lost
    assert task.autoretry_for == (TemporaryFetchError,)
    assert task.retry_backoff and task.retry_jitter
    assert task.max_retries == 5
    assert 0 < task.soft_time_limit < task.time_limit


def test_celery_beat_requeues_stalled_articles_every_five_minutes() -> None:
    entry = settings.CELERY_BEAT_SCHEDULE["requeue-stalled-articles"]
    assert entry["task"] == requeue_stalled_articles_task.name
    assert entry["schedule"].minute == set(range(0, 60, 5))
    assert requeue_stalled_articles_task.name in celery_app.tasks


def test_celery_beat_rechecks_sources_daily() -> None:
    entry = settings.CELERY_BEAT_SCHEDULE["recheck-sources-daily"]
    assert entry["task"] == recheck_sources_task.name
    assert isinstance(entry["schedule"], crontab)
    assert entry["schedule"].hour == {3}
    assert recheck_sources_task.name in celery_app.tasks


def test_redis_redelivers_a_lost_task_after_ten_minutes_longer_than_any_task_runs() -> None:
    visibility = settings.CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"]
    assert visibility == 600
    # The longest hard time limit plus the longest retry countdown fits well inside it.
    longest = max(
        settings.CELERY_TASK_TIME_LIMIT,
        *(task.time_limit or 0 for task in celery_app.tasks.values()),
    )
    assert longest + 2**4 < visibility
    assert settings.CELERY_TASK_ACKS_LATE and settings.CELERY_TASK_REJECT_ON_WORKER_LOST


def test_a_stalled_article_is_requeued_only_after_redis_would_have_redelivered_its_task() -> None:
    visibility = settings.CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"]
    assert STALLED_AFTER.total_seconds() > visibility + settings.CELERY_TASK_TIME_LIMIT


# Where the reviewer and the admin see the jobs


def test_the_admin_shows_why_an_article_failed_and_which_article_it_duplicates(
    admin_client: Client,
) -> None:
    original = ArticleFactory(title="The original")
    copy = ArticleFactory(
        body="",
        content_hash="",
        url="https://example.org/copy",
        job_status=Article.Status.FAILED,
        job_error=f"Same text as article {original.pk}",
        duplicate_of=original,
    )
    listing = admin_client.get("/admin/articles/article/?job_status__exact=failed")
    page = admin_client.get(f"/admin/articles/article/{copy.pk}/change/")
    assert f"Same text as article {original.pk}" in listing.content.decode()
    assert "The original" in page.content.decode()
    assert f"/admin/articles/article/{original.pk}/change/" in page.content.decode()


def test_the_admin_shows_snapshot_status_and_failure(admin_client: Client) -> None:
    source = SourceFactory(
        snapshot_status=Source.SnapshotStatus.FAILED,
        failure_reason="Refused to fetch 10.0.0.1, a private address",
    )
    listing = admin_client.get("/admin/claims/source/")
    claim_page = admin_client.get(f"/admin/claims/claim/{source.claim_id}/change/")
    for response in (listing, claim_page):
        text = response.content.decode()
        assert "Refused to fetch 10.0.0.1, a private address" in text
        assert "Failed" in text
