"""Importing other organisations' fact-checks: streamed, idempotent, all or nothing.

Three shapes are read, one review at a time (memory stays flat whatever the file's size):
the DataCommons / Google fact-check feed (`{"dataFeedElement": [{"item": [ClaimReview]}]}`),
a JSON list of schema.org `ClaimReview` objects, and a TSV or CSV with a header row. A
review is identified by its URL, or when it has none by (publisher, id): importing the same
file again updates what changed and adds nothing. One import is one transaction: a bad
review anywhere refuses the whole file with its position, and nothing is written.
"""

from __future__ import annotations

import codecs
import csv
import io
import itertools
import json
import tempfile
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import IO, Any
from urllib.parse import urlsplit

import ijson
from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from factcheck.factchecks.counts import lexemes_refresh
from factcheck.factchecks.matching import FACTCHECKS
from factcheck.factchecks.models import FactCheck
from factcheck.factchecks.signals import factchecks_imported
from factcheck.fetch import FetchPolicy, fetch

BATCH = 2000  # reviews per INSERT: large enough to amortise a round trip, small in memory
FORMATS = ("datafeed", "claimreview", "tsv", "csv")
MAX_FIELD = 20_000  # characters kept of one field: a review is a paragraph, not a book

# Column names accepted in TSV/CSV files (lower-cased), for each field.
COLUMNS: Mapping[str, tuple[str, ...]] = {
    "claim_reviewed": ("claim_reviewed", "claimreviewed", "claim", "vclaim"),
    "headline": ("headline", "title", "name"),
    "rating": ("rating", "textual_rating", "alternatename", "verdict"),
    "review_url": ("review_url", "url"),
    "publisher": ("publisher", "author", "organisation", "organization"),
    "published_on": ("published_on", "date", "datepublished", "review_date"),
    "language": ("language", "inlanguage", "lang"),
    "claimant": ("claimant",),
    # A blank first header is a row index, as spreadsheet and dataframe exports write it.
    "external_id": ("external_id", "id", "vclaim_id", "identifier", ""),
}


class ImportRefused(ValueError):
    """The file cannot be imported; the message says where and why."""


@dataclass(frozen=True)
class Review:
    publisher: str
    claim_reviewed: str
    headline: str = ""
    claimant: str = ""
    rating: str = ""
    review_url: str = ""
    published_on: date | None = None
    language: str = ""
    external_id: str = ""


@dataclass(frozen=True)
class ImportResult:
    read: int
    created: int
    updated: int

    @property
    def unchanged(self) -> int:
        return self.read - self.created - self.updated


def factchecks_import(
    *, source: IO[bytes], format: str | None = None, publisher: str = ""
) -> ImportResult:
    """Import every review of `source` (a binary file); `publisher` names rows that don't."""
    fmt = format or detect_format(source)
    if fmt not in FORMATS:
        raise ImportRefused(
            _("Unknown format %(format)r: use one of %(formats)s.")
            % {"format": fmt, "formats": ", ".join(FORMATS)}
        )
    reviews = _reviews(source, fmt, publisher)
    created = updated = read = 0
    with transaction.atomic():
        changed_since = _transaction_time()
        while batch := list(itertools.islice(reviews, BATCH)):
            read += len(batch)
            made, changed = _store(batch)
            created += made
            updated += changed
        if created or updated:
            lexemes_refresh(FACTCHECKS)
            # Claims stored before may be what these fact-checks check (claims listen).
            factchecks_imported.send(sender=FactCheck, changed_since=changed_since)
    return ImportResult(read=read, created=created, updated=updated)


def _transaction_time() -> datetime:
    """What `updated_at` of the rows this transaction writes will be at least."""
    if connection.vendor != "postgresql":
        return timezone.now()
    with connection.cursor() as cursor:
        cursor.execute("SELECT now()")  # the transaction's start: the upsert's now()
        return cursor.fetchone()[0]


def detect_format(source: IO[bytes]) -> str:
    """JSON by its first character ('{' a feed, '[' a list), else TSV if the header has tabs."""
    head = source.peek(4096) if hasattr(source, "peek") else b""
    if not head:
        start = source.tell()
        head = source.read(4096)
        source.seek(start)
    text = head.lstrip(codecs.BOM_UTF8).lstrip()
    if text.startswith(b"{"):
        return "datafeed"
    if text.startswith(b"["):
        return "claimreview"
    return "tsv" if b"\t" in text.split(b"\n", 1)[0] else "csv"


