"""Hostile text typed into every field and fetched from a hostile page never runs in Chromium.

A reviewer pastes an article whose text and title carry script and attribute-breaking
payloads, edits a claim's statement and claimant to them, comments them, cites a source
whose title is one and whose page (served on 127.0.0.1, fetched by the real fetcher) is
full of them, drafts a verdict with them, and adds the hostile page as an article by its
address. Every page is then visited, hovered and tabbed through: no dialog may open, and
the browser reports no CSP violation or script error.
"""

import re
from typing import Any

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import Page, expect

from factcheck.articles.models import Article
from factcheck.claims.models import Claim, Source
from tests.browser.conftest import DESKTOP, Watched, log_in
from tests.localweb import LocalWeb, Reply
from tests.security.hostile import HOSTILE, HOSTILE_PAGE, SUMMARY

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ARTICLE = (
    "The ministry said 10,000 troops took part in the drills on Monday.\n\n"
    f"{HOSTILE}\n\n"
    "Officials said the exercise was the largest ever held in the region."
)


@pytest.fixture
def hostile_site(web: LocalWeb, allow_local: None) -> str:
    """A page full of payloads on 127.0.0.1, which the fetcher may reach in tests only."""
    return web.add("/hostile", Reply(body=HOSTILE_PAGE))


@pytest.fixture
def browser_page(new_context: Any) -> tuple[Page, list[str], Watched]:
    """A page that records (and dismisses) every dialog, and every CSP violation."""
    page = new_context(viewport=DESKTOP).new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    return page, dialogs, Watched(page)


def poke(page: Page) -> None:
    """What a person does on a page: hover what is there, move the focus around."""
    for element in page.locator("main mark, main a, main h1, main li, main p").all()[:60]:
        if element.is_visible():
            element.hover()
    for _ in range(8):
        page.keyboard.press("Tab")


def test_hostile_text_in_every_field_never_runs_in_the_browser(
    browser_page: tuple[Page, list[str], Watched],
    live_server: Any,
    reviewer: User,
    hostile_site: str,
) -> None:
    page, dialogs, watched = browser_page
    log_in(page, live_server, "rita")

    # An article pasted with payloads in its title and text; its claims are extracted.
    page.goto(f"{live_server.url}/articles/new/")
    page.get_by_label("Title").fill(HOSTILE[:300])
    page.get_by_label("Text").fill(ARTICLE)
    page.get_by_role("button", name="Add article").click()
    expect(page).to_have_url(re.compile(r"/articles/\d+/$"))
    article_url = page.url
    expect(page.locator("[data-article-body]")).to_contain_text("<script>alert('xss-1')</script>")

    # A claim of it: statement and claimant, a comment, a source, a draft verdict.
    page.get_by_role("complementary").get_by_role("link").first.click()
    expect(page).to_have_url(re.compile(r"/claims/\d+/"))
    claim_url = page.url.split("#")[0]
    page.get_by_label("Statement").fill(HOSTILE)
    page.get_by_label("Claimant", exact=True).fill(HOSTILE[:200])
    page.get_by_role("button", name="Save changes").click()
    expect(page.get_by_role("status")).to_contain_text("Claim saved.")
    page.get_by_label("Comment", exact=True).fill(HOSTILE)
    page.get_by_role("button", name="Add comment").click()
    expect(page.locator("#comments")).to_contain_text("onerror=alert")
    page.get_by_label("Source URL").fill(hostile_site)
    page.get_by_label("Source title").fill(HOSTILE[:300])
    page.get_by_label("Excerpt").fill(HOSTILE)
    page.get_by_role("button", name="Add source").click()
    expect(page.get_by_role("status")).to_contain_text("Source added")
    source = Source.objects.get()
    assert source.snapshot_status == Source.SnapshotStatus.OK, source.failure_reason
    assert "<script>alert('xss-1')</script>" in source.snapshot_title + source.snapshot_text
    page.get_by_label("Rating").select_option(label="False")
    page.get_by_label("Summary").fill(SUMMARY)
    page.get_by_label("Explanation").fill(HOSTILE)
    page.get_by_role("button", name="Save draft").click()
    expect(page.get_by_role("status")).to_contain_text("Draft verdict saved.")
    assert Claim.objects.get(statement=HOSTILE).comments.exists()

    # The hostile page added as an article by its address: the fetcher reads it.
    page.goto(f"{live_server.url}/articles/new/")
    page.get_by_label("URL").fill(hostile_site)
    page.get_by_role("button", name="Add article").click()
    expect(page).to_have_url(re.compile(r"/articles/\d+/$"))
    fetched = Article.objects.get(url=hostile_site)
    assert fetched.job_status == Article.Status.DONE, fetched.job_error
    assert "<script>alert('xss-1')</script>" in fetched.title + fetched.body

    # Every page with the payloads on it, looked at and poked.
    for url in (
        article_url,
        claim_url,
        f"{live_server.url}/sources/{source.pk}/archive/",
        page.url,  # the fetched article
        f"{live_server.url}/claims/?q=alert",
        f"{live_server.url}/articles/",
        f"{live_server.url}/",
    ):
        page.goto(url)
        expect(page.locator("main")).to_be_visible()
        poke(page)

    assert dialogs == []
    assert watched.problems == []

    # The listener itself works: a dialog that does open is seen.
    with page.expect_event("dialog"):
        page.evaluate("() => setTimeout(() => alert('probe'), 0)")
    assert dialogs == ["probe"]
