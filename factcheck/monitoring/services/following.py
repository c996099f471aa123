"""Following a feed: a desk adds, changes and resumes the feeds it follows (checked here,
through every door); polling them is polling.py's."""

from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from factcheck.monitoring.models import Feed
from factcheck.monitoring.services.polling import _jittered, check_folder, queue_poll
from factcheck.versioning import Actor, lock, require, save
from factcheck.webaddress import clean_web_address

FEED_FIELDS = ("name", "url", "folder", "interval_minutes", "enabled")


def _check_interval(minutes: Any) -> int:
    try:
        value = int(minutes)
    except (TypeError, ValueError):
        raise ValidationError(_("The interval is a number of minutes.")) from None
    if not 5 <= value <= 7 * 24 * 60:
        raise ValidationError(_("The interval is between 5 minutes and a week."))
    return value


def _source(url: str, folder: str) -> tuple[str | None, str]:
    """(address, folder): exactly one of them, checked."""
    if bool(url.strip()) == bool(folder.strip()):
        raise ValidationError(_("Give either a web address or a folder."))
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
    user = require(actor, "monitoring.add_feed", _("follow feeds"))
    address, folder = _source(url, folder)
    existing = Feed.objects.filter(url=address).first() if address else None
    if existing or (folder and (existing := Feed.objects.filter(folder=folder).first())):
        raise ValidationError(
            _("This feed is followed already, as “%(name)s”.") % {"name": existing.name}
        )
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
        raise ValidationError(_("This feed is followed already.")) from None
    if enabled:
        queue_poll(feed)
    return feed


@transaction.atomic
def feed_update(*, feed: Feed, actor: Actor, expected_version: int | None, **changes: Any) -> Feed:
    require(actor, "monitoring.change_feed", _("change feeds"))
    unknown = set(changes) - set(FEED_FIELDS)
    if unknown:
        raise ValidationError(
            _("These fields cannot be edited here: %(fields)s.")
            % {"fields": ", ".join(sorted(unknown))}
        )
    if "url" in changes or "folder" in changes:
        url = changes.get("url", feed.url) or ""
        changes["url"], changes["folder"] = _source(url, changes.get("folder", feed.folder))
        others = Feed.objects.exclude(pk=feed.pk)
        if changes["url"] and others.filter(url=changes["url"]).exists():
            raise ValidationError(_("Another feed has this address."))
        if changes["folder"] and others.filter(folder=changes["folder"]).exists():
            raise ValidationError(_("Another feed follows this folder."))
    if "interval_minutes" in changes:
        changes["interval_minutes"] = _check_interval(changes["interval_minutes"])
    if "name" in changes and not str(changes["name"]).strip():
        raise ValidationError(_("A feed needs a name."))
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
    require(actor, "monitoring.change_feed", _("resume feeds"))
    locked = lock(feed, None, {})
    locked.paused_at = None
    locked.failures = 0
    locked.next_poll_at = timezone.now() + _jittered(locked.interval)
    saved = save(locked, ["paused_at", "failures", "next_poll_at"], actor)
    queue_poll(saved)
    return saved
