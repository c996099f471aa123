"""Followed feeds and a claim's appearances in Chromium, at 1280 and 390 px, no CSP fault."""

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from factcheck.monitoring.models import Feed, FeedItem, Sighting
from tests.api.conftest import publish
from tests.browser.conftest import PHONE, screenshot
from tests.factories import ArticleFactory, ClaimFactory, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

OUTLETS = ["Harbour Gazette", "Nordic Wire", "Coast Radio", "The Ferry Times"]


def followed_feeds() -> Feed:
    now = timezone.now()
    healthy = Feed.objects.create(
        name="Harbour Gazette", url="https://gazette.example/rss.xml", kind="rss",
        last_checked_at=now - timedelta(minutes=12), last_new_item_at=now - timedelta(hours=2),
        items_seen=148, next_poll_at=now + timedelta(minutes=48),
    )  # fmt: skip
    Feed.objects.create(
        name="Nordic Wire sitemap", url="https://wire.example/news-sitemap.xml", kind="sitemap",
        last_checked_at=now - timedelta(minutes=3), items_seen=1024, interval_minutes=15,
        next_poll_at=now + timedelta(minutes=12),
    )  # fmt: skip
    Feed.objects.create(
        name="Coast Radio", url="https://radio.example/feed.xml", kind="rss",
        last_checked_at=now - timedelta(hours=5), failures=5, paused_at=now - timedelta(hours=5),
        last_error="The feed declares XML entities or external references (EntitiesForbidden); "
        "they are refused, as a billion-laughs attack uses them.",
    )  # fmt: skip
    for n in range(6):
        article = ArticleFactory(
            title=f"Ferry services story {n}", url=f"https://gazette.example/{n}"
        )
        FeedItem.objects.create(
            feed=healthy, guid=article.url, url=article.url, title=article.title,
            content_hash=f"{n:064d}", article=article,
        )  # fmt: skip
    return healthy


def spreading_claim() -> Any:
    rita, edna = make_user("rita", "Reviewer"), make_user("edna", "Editor")
    original = ClaimFactory(
        statement="The harbour of Lindqvist was closed to all ferries for 30 days.",
        article=ArticleFactory(
            title="Storm closes Lindqvist harbour", publisher="Harbour Gazette",
            url="https://gazette.example/storm", published_at=timezone.now() - timedelta(days=20),
        ),
    )  # fmt: skip
    publish(original, author=rita, approver=edna)
    for n, days_ago in enumerate([18, 15, 15, 11, 9, 8, 8, 8, 5, 3, 2, 1]):
        article = ArticleFactory(
            title=f"Lindqvist harbour closure repeated ({n})",
            publisher=OUTLETS[n % len(OUTLETS)],
            url=f"https://news{n}.example/lindqvist",
            published_at=timezone.now() - timedelta(days=days_ago),
        )
        repeat = ClaimFactory(article=article, statement="Lindqvist harbour shut for a month.")
        Sighting.objects.create(
            claim=repeat, original=original, confidence=0.8, reasons=["shared words"]
        )
    return original


def test_the_desk_follows_feeds_and_sees_a_claim_spread(open_as: Any, live_server: Any) -> None:
    original = spreading_claim()
    feed = followed_feeds()
    edna = open_as("edna")

    edna.get_by_role("link", name="Feeds").click()
    expect(edna.get_by_role("heading", name="Followed feeds")).to_be_visible()
    expect(edna.get_by_role("row", name="Coast Radio")).to_contain_text("paused")
    expect(edna.get_by_role("row", name="Coast Radio")).to_contain_text("billion-laughs")
    expect(edna.get_by_label("Feed address")).to_be_visible()
    screenshot(edna, "feeds")

    edna.get_by_role("link", name="Harbour Gazette").click()
    expect(edna.get_by_role("heading", name="Harbour Gazette")).to_be_visible()
    expect(edna.locator("ol.feed-items li")).to_have_count(6)
    screenshot(edna, "feed")
    edna.set_viewport_size(PHONE)
    assert edna.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    edna.set_viewport_size({"width": 1280, "height": 900})

    edna.get_by_role("link", name="Seen again").first.click()
    expect(edna.locator("[data-sighting]")).to_have_count(12)
    screenshot(edna, "seen-again")
    edna.locator("[data-sighting]").first.get_by_role(
        "button", name="Publish the appearance"
    ).click()
    expect(edna.get_by_text("Published: the fact check now lists this article")).to_be_visible()
    expect(edna.locator("[data-sighting]")).to_have_count(11)

    edna.goto(f"{live_server.url}/claims/{original.pk}/")
    card = edna.locator("section#appearances")
    expect(card.locator("[data-count]")).to_have_text("13")
    expect(card.locator("svg.chart rect").first).to_be_attached()
    expect(card.locator("ol.appearances li")).to_have_count(13)
    expect(card).to_contain_text("in the ClaimReview")
    card.scroll_into_view_if_needed()
    screenshot(edna, "claim-appearances")
    edna.set_viewport_size(PHONE)
    assert edna.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    # The chart fits the phone's screen, so its labels keep their size.
    box = card.locator("svg.chart").bounding_box()
    assert box is not None and box["width"] <= PHONE["width"]

    edna.set_viewport_size({"width": 1280, "height": 900})
    edna.get_by_role("link", name="Dashboard").click()
    expect(edna.locator(".seen-most")).to_contain_text("Lindqvist was closed")
    assert feed.pk
