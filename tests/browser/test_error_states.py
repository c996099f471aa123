"""Honest states in Chromium: a failed fetch reads as a failure, offers to paste the text,
a fetch being retried says so, an archive link only where there is an archive, the source
form stays open for the next source, and a pasted article's title is seen before saving."""

import re

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import expect

from factcheck.articles.models import Article
from factcheck.claims.models import Source
from tests.browser.a11y import assert_accessible
from tests.browser.conftest import screenshot
from tests.factories import ArticleFactory, ClaimFactory, SourceFactory
from tests.localweb import LocalWeb, Reply

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Made up for these tests.
PASTED = (
    "HarbourTimes\n\n"
    "The port authority said 4,200 ships docked at Lindqvist harbour last year, "
    "a record for the town.\n"
)


def test_an_address_that_cannot_be_fetched_is_an_error_and_the_text_can_be_pasted_instead(
    open_as, live_server, reviewer: User, web: LocalWeb, allow_local: None
) -> None:
    url = web.add("/gone", Reply(status=404, body="not here"))
    rita = open_as("rita")
    rita.goto(f"{live_server.url}/articles/new/")
    rita.get_by_label("URL").fill(url)
    rita.get_by_role("button", name="Add article").click()

    expect(rita.get_by_role("alert").first).to_contain_text("could not be added")
    expect(rita.locator(".messages .msg-success")).to_have_count(0)
    expect(rita.get_by_role("status")).to_have_count(0)  # no "Article added" anywhere
    failed = rita.locator(".alert-error")
    expect(failed).to_contain_text("404")
    screenshot(rita, "article-failed")
    assert_accessible(rita, "a failed article")

    # Paste the text instead: the address is kept, and the same article gets the text.
    failed.get_by_role("link", name="Paste the text instead").click()
    expect(rita.get_by_label("URL")).to_have_value(url)
    rita.get_by_label("Text").fill(PASTED)
    rita.get_by_role("button", name="Add article").click()
    expect(rita.get_by_label("Title")).to_have_value("HarbourTimes")  # proposed, editable
    rita.get_by_label("Title").fill("Lindqvist harbour had a record year")
    rita.get_by_role("button", name="Add article").click()
    expect(rita.get_by_role("status").first).to_contain_text("Article added")
    article = Article.objects.get()
    assert (article.url, article.title) == (url, "Lindqvist harbour had a record year")
    assert article.job_status == Article.Status.DONE
    expect(rita.get_by_role("complementary")).to_contain_text("4,200 ships")


def test_a_pasted_article_shows_its_proposed_title_before_it_is_saved(
    open_as, live_server, reviewer: User
) -> None:
    rita = open_as("rita")
    rita.goto(f"{live_server.url}/articles/new/")
    rita.get_by_label("Text").fill(PASTED)
    rita.get_by_role("button", name="Add article").click()
    title = rita.get_by_label("Title")
    expect(title).to_have_value("HarbourTimes")
    expect(title).to_be_focused()
    expect(rita.get_by_role("status")).to_contain_text("We propose the title")
    expect(rita.get_by_label("Text")).to_have_value(PASTED)  # nothing lost
    assert Article.objects.count() == 0
    screenshot(rita, "article-new-title")
    # Kept as proposed, it is saved on the second press.
    rita.get_by_role("button", name="Add article").click()
    expect(rita).to_have_url(re.compile(r"/articles/\d+/$"))
    assert Article.objects.get().title == "HarbourTimes"


def test_a_fetch_that_will_be_retried_says_so(open_as, live_server, reviewer: User) -> None:
    article = ArticleFactory(
        body="",
        url="https://news.example/story",
        job_status=Article.Status.RUNNING,
        job_error="The host name news.example could not be found. "
        "Will retry (attempt 2 of 6).",
    )
    rita = open_as("rita")
    rita.goto(live_server.url + article.get_absolute_url())
    progress = rita.locator(".progress-box")
    expect(progress).to_contain_text("Fetching the article")
    expect(progress).to_contain_text("Will retry (attempt 2 of 6)")
    expect(rita.locator(".alert-error")).to_have_count(0)


def test_an_archive_link_only_for_an_archived_source_and_the_form_stays_open(
    open_as, live_server, reviewer: User, web: LocalWeb, allow_local: None
) -> None:
    claim = ClaimFactory()
    SourceFactory(
        claim=claim,
        title="Refused source",
        snapshot_status=Source.SnapshotStatus.FAILED,
        failure_reason="The site answered 403 Forbidden.",
    )
    rita = open_as("rita")
    rita.goto(live_server.url + claim.get_absolute_url())
    refused = rita.locator("li.source", has_text="Refused source")
    expect(refused).to_contain_text("403 Forbidden")
    expect(refused.get_by_role("link", name="Archived copy")).to_have_count(0)

    # Two sources in a row, no extra click between them.
    for n in (1, 2):
        url = web.add(f"/page-{n}", Reply(body=f"<html><body><p>Page {n} text.</p></body></html>"))
        rita.get_by_label("Source URL").fill(url)
        rita.get_by_label("Source title").fill(f"Page {n}")
        rita.get_by_role("button", name="Add source").click()
        expect(rita.get_by_role("status")).to_contain_text("Source added")
    archived = rita.locator("li.source", has_text="Page 2")
    expect(archived.get_by_role("link", name="Archived copy")).to_be_visible()
    assert claim.sources.count() == 3
