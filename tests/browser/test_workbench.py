"""The reviewers' workbench in Debian's Chromium: from a pasted article to a published verdict.

Two people (a reviewer and an editor) each in their own browser, on the seed article, through
the real pages; every page is also checked for CSP violations and script errors, and the
main ones are saved to build/screenshots/ (`make screenshots`: docs/screenshots/, for the README).
"""

import json
import re
from typing import Any

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import Page, expect

from factcheck.articles.models import Article
from factcheck.claims import services
from factcheck.claims.models import Claim, Rating, Source, Verdict
from factcheck.claims.services import claims_create_from_extraction
from tests.browser.conftest import screenshot, select_text
from tests.factories import ArticleFactory, ClaimFactory, ensure_source, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TROOPS = "More than 10,000 troops"
SELECTED = "Zapad/Interaction 2021 comes amid the withdrawal of U.S.-led forces from Afghanistan"
SUMMARY = "About 10,000 took part: “more than” is not what the ministry said."


def add_article(page: Page, live_server: Any, title: str, text: str) -> None:
    page.goto(f"{live_server.url}/articles/new/")
    page.get_by_label("Title").fill(title)
    page.get_by_label("Text").fill(text)
    page.get_by_role("button", name="Add article").click()


def test_a_pasted_article_goes_all_the_way_to_a_published_verdict(
    open_as, live_server, reviewer: User, editor: User, seed_text: str, source_site: str
) -> None:
    rita = open_as("rita")
    screenshot(rita, "dashboard")

    # 2. The article, pasted; extraction runs and the claims appear.
    rita.goto(f"{live_server.url}/articles/new/")
    screenshot(rita, "article-new")
    add_article(rita, live_server, "Russia and China kick off joint military exercises", seed_text)
    expect(rita).to_have_url(re.compile(r"/articles/\d+/$"))
    article_url = rita.url
    claims_panel = rita.get_by_role("complementary")
    expect(claims_panel.get_by_role("link", name=re.compile(TROOPS))).to_be_visible()
    article = Article.objects.get()
    assert article.claims.count() >= 5

    # 3. Claims highlighted in place, coloured by status; boilerplate greyed out.
    troops = article.claims.get(quote__startswith=TROOPS)
    mark = rita.locator(f"mark[data-claim-id='{troops.pk}']").first
    expect(mark).to_contain_text(TROOPS)
    expect(mark).to_have_class(re.compile(r"\bstatus-new\b"))
    expect(rita.locator("[data-article-body] .boilerplate").first).to_contain_text(
        "A Message from The Moscow Times"
    )

    # The same text again leads to the article we have.
    add_article(rita, live_server, "A copy", seed_text)
    expect(rita).to_have_url(article_url)
    expect(rita.get_by_role("status")).to_contain_text("already here")
    assert Article.objects.count() == 1

    # Select words, press "Add claim": a human claim, highlighted like the others.
    select_text(rita, SELECTED)
    expect(rita.locator("[data-selection-hint]")).to_contain_text("Selected:")
    rita.get_by_role("button", name="Add claim").click()
    expect(rita.get_by_role("heading", name="Check the new claim")).to_be_visible()
    rita.get_by_role("button", name="Save claim").click()
    expect(rita.get_by_role("status")).to_contain_text("Claim added")
    human = Claim.objects.get(origin=Claim.Origin.HUMAN)
    assert human.quote == SELECTED and human.created_by == reviewer
    expect(rita.locator(f"mark[data-claim-id='{human.pk}']")).to_have_text(SELECTED)
    screenshot(rita, "article")

    # 4. The claim page: context, edit, facts and reasons, sources, verdict, comments.
    claims_panel = rita.get_by_role("complementary")
    claims_panel.get_by_role("link", name=re.compile(TROOPS)).click()
    expect(rita.locator("blockquote.in-context mark")).to_contain_text(TROOPS)
    expect(rita.get_by_role("heading", name="Facts found")).to_be_visible()
    rita.get_by_label("Statement").fill(
        "More than 10,000 troops took part in the Zapad/Interaction 2021 drills"
    )
    rita.get_by_label("Claimant", exact=True).fill("Russian Defense Ministry")
    rita.get_by_role("button", name="Save changes").click()
    expect(rita.get_by_role("status")).to_contain_text("Claim saved.")

    rita.get_by_label("Source URL").fill(source_site)
    rita.get_by_label("Source title").fill("Ministry of Defence press release")
    rita.get_by_label("Excerpt").fill("About 10,000 servicemen of the two countries")
    rita.get_by_label("Stance").select_option(label="Refutes")
    rita.get_by_role("button", name="Add source").click()
    expect(rita.get_by_role("status")).to_contain_text("Source added")
    source = Source.objects.get()
    assert source.snapshot_status == Source.SnapshotStatus.OK, source.failure_reason
    expect(rita.locator(".snapshot")).to_contain_text("Archived")
    expect(rita.locator(".snapshot")).to_contain_text("HTTP 200")

    rita.get_by_label("Rating").select_option(label="Mostly false")
    rita.get_by_label("Summary").fill(SUMMARY)
    rita.get_by_label("Explanation").fill("The ministry's own release speaks of about 10,000.")
    rita.get_by_role("button", name="Submit for approval").click()
    expect(rita.get_by_role("status")).to_contain_text("submitted for approval")
    expect(rita.get_by_role("button", name="Approve and publish")).to_have_count(0)
    rita.get_by_label("Comment", exact=True).fill("Edna, the ministry's figure is in the release.")
    rita.get_by_role("button", name="Add comment").click()
    expect(rita.locator("#comments")).to_contain_text("the ministry's figure")
    expect(rita.locator("#history")).to_contain_text("Russian Defense Ministry")
    claim_url = rita.url.split("#")[0]
    rita.goto(claim_url)
    screenshot(rita, "claim")

    rita.get_by_role("link", name="Archived copy").click()
    expect(rita.locator(".archived-text")).to_contain_text("About 10,000 servicemen")
    screenshot(rita, "source-archive")

    # 5. The editor approves from the queue; 6. the public page, without login.
    edna = open_as("edna")
    queue = edna.locator("section.queue-awaiting")
    expect(queue.locator("[data-count]")).to_have_text("1")
    queue.get_by_role("link", name=re.compile("More than 10,000 troops took part")).click()
    expect(edna.get_by_role("button", name="Send back")).to_be_visible()
    edna.get_by_role("button", name="Approve and publish").click()
    expect(edna.get_by_role("status")).to_contain_text("approved and published")
    verdict = Verdict.objects.get()
    assert (verdict.state, verdict.author, verdict.approver) == ("published", reviewer, editor)
    edna.get_by_role("link", name="Public page").first.click()
    public_url = edna.url

    visitor = open_as(None)
    visitor.goto(public_url)
    expect(visitor.get_by_role("heading", level=1)).to_have_text(
        "More than 10,000 troops took part in the Zapad/Interaction 2021 drills"
    )
    expect(visitor.locator(".public-verdict")).to_contain_text("Mostly false")
    expect(visitor.locator(".public-verdict")).to_contain_text(SUMMARY)
    expect(visitor.locator(".prose")).to_contain_text("about 10,000")
    expect(visitor.locator(".sources")).to_contain_text("Ministry of Defence press release")
    ld = json.loads(visitor.locator("script[type='application/ld+json']").text_content() or "")
    assert ld["@type"] == "ClaimReview"
    assert ld["reviewRating"]["alternateName"] == "Mostly false"
    assert ld["url"].endswith(f"/fact-checks/{troops.pk}/")
    assert ld["itemReviewed"]["author"]["name"] == "Russian Defense Ministry"
    screenshot(visitor, "public")

    edna.goto(f"{live_server.url}/")
    expect(edna.locator("section.queue-published [data-count]")).to_have_text("1")


