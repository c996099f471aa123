"""Ingestion: articles from pasted text, uploaded files and URLs, and their claim extraction."""

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import PurePath
from typing import Any

import trafilatura
from django.conf import settings
from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.dateparse import parse_date
from simple_history.utils import bulk_create_with_history

from factcheck.articles.models import Article, content_hash
from factcheck.claims.models import Claim
from factcheck.claims.normalise import normalise
from factcheck.claims.similar import LINK_CHUNK
from factcheck.extraction import extract
from factcheck.fetch import FetchError, FetchPolicy, Page, TemporaryFetchError, fetch
from factcheck.jobs.services import job_enqueue
from factcheck.versioning import lock, require, save

logger = logging.getLogger(__name__)

Actor = User | AnonymousUser

UPLOAD_KINDS = {".txt": "text", ".md": "text", ".markdown": "text", ".html": "html", ".htm": "html"}


@dataclass(frozen=True)
class ArticleText:
    """The clean text of an article and what we learnt about it."""

    body: str
    title: str = ""
    author: str = ""
    publisher: str = ""
    published_at: datetime | None = None
    language: str = ""


def _require_can_add(actor: Actor) -> User:
    return require(actor, "articles.add_article", "add articles")


def normalise_text(text: str) -> str:
    """Unify line endings and drop NULs so offsets mean the same everywhere."""
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "").strip()


def check_body(body: str) -> str:
    if not body.strip():
        raise ValidationError("The article has no text.")
    if len(body) > settings.ARTICLE_MAX_CHARS:
        raise ValidationError(
            f"The article is too long: {len(body):,} characters; the limit is "
            f"{settings.ARTICLE_MAX_CHARS:,}."
        )
    return body


def text_from_html(html: str, *, url: str | None = None) -> ArticleText:
    """Main text and metadata of a web page, by trafilatura."""
    document = trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        favor_precision=True,
    )
    body = normalise_text(getattr(document, "text", None) or "") if document else ""
    if not body:
        raise ValidationError("No article text could be found in this page.")
    published = parse_date(getattr(document, "date", None) or "")
    return ArticleText(
        body=body,
        title=(getattr(document, "title", None) or "")[:300],
        author=(getattr(document, "author", None) or "")[:200],
        publisher=(getattr(document, "sitename", None) or "")[:200],
        published_at=(
            timezone.make_aware(datetime.combine(published, datetime.min.time()))
            if published
            else None
        ),
        language=(getattr(document, "language", None) or "")[:16],
    )


def decode_bytes(data: bytes, *, declared: str | None = None) -> str:
    """Text from bytes: the declared charset, else UTF-8, else a clear refusal."""
    # Anywhere in the file, not only at its start: PostgreSQL cannot store a NUL, and the
    # raw text is kept as it came.
    if b"\x00" in data:
        raise ValidationError("This file looks binary, not like text.")
    for encoding in filter(None, [declared, "utf-8-sig"]):
        try:
            return data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
    try:
        # Windows-1252 is what most non-UTF-8 news text is; it decodes nearly any byte.
        return data.decode("cp1252")
    except UnicodeDecodeError:
        raise ValidationError("The file is not UTF-8 text and could not be decoded.") from None


def text_from_upload(*, name: str, data: bytes) -> tuple[ArticleText, str]:
    """The article text of an uploaded file, and the raw text kept for audit."""
    suffix = PurePath(name).suffix.lower()
    kind = UPLOAD_KINDS.get(suffix)
    if kind is None:
        raise ValidationError(
            f"Files of type {suffix or '(none)'} are not accepted: upload .txt, .md or .html."
        )
    if len(data) > settings.UPLOAD_MAX_BYTES:
        raise ValidationError(
            f"The file is too large: {len(data):,} bytes; the limit is "
            f"{settings.UPLOAD_MAX_BYTES:,}."
        )
    raw = decode_bytes(data)
    if kind == "html":
        return text_from_html(raw), raw
    return ArticleText(body=normalise_text(raw)), raw


def validate_article_url(url: str) -> str:
    url = url.strip()
    try:
        URLValidator(schemes=["http", "https"])(url)
    except ValidationError:
        raise ValidationError("Enter a web address starting with http:// or https://.") from None
    return url


