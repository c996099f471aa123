"""Ingestion: articles from pasted text, uploaded files and URLs; claims are extracted
from them in the claims app (factcheck.claims.services.extraction)."""

from factcheck.articles.services.articles import (
    ARTICLE_EDITABLE_FIELDS,
    ARTICLE_PUBLISHED_FIELDS,
    Actor,
    article_create,
    article_create_from_url,
    article_mark_failed,
    article_retry,
    article_update,
    articles_create,
    queue_extraction,
    queue_fetch,
    validate_article_url,
)
from factcheck.articles.services.fetching import FETCHED_FIELDS, article_fetch, article_note_retry
from factcheck.articles.services.stalled import STALLED_AFTER, articles_requeue_stalled
from factcheck.articles.services.text import (
    UPLOAD_KINDS,
    ArticleText,
    article_text_from_page,
    check_body,
    decode_bytes,
    normalise_text,
    text_from_html,
    text_from_upload,
)

__all__ = [
    "ARTICLE_EDITABLE_FIELDS",
    "ARTICLE_PUBLISHED_FIELDS",
    "FETCHED_FIELDS",
    "STALLED_AFTER",
    "UPLOAD_KINDS",
    "Actor",
    "ArticleText",
    "article_create",
    "article_create_from_url",
    "article_fetch",
    "article_mark_failed",
    "article_note_retry",
    "article_retry",
    "article_text_from_page",
    "article_update",
    "articles_create",
    "articles_requeue_stalled",
    "check_body",
    "decode_bytes",
    "normalise_text",
    "queue_extraction",
    "queue_fetch",
    "text_from_html",
    "text_from_upload",
    "validate_article_url",
]
