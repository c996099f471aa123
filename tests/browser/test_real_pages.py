"""Real input in Debian's Chromium: a page pasted with its furniture, and a transcript."""

import re
from typing import Any

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import Page, expect

from factcheck.articles.models import Article
from tests.browser.conftest import screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# A page as a reader copies it from a news site: the browser banner, a date, the headline, a
# dateline, the story, a video with its running time, a weather widget and promotions.
FURNITURE = [
    "Your browser is out of date and may not show this page correctly.",
    "Thu, April 2, 2026",
    "Harbour cranes idle as strike enters second week 03:17",
    "61\u00b0 F",
    "1.",
    "You might also like.",
    "You may occasionally receive promotional content from the Riverton Tide.",
]
PAGE = "\n".join(
    [
        FURNITURE[0],
        FURNITURE[1],
        "Port traffic hits a record as new berth opens",
        "RIVERTON (Tide Wire) - The harbour board handled 41,000 containers in 2025, up 12% on "
        "the year before, the board said on Thursday.",
        "Freight rates rose 30% over the same period, port director Ana Ruiz said.",
        FURNITURE[2],
        FURNITURE[3],
        FURNITURE[4],
        FURNITURE[5],
        FURNITURE[6],
    ]
)
TRANSCRIPT = "\n".join(
    [
        "HALVORSEN: Thank you, Chair. Container traffic rose 12% in 2025.",
        "OKAFOR: Freight rates went up by 30% over the same period.",
        "[Applause]",
        "HALVORSEN: Dock wages went up by 4% in 2025.",
    ]
)


def add_article(page: Page, live_server: Any, title: str, text: str) -> None:
    page.goto(f"{live_server.url}/articles/new/")
    page.get_by_label("Title").fill(title)
    page.get_by_label("Text").fill(text)
    page.get_by_role("button", name="Add article").click()
    expect(page).to_have_url(re.compile(r"/articles/\d+/$"))


def test_a_pasted_page_shows_its_furniture_greyed_out_and_no_claim_in_it(
    open_as, live_server, reviewer: User
) -> None:
    rita = open_as("rita")
    add_article(rita, live_server, "Port traffic", PAGE)
    panel = rita.get_by_role("complementary")
    expect(panel.get_by_role("link", name=re.compile("41,000 containers"))).to_be_visible()
    grey = rita.locator("[data-article-body] .boilerplate")
    greyed = " ".join(grey.all_text_contents())
    for line in [*FURNITURE, "RIVERTON (Tide Wire) -"]:
        assert line in greyed
    marked = " ".join(rita.locator("[data-article-body] mark").all_text_contents())
    for line in FURNITURE:
        assert line not in marked
    # The dateline is cut from the claim, not the claim from the article.
    assert "RIVERTON" not in marked and "The harbour board handled 41,000 containers" in marked
    statements = " ".join(panel.get_by_role("listitem").all_text_contents())
    assert "browser" not in statements and "promotional" not in statements
    quotes = list(Article.objects.get().claims.values_list("quote", flat=True))
    assert len(quotes) == 3  # the headline, the two sentences of the story
    assert not any(line in quote for line in FURNITURE for quote in quotes)
    screenshot(rita, "article-furniture")


def test_a_pasted_transcript_attributes_its_claims_to_the_speakers(
    open_as, live_server, reviewer: User
) -> None:
    rita = open_as("rita")
    add_article(rita, live_server, "Harbour committee", TRANSCRIPT)
    panel = rita.get_by_role("complementary")
    items = panel.get_by_role("listitem")
    expect(items).to_have_count(3)
    expect(items.nth(0)).to_contain_text("Container traffic rose 12% in 2025.")
    expect(items.nth(0)).to_contain_text("Halvorsen")
    expect(items.nth(1)).to_contain_text("Okafor")
    expect(items.nth(2)).to_contain_text("Halvorsen")
    expect(rita.locator("[data-article-body] .boilerplate")).to_contain_text(["[Applause]"])
    assert list(Article.objects.get().claims.values_list("claimant", flat=True)) == [
        "Halvorsen",
        "Okafor",
        "Halvorsen",
    ]
    screenshot(rita, "article-transcript")
