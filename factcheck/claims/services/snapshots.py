"""Source snapshots: the worker (factcheck.claims.tasks.snapshot_source_task) fetches a
source's page and keeps its text."""

from datetime import datetime, timedelta

import trafilatura
from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_noop

from factcheck.claims.models import Claim, Source
from factcheck.fetch import FetchError, FetchPolicy, Page, TemporaryFetchError, fetch
from factcheck.i18n import Message, stored_message
from factcheck.jobs.services import job_enqueue
from factcheck.text import ArticleText, TextRefused, article_text_from_page, normalise_text

# The beat schedule rechecks daily; a little less than a day keeps a late run from
# skipping a source, and makes a repeated or redelivered recheck a no-op.
SOURCE_RECHECK_AFTER = timedelta(hours=20)
SNAPSHOT_REASON = "snapshot by the worker"
# Claims someone may still need evidence for: dismissed and published ones are settled.
RECHECKED_CLAIM_STATUSES = (
    Claim.Status.NEW,
    Claim.Status.CHECKING,
    Claim.Status.AWAITING_APPROVAL,
)


def source_snapshot(*, source_id: int, recheck: bool = False) -> Source:
    """Archive a source's page: final URL, HTTP status, fetch time, SHA-256, title, text.

    The first snapshot runs once: a source whose snapshot ended (archived, failed, dead) is
    left alone, so a second run changes nothing. A recheck (`recheck=True`, from
    `sources_recheck`) skips a source checked within SOURCE_RECHECK_AFTER; otherwise it
    marks the link dead on 404, 410 or a host that no longer exists, keeping the archived
    text, and takes the snapshot if there was none. It never overwrites an archive: that
    is the page as it was when the source was cited.

    A refusal or a final answer from the site is recorded at once; `TemporaryFetchError`
    propagates so the task can retry it with backoff.

    Snapshot fields are not editable by anyone, so these saves do not bump `version`: a
    reviewer editing the source's title meanwhile gets no false conflict.
    """
    source = Source.objects.get(pk=source_id)
    if not _snapshot_due(source, recheck=recheck):
        return source
    try:
        page = fetch(source.url, FetchPolicy.from_settings(settings))
    except TemporaryFetchError:
        raise
    except FetchError as exc:
        return source_snapshot_failed(source_id=source_id, error=exc, recheck=recheck)
    text = _snapshot_text(page)
    with transaction.atomic():
        locked = Source.objects.select_for_update().get(pk=source_id)
        if not _snapshot_due(locked, recheck=recheck):
            return locked  # another run got here first
        locked.last_checked_at = timezone.now()
        fields = ["last_checked_at", "snapshot_status", "failure_reason", "failure_params"]
        if not locked.sha256:
            locked.final_url = page.final_url[:2000]
            locked.http_status = page.status
            locked.fetched_at = page.fetched_at
            locked.sha256 = page.sha256
            locked.snapshot_title = text.title[:300]
            locked.snapshot_text = text.body
            fields += ["final_url", "http_status", "fetched_at", "sha256"]
            fields += ["snapshot_title", "snapshot_text"]
        locked.snapshot_status = Source.SnapshotStatus.OK
        locked.failure_reason, locked.failure_params = "", {}
        _snapshot_save(locked, fields)
    return locked


def source_note_retry(*, source_id: int, error: str | Message) -> None:
    """Say why a snapshot is taking long: an attempt failed and another one is coming.

    Only on a source still waiting for its first snapshot; success clears the message.
    A plain update: no history row and no version bump for a passing note.
    """
    text, params = stored_message(error)
    Source.objects.filter(pk=source_id, snapshot_status=Source.SnapshotStatus.PENDING).update(
        failure_reason=text, failure_params=params, updated_at=timezone.now()
    )


def source_snapshot_failed(
    *, source_id: int, error: FetchError, recheck: bool = False, note: Message | None = None
) -> Source:
    """Record why a source could not be archived, where the reviewer looks.

    On a recheck only a dead link (404, 410, unknown host) changes the status: a timeout
    or a refusal today is no proof that the page is gone, and the archive stays readable.
    """
    message = Message.of(error) + note if note else Message.of(error)
    with transaction.atomic():
        locked = Source.objects.select_for_update().get(pk=source_id)
        now = timezone.now()
        locked.last_checked_at = now
        fields = ["last_checked_at"]
        if recheck:
            if error.dead and locked.snapshot_status != Source.SnapshotStatus.DEAD:
                locked.snapshot_status = Source.SnapshotStatus.DEAD
                went_dead = Message.new(
                    gettext_noop("The link went dead (checked %(date)s):"), date=f"{now:%Y-%m-%d}"
                )
                locked.failure_reason, locked.failure_params = stored_message(went_dead + message)
                fields += ["snapshot_status", "failure_reason", "failure_params"]
        elif locked.snapshot_status == Source.SnapshotStatus.PENDING:
            dead = Source.SnapshotStatus.DEAD
            locked.snapshot_status = dead if error.dead else Source.SnapshotStatus.FAILED
            locked.failure_reason, locked.failure_params = stored_message(message)
            locked.http_status = error.status
            locked.final_url = error.url[:2000]
            fields += ["snapshot_status", "failure_reason", "failure_params"]
            fields += ["http_status", "final_url"]
        else:
            return locked  # an earlier run already recorded the outcome
        _snapshot_save(locked, fields)
    return locked


def sources_recheck(*, now: datetime | None = None) -> int:
    """Queue a recheck of the sources of every claim still being worked on.

    Sources checked within SOURCE_RECHECK_AFTER are skipped, so running this twice queues
    nothing the second time. Returns how many rechecks were queued.
    """
    from factcheck.claims.tasks import snapshot_source_task

    cutoff = (now or timezone.now()) - SOURCE_RECHECK_AFTER
    ids = list(
        Source.objects.filter(claim__status__in=RECHECKED_CLAIM_STATUSES)
        .filter(Q(last_checked_at__isnull=True) | Q(last_checked_at__lt=cutoff))
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    for source_id in ids:
        job_enqueue(task=snapshot_source_task, args=[source_id], kwargs={"recheck": True})
    return len(ids)


def _snapshot_due(source: Source, *, recheck: bool) -> bool:
    if not recheck:
        return source.snapshot_status == Source.SnapshotStatus.PENDING
    cutoff = timezone.now() - SOURCE_RECHECK_AFTER
    return source.last_checked_at is None or source.last_checked_at < cutoff


def _snapshot_text(page: Page) -> ArticleText:
    try:
        return article_text_from_page(page)
    except TextRefused:
        # No main text (a data table, a landing page): keep all the text the page shows.
        html = page.text()
        metadata = trafilatura.extract_metadata(html)
        return ArticleText(
            body=normalise_text(trafilatura.html2txt(html) or ""),
            title=(getattr(metadata, "title", None) or "") if metadata else "",
        )


def _snapshot_save(source: Source, fields: list[str]) -> None:
    source._change_reason = SNAPSHOT_REASON  # type: ignore[attr-defined]
    source.save(update_fields=[*fields, "updated_at"])