@transaction.atomic
def article_create(
    *,
    actor: Actor,
    text: ArticleText,
    raw: str = "",
    input_kind: str = Article.InputKind.TEXT,
    title: str = "",
    url: str | None = None,
    publisher: str = "",
    author: str = "",
    published_at: datetime | None = None,
) -> tuple[Article, bool]:
    """Store an article and queue its claim extraction; the same text twice is one article.

    `url` is where the text came from (never fetched here); the metadata a person gives
    wins over what was found in an uploaded page. Returns the article and whether it was
    created.
    """
    user = _require_can_add(actor)
    body = check_body(normalise_text(text.body))
    url = validate_article_url(url) if url else None
    digest = content_hash(body)
    if existing := Article.objects.filter(content_hash=digest).first():
        return existing, False
    article = Article(url=url or None, created_by=user)
    if url and (existing := Article.objects.select_for_update().filter(url=url).first()):
        if existing.body or existing.extraction_status != Article.Status.FAILED:
            return existing, False
        # The text pasted for an address we could not fetch: that article takes it.
        article = existing
        article.extraction_status = Article.Status.PENDING
        article.extraction_error = ""
        article.duplicate_of = None
    article.title = (title.strip() or text.title or propose_title(body))[:300]
    article.publisher = (publisher.strip() or text.publisher)[:200]
    article.author = (author.strip() or text.author)[:200]
    article.published_at = published_at or text.published_at
    article.language = text.language or "en"
    article.body = body
    article.raw = raw or text.body
    article.input_kind = input_kind
    article.content_hash = digest
    try:
        with transaction.atomic():
            article.save()
    except IntegrityError:
        # Someone stored the same text or URL a moment ago: theirs is the article.
        return _by_hash_or_url(digest, url), False
    queue_extraction(article)
    return article, True


ARTICLE_EDITABLE_FIELDS = ("title", "url", "publisher", "author", "published_at", "language")
# What the ClaimReview of a published claim shows about the article it appeared in.
ARTICLE_PUBLISHED_FIELDS = ("title", "url", "publisher", "author", "published_at")


@transaction.atomic
def article_update(
    *, article: Article, actor: Actor, expected_version: int | None, **changes: Any
) -> Article:
    """Change an article's metadata (never its text, which claim offsets point into).

    Once a claim of the article is published, what its ClaimReview shows about the article
    is part of the public record and stays as it was approved.
    """
    require(actor, "articles.change_article", "edit articles")
    unknown = set(changes) - set(ARTICLE_EDITABLE_FIELDS)
    if unknown:
        raise ValidationError(f"These fields cannot be edited here: {', '.join(sorted(unknown))}.")
    if changes.get("url"):
        changes["url"] = validate_article_url(changes["url"])
    elif "url" in changes:
        changes["url"] = None
    locked = lock(article, expected_version, changes)
    public = [
        f for f in ARTICLE_PUBLISHED_FIELDS if f in changes and changes[f] != getattr(locked, f)
    ]
    if public and locked.claims.filter(status=Claim.Status.PUBLISHED).exists():
        raise ValidationError(
            f"A claim of this article is published, so its {', '.join(public)} are part of "
            "the public record and cannot change."
        )
    if (
        changes.get("url")
        and Article.objects.filter(url=changes["url"]).exclude(pk=locked.pk).exists()
    ):
        raise ValidationError("Another article already has this address.")
    for field, value in changes.items():
        setattr(locked, field, value)
    return save(locked, list(changes), actor)


def _by_hash_or_url(digest: str, url: str | None) -> Article:
    return Article.objects.filter(content_hash=digest).first() or Article.objects.get(url=url)


def article_propose_title(*, actor: Actor, text: str) -> str:
    """The title proposed for pasted text, shown to the reviewer before anything is saved;
    refuses, as article_create would, someone who may not add articles or text too long."""
    _require_can_add(actor)
    return propose_title(check_body(normalise_text(text)))


def propose_title(body: str) -> str:
    """An article's title when nobody gave one: its first line, shortened to a title's length."""
    first_line = body.strip().split("\n", 1)[0]
    return first_line if len(first_line) <= 120 else first_line[:117].rsplit(" ", 1)[0] + "..."


def queue_similar_lookup(claim_ids: list[int]) -> None:
    """Queue the similar-claim lookup in chunks, so no one job holds a worker for long."""
    from factcheck.articles.tasks import link_similar_claims_task

    if claim_ids and settings.DEMO_JOBS_AFTER_RESPONSE:
        # The demo without a broker: after the response, not inside the request.
        from factcheck.background import run_after_response

        transaction.on_commit(lambda: run_after_response(link_similar_claims_task, claim_ids))
        return
    for start in range(0, len(claim_ids), LINK_CHUNK):
        job_enqueue(task=link_similar_claims_task, args=[claim_ids[start : start + LINK_CHUNK]])


def queue_extraction(article: Article) -> None:
    from factcheck.articles.tasks import extract_claims_task

    job_enqueue(task=extract_claims_task, args=[article.pk])


def queue_fetch(article: Article) -> None:
    from factcheck.articles.tasks import fetch_article_task

    job_enqueue(task=fetch_article_task, args=[article.pk])


