"""Polling a followed feed through the safe fetcher, against a local web."""

from datetime import timedelta
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from factcheck.articles.models import Article
from factcheck.monitoring import services
from factcheck.monitoring.models import Feed, FeedItem
from tests.factories import ArticleFactory
from tests.localweb import LocalWeb, Reply, Stall, redirect
from tests.monitoring import feedtexts

pytestmark = pytest.mark.django_db

RSS = "application/rss+xml; charset=utf-8"


def stories(web: LocalWeb, *names: str) -> list[tuple[str, str]]:
    return [(web.url(f"/news/{name}"), f"Story {name}") for name in names]


def follow(reviewer: User, url: str, **kwargs: Any) -> Feed:
    return services.feed_create(actor=reviewer, url=url, **kwargs)


def test_new_items_become_articles_marked_with_their_feed(web, allow_local, reviewer) -> None:
    url = web.add(
        "/feed.xml", Reply(body=feedtexts.rss(stories(web, "a", "b", "c")), content_type=RSS)
    )
    feed = follow(reviewer, url, name="Local news")
    result = services.feed_poll(feed_id=feed.pk)
    assert (result.new, result.known) == (3, 0)
    articles = Article.objects.filter(feed_items__feed=feed)
    assert sorted(articles.values_list("url", flat=True)) == sorted(
        u for u, _ in stories(web, "a", "b", "c")
    )
    assert all(a.input_kind == Article.InputKind.URL for a in articles)
    feed.refresh_from_db()
    assert feed.kind == "rss" and feed.items_seen == 3 and feed.last_new_item_at is not None
    assert feed.state == "ok" and feed.last_error == ""


def test_an_item_seen_before_is_never_ingested_twice(web, allow_local, reviewer) -> None:
    url = web.add("/feed.xml", Reply(body=feedtexts.rss(stories(web, "a", "b")), content_type=RSS))
    feed = follow(reviewer, url)
    services.feed_poll(feed_id=feed.pk)
    web.add("/feed.xml", Reply(body=feedtexts.rss(stories(web, "a", "b", "c")), content_type=RSS))
    result = services.feed_poll(feed_id=feed.pk)
    assert (result.new, result.known) == (1, 2)
    assert Article.objects.count() == 3
    assert FeedItem.objects.filter(feed=feed).count() == 3


def test_an_item_known_by_address_or_content_elsewhere_is_not_fetched(
    web, allow_local, reviewer
) -> None:
    known = ArticleFactory(url=web.url("/news/known"))
    first = follow(
        reviewer,
        web.add(
            "/one.xml",
            Reply(body=feedtexts.rss([(web.url("/news/s"), "Shared story")]), content_type=RSS),
        ),
    )
    services.feed_poll(feed_id=first.pk)
    # The same story with a tracking parameter in another feed, and an article we have.
    entries = [(web.url("/news/s?utm=x"), "Shared story"), (known.url, "Known")]
    second = follow(
        reviewer,
        web.add(
            "/two.xml", Reply(body=feedtexts.atom(entries), content_type="application/atom+xml")
        ),
    )
    result = services.feed_poll(feed_id=second.pk)
    assert (result.new, result.known) == (0, 2)
    items = {i.url: i for i in FeedItem.objects.filter(feed=second)}
    assert items[known.url].article == known
    assert items[web.url("/news/s?utm=x")].article.url == web.url("/news/s")
    assert Article.objects.count() == 2


def test_a_304_costs_nothing_and_sends_the_validators_back(web, allow_local, reviewer) -> None:
    headers = {"ETag": '"v1"', "Last-Modified": "Mon, 30 Nov 2026 10:00:00 GMT"}
    url = web.add(
        "/feed.xml",
        Reply(body=feedtexts.rss(stories(web, "a")), content_type=RSS, headers=headers),
        Reply(status=304, content_type=None, headers=headers),
    )
    feed = follow(reviewer, url)
    services.feed_poll(feed_id=feed.pk)
    result = services.feed_poll(feed_id=feed.pk)
    assert result.not_modified and result.new == 0
    second = web.requests["/feed.xml"][1]
    assert second["If-None-Match"] == '"v1"'
    assert second["If-Modified-Since"] == "Mon, 30 Nov 2026 10:00:00 GMT"
    feed.refresh_from_db()
    assert feed.failures == 0 and feed.items_seen == 1


@pytest.mark.parametrize(
    ("writer", "content_type", "kind"),
    [
        (feedtexts.atom, "application/atom+xml", "atom"),
        (feedtexts.json_feed, "application/feed+json", "json"),
        (feedtexts.news_sitemap, "application/xml", "sitemap"),
        (feedtexts.rdf, "application/rdf+xml", "rss"),
    ],
)
def test_every_format_is_polled(web, allow_local, reviewer, writer, content_type, kind) -> None:
    url = web.add("/f", Reply(body=writer(stories(web, "x", "y")), content_type=content_type))
    feed = follow(reviewer, url)
    assert services.feed_poll(feed_id=feed.pk).new == 2
    feed.refresh_from_db()
    assert feed.kind == kind


