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
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from factcheck.articles.models import Article
from factcheck.articles.services import (
    article_body,
    article_create,
    article_create_from_url,
    articles_create,
    text_from_upload,
)
from factcheck.claims.matching import claim_matches
from factcheck.claims.models import Claim
from factcheck.claims.services import WorkflowError, published_verdict_of, verdict_writers
from factcheck.fetch import FetchError, FetchPolicy, fetch
from factcheck.jobs.services import job_batch, job_enqueue
from factcheck.monitoring import feeds
from factcheck.monitoring.models import Feed, FeedItem, Sighting
from factcheck.notifications.models import Kind
from factcheck.notifications.services import Event, queue_events
from factcheck.text import UPLOAD_KINDS
from factcheck.versioning import Actor, lock, require, save
from factcheck.webaddress import clean_web_address

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
FEED_FIELDS = ("name", "url", "folder", "interval_minutes", "enabled")


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


def _check_interval(minutes: Any) -> int:
    try:
        value = int(minutes)
    except (TypeError, ValueError):
        raise ValidationError("The interval is a number of minutes.") from None
    if not 5 <= value <= 7 * 24 * 60:
        raise ValidationError("The interval is between 5 minutes and a week.")
    return value


def check_folder(folder: str) -> str:
    """The folder's real path, if it lies under FEEDS_FOLDER_ROOT (links resolved first, so
    neither `..` nor a symbolic link leads out of it)."""
    root = settings.FEEDS_FOLDER_ROOT
    if not root:
        raise ValidationError(
            "Folders cannot be followed here: the administrator has not set FEEDS_FOLDER_ROOT."
        )
    root = os.path.realpath(root)
    real = os.path.realpath(os.path.join(root, folder.strip()))
    if os.path.commonpath([root, real]) != root:
        raise ValidationError(f"Only folders under {root} can be followed.")
    if not os.path.isdir(real):
        raise ValidationError(f"There is no folder {real}.")
    return real


def _source(url: str, folder: str) -> tuple[str | None, str]:
    """(address, folder): exactly one of them, checked."""
    if bool(url.strip()) == bool(folder.strip()):
        raise ValidationError("Give either a web address or a folder.")
    if url.strip():
        return clean_web_address(url), ""
    return None, check_folder(folder)


@transaction.atomic
def feed_create(
    *,
    actor: Actor,
    url: str = "",
    folder: str = "",
    name: str = "",
    interval_minutes: int = 60,
    enabled: bool = True,
) -> Feed:
    """Follow a feed (or a folder); its first poll is queued at once."""
    user = require(actor, "monitoring.add_feed", "follow feeds")
    address, folder = _source(url, folder)
    existing = Feed.objects.filter(url=address).first() if address else None
    if existing or (folder and (existing := Feed.objects.filter(folder=folder).first())):
        raise ValidationError(f"This feed is followed already, as “{existing.name}”.")
    feed = Feed(
        url=address,
        folder=folder,
        kind=Feed.Kind.FOLDER if folder else "",
        name=(
            name.strip() or (urlsplit(address).hostname if address else Path(folder).name) or folder
        )[:200],
        interval_minutes=_check_interval(interval_minutes),
        enabled=enabled,
        created_by=user,
    )
    feed.next_poll_at = timezone.now() + _jittered(feed.interval)
    try:
        with transaction.atomic():
            feed.save()
    except IntegrityError:
        raise ValidationError("This feed is followed already.") from None
    if enabled:
        queue_poll(feed)
    return feed


@transaction.atomic
def feed_update(*, feed: Feed, actor: Actor, expected_version: int | None, **changes: Any) -> Feed:
    require(actor, "monitoring.change_feed", "change feeds")
    unknown = set(changes) - set(FEED_FIELDS)
    if unknown:
        raise ValidationError(f"These fields cannot be edited here: {', '.join(sorted(unknown))}.")
    if "url" in changes or "folder" in changes:
        url = changes.get("url", feed.url) or ""
        changes["url"], changes["folder"] = _source(url, changes.get("folder", feed.folder))
        others = Feed.objects.exclude(pk=feed.pk)
        if changes["url"] and others.filter(url=changes["url"]).exists():
            raise ValidationError("Another feed has this address.")
        if changes["folder"] and others.filter(folder=changes["folder"]).exists():
            raise ValidationError("Another feed follows this folder.")
    if "interval_minutes" in changes:
        changes["interval_minutes"] = _check_interval(changes["interval_minutes"])
    if "name" in changes and not str(changes["name"]).strip():
        raise ValidationError("A feed needs a name.")
    locked = lock(feed, expected_version, changes)
    fields = list(changes)
    if (changes.get("url", locked.url), changes.get("folder", locked.folder)) != (
        locked.url,
        locked.folder,
    ):
        # Another source: the old validators and format say nothing about it.
        locked.etag = locked.last_modified = ""
        locked.kind = Feed.Kind.FOLDER if changes.get("folder") else ""
        fields += ["etag", "last_modified", "kind"]
    for field, value in changes.items():
        setattr(locked, field, value)
    return save(locked, fields, actor)


