"""Streaming exports of published verdicts: JSON, CSV and a ClaimReview JSON-LD feed.

The API views and `manage.py export_verdicts` share these writers. Each reads the rows
through `QuerySet.iterator()` (a server-side cursor on PostgreSQL) as plain tuples of the
needed columns, and yields text in blocks of `CHUNK_ROWS` rows, so memory stays the same
however many verdicts there are and no model instance is built per row.
"""

import csv
import json
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from datetime import UTC, datetime, time
from itertools import batched
from typing import Any

from django.conf import settings
from django.db.models import Max, QuerySet
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime

from factcheck.claims.claimreview import (
    REVIEW_COLUMNS,
    Reviewed,
    ScaleBounds,
    public_path_parts,
    published_verdicts,
    review_document,
)
from factcheck.claims.models import Claim, Verdict

CHUNK_ROWS = 2000

# (name in the export, ORM path); the public page address is added as the last column.
COLUMNS: tuple[tuple[str, str], ...] = (
    ("verdict_id", "id"),
    ("claim_id", "claim_id"),
    ("version", "number"),
    ("claim", "claim__statement"),
    ("claimant", "claim__claimant"),
    ("claim_type", "claim__type"),
    ("rating", "rating__label"),
    ("rating_value", "rating__value"),
    ("summary", "summary"),
    ("explanation", "explanation"),
    ("correction_note", "correction_note"),
    ("article_title", "claim__article__title"),
    ("article_url", "claim__article__url"),
    ("article_published_at", "claim__article__published_at"),
    ("first_published_at", "first_published_at"),
    ("published_at", "published_at"),
)
HEADER = (*(name for name, _ in COLUMNS), "url")
FORMATS = ("json", "csv", "claimreview")

# Spreadsheets run a cell that starts with one of these as a formula (CSV injection).
_FORMULA_START = frozenset("=+-@\t\r")


def parse_since(value: str) -> datetime:
    """`2024-05-01` or an ISO 8601 date-time; a date or a naive time is taken as UTC."""
    value = value.strip()
    try:
        moment = parse_datetime(value)
        day = None if moment else parse_date(value)
    except ValueError:
        moment = day = None
    if moment is None and day is None:
        raise ValueError(f"{value!r} is not a date: use YYYY-MM-DD or an ISO 8601 date and time.")
    if moment is None:
        assert day is not None
        moment = datetime.combine(day, time.min, tzinfo=UTC)
    if timezone.is_naive(moment):
        moment = moment.replace(tzinfo=UTC)
    return moment


def export_queryset(since: datetime | None = None) -> QuerySet[Verdict]:
    """Published verdicts, oldest first; `since` keeps those published at or after it
    (a correction counts from its own publication, so a partner polling with the time of
    their last pull gets the corrections too)."""
    verdicts = published_verdicts()
    if since is not None:
        verdicts = verdicts.filter(published_at__gte=since)
    return verdicts


def _rows(queryset: QuerySet[Verdict], columns: Sequence[str]) -> Iterator[tuple[Any, ...]]:
    return queryset.values_list(*columns).iterator(chunk_size=CHUNK_ROWS)


def neutralise(text: str) -> str:
    """A text cell that a spreadsheet would run as a formula gets a leading apostrophe."""
    return "'" + text if text[:1] in _FORMULA_START else text


class _Collector:
    """A file-like sink for csv.writer whose contents are taken out a block at a time."""

    def __init__(self) -> None:
        self.parts: list[str] = []

    def write(self, text: str) -> None:
        self.parts.append(text)

    def take(self) -> str:
        text = "".join(self.parts)
        self.parts.clear()
        return text


def csv_chunks(since: datetime | None = None) -> Iterator[str]:
    collector = _Collector()
    writer = csv.writer(collector, lineterminator="\r\n")
    writer.writerow(HEADER)
    yield collector.take()
    head, tail = public_path_parts()
    url_head = settings.SITE_URL + head
    cell = neutralise
    rows = _rows(export_queryset(since), [path for _, path in COLUMNS])
    for batch in batched(rows, CHUNK_ROWS):
        # One comprehension per block: the per-row cost is what decides the speed here.
        writer.writerows(
            [
                (
                    vid,
                    cid,
                    number,
                    cell(statement),
                    cell(claimant),
                    ctype,
                    cell(rating),
                    value,
                    cell(summary),
                    cell(explanation),
                    cell(correction),
                    cell(title),
                    url and cell(url),
                    article_at and article_at.isoformat(),
                    first_at and first_at.isoformat(),
                    published_at and published_at.isoformat(),
                    f"{url_head}{cid}{tail}",
                )
                for (
                    vid,
                    cid,
                    number,
                    statement,
                    claimant,
                    ctype,
                    rating,
                    value,
                    summary,
                    explanation,
                    correction,
                    title,
                    url,
                    article_at,
                    first_at,
                    published_at,
                ) in batch
            ]
        )
        yield collector.take()


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


_encode = json.JSONEncoder(ensure_ascii=False).encode


def json_chunks(since: datetime | None = None) -> Iterator[str]:
    """A JSON array of objects with the same fields as the CSV columns."""
    head, tail = public_path_parts()
    url_head = settings.SITE_URL + head
    names = HEADER
    dates = {HEADER.index(n) for n in ("article_published_at", "first_published_at")}
    dates.add(HEADER.index("published_at"))
    rows = _rows(export_queryset(since), [path for _, path in COLUMNS])
    separator = "\n"
    yield "["
    for batch in batched(rows, CHUNK_ROWS):
        parts = []
        for row in batch:
            values = [_iso(v) if i in dates else v for i, v in enumerate(row)]
            values.append(f"{url_head}{row[1]}{tail}")
            parts.append(_encode(dict(zip(names, values, strict=True))))
        yield separator + ",\n".join(parts)
        separator = ",\n"
    yield "\n]\n"


def _appearances(claim_ids: Iterable[int]) -> dict[int, list[str]]:
    """Other articles' addresses where each claim appeared (claims marked duplicates of it)."""
    found: dict[int, list[str]] = defaultdict(list)
    duplicates = (
        Claim.objects.filter(duplicate_of_id__in=list(claim_ids))
        .exclude(article__url=None)
        .order_by("id")
        .values_list("duplicate_of_id", "article__url")
    )
    for original, url in duplicates:
        if url and original is not None:
            found[original].append(url)
    return found


def claimreview_chunks(since: datetime | None = None) -> Iterator[str]:
    """A schema.org DataFeed whose elements are the ClaimReviews of the published verdicts."""
    bounds = ScaleBounds.current()
    queryset = export_queryset(since)
    latest = Verdict.objects.published().aggregate(latest=Max("published_at"))["latest"]
    header: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "DataFeed",
        "name": f"{settings.ORGANISATION_NAME}: fact checks",
    }
    if latest:
        header["dateModified"] = latest.isoformat()
    yield _encode(header)[:-1] + ', "dataFeedElement": ['
    separator = "\n"
    for batch in batched(_rows(queryset, REVIEW_COLUMNS), CHUNK_ROWS):
        appearances = _appearances(row[0] for row in batch)
        parts = [
            _encode(
                review_document(Reviewed(*row), bounds=bounds, appearances=appearances.get(row[0]))
            )
            for row in batch
        ]
        yield separator + ",\n".join(parts)
        separator = ",\n"
    yield "\n]}\n"


WRITERS = {"json": json_chunks, "csv": csv_chunks, "claimreview": claimreview_chunks}
CONTENT_TYPES = {
    "json": "application/json",
    "csv": "text/csv; charset=utf-8",
    "claimreview": "application/ld+json",
}
