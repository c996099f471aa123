"""Importing a configured feed from a URL through the safe fetcher (a local web server)."""

import json

import pytest

from factcheck.factchecks.models import FactCheck
from factcheck.factchecks.tasks import import_factcheck_feed_task, import_factcheck_feeds_task
from tests.factchecks.test_import import claim_review, datafeed
from tests.localweb import Reply

# Every test here fetches its feeds from the local web.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("allow_local")]


def test_the_beat_task_imports_every_configured_feed(web, settings) -> None:
    feed = web.add(
        "/feed.json",
        Reply(body=datafeed(claim_review(1), claim_review(2)), content_type="application/json"),
    )
    table = web.add(
        "/archive.tsv",
        Reply(body="claim\tid\nA dam burst.\t44\n", content_type="text/tab-separated-values"),
    )
    settings.FACTCHECK_FEED_URLS = [feed, table]
    assert import_factcheck_feeds_task() == 2  # eager in tests: both imports ran
    assert FactCheck.objects.filter(publisher="Checks Weekly").count() == 2
    dam = FactCheck.objects.get(external_id="44")
    assert dam.publisher == "127.0.0.1"  # a row naming no publisher gets the feed's host
    assert import_factcheck_feed_task(feed) == "2 read, 0 new, 0 updated"


def test_a_malformed_or_refused_feed_is_recorded_and_writes_nothing(web, settings) -> None:
    broken = web.add(
        "/broken.json",
        Reply(body=json.dumps([claim_review(1)])[:-20], content_type="application/json"),
    )
    assert import_factcheck_feed_task(broken).startswith("refused: Not valid JSON")
    page = web.add("/page.html", Reply(body="<p>hi</p>"))
    assert "text/html content, not a web page: expected one of application/json" in (
        import_factcheck_feed_task(page)
    )
    settings.FACTCHECK_FEED_MAX_BYTES = 100
    big = web.add(
        "/big.json",
        Reply(body=datafeed(claim_review(1), claim_review(2)), content_type="application/json"),
    )
    assert "larger than the limit" in import_factcheck_feed_task(big)
    assert not FactCheck.objects.exists()
