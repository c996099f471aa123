"""Articles: stored from text or by address, their metadata edited, a failure retried."""

import re
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from django.conf import settings
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from factcheck.articles import signals
from factcheck.articles.models import Article, content_hash
from factcheck.extraction import article_language
from factcheck.extraction.language import base_code
from factcheck.history import history_copy, history_user
from factcheck.i18n import Message, stored_message
from factcheck.jobs.services import job_batch, job_enqueue
from factcheck.text import ArticleText, TextRefused, check_body, normalise_text
from factcheck.text import text_from_upload as _text_from_upload
from factcheck.versioning import Actor, lock, require, save
from factcheck.webaddress import clean_web_address


def text_refusal(exc: TextRefused) -> ValidationError:
    """The text module's refusal in the active language, its numbers grouped as there."""
    # The templates are marked for the catalog where they are written, in factcheck/text.py.
    return ValidationError(Message.of(exc).translated())


def article_body(text: str) -> str:
    """The stored form of an article's text under the configured limit, or why not."""
    try:
        return check_body(normalise_text(text), max_chars=settings.ARTICLE_MAX_CHARS)
    except TextRefused as exc:
        raise text_refusal(exc) from None


def text_from_upload(*, name: str, data: bytes) -> tuple[ArticleText, str]:
    """The article text of an uploaded file under the configured limit, and its raw text."""
    try:
        return _text_from_upload(name=name, data=data, max_bytes=settings.UPLOAD_MAX_BYTES)
    except TextRefused as exc:
        raise text_refusal(exc) from None


def _require_can_add(actor: Actor) -> User:
    return require(actor, "articles.add_article", _("add articles"))


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
    body = article_body(text.body)
    url = clean_web_address(url) if url else None
    digest = content_hash(body)
    if existing := Article.objects.filter(content_hash=digest).first():
        return existing, False
    article = Article(url=url or None, created_by=user)
    if url and (existing := Article.objects.select_for_update().filter(url=url).first()):
        if existing.body or existing.job_status != Article.Status.FAILED:
            return existing, False
        # The text pasted for an address we could not fetch: that article takes it.
        article = existing
        article.job_status = Article.Status.PENDING
        article.job_error = ""
        article.duplicate_of = None
    _fill(article, text, body, digest, raw, input_kind, title, publisher, author, published_at)
    try:
        with transaction.atomic():
            article.save()
    except IntegrityError:
        # Someone stored the same text or URL a moment ago: theirs is the article.
        return _by_hash_or_url(digest, url), False
    queue_extraction(article)
    return article, True


def _fill(
    article: Article,
    text: ArticleText,
    body: str,
    digest: str,
    raw: str = "",
    input_kind: str = Article.InputKind.TEXT,
    title: str = "",
    publisher: str = "",
    author: str = "",
    published_at: datetime | None = None,
) -> None:
    """Set an article's text and metadata: what a person gives wins over what was found."""
    article.title = (title.strip() or text.title or propose_title(body))[:300]
    article.publisher = (publisher.strip() or text.publisher)[:200]
    article.author = (author.strip() or text.author)[:200]
    article.published_at = published_at or text.published_at
    article.language = article_language(body, declared=text.language)
    article.body = body
    article.raw = raw or text.body
    article.input_kind = input_kind
    article.content_hash = digest


@transaction.atomic
def articles_create(*, actor: Actor, items: Sequence[dict[str, Any]]) -> list[tuple[Article, bool]]:
    """Store several articles at once, each as `article_create` does (`items`: its keyword
    arguments); all of them or, if one is refused, none.

    One transaction for them all and their extraction jobs written and sent together
    (`job_batch`): a commit and a send transaction for the batch, not two per article.
    Texts without an address (uploads, a followed folder) are stored together: one query
    finds those we have, one INSERT stores the others and one their history rows.
    """
    with job_batch():
        if any(item.get("url") for item in items):
            return [article_create(actor=actor, **item) for item in items]
        return _texts_create(_require_can_add(actor), items)


def _texts_create(user: User, items: Sequence[dict[str, Any]]) -> list[tuple[Article, bool]]:
    bodies = [article_body(item["text"].body) for item in items]
    digests = [content_hash(body) for body in bodies]
    known: dict[str, Article] = {
        article.content_hash: article
        for article in Article.objects.filter(content_hash__in=set(digests))
    }
    stored: list[tuple[Article, bool]] = []
    new: list[Article] = []
    for item, body, digest in zip(items, bodies, digests, strict=True):
        if (existing := known.get(digest)) is not None:
            stored.append((existing, False))  # ours already, or earlier in this batch
            continue
        # Filled (its language detected...) only once it is known to be new.
        article = Article(created_by=user)
        given = {k: v for k, v in item.items() if k not in ("text", "url")}
        _fill(article, item["text"], body, digest, **given)
        known[digest] = article
        new.append(article)
        stored.append((article, True))
    try:
        with transaction.atomic():
            Article.objects.bulk_create(new)
    except IntegrityError:
        # Someone stored one of these texts a moment ago: each goes its own way, as alone.
        return [article_create(actor=user, **item) for item in items]
    if new:
        history_copy(
            Article,
            pks=[a.pk for a in new],
            user=history_user(),
            date=timezone.now(),
            history_type="+",
        )
    for article in new:
        queue_extraction(article)
    return stored


