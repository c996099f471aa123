"""Every write of followed feeds and of the "Seen again" queue.

Polling: beat's `feeds_dispatch_due` queues one `poll_feed_task` per due feed (through the
job outbox) and moves the feed's next poll time on, with jitter, so feeds added together
drift apart. `feed_poll` fetches with the last answer's validators (a 304 costs one small
request and one UPDATE), parses, and stores the new entries under a lock on the feed row,
so two polls of one feed (a redelivered task) cannot both take an item: an item is known
by its GUID in the feed, then by its address or content anywhere, and only an unknown one
becomes an article, through URL ingestion. Failures back off (the interval doubled per
failure in a row) and pause the feed after FEEDS_PAUSE_AFTER of them.
"""

import hashlib
import logging
import os
import random
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from pathlib import Path

from django.conf import settings
from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from factcheck.articles.models import Article
from factcheck.articles.services import (
    article_create,
    article_create_from_url,
    text_from_upload,
)
from factcheck.fetch import FetchError, FetchPolicy, fetch
from factcheck.i18n import Message, stored_message
from factcheck.jobs.services import job_batch, job_enqueue
from factcheck.monitoring import feeds
from factcheck.monitoring.models import Feed, FeedItem
from factcheck.text import UPLOAD_KINDS

logger = logging.getLogger(__name__)

FEED_CONTENT_TYPES = frozenset(
    {
        "application/rss+xml", "application/atom+xml", "application/rdf+xml",
        "application/x-rss+xml", "application/xml", "text/xml", "application/feed+json",
        "application/json", "text/plain", "text/html",
    }
)  # fmt: skip
ACCEPT = (
    "application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, "
    "text/xml;q=0.9, */*;q=0.5"
)
MAX_BACKOFF = timedelta(days=1)
JITTER = 0.1  # of the interval, either way: feeds added together drift apart
DISPATCH_BATCH = 1000


class FollowerRefused(Exception):
    """Whoever follows the feed may no longer add articles: the poll stops, said on the feed."""


@dataclass(frozen=True)
class PollResult:
    feed_id: int
    new: int = 0  # entries that became articles
    known: int = 0  # entries seen before (this feed, another feed, or an article we have)
    not_modified: bool = False
    error: str = ""
    skipped: str = ""  # why the feed was not polled (off, paused)

    def describe(self) -> str:
        if self.skipped:
            return self.skipped
        if self.error:
            return f"failed: {self.error}"
        if self.not_modified:
            return "not modified (304)"
        return f"{self.new} new, {self.known} already seen"


# Feeds: the desk's writes


def _jittered(interval: timedelta) -> timedelta:
    return interval * (1 + random.uniform(-JITTER, JITTER))


def check_folder(folder: str) -> str:
    """The folder's real path, if it lies under FEEDS_FOLDER_ROOT (links resolved first, so
    neither `..` nor a symbolic link leads out of it)."""
    root = settings.FEEDS_FOLDER_ROOT
    if not root:
        raise ValidationError(
            _("Folders cannot be followed here: the administrator has not set FEEDS_FOLDER_ROOT.")
        )
    root = os.path.realpath(root)
    real = os.path.realpath(os.path.join(root, folder.strip()))
    if os.path.commonpath([root, real]) != root:
        raise ValidationError(_("Only folders under %(root)s can be followed.") % {"root": root})
    if not os.path.isdir(real):
        raise ValidationError(_("There is no folder %(folder)s.") % {"folder": real})
    return real


def queue_poll(feed: Feed) -> None:
    from factcheck.monitoring.tasks import poll_feed_task

    job_enqueue(task=poll_feed_task, args=[feed.pk])


def feeds_dispatch_due(*, now: datetime | None = None) -> int:
    """Queue one poll per due feed and move each one's next poll on (beat, every minute).

    The next time is set now, not after the poll, so the next sweep does not queue it
    again while its task waits; the poll sets it again when it ends.
    """
    now = now or timezone.now()
    with transaction.atomic():
        due = list(
            Feed.objects.due(now)
            .select_for_update(skip_locked=True)
            .only("pk", "interval_minutes")[:DISPATCH_BATCH]
        )
        for feed in due:
            feed.next_poll_at = now + _jittered(feed.interval)
            queue_poll(feed)
        Feed.objects.bulk_update(due, ["next_poll_at"])
    return len(due)


