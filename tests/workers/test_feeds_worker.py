"""Followed feeds on a real Celery worker, Redis and PostgreSQL, against a local web.

A feed brings an article that repeats a claim we published: the worker fetches it,
extracts and matches its claims, puts the repeat in the "Seen again" queue and tells the
reviewer; the next poll is a 304; an editor publishes the appearance and the ClaimReview
lists both articles. Then a worker is killed mid-round: the round completes on restart,
with no item lost or doubled.
"""

import json
import os
import signal
from pathlib import Path

import pytest
import redis
from celery import Celery
from celery.worker import WorkController
from django.contrib.auth.models import User
from django.db.models import Count
from django.test import Client
from django.urls import reverse

from factcheck.articles.models import Article
from factcheck.articles.services import ArticleText, article_create
from factcheck.monitoring import services
from factcheck.monitoring.models import Feed, FeedItem, Sighting
from factcheck.notifications.models import Kind, Notification
from tests.api.conftest import publish
from tests.localweb import LocalWeb, Reply, Stall, html_page, wait_for
from tests.monitoring import feedtexts
from tests.monitoring.test_seen_again import ORIGINAL, REPEAT, harbour_claim, public_claim_review
from tests.workers.processes import celery_worker, tail

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]

WAIT = 120.0
RSS = "application/rss+xml"


def done(article_id: int) -> bool:
    return Article.objects.get(pk=article_id).job_status == Article.Status.DONE


def test_a_followed_feed_brings_a_repeat_that_an_editor_publishes_as_an_appearance(
    worker: WorkController, web: LocalWeb, allow_local: None, reviewer: User, editor: User
) -> None:
    original, _ = article_create(
        actor=reviewer, text=ArticleText(body=ORIGINAL), url="https://news.example/original"
    )
    wait_for(lambda: done(original.pk), timeout=WAIT, what="the original's claims")
    checked = harbour_claim(original)
    publish(checked, author=reviewer, approver=editor)

    page = web.add("/news/round-up", Reply(body=html_page("Weekend round-up", REPEAT.split(". "))))
    etag = {"ETag": '"round-1"'}
    feed_url = web.add(
        "/feed.xml",
        Reply(body=feedtexts.rss([(page, "Weekend round-up")]), content_type=RSS, headers=etag),
        Reply(status=304, content_type=None, headers=etag),
    )
    feed = services.feed_create(actor=reviewer, url=feed_url, name="Round-ups")
    wait_for(lambda: Sighting.objects.exists(), timeout=WAIT, what="the repeat to be seen again")
    wait_for(
        lambda: Notification.objects.filter(recipient=reviewer, kind=Kind.SEEN_AGAIN).exists(),
        timeout=WAIT,
        what="the reviewer to be told",
    )
    sighting = Sighting.objects.get()
    assert sighting.original == checked
    item = FeedItem.objects.get(feed=feed)
    assert item.article is not None and item.article.url == page
    assert sighting.claim.article == item.article

    services.queue_poll(feed)  # a queued poll outside a transaction is sent at once
    wait_for(lambda: web.hits("/feed.xml") == 2, timeout=WAIT, what="the second poll")
    wait_for(
        lambda: Feed.objects.get(pk=feed.pk).last_checked_at != feed.last_checked_at,
        timeout=WAIT,
        what="the second poll to end",
    )
    assert web.requests["/feed.xml"][1]["If-None-Match"] == '"round-1"'
    assert FeedItem.objects.count() == 1 and web.hits("/news/round-up") == 1

    services.sighting_publish(sighting=sighting, actor=editor)
    review = public_claim_review(checked)
    urls = [work["url"] for work in review["itemReviewed"]["appearance"]]
    assert urls == ["https://news.example/original", page]
    client = Client()
    client.force_login(editor)
    api = json.loads(client.get(f"/api/v1/claims/{checked.pk}/appearances/").content)
    assert [a["url"] for a in api["appearances"]] == urls
    assert sum(c["count"] for c in api["counts"]) == 2
    assert client.get(reverse("claim_detail", args=[checked.pk])).status_code == 200


def test_a_worker_killed_mid_round_completes_the_round_on_restart_without_loss_or_doubles(
    celery_on_redis: Celery,
    broker: "redis.Redis[bytes]",
    web: LocalWeb,
    reviewer: User,
    tmp_path: Path,
) -> None:
    stall = Stall()
    feeds = []
    for n in range(3):
        entries = [(web.url(f"/f{n}/story{i}"), f"Feed {n} story {i}") for i in range(4)]
        for url, title in entries:
            web.add(
                url.split(str(web.port))[1],
                Reply(body=html_page(title, [f"{title} happened today."])),
            )
        body = feedtexts.rss(entries)
        replies = [
            Reply(body=body, content_type=RSS, stall=stall),
            Reply(body=body, content_type=RSS),
        ]
        feeds.append(
            services.feed_create(actor=reviewer, url=web.add(f"/f{n}.xml", *replies[n > 0 :]))
        )
    log = tmp_path / "workers.log"

    with celery_worker("doomed", log, visibility_timeout=5, web=web) as doomed:
        assert stall.arrived.wait(WAIT), tail(log)  # the first feed's poll is under way...
        os.killpg(doomed.pid, signal.SIGKILL)  # ...and the worker dies mid-round
        doomed.wait(timeout=30)
    stall.release.set()
    assert not FeedItem.objects.filter(feed=feeds[0]).exists()

    with celery_worker("survivor", log, visibility_timeout=5, web=web):
        wait_for(
            lambda: (
                FeedItem.objects.count() == 12
                and Article.objects.filter(job_status=Article.Status.DONE).count() == 12
            ),
            timeout=WAIT,
            what=f"the whole round and its articles\n{tail(log)}",
        )
        wait_for(
            lambda: broker.llen("celery") == 0 and broker.hlen("unacked") == 0,
            timeout=WAIT,
            what="the queue to drain",
        )
    assert (
        FeedItem.objects.values("feed", "guid").annotate(n=Count("id")).filter(n__gt=1).count() == 0
    )
    assert Article.objects.count() == 12
    for feed in feeds:
        feed.refresh_from_db()
        assert feed.items_seen == 4 and feed.failures == 0
    for n in range(3):
        assert all(web.hits(f"/f{n}/story{i}") == 1 for i in range(4))