def test_failures_back_off_then_pause_the_feed(web, allow_local, reviewer, settings) -> None:
    settings.FEEDS_PAUSE_AFTER = 3
    url = web.add("/feed.xml", Reply(status=503, body="down"))
    feed = follow(reviewer, url, interval_minutes=10)
    before = timezone.now()
    services.feed_poll(feed_id=feed.pk)
    feed.refresh_from_db()
    assert feed.failures == 1 and "503" in feed.last_error and feed.state == "failing"
    assert feed.next_poll_at >= before + timedelta(minutes=2 * 10 * 0.9)
    services.feed_poll(feed_id=feed.pk)
    feed.refresh_from_db()
    assert feed.next_poll_at >= before + timedelta(minutes=4 * 10 * 0.9)
    services.feed_poll(feed_id=feed.pk)
    feed.refresh_from_db()
    assert feed.state == "paused" and feed.next_poll_at is None
    assert services.feed_poll(feed_id=feed.pk).skipped
    assert web.hits("/feed.xml") == 3
    assert Feed.objects.due(timezone.now() + timedelta(days=30)).count() == 0

    web.add("/feed.xml", Reply(body=feedtexts.rss(stories(web, "a")), content_type=RSS))
    with pytest.raises(PermissionDenied):
        services.feed_resume(feed=feed, actor=User.objects.create_user("nobody"))
    services.feed_resume(feed=feed, actor=reviewer)
    assert services.feed_poll(feed_id=feed.pk).new == 1
    feed.refresh_from_db()
    assert feed.state == "ok" and feed.failures == 0


def hostile_replies(web: LocalWeb) -> dict[str, tuple[Reply, str]]:
    return {
        "garbage": (Reply(body=b"\x00\x01 not a feed \xff", content_type=RSS), "not an RSS"),
        "laughs": (Reply(body=feedtexts.BILLION_LAUGHS, content_type=RSS), "entities"),
        "huge": (
            Reply(body=b"<rss>" + b" " * 300_000, content_type=RSS, send_length=False),
            "larger than",
        ),
        "private": (redirect("http://10.0.0.1/feed.xml"), "private address"),
        "image": (Reply(body=b"GIF89a", content_type="image/gif"), "image/gif"),
    }


@pytest.mark.parametrize("case", ["garbage", "laughs", "huge", "private", "image"])
def test_a_hostile_feed_gets_a_clear_status_and_affects_no_other(
    web, allow_local, reviewer, settings, case
) -> None:
    settings.FEEDS_MAX_BYTES = 100_000
    reply, message = hostile_replies(web)[case]
    bad = follow(reviewer, web.add("/bad", reply), name="Bad")
    good = follow(
        reviewer, web.add("/good", Reply(body=feedtexts.rss(stories(web, "g")), content_type=RSS))
    )
    assert services.feed_poll(feed_id=bad.pk).error
    assert services.feed_poll(feed_id=good.pk).new == 1
    bad.refresh_from_db()
    assert message in bad.last_error, bad.last_error
    assert bad.failures == 1 and not bad.items.exists()
    assert Article.objects.count() == 1


def test_a_feed_that_hangs_is_cut_at_the_deadline(web, allow_local, reviewer, settings) -> None:
    settings.FETCH_DEADLINE_SECONDS = 1
    stall = Stall()
    feed = follow(reviewer, web.add("/slow", Reply(body="x", stall=stall)))
    try:
        result = services.feed_poll(feed_id=feed.pk)
    finally:
        stall.release.set()
    assert "longer than 1 seconds" in result.error or "timed out" in result.error


def test_due_feeds_are_dispatched_once_with_their_next_poll_jittered(
    reviewer, django_capture_on_commit_callbacks
) -> None:
    now = timezone.now()
    feeds = [
        Feed.objects.create(name=f"F{i}", url=f"https://example.org/{i}.xml", next_poll_at=now)
        for i in range(20)
    ]
    Feed.objects.create(
        name="later", url="https://example.org/later.xml", next_poll_at=now + timedelta(hours=1)
    )
    Feed.objects.create(
        name="off", url="https://example.org/off.xml", next_poll_at=now, enabled=False
    )
    with django_capture_on_commit_callbacks() as queued:
        assert services.feeds_dispatch_due(now=now) == 20
    assert len(queued) == 20
    times = {f.next_poll_at for f in Feed.objects.filter(pk__in=[f.pk for f in feeds])}
    assert len(times) > 1  # spread, not all at once
    assert all(now + timedelta(minutes=54) <= t <= now + timedelta(minutes=66) for t in times)
    assert services.feeds_dispatch_due(now=now) == 0


def test_a_feed_is_followed_once_with_a_sensible_interval(reviewer) -> None:
    follow(reviewer, "https://example.org/feed.xml")
    with pytest.raises(ValidationError, match="followed already"):
        follow(reviewer, "https://example.org/feed.xml")
    with pytest.raises(ValidationError, match="between 5 minutes"):
        follow(reviewer, "https://example.org/other.xml", interval_minutes=1)
    with pytest.raises(ValidationError, match="http"):
        follow(reviewer, "file:///etc/passwd")
    with pytest.raises(PermissionDenied):
        services.feed_create(actor=User.objects.create_user("nobody"), url="https://example.org/x")