@transaction.atomic
def feed_resume(*, feed: Feed, actor: Actor) -> Feed:
    """Poll a paused (or failing) feed again now, its failure count cleared."""
    require(actor, "monitoring.change_feed", "resume feeds")
    locked = lock(feed, None, {})
    locked.paused_at = None
    locked.failures = 0
    locked.next_poll_at = timezone.now() + _jittered(locked.interval)
    saved = save(locked, ["paused_at", "failures", "next_poll_at"], actor)
    queue_poll(saved)
    return saved


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
        return feed_record_failure(feed_id=feed_id, error=str(exc), now=now)
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
                item.note = "Seen before: not fetched again."
            elif not entry.url and not entry.file_hash:
                item.note = "The entry has no web address to fetch."
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


def feed_record_failure(*, feed_id: int, error: str, now: datetime | None = None) -> PollResult:
    """Say on the feed why the poll failed, back off, and pause it after too many."""
    now = now or timezone.now()
    with transaction.atomic():
        feed = Feed.objects.select_for_update().get(pk=feed_id)
        feed.failures += 1
        feed.last_error = error[:2000]
        feed.last_checked_at = now
        if feed.failures >= settings.FEEDS_PAUSE_AFTER:
            feed.paused_at = now
            feed.next_poll_at = None
        else:
            feed.next_poll_at = now + min(_jittered(feed.interval) * 2**feed.failures, MAX_BACKOFF)
        feed.save(
            update_fields=["failures", "last_error", "last_checked_at", "paused_at", "next_poll_at"]
        )
    logger.info("feed %s failed (%s in a row): %s", feed_id, feed.failures, error)
    return PollResult(feed_id, error=error)


# Seen again


def on_claims_matched(sender: Any, *, claim_ids: Sequence[int], **kwargs: Any) -> None:
    """Receiver of `factcheck.claims.signals.claims_matched`."""
    sightings_record(claim_ids=claim_ids)


def sightings_record(*, claim_ids: Sequence[int]) -> int:
    """Put each claim that repeats something already checked in the "Seen again" queue.

    Reads the matches the matching step stored (`claim_matches`: our published claims
    and imported fact-checks) and keeps the confident ones; the reviewers who wrote the
    original's verdict are told. Safe to run twice: a sighting is stored once per claim and
    original, and a notification once per key. Returns the sightings stored.
    """
    stored = 0
    events = []
    claims = Claim.objects.filter(pk__in=claim_ids).exclude(status=Claim.Status.DISMISSED)
    for claim in claims.select_related("article"):
        for match in claim_matches(claim):
            if not match.already_checked:
                continue
            if match.kind == "ours" and match.verdict is not None:
                original = match.verdict.claim
                if original.article_id == claim.article_id or claim.duplicate_of_id:
                    continue  # its own article, or already marked as a repeat by hand
                sighting = Sighting(claim=claim, original=original)
                key = f"seen_again:{claim.pk}:{original.pk}"
                events.append(
                    Event(
                        Kind.SEEN_AGAIN,
                        original.pk,
                        tuple(verdict_writers(match.verdict)),
                        None,
                        key,
                    )
                )
            elif match.factcheck is not None:
                sighting = Sighting(claim=claim, factcheck=match.factcheck)
            else:
                continue
            sighting.confidence = match.confidence
            sighting.reasons = list(match.reasons)
            try:
                with transaction.atomic():
                    sighting.save()
                stored += 1
            except IntegrityError:
                pass  # recorded by an earlier run
    with transaction.atomic():
        queue_events(events)
    return stored