@transaction.atomic
def article_create_from_url(*, actor: Actor, url: str, title: str = "") -> tuple[Article, bool]:
    """Register an article by its address; a worker fetches it, then extracts its claims."""
    user = _require_can_add(actor)
    url = validate_article_url(url)
    if existing := Article.objects.filter(url=url).first():
        return existing, False
    article = Article(
        url=url, title=title.strip()[:300], input_kind=Article.InputKind.URL, created_by=user
    )
    try:
        with transaction.atomic():
            article.save()
    except IntegrityError:
        return Article.objects.get(url=url), False
    queue_fetch(article)
    return article, True


def article_extract_claims(*, article_id: int) -> Article:
    """Run the extraction engine over an article and store its claims.

    Safe to run twice: a finished article is left alone, and a span that already has a
    claim (say, one a reviewer added meanwhile) is not stored again.
    """
    with transaction.atomic():
        article = Article.objects.select_for_update().get(pk=article_id)
        if article.extraction_status == Article.Status.DONE or not article.body:
            return article
        article.extraction_status = Article.Status.RUNNING
        article.save(update_fields=["extraction_status", "updated_at"])
    try:
        result = extract(article.body)
    except Exception as exc:  # the engine must not take the article down with it
        logger.exception("extraction failed for article %s", article_id)
        return article_mark_failed(article_id=article_id, error=f"Claim extraction failed: {exc}")
    with transaction.atomic():
        article = Article.objects.select_for_update().get(pk=article_id)
        taken = set(article.claims.values_list("start", "end"))
        claims = [
            Claim(
                article=article,
                start=c.start,
                end=c.end,
                quote=c.text,
                statement=c.statement,
                normalised=normalise(c.statement),
                type=c.type,
                claimant=(c.claimant or "")[:200],
                claimant_kind=c.claimant_kind or "",
                score=c.score,
                low_priority=c.score < settings.CLAIM_LOW_PRIORITY_BELOW,
                extra_spans=[[span.start, span.end] for span in c.extra_spans],
                reasons=list(c.reasons),
                facts=[f.to_dict() for f in c.facts],
                origin=Claim.Origin.MACHINE,
            )
            for c in result.claims
            if (c.start, c.end) not in taken
        ]
        created = bulk_create_with_history(
            claims, Claim, batch_size=500, default_change_reason="extracted"
        )
        queue_similar_lookup([c.pk for c in created])
        article.boilerplate = [[span.start, span.end] for span in result.boilerplate]
        article.extraction_status = Article.Status.DONE
        article.extraction_error = ""
        article.save(
            update_fields=["boilerplate", "extraction_status", "extraction_error", "updated_at"]
        )
    return article


def article_mark_failed(*, article_id: int, error: str) -> Article:
    """Record why an article could not be fetched or extracted, where the reviewer looks."""
    article = Article.objects.get(pk=article_id)
    article.extraction_status = Article.Status.FAILED
    article.extraction_error = error[:2000]
    article.save(update_fields=["extraction_status", "extraction_error", "updated_at"])
    return article


@transaction.atomic
def article_retry(*, article: Article, actor: Actor) -> Article:
    """Queue a failed article again: its fetch if it has no text yet, else its extraction."""
    _require_can_add(actor)
    article = Article.objects.select_for_update().get(pk=article.pk)
    if article.extraction_status != Article.Status.FAILED:
        raise ValidationError("Only a failed article can be retried.")
    article.extraction_status = Article.Status.PENDING
    article.extraction_error = ""
    article.save(update_fields=["extraction_status", "extraction_error", "updated_at"])
    if article.body:
        queue_extraction(article)
    else:
        queue_fetch(article)
    return article


# Fetching articles by URL (run by the worker: factcheck.articles.tasks.fetch_article_task)


FETCHED_FIELDS = [
    "body",
    "raw",
    "content_hash",
    "title",
    "author",
    "publisher",
    "published_at",
    "language",
    "duplicate_of",
    "extraction_error",
]


def article_text_from_page(page: Page) -> ArticleText:
    """The article in a fetched page: trafilatura for HTML, the text itself for plain text."""
    if page.is_html:
        return text_from_html(page.text(), url=page.final_url)
    return ArticleText(body=normalise_text(page.text()))


