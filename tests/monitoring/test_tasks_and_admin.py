"""The thin task adapters, and the admin's feed and Seen again actions."""

import pytest
from celery.exceptions import SoftTimeLimitExceeded
from django.urls import reverse
from django.utils import timezone

from factcheck.monitoring import services, tasks
from factcheck.monitoring.models import Feed, Sighting
from tests.factories import ClaimFactory
from tests.localweb import Reply
from tests.monitoring import feedtexts

pytestmark = pytest.mark.django_db


def test_the_poll_task_says_what_the_poll_brought(web, allow_local, reviewer) -> None:
    url = web.add(
        "/f.xml",
        Reply(body=feedtexts.rss([(web.url("/a"), "A")]), content_type="application/rss+xml"),
    )
    feed = services.feed_create(actor=reviewer, url=url)
    assert tasks.poll_feed_task(feed.pk) == "1 new, 0 already seen"
    assert tasks.poll_feed_task(10**9) == "deleted"
    Feed.objects.filter(pk=feed.pk).update(enabled=False)
    assert tasks.poll_feed_task(feed.pk) == "off"


def test_a_poll_cut_by_the_time_limit_is_a_failure_on_the_feed(reviewer, monkeypatch) -> None:
    feed = services.feed_create(actor=reviewer, url="https://feeds.example/slow.xml")

    def too_long(**kwargs: object) -> None:
        raise SoftTimeLimitExceeded()

    monkeypatch.setattr(services, "feed_poll", too_long)
    assert tasks.poll_feed_task(feed.pk) == "timed out"
    feed.refresh_from_db()
    assert feed.failures == 1 and "too long" in feed.last_error


def test_the_beat_task_dispatches_the_due_feeds(reviewer) -> None:
    Feed.objects.create(
        name="due", url="https://feeds.example/due.xml", next_poll_at=timezone.now()
    )
    assert tasks.dispatch_due_feeds_task() == 1
    assert tasks.dispatch_due_feeds_task() == 0


def test_an_admin_resumes_a_paused_feed_and_edits_one_through_the_services(admin_client) -> None:
    feed = Feed.objects.create(
        name="paused", url="https://feeds.example/p.xml", paused_at=timezone.now(), failures=5
    )
    admin_client.post(
        reverse("admin:monitoring_feed_changelist"),
        {"action": "resume", "_selected_action": [feed.pk]},
    )
    feed.refresh_from_db()
    assert feed.paused_at is None and feed.failures == 0
    form = {"name": "Renamed", "url": feed.url, "folder": "", "interval_minutes": 3,
            "enabled": "on", "loaded_version": feed.version}  # fmt: skip
    response = admin_client.post(reverse("admin:monitoring_feed_change", args=[feed.pk]), form)
    assert response.status_code in (200, 302)
    assert Feed.objects.get(pk=feed.pk).name == "paused"  # 3 minutes: refused, nothing saved
    form["interval_minutes"] = 30
    admin_client.post(reverse("admin:monitoring_feed_change", args=[feed.pk]), form)
    assert Feed.objects.get(pk=feed.pk).name == "Renamed"
    assert admin_client.get(reverse("admin:monitoring_feeditem_changelist")).status_code == 200
    assert admin_client.get(reverse("admin:monitoring_feeditem_add")).status_code == 403


def test_the_admin_dismisses_a_match_and_says_why_it_cannot_publish_one(admin_client) -> None:
    original = ClaimFactory(statement="The original claim.")
    sighting = Sighting.objects.create(claim=ClaimFactory(), original=original, confidence=0.9)
    url = reverse("admin:monitoring_sighting_changelist")
    response = admin_client.post(
        url, {"action": "publish", "_selected_action": [sighting.pk]}, follow=True
    )
    assert "no published verdict" in response.content.decode()
    admin_client.post(url, {"action": "dismiss", "_selected_action": [sighting.pk]})
    assert Sighting.objects.get().status == Sighting.Status.DISMISSED