@transaction.atomic
def sighting_publish(*, sighting: Sighting, actor: Actor) -> Sighting:
    """An editor publishes the appearance in one step: the new article's claim becomes a
    published repeat of the original, whose ClaimReview lists the article as an
    appearance. No new verdict: the original's was approved by a second person already;
    the matcher proposed the pairing and the editor confirms it."""
    user = require(actor, "claims.publish_verdict", "publish appearances")
    locked = Sighting.objects.select_for_update().get(pk=sighting.pk)
    if locked.status != Sighting.Status.PENDING:
        raise WorkflowError(f"This sighting was handled already ({locked.get_status_display()}).")
    if locked.original is None:
        raise WorkflowError(
            "This claim matches another organisation's fact check: cite it as a source "
            "instead, there is no verdict of ours to show."
        )
    original = locked.original.duplicate_of or locked.original
    claim = lock(locked.claim, None, {})
    if claim.status not in (Claim.Status.NEW, Claim.Status.CHECKING):
        raise WorkflowError(
            f"A claim that is {claim.get_status_display().lower()} cannot be published "
            "as an appearance."
        )
    if claim.duplicate_of_id not in (None, original.pk):
        raise WorkflowError("The claim is marked as a repeat of another claim.")
    if published_verdict_of(original) is None:
        raise WorkflowError("The original claim has no published verdict any more.")
    claim.duplicate_of = original
    claim.duplicate_confirmed_by = user
    claim.status = Claim.Status.PUBLISHED
    save(claim, ["duplicate_of", "duplicate_confirmed_by", "status"], actor, "appearance published")
    return _decide(locked, user, Sighting.Status.PUBLISHED)


@transaction.atomic
def sighting_dismiss(*, sighting: Sighting, actor: Actor) -> Sighting:
    """Not the same claim after all: out of the queue, and not counted as an appearance."""
    user = require(actor, "monitoring.change_sighting", "dismiss sightings")
    locked = Sighting.objects.select_for_update().get(pk=sighting.pk)
    if locked.status != Sighting.Status.PENDING:
        raise WorkflowError(f"This sighting was handled already ({locked.get_status_display()}).")
    return _decide(locked, user, Sighting.Status.DISMISSED)


def _decide(sighting: Sighting, user: User, status: str) -> Sighting:
    sighting.status = status
    sighting.decided_by = user
    sighting.decided_at = timezone.now()
    sighting.save(update_fields=["status", "decided_by", "decided_at"])
    return sighting


def claims_seen_most(*, days: int = 7, limit: int = 10) -> list[tuple[Claim, int]]:
    """The checked claims that appeared in most articles in the last `days` days: machine
    sightings not dismissed, and repeats marked by hand."""
    since = timezone.now() - timedelta(days=days)
    counts: Counter[int] = Counter()
    pairs = set(
        Sighting.objects.filter(created_at__gte=since, original__isnull=False)
        .exclude(status=Sighting.Status.DISMISSED)
        .values_list("original_id", "claim__article_id")
    )
    pairs |= set(
        Claim.objects.filter(created_at__gte=since, duplicate_of__isnull=False).values_list(
            "duplicate_of_id", "article_id"
        )
    )
    counts.update(original for original, _ in pairs)
    top = counts.most_common(limit)
    claims = Claim.objects.in_bulk([pk for pk, _ in top])
    return [(claims[pk], n) for pk, n in top if pk in claims]


UPLOAD_MAX_FILES = 50  # per upload: a day of transcripts, not an archive (use a folder)


@dataclass(frozen=True)
class Upload:
    """One uploaded file: its name and bytes."""

    name: str
    data: bytes


def transcripts_upload(
    *, actor: Actor, files: Sequence[Upload], publisher: str = ""
) -> list[tuple[Article, bool]]:
    """Store several uploaded transcripts or plain files (.txt, .md, .html) as articles at
    once, each queued for extraction; returns (article, created) per file.

    All or nothing: every file is read first, and if one is refused (its type, its size,
    no text) nothing is stored and the error names each file refused. A file whose text
    is here already is that article (created False), as for a single upload.
    """
    require(actor, "articles.add_article", "add articles")
    if not files:
        raise ValidationError("Choose at least one file.")
    if len(files) > UPLOAD_MAX_FILES:
        raise ValidationError(
            f"{len(files)} files at once is too many: upload at most {UPLOAD_MAX_FILES}, "
            "or follow a folder for more."
        )
    items, refused = [], []
    for upload in files:
        try:
            text, raw = text_from_upload(name=upload.name, data=upload.data)
            article_body(text.body)  # refused here, so the message names the file
        except ValidationError as exc:
            refused.append(f"{upload.name}: {' '.join(exc.messages)}")
            continue
        title = text.title or Path(upload.name).stem.replace("_", " ").strip()
        items.append(
            {
                "text": text,
                "raw": raw,
                "input_kind": Article.InputKind.FILE,
                "title": title,
                "publisher": publisher,
            }
        )
    if refused:
        raise ValidationError(["Nothing was stored.", *refused])
    return articles_create(actor=actor, items=items)