def _reviews(source: IO[bytes], fmt: str, publisher: str) -> Iterator[Review]:
    if fmt in ("tsv", "csv"):
        yield from _table_reviews(source, "\t" if fmt == "tsv" else ",", publisher)
        return
    # ijson names array elements "item": dataFeedElement[] -> .item, its item[] -> .item.item
    prefix = "dataFeedElement.item.item.item" if fmt == "datafeed" else "item"
    items = ijson.items(source, prefix, use_float=True)
    position = 0
    try:
        for position, item in enumerate(items, start=1):
            yield _from_claimreview(item, position, publisher)
    except ijson.JSONError as exc:
        raise ImportRefused(
            _("Not valid JSON after review %(position)s: %(error)s.")
            % {"position": position, "error": exc}
        ) from None
    except UnicodeDecodeError:
        raise ImportRefused(
            _("Not UTF-8 text after review %(position)s.") % {"position": position}
        ) from None
    if position == 0 and fmt == "datafeed":
        raise ImportRefused(_("No reviews found: expected dataFeedElement[].item[] ClaimReviews."))


def _text(value: Any) -> str:
    if isinstance(value, Mapping):
        value = value.get("name") or value.get("alternateName") or ""
    if isinstance(value, list):
        value = value[0] if value else ""
    return " ".join(str(value or "").split())[:MAX_FIELD]


def _from_claimreview(item: Any, position: int, publisher: str) -> Review:
    where = _("Review %(position)s") % {"position": position}
    if not isinstance(item, Mapping):
        raise ImportRefused(_("%(where)s is not a JSON object.") % {"where": where})
    kind = item.get("@type", "ClaimReview")
    if "ClaimReview" not in (kind if isinstance(kind, list) else [kind]):
        raise ImportRefused(
            _("%(where)s is a %(kind)r, not a ClaimReview.") % {"where": where, "kind": kind}
        )
    rating = item.get("reviewRating") or {}
    reviewed = item.get("itemReviewed") or {}
    values = {
        "claim_reviewed": _text(item.get("claimReviewed")),
        "headline": _text(item.get("headline") or item.get("name")),
        "rating": _text(
            rating.get("alternateName") or rating.get("name") if isinstance(rating, Mapping) else ""
        ),
        "review_url": _text(item.get("url")),
        "publisher": _text(item.get("author") or item.get("publisher")) or publisher,
        "published_on": _text(item.get("datePublished")),
        "language": _text(item.get("inLanguage")),
        "claimant": _text(reviewed.get("author")) if isinstance(reviewed, Mapping) else "",
        "external_id": _text(item.get("@id") or item.get("identifier")),
    }
    return _review(values, where)


def _table_reviews(source: IO[bytes], delimiter: str, publisher: str) -> Iterator[Review]:
    text = io.TextIOWrapper(source, encoding="utf-8-sig", newline="")
    csv.field_size_limit(1_000_000)
    reader = csv.reader(text, delimiter=delimiter)
    try:
        header = [name.strip().lower() for name in next(reader, [])]
        columns = {}
        for field, names in COLUMNS.items():
            found = next((header.index(n) for n in names if n in header), None)
            if found is not None:
                columns[field] = found
        if "claim_reviewed" not in columns:
            raise ImportRefused(
                _("The header names no claim column (claim, claim_reviewed or vclaim).")
            )
        for line, row in enumerate(reader, start=2):
            if not any(cell.strip() for cell in row):
                continue
            if len(row) != len(header):
                raise ImportRefused(
                    _("Line %(line)s has %(count)s columns; the header has %(expected)s.")
                    % {"line": line, "count": len(row), "expected": len(header)}
                )
            values = {f: " ".join(row[i].split())[:MAX_FIELD] for f, i in columns.items()}
            values["publisher"] = values.get("publisher") or publisher
            yield _review(values, f"Line {line}")
    except UnicodeDecodeError:
        raise ImportRefused(_("The file is not UTF-8 text.")) from None
    except csv.Error as exc:
        raise ImportRefused(
            _("Line %(line)s: %(error)s.") % {"line": reader.line_num, "error": exc}
        ) from None
    finally:
        text.detach()  # leave the caller's file open


def _review(values: Mapping[str, str], where: str) -> Review:
    if not values.get("claim_reviewed"):
        raise ImportRefused(_("%(where)s has no claim reviewed.") % {"where": where})
    if not values.get("publisher"):
        raise ImportRefused(
            _("%(where)s names no publisher (give one for the whole file).") % {"where": where}
        )
    url = values.get("review_url", "")
    if url and not url.lower().startswith(("http://", "https://")):
        raise ImportRefused(
            _("%(where)s: the review URL %(url)r is not an http(s) address.")
            % {"where": where, "url": url[:80]}
        )
    if not url and not values.get("external_id"):
        raise ImportRefused(_("%(where)s has neither a review URL nor an id.") % {"where": where})
    published = values.get("published_on", "")
    try:
        published_on = date.fromisoformat(published[:10]) if published else None
    except ValueError:
        raise ImportRefused(
            _("%(where)s: %(date)r is not a date (YYYY-MM-DD).")
            % {"where": where, "date": published[:40]}
        ) from None
    return Review(
        publisher=values["publisher"][:200],
        claim_reviewed=values["claim_reviewed"],
        headline=values.get("headline", ""),
        claimant=values.get("claimant", "")[:200],
        rating=values.get("rating", "")[:200],
        review_url=url[:2000],
        published_on=published_on,
        language=values.get("language", "")[:16],
        external_id=values.get("external_id", "")[:200] if not url else "",
    )


