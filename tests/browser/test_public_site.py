"""The public site in Chromium, as a reader who never logs in: the index, a fact-check page
and the sitemap. The pages are saved as screenshots (`make screenshots` refreshes the README's)."""

import re
from typing import Any

import pytest
from playwright.sync_api import expect

from factcheck.claims.models import Verdict
from tests.api.conftest import publish
from tests.browser.conftest import screenshot
from tests.factories import ArticleFactory, ClaimFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_reader_finds_a_fact_check_from_the_index_and_the_sitemap_without_login(
    open_as: Any, live_server: Any, reviewer: Any, editor: Any, settings: Any
) -> None:
    settings.SITE_URL = live_server.url
    settings.CORRECTIONS_POLICY_URL = f"{live_server.url}/fact-checks/"
    article = ArticleFactory(
        title="Minister on jobs", url="https://news.example.org/jobs", publisher="Daily Example"
    )
    statements = [
        ("Unemployment fell to its lowest level in twenty years last spring", "false"),
        ("The new bridge across the river cost three billion euros to build", "mostly-true"),
        ("Bread prices doubled in the last twelve months across the country", "true"),
    ]
    verdicts: list[Verdict] = []
    for number, (statement, slug) in enumerate(statements):
        claim = ClaimFactory(
            article=article,
            start=number,
            end=number + 5,
            statement=statement,
            claimant="Employment Minister Anna Berg",
        )
        verdicts.append(
            publish(
                claim,
                author=reviewer,
                approver=editor,
                slug=slug,
                summary="The official statistics say otherwise.",
            )
        )

    reader = open_as(None)
    reader.goto(f"{live_server.url}/fact-checks/")
    expect(reader.get_by_role("heading", level=1)).to_have_text("Fact checks")
    items = reader.locator(".fact-check-item h3")
    expect(items).to_have_count(3)
    expect(items.first).to_have_text(statements[2][0])  # newest first
    reader.get_by_label("Rating").select_option("false")
    reader.get_by_role("button", name="Search").click()
    expect(items).to_have_count(1)
    expect(items.first).to_have_text(statements[0][0])
    reader.get_by_role("link", name="Clear").click()
    expect(items).to_have_count(3)
    screenshot(reader, "public-index")

    reader.get_by_role("link", name=statements[1][0]).click()
    expect(reader).to_have_url(re.compile(rf"/fact-checks/{verdicts[1].claim_id}/$"))
    expect(reader.get_by_role("heading", level=1)).to_have_text(statements[1][0])
    expect(reader.locator("link[rel=canonical]")).to_have_attribute(
        "href", f"{live_server.url}/fact-checks/{verdicts[1].claim_id}/"
    )
    expect(reader.locator("meta[property='og:description']")).to_have_attribute(
        "content", "Mostly true: The official statistics say otherwise."
    )
    expect(reader.get_by_role("link", name="corrections policy")).to_be_visible()
    screenshot(reader, "public-fact-check")

    reader.get_by_role("link", name="Factcheck", exact=True).click()
    expect(reader).to_have_url(f"{live_server.url}/fact-checks/")

    # Through the reader's browser context; not goto(), whose XML viewer styles the tree
    # with inline CSS that our CSP (rightly) blocks.
    response = reader.context.request.get(f"{live_server.url}/sitemap.xml")
    assert response.status == 200
    assert response.headers["content-type"].startswith("application/xml")
    sitemap = response.text()
    for verdict in verdicts:
        assert f"<loc>{live_server.url}/fact-checks/{verdict.claim_id}/</loc>" in sitemap