# Polling


def _policy() -> FetchPolicy:
    return replace(
        FetchPolicy.from_settings(settings),
        content_types=FEED_CONTENT_TYPES,
        max_bytes=settings.FEEDS_MAX_BYTES,
    )


def feed_poll(*, feed_id: int, now: datetime | None = None) -> PollResult:
    """Fetch a feed and turn its new entries into articles. Safe to run twice."""
    feed = Feed.objects.get(pk=feed_id)
    if not feed.enabled:
        return PollResult(feed_id, skipped="off")
    if feed.paused_at:
        return PollResult(feed_id, skipped="paused after repeated failures")
    try:
        if feed.folder:
            parsed: feeds.Parsed | None = feeds.Parsed("folder", feed.name, _folder_entries(feed))
            validators = ("", "")
        else:
            conditional = {"Accept": ACCEPT}
            if feed.etag:
                conditional["If-None-Match"] = feed.etag
            if feed.last_modified:
                conditional["If-Modified-Since"] = feed.last_modified
            page = fetch(feed.url or "", _policy(), headers=conditional)
            parsed = None if page.not_modified else feeds.parse(page.body, base_url=page.final_url)
            validators = (page.etag, page.last_modified)
        now = now or timezone.now()
        with transaction.atomic():
            feed = Feed.objects.select_for_update().get(pk=feed_id)
            new, known = _store_entries(feed, parsed.entries) if parsed else (0, 0)
            feed.last_checked_at = now
            feed.failures = 0
            feed.last_error = ""
            feed.next_poll_at = now + _jittered(feed.interval)
            feed.etag, feed.last_modified = validators
            fields = ["last_checked_at", "failures", "last_error", "next_poll_at"]
            fields += ["etag", "last_modified"]
            if parsed:
                feed.kind = parsed.kind
                fields.append("kind")
            if new:
                feed.last_new_item_at = now
                fields.append("last_new_item_at")
            feed.save(update_fields=fields)
    except (FetchError, feeds.FeedError, FollowerRefused) as exc:
        error = Message.of(exc) if isinstance(exc, FetchError) else str(exc)
        return feed_record_failure(feed_id=feed_id, error=error, now=now)
    except ValidationError as exc:  # a folder no longer allowed or gone
        return feed_record_failure(feed_id=feed_id, error=" ".join(exc.messages), now=now)
    return PollResult(feed_id, new=new, known=known, not_modified=parsed is None)


def _folder_entries(feed: Feed) -> list[feeds.Entry]:
    """The folder's files an article can be made of, oldest name first, each known by its
    name and content (a file edited later is a new item)."""
    root = check_folder(feed.folder)  # again: the root may have changed since it was added
    entries = []
    for path in sorted(Path(root).iterdir())[: feeds.MAX_ENTRIES]:
        if path.name.startswith(".") or path.suffix.lower() not in UPLOAD_KINDS:
            continue
        real = os.path.realpath(path)
        if os.path.commonpath([root, real]) != root or not os.path.isfile(real):
            continue  # a link out of the followed folder
        with open(real, "rb") as handle:
            digest = hashlib.file_digest(handle, "sha256").hexdigest()
        entries.append(
            feeds.Entry(
                guid=f"{path.name}:{digest[:16]}", url="", title=path.name[:300], file_hash=digest
            )
        )
    return entries


def _follower(feed: Feed) -> User | AnonymousUser:
    """Articles a feed brings are added in the name of whoever follows it, with their rights."""
    return feed.created_by or AnonymousUser()