FIELDS = (
    "publisher", "claim_reviewed", "headline", "claimant", "rating", "review_url",
    "published_on", "language", "external_id",
)  # fmt: skip
_UPSERT = """
INSERT INTO factchecks_factcheck ({fields}, search, imported_at, updated_at)
SELECT {fields},
       setweight(to_tsvector('english', claim_reviewed), 'A')
         || setweight(to_tsvector('english', headline), 'B'),
       now(), now()
FROM jsonb_to_recordset(%s::jsonb) AS r(
  publisher text, claim_reviewed text, headline text, claimant text, rating text,
  review_url text, published_on date, language text, external_id text)
ON CONFLICT {key} DO UPDATE SET {updates}, search = EXCLUDED.search, updated_at = now()
WHERE ({current}) IS DISTINCT FROM ({excluded})
RETURNING (xmax = 0)
"""


def _upsert_sql(key: str) -> str:
    changing = [f for f in FIELDS if f not in ("review_url", "publisher", "external_id")]
    return _UPSERT.format(
        fields=", ".join(FIELDS),
        key=key,
        updates=", ".join(f"{f} = EXCLUDED.{f}" for f in changing),
        current=", ".join(f"factchecks_factcheck.{f}" for f in changing),
        excluded=", ".join(f"EXCLUDED.{f}" for f in changing),
    )


UPSERT_BY_URL = _upsert_sql("(review_url) WHERE review_url <> ''")
UPSERT_BY_ID = _upsert_sql("(publisher, external_id) WHERE review_url = '' AND external_id <> ''")


def _store(batch: list[Review]) -> tuple[int, int]:
    """Insert or update one batch; returns (created, updated)."""
    # The last of two reviews with one key wins, as a second import of it would.
    keyed = {(r.review_url,) if r.review_url else (r.publisher, r.external_id): r for r in batch}
    by_url = [r for r in keyed.values() if r.review_url]
    by_id = [r for r in keyed.values() if not r.review_url]
    if connection.vendor != "postgresql":
        return _store_orm([*by_url, *by_id])

    created = updated = 0
    with connection.cursor() as cursor:
        for sql, rows in ((UPSERT_BY_URL, by_url), (UPSERT_BY_ID, by_id)):
            if not rows:
                continue
            payload = json.dumps([_row(r) for r in rows])
            cursor.execute(sql, [payload])
            flags = [inserted for (inserted,) in cursor.fetchall()]
            created += sum(flags)
            updated += len(flags) - sum(flags)
    return created, updated


def _row(review: Review) -> dict[str, Any]:
    row = {f: getattr(review, f) for f in FIELDS}
    row["published_on"] = review.published_on.isoformat() if review.published_on else None
    return row


def _store_orm(reviews: Iterable[Review]) -> tuple[int, int]:
    """The SQLite demo's path: one row at a time, no search vector (matching scans instead)."""
    created = updated = 0
    for review in reviews:
        key = (
            {"review_url": review.review_url}
            if review.review_url
            else {
                "publisher": review.publisher,
                "external_id": review.external_id,
                "review_url": "",
            }
        )
        values = {f: getattr(review, f) for f in FIELDS if f not in key}
        existing = FactCheck.objects.filter(**key).first()
        if existing is None:
            FactCheck.objects.create(**key, **values)
            created += 1
        elif any(getattr(existing, f) != v for f, v in values.items()):
            FactCheck.objects.filter(pk=existing.pk).update(**values)
            updated += 1
    return created, updated


FEED_CONTENT_TYPES = frozenset(
    {
        "application/json", "application/ld+json", "text/csv", "text/tab-separated-values",
        "text/plain", "application/octet-stream",
    }
)  # fmt: skip


def factchecks_import_feed(*, url: str) -> ImportResult:
    """Fetch a feed through the safe fetcher into a temporary file, then import it.

    The body goes to disk as it arrives and is parsed from there one review at a time, so
    a feed of any size within FACTCHECK_FEED_MAX_BYTES needs the same memory. Rows naming
    no publisher get the feed's host name.
    """
    policy = replace(
        FetchPolicy.from_settings(settings),
        content_types=FEED_CONTENT_TYPES,
        max_bytes=settings.FACTCHECK_FEED_MAX_BYTES,
        deadline=settings.FACTCHECK_FEED_DEADLINE_SECONDS,
    )
    with tempfile.TemporaryFile() as body:
        page = fetch(url, policy, sink=body)
        body.seek(0)
        fmt = {"text/csv": "csv", "text/tab-separated-values": "tsv"}.get(page.content_type)
        host = urlsplit(page.final_url).hostname or ""
        return factchecks_import(source=body, format=fmt, publisher=host)
