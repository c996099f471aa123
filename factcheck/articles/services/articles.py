"""Articles: stored from text or by address, their metadata edited, a failure retried."""

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import IntegrityError, transaction

from factcheck.articles import signals
from factcheck.articles.models import Article, content_hash
from factcheck.articles.services.text import ArticleText, check_body, normalise_text
from factcheck.jobs.services import job_batch, job_enqueue
from factcheck.versioning import lock, require, save

Actor = User | AnonymousUser


def _require_can_add(actor: Actor) -> User:
    return require(actor, "articles.add_article", "add articles")


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
    if url and (existing := Article.objects.filter(url=url).first()):
        return existing, False
    article = Article(
        title=(title.strip() or text.title or _title_from(body))[:300],
        url=url or None,
        publisher=(publisher.strip() or text.publisher)[:200],
        author=(author.strip() or text.author)[:200],
        published_at=published_at or text.published_at,
        language=text.language or "en",
        body=body,
        raw=raw or text.body,
        input_kind=input_kind,
        content_hash=digest,
        created_by=user,
    )
    try:
        with transaction.atomic():
            article.save()
    except IntegrityError:
        # Someone stored the same text or URL a moment ago: theirs is the article.
        return _by_hash_or_url(digest, url), False
    queue_extraction(article)
    return article, True


@transaction.atomic
def articles_create(*, actor: Actor, items: Sequence[dict[str, Any]]) -> list[tuple[Article, bool]]:
    """Store several articles at once, each as `article_create` does (`items`: its keyword
    arguments); all of them or, if one is refused, none.

    One transaction for them all and their extraction jobs written and sent together
    (`job_batch`): a commit and a send transaction for the batch, not two per article.
    """
    with job_batch():
        return [article_create(actor=actor, **item) for item in items]


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
    # The one place the articles app reads claims (README, Architecture): a published
    # claim's ClaimReview fixes this metadata, and only the claims know which are published.
    from factcheck.claims.models import Claim

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


def _title_from(body: str) -> str:
    first_line = body.strip().split("\n", 1)[0]
    return first_line if len(first_line) <= 120 else first_line[:117].rsplit(" ", 1)[0] + "..."


def queue_extraction(article: Article) -> None:
    """Say the article's text is stored; the claims app queues its extraction."""
    signals.article_text_stored.send(sender=Article, article=article)


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