def _ingest(feed: Feed, entry: feeds.Entry) -> tuple[Article, bool]:
    """The article an entry becomes: its page fetched by URL ingestion, or the file read."""
    try:
        if entry.url:
            return article_create_from_url(actor=_follower(feed), url=entry.url, title=entry.title)
        path = Path(feed.folder) / entry.title
        text, raw = text_from_upload(name=path.name, data=path.read_bytes())
        return article_create(
            actor=_follower(feed),
            text=text,
            raw=raw,
            input_kind=Article.InputKind.FILE,
            title=text.title or path.stem.replace("_", " ").replace("-", " "),
        )
    except PermissionDenied:
        raise FollowerRefused(
            "Whoever follows this feed may no longer add articles: follow it again as "
            "someone on the desk."
        ) from None


def _store_entries(feed: Feed, entries: Sequence[feeds.Entry]) -> tuple[int, int]:
    """Store the entries not seen before as items, the unknown ones ingested as articles.

    Called with the feed row locked: no other poll of this feed is storing meanwhile.
    Returns (entries ingested, entries already known).
    """
    unique = list({entry.guid: entry for entry in reversed(entries)}.values())
    taken = set(
        FeedItem.objects.filter(feed=feed, guid__in=[e.guid for e in unique]).values_list(
            "guid", flat=True
        )
    )
    fresh = [entry for entry in unique if entry.guid not in taken]
    if not fresh:
        return 0, len(unique)
    urls = [entry.url for entry in fresh if entry.url]
    hashes = [entry.content_hash for entry in fresh]
    seen_urls: dict[str, int | None] = dict(
        FeedItem.objects.filter(url__in=urls).values_list("url", "article_id")
    )
    seen_urls.update(
        (url, pk)
        for url, pk in Article.objects.filter(url__in=urls).values_list("url", "pk")
        if url
    )
    seen_hashes: dict[str, int | None] = dict(
        FeedItem.objects.filter(content_hash__in=hashes).values_list("content_hash", "article_id")
    )
    items, new = [], 0
    # The fetch jobs of the poll's new entries: one INSERT, sent together after commit.
    with job_batch():
        for entry in fresh:
            item = FeedItem(
                feed=feed,
                guid=entry.guid,
                url=entry.url,
                title=entry.title,
                published_at=entry.published_at,
                content_hash=entry.content_hash,
            )
            if (entry.url and entry.url in seen_urls) or entry.content_hash in seen_hashes:
                item.article_id = seen_urls.get(entry.url) or seen_hashes.get(entry.content_hash)
                item.note = _("Seen before: not fetched again.")
            elif not entry.url and not entry.file_hash:
                item.note = _("The entry has no web address to fetch.")
            else:
                try:
                    article, created = _ingest(feed, entry)
                except (ValidationError, OSError) as exc:
                    text = " ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
                    item.note = text[:300]
                else:
                    item.article = article
                    new += created
            # Later entries of this poll that repeat this one are known too.
            seen_urls.setdefault(entry.url, item.article_id) if entry.url else None
            seen_hashes.setdefault(entry.content_hash, item.article_id)
            items.append(item)
    FeedItem.objects.bulk_create(items)
    Feed.objects.filter(pk=feed.pk).update(items_seen=F("items_seen") + len(items))
    return new, len(unique) - new


def feed_record_failure(
    *, feed_id: int, error: str | Message, now: datetime | None = None
) -> PollResult:
    """Say on the feed why the poll failed, back off, and pause it after too many."""
    now = now or timezone.now()
    with transaction.atomic():
        feed = Feed.objects.select_for_update().get(pk=feed_id)
        feed.failures += 1
        feed.last_error, feed.last_error_params = stored_message(error)
        feed.last_checked_at = now
        if feed.failures >= settings.FEEDS_PAUSE_AFTER:
            feed.paused_at = now
            feed.next_poll_at = None
        else:
            feed.next_poll_at = now + min(_jittered(feed.interval) * 2**feed.failures, MAX_BACKOFF)
        fields = ["failures", "last_error", "last_error_params", "last_checked_at"]
        feed.save(update_fields=[*fields, "paused_at", "next_poll_at"])
    logger.info("feed %s failed (%s in a row): %s", feed_id, feed.failures, error)
    return PollResult(feed_id, error=str(error))


# Seen again