ARTICLE_EDITABLE_FIELDS = ("title", "url", "publisher", "author", "published_at", "language")
# What the ClaimReview of a published claim shows about the article it appeared in.
# The language too: the review is written in it (`inLanguage`).
ARTICLE_PUBLISHED_FIELDS = ("title", "url", "publisher", "author", "published_at", "language")


@transaction.atomic
def article_update(
    *, article: Article, actor: Actor, expected_version: int | None, **changes: Any
) -> Article:
    """Change an article's metadata (never its text, which claim offsets point into).

    Once a claim of the article is published, what its ClaimReview shows about the article
    is part of the public record and stays as it was approved.
    """
    require(actor, "articles.change_article", _("edit articles"))
    unknown = set(changes) - set(ARTICLE_EDITABLE_FIELDS)
    if unknown:
        raise ValidationError(
            _("These fields cannot be edited here: %(fields)s.")
            % {"fields": ", ".join(sorted(unknown))}
        )
    if "language" in changes:
        changes["language"] = clean_language(changes["language"])
    if changes.get("url"):
        changes["url"] = clean_web_address(changes["url"])
    elif "url" in changes:
        changes["url"] = None
    locked = lock(article, expected_version, changes)
    public = [
        f for f in ARTICLE_PUBLISHED_FIELDS if f in changes and changes[f] != getattr(locked, f)
    ]
    # Only the claims app knows whether a published ClaimReview shows this metadata: it
    # answers through a signal, so this app imports nothing of claims.
    if public and signals.is_public_record(locked):
        raise ValidationError(
            _(
                "A claim of this article is published, so its %(fields)s are part of the public "
                "record and cannot change."
            )
            % {"fields": ", ".join(public)}
        )
    if (
        changes.get("url")
        and Article.objects.filter(url=changes["url"]).exclude(pk=locked.pk).exists()
    ):
        raise ValidationError(_("Another article already has this address."))
    relanguaged = "language" in changes and changes["language"] != locked.language
    for field, value in changes.items():
        setattr(locked, field, value)
    saved = save(locked, list(changes), actor)
    if relanguaged:
        # Its claims were found with the other language's rules: the claims app finds
        # them again (keeping what people made or worked on).
        signals.article_language_changed.send(sender=Article, article=saved, actor=actor)
    return saved


def clean_language(value: str) -> str:
    """An article's language as stored: its ISO 639 code ("es-AR" -> "es"), or why not."""
    code = base_code(value)
    if not re.fullmatch(r"[a-z]{2,3}", code):
        message = _(
            "“%(value)s” is not a language code: give its ISO 639-1 code, such as en or es."
        ) % {"value": value}
        raise ValidationError({"language": message})
    return code


def _by_hash_or_url(digest: str, url: str | None) -> Article:
    return Article.objects.filter(content_hash=digest).first() or Article.objects.get(url=url)


def article_propose_title(*, actor: Actor, text: str, url: str = "") -> str:
    """The title proposed for pasted text, shown to the reviewer before anything is saved;
    refuses, as article_create would, someone who may not add articles, text too long or
    an address that is not one."""
    _require_can_add(actor)
    if url:
        clean_web_address(url)
    return propose_title(article_body(text))


def propose_title(body: str) -> str:
    """An article's title when nobody gave one: its first line, shortened to a title's length."""
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
    url = clean_web_address(url)
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


def article_mark_failed(*, article_id: int, error: str | Message) -> Article:
    """Record why an article could not be fetched or extracted, where the reviewer looks."""
    article = Article.objects.get(pk=article_id)
    article.job_status = Article.Status.FAILED
    article.job_error, article.job_error_params = stored_message(error)
    article.save(update_fields=["job_status", "job_error", "job_error_params", "updated_at"])
    return article


@transaction.atomic
def article_retry(*, article: Article, actor: Actor) -> Article:
    """Queue a failed article again: its fetch if it has no text yet, else its extraction."""
    _require_can_add(actor)
    article = Article.objects.select_for_update().get(pk=article.pk)
    if article.job_status != Article.Status.FAILED:
        raise ValidationError(_("Only a failed article can be retried."))
    article.job_status = Article.Status.PENDING
    article.job_error = ""
    article.save(update_fields=["job_status", "job_error", "updated_at"])
    if article.body:
        queue_extraction(article)
    else:
        queue_fetch(article)
    return article