def test_the_author_of_a_verdict_never_sees_approve_but_another_editor_does(
    open_as, live_server, editor: User, other_editor: User, rating_false: Rating
) -> None:
    claim = ClaimFactory()
    verdict = services.verdict_save_draft(
        claim=claim, actor=editor, rating=rating_false, summary="Fewer took part."
    )
    ensure_source(verdict.claim)
    services.verdict_submit(verdict=verdict, actor=editor)
    edna = open_as("edna")
    edna.goto(live_server.url + claim.get_absolute_url())
    expect(edna.locator("#verdict")).to_contain_text("Awaiting approval")
    expect(edna.get_by_role("button", name="Approve and publish")).to_have_count(0)
    expect(edna.locator("#verdict")).to_contain_text("another editor approves it")

    eddie = open_as("eddie")
    eddie.goto(live_server.url + claim.get_absolute_url())
    expect(eddie.get_by_role("button", name="Approve and publish")).to_be_visible()


def test_two_reviewers_saving_the_same_claim_get_a_conflict_not_an_overwrite(
    open_as, live_server, reviewer: User, other_reviewer: User
) -> None:
    claim = ClaimFactory(claimant="")
    rita, ravi = open_as("rita"), open_as("ravi")
    for page in (rita, ravi):
        page.goto(live_server.url + claim.get_absolute_url())

    ravi.get_by_label("Claimant", exact=True).fill("Defence ministry")
    ravi.get_by_role("button", name="Save changes").click()
    expect(ravi.get_by_role("status")).to_contain_text("Claim saved.")

    rita.get_by_label("Claimant", exact=True).fill("Kommersant")
    rita.get_by_role("button", name="Save changes").click()
    conflict = rita.get_by_role("alert").filter(has_text="while you were editing")
    expect(conflict).to_contain_text("ravi")
    row = conflict.get_by_role("row", name=re.compile("Claimant"))
    expect(row).to_contain_text("Kommersant")
    expect(row).to_contain_text("Defence ministry")
    expect(rita.get_by_label("Claimant", exact=True)).to_have_value("Kommersant")
    claim.refresh_from_db()
    assert claim.claimant == "Defence ministry"
    screenshot(rita, "claim-conflict")

    # Having seen Ravi's value, Rita saves again on purpose: now hers is kept.
    rita.get_by_role("button", name="Save changes").click()
    expect(rita.get_by_role("status")).to_contain_text("Claim saved.")
    claim.refresh_from_db()
    assert claim.claimant == "Kommersant"


