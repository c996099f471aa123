"""Fetching articles by URL (run by the worker: factcheck.articles.tasks.fetch_article_task)."""

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from factcheck.articles.models import Article, content_hash
from factcheck.articles.services.articles import (
    article_mark_failed,
    propose_title,
    queue_extraction,
)
from factcheck.extraction import article_language
from factcheck.fetch import FetchError, FetchPolicy, TemporaryFetchError, fetch
from factcheck.text import TextRefused, article_text_from_page, check_body, normalise_text

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
    "job_error",
]


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
            if article.job_status in (Article.Status.PENDING, Article.Status.RUNNING):
                queue_extraction(article)
            return article
        if article.job_status == Article.Status.FAILED:
            return article
        if not article.url:
            return article_mark_failed(
                article_id=article_id, error=_("The article has no address.")
            )
        article.job_status = Article.Status.RUNNING
        article.save(update_fields=["job_status", "updated_at"])
    try:
        page = fetch(article.url, FetchPolicy.from_settings(settings))
        text = article_text_from_page(page)
        body = check_body(normalise_text(text.body), max_chars=settings.ARTICLE_MAX_CHARS)
    except TemporaryFetchError:
        raise
    except FetchError as exc:
        return article_mark_failed(article_id=article_id, error=str(exc))
    except TextRefused as exc:
        return article_mark_failed(article_id=article_id, error=str(exc))
    digest = content_hash(body)
    with transaction.atomic():
        article = Article.objects.select_for_update().get(pk=article_id)
        if article.body or article.job_status == Article.Status.FAILED:
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
        article.language = article_language(body, declared=text.language)
        article.duplicate_of = None
        article.job_error = ""
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

    The message sits in `job_error` while the article is still running; success
    clears it, and the last failed attempt replaces it with the final error.
    """
    Article.objects.filter(
        pk=article_id, job_status__in=[Article.Status.PENDING, Article.Status.RUNNING]
    ).update(job_error=error[:2000], updated_at=timezone.now())


def _article_mark_duplicate(article: Article, original: Article) -> Article:
    article.duplicate_of = original
    article.job_status = Article.Status.FAILED
    article.job_error = (
        _("Same text as article %(id)s (“%(title)s”): its claims are there.")
        % {"id": original.pk, "title": original}
    )[:2000]
    article.save(update_fields=["duplicate_of", "job_status", "job_error", "updated_at"])
    return article
