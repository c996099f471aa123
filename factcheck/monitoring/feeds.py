"""Read a followed source's body into entries: RSS 0.9x/1.0/2.0, Atom, JSON Feed, news sitemaps.

No Django here. XML is first read by defusedxml, which refuses entity declarations (a
billion-laughs body) and external references before anything expands them; only then do
feeds go to feedparser (tolerant of the many broken feeds in the wild) and sitemaps get
read from the safe tree. Errors are sentences for the desk (`FeedError`).
"""

from __future__ import annotations

import calendar
import hashlib
import io
import json
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urljoin, urlsplit
from xml.etree.ElementTree import Element, ParseError

import feedparser
from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring
from django.utils.translation import gettext as _

MAX_ENTRIES = 1000  # per poll: a runaway feed cannot queue more than this at once
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
NEWS = "{http://www.google.com/schemas/sitemap-news/0.9}"
JSON_FEED_VERSION = "https://jsonfeed.org/version/"


class FeedError(ValueError):
    """The body is not a feed we can read; `str(error)` says why."""


@dataclass(frozen=True)
class Entry:
    guid: str
    url: str
    title: str = ""
    summary: str = ""
    published_at: datetime | None = None
    file_hash: str = ""  # a file of a followed folder: the SHA-256 of its bytes

    @property
    def content_hash(self) -> str:
        """The same story under another GUID or address (a tracking parameter, another
        feed) hashes the same; an entry with no words of its own is known by its address."""
        if self.file_hash:
            return self.file_hash
        words = f"{self.title}\n{self.summary}" if self.title or self.summary else self.url
        text = " ".join(words.split()).casefold() or self.guid
        return hashlib.sha256(text.encode()).hexdigest()


@dataclass(frozen=True)
class Parsed:
    kind: str  # rss, atom, json, sitemap
    title: str
    entries: list[Entry]


def parse(body: bytes, *, base_url: str) -> Parsed:
    """The entries of a feed or news sitemap, newest as the source lists them."""
    head = body.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
    if not head:
        raise FeedError(_("The answer was empty: there is no feed at this address."))
    if head in (b"{", b"["):
        return _json_feed(body, base_url)
    tree = _safe_tree(body)
    if tree is not None and tree.tag == f"{SITEMAP}urlset":
        return _sitemap(tree, base_url)
    if tree is not None and tree.tag == f"{SITEMAP}sitemapindex":
        raise FeedError(
            _("This is a sitemap index, not a news sitemap: follow the sitemaps it lists instead.")
        )
    return _feedparser(body, base_url)


def _safe_tree(body: bytes) -> Element | None:
    """The XML tree, read without expanding any entity; None if it is not well-formed
    (feedparser's tolerant reader gets a try); a refusal if it declares entities."""
    try:
        return fromstring(body, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as exc:
        raise FeedError(
            _(
                "The feed declares XML entities or external references (%(name)s); they are "
                "refused, as a billion-laughs attack uses them."
            )
            % {"name": type(exc).__name__}
        ) from None
    except (ParseError, ValueError):
        return None


def _feedparser(body: bytes, base_url: str) -> Parsed:
    # A stream, never a string: given a string, feedparser may fetch it as an address.
    document = feedparser.parse(
        io.BytesIO(body), response_headers={"content-location": base_url}, sanitize_html=False
    )
    version = str(document.get("version") or "")
    if not version:
        raise FeedError(_("This is not an RSS, Atom or JSON feed, nor a news sitemap."))
    entries = []
    for item in document.entries[:MAX_ENTRIES]:
        url = _absolute(str(item.get("link") or ""), base_url)
        guid = str(item.get("id") or url or "")
        if not guid:
            continue
        stamp = item.get("published_parsed") or item.get("updated_parsed")
        entries.append(
            Entry(
                guid=guid[:2000],
                url=url,
                title=_text(item.get("title")),
                summary=_text(item.get("summary")),
                published_at=_from_struct(stamp),
            )
        )
    kind = "atom" if version.startswith("atom") else "rss"
    return Parsed(kind=kind, title=_text(document.feed.get("title")), entries=entries)


def _json_feed(body: bytes, base_url: str) -> Parsed:
    try:
        document = json.loads(body)
    except (ValueError, RecursionError):
        raise FeedError(_("The answer looks like JSON but is not valid JSON.")) from None
    if not isinstance(document, dict) or not str(document.get("version", "")).startswith(
        JSON_FEED_VERSION
    ):
        raise FeedError(_("This JSON is not a JSON Feed (no jsonfeed.org version)."))
    items = document.get("items")
    if not isinstance(items, list):
        raise FeedError(_("This JSON Feed has no list of items."))
    entries = []
    for item in items[:MAX_ENTRIES]:
        if not isinstance(item, dict):
            continue
        url = _absolute(str(item.get("url") or item.get("external_url") or ""), base_url)
        guid = str(item.get("id") or url or "")
        if not guid:
            continue
        entries.append(
            Entry(
                guid=guid[:2000],
                url=url,
                title=_text(item.get("title")),
                summary=_text(item.get("summary") or item.get("content_text")),
                published_at=_from_iso(item.get("date_published")),
            )
        )
    return Parsed(kind="json", title=_text(document.get("title")), entries=entries)


def _sitemap(tree: Element, base_url: str) -> Parsed:
    entries = []
    for node in tree.findall(f"{SITEMAP}url")[:MAX_ENTRIES]:
        url = _absolute((node.findtext(f"{SITEMAP}loc") or "").strip(), base_url)
        if not url:
            continue
        news = node.find(f"{NEWS}news")
        title = news.findtext(f"{NEWS}title", "") if news is not None else ""
        date = news.findtext(f"{NEWS}publication_date") if news is not None else None
        entries.append(
            Entry(
                guid=url[:2000],
                url=url,
                title=_text(title),
                published_at=_from_iso(date or node.findtext(f"{SITEMAP}lastmod")),
            )
        )
    return Parsed(kind="sitemap", title="", entries=entries)


def _absolute(url: str, base_url: str) -> str:
    """An http(s) address for the entry, or "" (a mailto: or javascript: link is no page)."""
    url = urljoin(base_url, url.strip()) if url.strip() else ""
    return url[:2000] if urlsplit(url).scheme in ("http", "https") else ""


def _text(value: Any) -> str:
    return " ".join(str(value or "").split())[:300]


def _from_struct(value: time.struct_time | None) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.fromtimestamp(calendar.timegm(value), UTC)
    except (OverflowError, ValueError, OSError):
        return None


def _from_iso(value: Any) -> datetime | None:
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        parsed = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
