"""The text of an article: from pasted text, an uploaded file or a fetched page, normalised.

Plain Python like `extraction/` and `fetch.py` (a test proves it imports no Django): the
articles app applies the configured limits and turns `TextRefused` into a form error.
"""

from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import PurePath

import trafilatura

from factcheck.fetch import Page, english, gettext_noop

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


class TextRefused(ValueError):
    """Input that holds no usable text; the message is meant for the person who sent it.

    `template` and `params` let a caller say it in the person's language; str() is English,
    with numbers grouped."""

    def __init__(self, template: str, **params: int | str) -> None:
        self.template, self.params = template, params
        super().__init__(english(template, params))


def normalise_text(text: str) -> str:
    """Unify line endings and drop NULs so offsets mean the same everywhere."""
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "").strip()


def check_body(body: str, *, max_chars: int) -> str:
    if not body.strip():
        raise TextRefused(gettext_noop("The article has no text."))
    if len(body) > max_chars:
        raise TextRefused(
            gettext_noop("The article is too long: %(length)s characters; the limit is %(limit)s."),
            length=len(body),
            limit=max_chars,
        )
    return body


def _published(value: str | None) -> datetime | None:
    """Midnight UTC of the page's date (trafilatura gives YYYY-MM-DD), or None."""
    try:
        day = date.fromisoformat((value or "")[:10])
    except ValueError:
        return None
    return datetime.combine(day, datetime.min.time(), tzinfo=UTC)


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
        raise TextRefused(gettext_noop("No article text could be found in this page."))
    return ArticleText(
        body=body,
        title=(getattr(document, "title", None) or "")[:300],
        author=(getattr(document, "author", None) or "")[:200],
        publisher=(getattr(document, "sitename", None) or "")[:200],
        published_at=_published(getattr(document, "date", None)),
        language=(getattr(document, "language", None) or "")[:16],
    )


def decode_bytes(data: bytes, *, declared: str | None = None) -> str:
    """Text from bytes: the declared charset, else UTF-8, else a clear refusal."""
    # Anywhere in the file, not only at its start: PostgreSQL cannot store a NUL, and the
    # raw text is kept as it came.
    if b"\x00" in data:
        raise TextRefused(gettext_noop("This file looks binary, not like text."))
    for encoding in filter(None, [declared, "utf-8-sig"]):
        try:
            return data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
    try:
        # Windows-1252 is what most non-UTF-8 news text is; it decodes nearly any byte.
        return data.decode("cp1252")
    except UnicodeDecodeError:
        raise TextRefused(
            gettext_noop("The file is not UTF-8 text and could not be decoded.")
        ) from None


def text_from_upload(*, name: str, data: bytes, max_bytes: int) -> tuple[ArticleText, str]:
    """The article text of an uploaded file, and the raw text kept for audit."""
    suffix = PurePath(name).suffix.lower()
    kind = UPLOAD_KINDS.get(suffix)
    if kind is None:
        raise TextRefused(
            gettext_noop("Files of type %(type)s are not accepted: upload .txt, .md or .html."),
            type=suffix or "(none)",
        )
    if len(data) > max_bytes:
        raise TextRefused(
            gettext_noop("The file is too large: %(size)s bytes; the limit is %(limit)s."),
            size=len(data),
            limit=max_bytes,
        )
    raw = decode_bytes(data)
    if kind == "html":
        return text_from_html(raw), raw
    return ArticleText(body=normalise_text(raw)), raw


def article_text_from_page(page: Page) -> ArticleText:
    """The article in a fetched page: trafilatura for HTML, the text itself for plain text."""
    if page.is_html:
        return text_from_html(page.text(), url=page.final_url)
    return ArticleText(body=normalise_text(page.text()))
