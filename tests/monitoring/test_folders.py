"""A folder of transcripts and files as a followed source."""

import os

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError

from factcheck.articles.models import Article
from factcheck.monitoring import services
from factcheck.monitoring.models import Feed, FeedItem

pytestmark = pytest.mark.django_db

TRANSCRIPT = (
    "MINISTER: We have built 40 new hospitals since 2019.\n"
    "HOST: And waiting lists?\n"
    "MINISTER: They fell by a third last year, the first fall in a decade.\n"
)


@pytest.fixture
def root(tmp_path, settings):
    settings.FEEDS_FOLDER_ROOT = str(tmp_path)
    (tmp_path / "hearings").mkdir()
    return tmp_path


def test_new_files_of_a_followed_folder_become_articles_once(root, reviewer) -> None:
    folder = root / "hearings"
    (folder / "2026-11-30-health-questions.txt").write_text(TRANSCRIPT)
    (folder / "statement.html").write_text(
        "<html><body><article><p>The port handled 2 million containers in 2025, a record."
        "</p></article></body></html>"
    )
    (folder / ".draft.txt").write_text("hidden")
    (folder / "scan.pdf").write_bytes(b"%PDF-1.4")
    feed = services.feed_create(actor=reviewer, folder="hearings", name="Hearings")
    assert feed.kind == Feed.Kind.FOLDER and feed.folder == str(folder)

    assert services.feed_poll(feed_id=feed.pk).new == 2
    articles = Article.objects.filter(feed_items__feed=feed)
    assert {a.input_kind for a in articles} == {Article.InputKind.FILE}
    transcript = articles.get(body__startswith="MINISTER")
    assert transcript.title == "2026 11 30 health questions"
    assert transcript.created_by == reviewer
    assert services.feed_poll(feed_id=feed.pk).new == 0

    (folder / "2026-12-01-health-questions.txt").write_text(TRANSCRIPT.replace("40", "41"))
    result = services.feed_poll(feed_id=feed.pk)
    assert (result.new, result.known) == (1, 2)
    assert FeedItem.objects.filter(feed=feed).count() == 3


def test_a_folder_outside_the_root_is_refused(root, reviewer, settings, tmp_path_factory) -> None:
    outside = tmp_path_factory.mktemp("outside")
    (outside / "secret.txt").write_text("The database password is hunter2.")
    for path in ("../", str(outside), "hearings/../../"):
        with pytest.raises(ValidationError, match="Only folders under"):
            services.feed_create(actor=reviewer, folder=path)
    with pytest.raises(ValidationError, match="no folder"):
        services.feed_create(actor=reviewer, folder="missing")
    with pytest.raises(ValidationError, match="either a web address or a folder"):
        services.feed_create(actor=reviewer, folder="hearings", url="https://example.org/feed")
    # A link inside the folder that leads out of it is not read.
    os.symlink(outside / "secret.txt", root / "hearings" / "secret.txt")
    feed = services.feed_create(actor=reviewer, folder="hearings")
    assert services.feed_poll(feed_id=feed.pk).new == 0
    assert not Article.objects.exists()
    settings.FEEDS_FOLDER_ROOT = ""
    with pytest.raises(ValidationError, match="FEEDS_FOLDER_ROOT"):
        services.feed_create(actor=reviewer, folder="other")
    # Closing the root later stops the polling of folders followed before, with a message.
    assert "FEEDS_FOLDER_ROOT" in services.feed_poll(feed_id=feed.pk).error


def test_a_follower_who_lost_the_right_to_add_articles_stops_the_feed_with_a_message(
    root, reviewer
) -> None:
    (root / "hearings" / "a.txt").write_text(TRANSCRIPT)
    feed = services.feed_create(actor=reviewer, folder="hearings")
    reviewer.groups.clear()
    reviewer = User.objects.get(pk=reviewer.pk)  # no cached permissions
    result = services.feed_poll(feed_id=feed.pk)
    assert "may no longer add articles" in result.error
    assert not Article.objects.exists() and not FeedItem.objects.exists()
