"""Every format a followed source comes in, and the bodies a hostile one sends."""

import pytest

from factcheck.monitoring.feeds import FeedError, parse
from tests.monitoring import feedtexts

ITEMS = [("http://example.org/a", "First story"), ("http://example.org/b", "Second & last")]


@pytest.mark.parametrize(
    ("writer", "kind"),
    [
        (feedtexts.rss, "rss"),
        (feedtexts.rss091, "rss"),
        (feedtexts.rdf, "rss"),
        (feedtexts.atom, "atom"),
        (feedtexts.json_feed, "json"),
        (feedtexts.news_sitemap, "sitemap"),
    ],
)
def test_each_format_gives_its_entries_with_address_and_title(writer, kind) -> None:
    parsed = parse(writer(ITEMS).encode(), base_url="http://example.org/feed")
    assert parsed.kind == kind
    assert [(e.url, e.title) for e in parsed.entries] == ITEMS
    assert all(e.guid for e in parsed.entries)


def test_dates_are_read_where_the_format_has_them() -> None:
    for writer in (feedtexts.rss, feedtexts.atom, feedtexts.json_feed, feedtexts.news_sitemap):
        entry = parse(writer(ITEMS).encode(), base_url="http://example.org/").entries[0]
        assert entry.published_at is not None and entry.published_at.year == 2026


def test_a_relative_link_is_made_absolute_and_a_non_web_link_dropped() -> None:
    body = feedtexts.atom([("/news/1", "Relative"), ("javascript:alert(1)", "Script")])
    entries = parse(body.encode(), base_url="http://example.org/feed.atom").entries
    assert entries[0].url == "http://example.org/news/1"
    assert entries[1].url == ""


def test_a_billion_laughs_feed_is_refused_before_any_entity_expands() -> None:
    with pytest.raises(FeedError, match="entities"):
        parse(feedtexts.BILLION_LAUGHS.encode(), base_url="http://example.org/")


def test_an_external_entity_is_refused() -> None:
    body = (
        '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        '<rss version="2.0"><channel><title>&x;</title></channel></rss>'
    )
    with pytest.raises(FeedError, match="entities"):
        parse(body.encode(), base_url="http://example.org/")


@pytest.mark.parametrize(
    "body",
    [b"", b"\x00\xff\xfe garbage", b"<html><body><p>A page</p></body></html>", b"{}", b"[1, 2]",
     b'{"version": "https://jsonfeed.org/version/1.1", "items": 3}', b"{not json"],
)  # fmt: skip
def test_garbage_is_a_clear_refusal(body) -> None:
    with pytest.raises(FeedError):
        parse(body, base_url="http://example.org/")


def test_a_sitemap_index_says_to_follow_its_sitemaps() -> None:
    body = (
        '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        "<sitemap><loc>http://example.org/news.xml</loc></sitemap></sitemapindex>"
    )
    with pytest.raises(FeedError, match="sitemap index"):
        parse(body.encode(), base_url="http://example.org/")


def test_the_same_story_under_another_guid_hashes_the_same() -> None:
    one = parse(feedtexts.rss(ITEMS).encode(), base_url="http://x/").entries[0]
    other = parse(feedtexts.atom(ITEMS).encode(), base_url="http://x/").entries[0]
    assert one.guid != other.guid
    assert one.content_hash == other.content_hash