def test_two_reviewers_drafting_the_same_verdict_get_a_conflict(
    open_as, live_server, reviewer: User, other_reviewer: User, rating_false: Rating
) -> None:
    claim = ClaimFactory()
    rita, ravi = open_as("rita"), open_as("ravi")
    for page in (rita, ravi):
        page.goto(live_server.url + claim.get_absolute_url())
        page.get_by_label("Rating").select_option(label="False")
    ravi.get_by_label("Summary").fill("Ravi's summary.")
    ravi.get_by_role("button", name="Save draft").click()
    expect(ravi.get_by_role("status")).to_contain_text("Draft verdict saved.")

    rita.get_by_label("Summary").fill("Rita's summary.")
    rita.get_by_role("button", name="Submit for approval").click()
    conflict = rita.get_by_role("alert").filter(has_text="while you were editing")
    expect(conflict).to_contain_text("Ravi's summary.")
    expect(conflict).to_contain_text("Rita's summary.")
    expect(rita.get_by_label("Summary")).to_have_value("Rita's summary.")
    verdict = Verdict.objects.get()
    assert (verdict.summary, verdict.state) == ("Ravi's summary.", Verdict.State.DRAFT)


def test_claims_appear_without_a_reload_while_extraction_runs(
    open_as, live_server, reviewer: User, seed_text: str
) -> None:
    article = ArticleFactory(body=seed_text, job_status=Article.Status.PENDING)
    rita = open_as("rita")
    rita.goto(live_server.url + article.get_absolute_url())
    expect(rita.get_by_role("status")).to_contain_text("Queued")
    rita.evaluate("window.notReloaded = true")

    claims_create_from_extraction(article_id=article.pk)

    expect(rita.locator("mark[data-claim-id]").first).to_be_visible(timeout=10_000)
    expect(rita.get_by_role("complementary")).to_contain_text(TROOPS)
    assert rita.evaluate("window.notReloaded") is True
    expect(rita.locator("#reader")).not_to_have_attribute("hx-trigger", "every 1s")


def test_an_editor_searches_assigns_and_dismisses(
    open_as, live_server, editor: User, reviewer: User, seed_article: Any
) -> None:
    edna = open_as("edna")
    edna.goto(f"{live_server.url}/claims/")
    edna.evaluate("window.notReloaded = true")
    edna.get_by_label("Type").select_option(label="Superlative")
    expect(edna).to_have_url(re.compile(r"type=superlative"))
    rows = edna.locator("#results tbody tr")
    expect(rows).to_have_count(seed_article.claims.filter(type="superlative").count())
    expect(rows.first).to_contain_text("Chinese-made weapons")
    assert edna.evaluate("window.notReloaded") is True
    edna.get_by_label("Search").fill("Chinese-made")
    expect(edna.locator("#results h2")).to_have_text("1 claim")
    screenshot(edna, "claims")

    rows.first.get_by_role("link").first.click()
    edna.get_by_label("Assignee").select_option(label="rita")
    edna.get_by_role("button", name="Assign").click()
    expect(edna.get_by_role("status")).to_contain_text("Assigned to rita")

    edna.goto(f"{live_server.url}/claims/?q=Su-30SM")
    edna.locator("#results tbody a").first.click()
    edna.get_by_label("Reason for dismissing").fill("Background, not a checkable claim.")
    edna.get_by_role("button", name="Dismiss").click()
    expect(edna.get_by_role("note")).to_contain_text("Background, not a checkable claim.")
    assert seed_article.claims.filter(status="dismissed").count() == 1

    rita = open_as("rita")
    expect(rita.locator("section.queue-mine [data-count]")).to_have_text("1")
    expect(rita.locator("section.queue-mine")).to_contain_text("Chinese-made weapons")


def test_the_admin_works_under_the_strict_csp(open_as, live_server, seed_article: Any) -> None:
    make_user("ada", None, is_staff=True, is_superuser=True)
    ada = open_as("ada")
    claim = seed_article.claims.first()
    ada.goto(f"{live_server.url}/admin/claims/claim/{claim.pk}/change/")
    expect(ada.locator("#content h1")).to_have_text("Change claim")
    expect(ada.get_by_label("Statement:")).to_have_value(claim.statement)
    # The admin's own stylesheet and scripts load from 'self': the page is styled.
    colour = ada.locator("#header").evaluate("el => getComputedStyle(el).backgroundColor")
    assert colour not in ("rgba(0, 0, 0, 0)", "transparent")
    screenshot(ada, "admin-claim")
