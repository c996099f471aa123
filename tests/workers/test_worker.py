"""URL ingestion and source snapshots run by a real Celery worker on Redis and PostgreSQL.

The local web on 127.0.0.1 stands in for the internet; it is reachable only because each
test puts 127.0.0.1 on the fetcher's test allow-list (or, to show a refusal, does not).
"""

import hashlib
from typing import Any

import pytest
from celery.worker import WorkController
from django.contrib.auth.models import User

from factcheck.articles.models import Article
from factcheck.articles.services import article_create_from_url
from factcheck.claims.models import Source
from factcheck.claims.services import source_add
from tests.factories import ClaimFactory
from tests.localweb import LocalWeb, Reply, article_page, html_page, redirect, wait_for

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]

WAIT = 90.0  # seconds: generous for a loaded CI machine; a pass takes a second or two


def article_settled(article_id: int) -> bool:
    status = Article.objects.get(pk=article_id).job_status
    return status in (Article.Status.DONE, Article.Status.FAILED)


def snapshot_settled(source_id: int) -> bool:
    return Source.objects.get(pk=source_id).snapshot_status != Source.SnapshotStatus.PENDING


def test_an_article_from_a_url_ends_with_its_claims(
    worker: WorkController, web: LocalWeb, allow_local: None, reviewer: User, seed_text: str
) -> None:
    url = web.add("/world/drills", Reply(body=article_page(seed_text)))
    article, created = article_create_from_url(actor=reviewer, url=url)
    assert created
    wait_for(lambda: article_settled(article.pk), timeout=WAIT, what="the article to be done")

    article.refresh_from_db()
    assert article.job_status == Article.Status.DONE, article.job_error
    assert article.title == "Russia and China start joint military drills"
    assert article.publisher == "The Moscow Times"
    assert "More than 10,000 troops" in article.body
    assert "<p>" in article.raw
    statements = list(article.claims.values_list("quote", flat=True))
    assert any("10,000 troops" in quote for quote in statements)
    assert web.hits("/world/drills") == 1


def test_a_source_ends_with_its_snapshot(
    worker: WorkController, web: LocalWeb, allow_local: None, reviewer: User
) -> None:
    page = html_page(
        "Ministry statement on the drills",
        ["The ministry said 10,000 troops took part in the exercise in Ningxia."],
    )
    web.add("/moved", redirect("/statement", 301))
    web.add("/statement", Reply(body=page))
    claim = ClaimFactory()
    source = source_add(claim=claim, actor=reviewer, url=web.url("/moved"), stance="supports")
    wait_for(lambda: snapshot_settled(source.pk), timeout=WAIT, what="the snapshot")

    source.refresh_from_db()
    assert source.snapshot_status == Source.SnapshotStatus.OK, source.failure_reason
    assert source.final_url == web.url("/statement")
    assert source.http_status == 200
    assert source.fetched_at is not None
    assert source.sha256 == hashlib.sha256(page.encode()).hexdigest()
    assert source.snapshot_title == "Ministry statement on the drills"
    assert "10,000 troops took part" in source.snapshot_text


def test_a_server_that_errors_twice_then_answers_is_retried_and_succeeds(
    worker: WorkController, web: LocalWeb, allow_local: None, reviewer: User, seed_text: str
) -> None:
    url = web.add(
        "/flaky",
        Reply(status=503, body="busy"),
        Reply(status=502, body="still busy"),
        Reply(body=article_page(seed_text)),
    )
    article, _ = article_create_from_url(actor=reviewer, url=url)
    wait_for(lambda: article_settled(article.pk), timeout=WAIT, what="the article to settle")

    article.refresh_from_db()
    assert article.job_status == Article.Status.DONE, article.job_error
    assert article.job_error == ""  # the notes about the retries are gone
    assert article.claims.exists()
    assert web.hits("/flaky") == 3


def test_a_redirect_to_127_0_0_1_is_refused_when_it_is_not_allow_listed(
    worker: WorkController, web: LocalWeb, settings: Any, reviewer: User
) -> None:
    # Only the name "localhost" is allowed; the page then sends the fetcher to 127.0.0.1.
    settings.FETCH_ALLOWED_PRIVATE_HOSTS = [f"localhost:{web.port}"]
    web.add("/inside", Reply(body=html_page("Internal", ["Private dashboard."])))
    url = web.add("/go", redirect(web.url("/inside")))
    article, _ = article_create_from_url(actor=reviewer, url=web.url("/go", host="localhost"))
    wait_for(lambda: article_settled(article.pk), timeout=WAIT, what="the refusal")

    article.refresh_from_db()
    assert article.job_status == Article.Status.FAILED
    assert "redirects to 127.0.0.1, a loopback address" in article.job_error
    assert article.body == ""
    assert web.hits("/go") == 1
    assert web.hits("/inside") == 0
    assert url  # the redirecting page itself was on the allowed name


def test_a_url_with_a_private_address_is_refused_for_articles_and_sources(
    worker: WorkController, reviewer: User
) -> None:
    article, _ = article_create_from_url(actor=reviewer, url="http://10.0.0.1/annual-report")
    source = source_add(claim=ClaimFactory(), actor=reviewer, url="http://192.168.1.20/memo")
    wait_for(lambda: article_settled(article.pk), timeout=WAIT, what="the article refusal")
    wait_for(lambda: snapshot_settled(source.pk), timeout=WAIT, what="the source refusal")

    article.refresh_from_db()
    source.refresh_from_db()
    assert article.job_status == Article.Status.FAILED
    assert "10.0.0.1, a private address" in article.job_error
    assert "gave up" not in article.job_error  # refused at once, never retried
    assert source.snapshot_status == Source.SnapshotStatus.FAILED
    assert "192.168.1.20, a private address" in source.failure_reason
    assert source.sha256 == ""