def article_fetch(*, article_id: int) -> Article:
    """Fetch an article registered by its URL, store its text, then queue claim extraction.

    Safe to run twice: an article that already has its text, or whose fetch already
    failed, is left alone (a retry by the reviewer sets it back to pending first). An
    article with text whose extraction never finished gets its extraction queued again,
    which covers a worker that died between storing the text and queueing the next step.

    A refusal (private address, wrong content type, too big...) or a final answer from the
    site is recorded on the article at once. `TemporaryFetchError` (connection errors,
    timeouts, 5xx) propagates so the task can retry it with backoff.

    When the page holds the same text as an article we already have, this article is
    marked failed with "Same text as article N" and `duplicate_of` pointing at it, rather
    than merged away: the reviewer who submitted the URL may be looking at this row, and
    the other article already carries the claims and any work done on them.
    """
    with transaction.atomic():
        article = Article.objects.select_for_update().get(pk=article_id)
        if article.body:
            if article.extraction_status in (Article.Status.PENDING, Article.Status.RUNNING):
                queue_extraction(article)
            return article
        if article.extraction_status == Article.Status.FAILED:
            return article
        if not article.url:
            return article_mark_failed(article_id=article_id, error="The article has no address.")
        article.extraction_status = Article.Status.RUNNING
        article.save(update_fields=["extraction_status", "updated_at"])
    try:
        page = fetch(article.url, FetchPolicy.from_settings(settings))
        text = article_text_from_page(page)
        body = check_body(normalise_text(text.body))
    except TemporaryFetchError:
        raise
    except FetchError as exc:
        return article_mark_failed(article_id=article_id, error=str(exc))
    except ValidationError as exc:
        return article_mark_failed(article_id=article_id, error=" ".join(exc.messages))
    digest = content_hash(body)
    with transaction.atomic():
        article = Article.objects.select_for_update().get(pk=article_id)
        if article.body or article.extraction_status == Article.Status.FAILED:
            return article  # another run got here first
        if original := Article.objects.filter(content_hash=digest).exclude(pk=article.pk).first():
            return _article_mark_duplicate(article, original)
        article.body = body
        article.raw = page.text()
        article.content_hash = digest
        article.title = (article.title or text.title or propose_title(body))[:300]
        article.author = text.author
        article.publisher = text.publisher
        article.published_at = text.published_at
        article.language = text.language or "en"
        article.duplicate_of = None
        article.extraction_error = ""
        try:
            with transaction.atomic():
                article.save(update_fields=[*FETCHED_FIELDS, "updated_at"])
        except IntegrityError:
            # The same text was stored a moment ago by another request or worker.
            original = Article.objects.exclude(pk=article_id).get(content_hash=digest)
            article = Article.objects.select_for_update().get(pk=article_id)
            return _article_mark_duplicate(article, original)
        queue_extraction(article)
    return article


def article_note_retry(*, article_id: int, error: str) -> None:
    """Say why a fetch is taking long: an attempt failed and another one is coming.

    The message sits in `extraction_error` while the article is still running; success
    clears it, and the last failed attempt replaces it with the final error.
    """
    Article.objects.filter(
        pk=article_id, extraction_status__in=[Article.Status.PENDING, Article.Status.RUNNING]
    ).update(extraction_error=error[:2000], updated_at=timezone.now())


def _article_mark_duplicate(article: Article, original: Article) -> Article:
    article.duplicate_of = original
    article.extraction_status = Article.Status.FAILED
    article.extraction_error = (
        f"Same text as article {original.pk} (“{original}”): its claims are there."
    )[:2000]
    article.save(
        update_fields=["duplicate_of", "extraction_status", "extraction_error", "updated_at"]
    )
    return article


# Articles whose job was lost (run by the worker: requeue_stalled_articles_task)

# Redis gives a task lost with its worker back after CELERY_VISIBILITY_TIMEOUT (10 min),
# which then runs for at most the hard time limit (5 min): only later is a job truly lost
# (with Redis itself, say), and requeueing earlier would run it twice for nothing.
STALLED_AFTER = timedelta(minutes=20)


def articles_requeue_stalled(*, now: datetime | None = None) -> int:
    """Queue again the job of every article left pending or running for STALLED_AFTER.

    Covers a job lost with the broker's data (Redis restarted without its queue); jobs
    that never reached the broker wait in the outbox instead (factcheck/jobs). Jobs are
    idempotent, so requeueing one that was only slow costs a little work and changes
    nothing; the article's clock restarts, so it is queued again at most once per
    STALLED_AFTER, however long a backlog. Returns how many were queued.
    """
    now = now or timezone.now()
    stalled = Article.objects.filter(
        extraction_status__in=[Article.Status.PENDING, Article.Status.RUNNING],
        updated_at__lt=now - STALLED_AFTER,
    ).only("pk", "body", "url")
    requeued = []
    with transaction.atomic():
        for article in stalled.iterator():
            if article.body:
                queue_extraction(article)
            elif article.url:
                queue_fetch(article)
            else:
                continue
            requeued.append(article.pk)
        Article.objects.filter(pk__in=requeued).update(updated_at=now)
    return len(requeued)
