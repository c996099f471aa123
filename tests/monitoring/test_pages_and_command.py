"""The feed pages, the Seen again page, and `manage.py feeds`."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from factcheck.monitoring import services
from factcheck.monitoring.models import Feed, FeedItem
from tests.localweb import Reply
from tests.monitoring import feedtexts

pytestmark = pytest.mark.django_db


def test_a_reviewer_follows_a_feed_from_the_page_and_sees_its_status(client, reviewer) -> None:
    client.force_login(reviewer)
    response = client.post(
        reverse("feed_list"),
        {
            "url": "https://feeds.example/news.xml",
            "name": "",
            "interval_minutes": 30,
            "enabled": "on",
        },
    )
    feed = Feed.objects.get()
    assert response.status_code == 302 and response["Location"] == feed.get_absolute_url()
    assert (
        feed.name == "feeds.example" and feed.interval_minutes == 30 and feed.created_by == reviewer
    )
    Feed.objects.filter(pk=feed.pk).update(
        last_error="The site had a problem: it answered 503.", failures=2
    )
    page = client.get(feed.get_absolute_url()).content.decode()
    assert "failing" in page and "answered 503" in page and "Resume: poll it now" in page
    listing = client.get(reverse("feed_list")).content.decode()
    assert "feeds.example" in listing and "answered 503" in listing


def test_a_bad_address_is_a_message_on_the_form_not_a_feed(client, reviewer) -> None:
    client.force_login(reviewer)
    for url in ("file:///etc/passwd", "javascript:alert(1)", "not an address"):
        response = client.post(reverse("feed_list"), {"url": url, "interval_minutes": 60})
        assert response.status_code == 400
        assert "http" in response.content.decode()
    assert not Feed.objects.exists()


def test_a_stale_edit_of_a_feed_is_a_conflict(client, reviewer, editor) -> None:
    feed = services.feed_create(actor=reviewer, url="https://feeds.example/a.xml", name="A")
    services.feed_update(feed=feed, actor=editor, expected_version=1, name="Renamed")
    client.force_login(reviewer)
    response = client.post(
        feed.get_absolute_url(),
        {
            "url": feed.url,
            "name": "Mine",
            "interval_minutes": 60,
            "enabled": "on",
            "loaded_version": 1,
        },
    )
    assert response.status_code == 400 and "changed by someone else" in response.content.decode()
    assert Feed.objects.get().name == "Renamed"


def test_the_seen_again_page_lists_pending_matches_with_the_buttons_each_role_may_use(
    client, reviewer, editor
) -> None:
    from tests.factories import ClaimFactory
    from tests.security.test_permission_matrix import Desk, seen_again

    desk = Desk(
        "reviewer",
        reviewer,
        reviewer,
        editor,
        ClaimFactory(statement="Ferries stopped for a month."),
    )
    seen_again(desk)
    client.force_login(reviewer)
    page = client.get(reverse("seen_again")).content.decode()
    assert "Ferries stopped for a month." in page and "The original claim." in page
    assert "Not the same claim" in page and "Publish the appearance" not in page
    client.force_login(editor)
    assert "Publish the appearance" in client.get(reverse("seen_again")).content.decode()


def test_manage_py_feeds_adds_lists_and_polls(web, allow_local, reviewer) -> None:
    url = web.add(
        "/feed.xml",
        Reply(
            body=feedtexts.rss([(web.url("/n/1"), "One"), (web.url("/n/2"), "Two")]),
            content_type="application/rss+xml",
        ),
    )
    out = io.StringIO()
    call_command(
        "feeds",
        "add",
        url,
        "--name",
        "Local",
        "--every",
        "15",
        "--user",
        reviewer.username,
        stdout=out,
    )
    assert "Following Local" in out.getvalue()
    with pytest.raises(CommandError, match="followed already"):
        call_command("feeds", "add", url, "--user", reviewer.username, stdout=io.StringIO())
    with pytest.raises(CommandError, match="no active user"):
        call_command("feeds", "add", web.url("/other"), "--user", "ghost", stdout=io.StringIO())

    out = io.StringIO()
    call_command("feeds", "poll", stdout=out)  # not due yet: polls nothing
    assert "0 feeds polled" in out.getvalue()
    out = io.StringIO()
    call_command("feeds", "poll", "--all", stdout=out)
    assert "Local: 2 new, 0 already seen" in out.getvalue()
    assert FeedItem.objects.count() == 2
    out = io.StringIO()
    call_command("feeds", "list", stdout=out)
    assert "Local" in out.getvalue() and "items      2" in out.getvalue()
