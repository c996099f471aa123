"""Ingestion: articles from pasted text, uploaded files and URLs; claims are extracted
from them in the claims app (factcheck.claims.services.extraction)."""

from factcheck.articles.services.articles import (
    ARTICLE_EDITABLE_FIELDS,
    ARTICLE_PUBLISHED_FIELDS,
    article_body,
    article_create,
    article_create_from_url,
    article_mark_failed,
    article_propose_title,
    article_retry,
    article_update,
    articles_create,
    propose_title,
    queue_extraction,
    queue_fetch,
    text_from_upload,
)
from factcheck.articles.services.fetching import FETCHED_FIELDS, article_fetch, article_note_retry
from factcheck.articles.services.stalled import STALLED_AFTER, articles_requeue_stalled
from factcheck.text import ArticleText  # the argument of article_create

__all__ = [
    "ARTICLE_EDITABLE_FIELDS",
    "ARTICLE_PUBLISHED_FIELDS",
    "FETCHED_FIELDS",
    "STALLED_AFTER",
    "ArticleText",
    "article_body",
    "article_create",
    "article_create_from_url",
    "article_fetch",
    "article_mark_failed",
    "article_note_retry",
    "article_propose_title",
    "article_retry",
    "article_update",
    "articles_create",
    "articles_requeue_stalled",
    "propose_title",
    "queue_extraction",
    "queue_fetch",
    "text_from_upload",
]
