"""Streaming exports of published verdicts: JSON, CSV and a ClaimReview JSON-LD feed.

The API views and `manage.py export_verdicts` share these writers. Each reads the rows
through `QuerySet.iterator()` (a server-side cursor on PostgreSQL) as plain tuples of the
needed columns, and yields text in blocks of `CHUNK_ROWS` rows, so memory stays the same
however many verdicts there are and no model instance is built per row.
"""

import csv
import hashlib
import json
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, time
from itertools import batched
from typing import Any

from django.conf import settings
from django.db.models import (
    Case,
    CharField,
    Count,
    F,
    Func,
    Max,
    Q,
    QuerySet,
    TextField,
    Value,
    When,
)
from django.db.models.functions import Cast, Concat, Left
from django.db.models.lookups import In
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime

from factcheck.claims.claimreview import (
    Reviewed,
    ReviewWriter,
    ScaleBounds,
    public_path_parts,
    public_url,
    published_verdicts,
)
from factcheck.claims.models import Claim, Rating, Verdict
from factcheck.spreadsheet import FORMULA_START

CHUNK_ROWS = 2000

TEXT, TIME, PLAIN = "text", "time", "plain"
# (name in the export, ORM path, kind). The database formats the cells: TIME as ISO 8601
# text, TEXT neutralised for spreadsheets in the CSV, and the public page address is added
# as the last column. Python then only writes rows out (see `csv_chunks`).
COLUMNS: tuple[tuple[str, str, str], ...] = (
    ("verdict_id", "id", PLAIN),
    ("claim_id", "claim_id", PLAIN),
    ("version", "number", PLAIN),
    ("claim", "claim__statement", TEXT),
    ("claim_reviewed", "claim_reviewed", TEXT),
    ("claimant", "claim__claimant", TEXT),
    ("claim_type", "claim__type", PLAIN),
    ("rating", "rating__label", TEXT),
    ("rating_value", "rating__value", PLAIN),
    ("summary", "summary", TEXT),
    ("explanation", "explanation", TEXT),
    ("correction_note", "correction_note", TEXT),
    ("article_title", "claim__article__title", TEXT),
    ("article_url", "claim__article__url", TEXT),
    ("article_published_at", "claim__article__published_at", TIME),
    ("first_published_at", "first_published_at", TIME),
    ("published_at", "published_at", TIME),
)
HEADER = (*(name for name, _, _ in COLUMNS), "url")
FORMATS = ("json", "csv", "claimreview")

_PG_ISO = 'YYYY-MM-DD"T"HH24:MI:SS.US"+00:00"'
_SQLITE_ISO = "%Y-%m-%dT%H:%M:%f+00:00"


class IsoTimestamp(Func):
    """A timestamp as ISO 8601 text in UTC, written by the database: cheaper than building
    a Python datetime per cell only to format it again."""

    output_field = CharField()

    def as_postgresql(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        (value,) = self.get_source_expressions()
        in_utc = Func(value, template="(%(expressions)s AT TIME ZONE 'UTC')")
        return compiler.compile(
            Func(in_utc, Value(_PG_ISO), function="to_char", output_field=CharField())
        )

    def as_sqlite(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        (value,) = self.get_source_expressions()
        return compiler.compile(
            Func(Value(_SQLITE_ISO), value, function="strftime", output_field=CharField())
        )


def neutralised(path: str) -> Case:
    """The CSV formula guard, in SQL: text starting with = + - @ tab or CR gets a '."""
    return Case(
        When(In(Left(path, 1), list(FORMULA_START)), then=Concat(Value("'"), F(path))),
        default=F(path),
        output_field=TextField(),
    )


def public_page_address() -> Concat:
    head, tail = public_path_parts()
    return Concat(
        Value(settings.SITE_URL + head),
        Cast("claim_id", CharField()),
        Value(tail),
        output_field=CharField(),
    )


def parse_since(value: str) -> datetime:
    """`2024-05-01` or an ISO 8601 date-time, in UTC; a date or a naive time is taken as UTC.
    ValueError for anything else, before any query runs."""
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
    # In UTC, so that the database never sees an offset: PostgreSQL refuses those past
    # 15:59 hours, and would only do so once the export had started streaming.
    try:
        return moment.astimezone(UTC)
    except OverflowError:  # 0001-01-01T00:00+01:00 is before the first UTC moment
        raise ValueError(f"{value!r} is out of range: use a year from 1 to 9999.") from None


def export_queryset(since: datetime | None = None) -> QuerySet[Verdict]:
    """Published verdicts, oldest first; `since` keeps those published at or after it
    (a correction counts from its own publication, so a partner polling with the time of
    their last pull gets the corrections too)."""
    verdicts = published_verdicts()
    if since is not None:
        verdicts = verdicts.filter(published_at__gte=since)
    return verdicts


def export_rows(
    since: datetime | None = None, *, for_csv: bool = False
) -> QuerySet[Verdict, tuple[Any, ...]]:
    """The rows of the JSON and CSV exports, every cell final as the database gives it."""
    cells: dict[str, Any] = {}
    for name, path, kind in COLUMNS:
        if kind == TIME:
            cells[name] = IsoTimestamp(path)
        elif kind == TEXT and for_csv:
            cells[name] = neutralised(path)
        else:
            cells[name] = F(path)
    cells["url"] = public_page_address()
    # Annotation names must not clash with the model's fields.
    named = {f"export_{name}": cell for name, cell in cells.items()}
    return export_queryset(since).annotate(**named).values_list(*named)


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
    rows = export_rows(since, for_csv=True).iterator(chunk_size=CHUNK_ROWS)
    for batch in batched(rows, CHUNK_ROWS):
        writer.writerows(batch)
        yield collector.take()


_encode = json.JSONEncoder(ensure_ascii=False).encode


def json_chunks(since: datetime | None = None) -> Iterator[str]:
    """A JSON array of objects with the same fields as the CSV columns."""
    names = HEADER
    rows = export_rows(since).iterator(chunk_size=CHUNK_ROWS)
    separator = "\n"
    yield "["
    for batch in batched(rows, CHUNK_ROWS):
        yield separator + ",\n".join(_encode(dict(zip(names, row, strict=True))) for row in batch)
        separator = ",\n"
    yield "\n]\n"


def other_appearances(claim_ids: Iterable[int]) -> dict[int, list[str]]:
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


def review_rows(since: datetime | None = None) -> QuerySet[Verdict, tuple[Any, ...]]:
    """The rows that fill a `Reviewed`, in its field order, times formatted by the database."""
    cells = {
        "claim_id": F("claim_id"),
        "number": F("number"),
        "statement": F("claim__statement"),
        "claim_reviewed": F("claim_reviewed"),
        "claimant": F("claim__claimant"),
        "rating_label": F("rating__label"),
        "rating_value": F("rating__value"),
        "article_url": F("claim__article__url"),
        "article_published_at": IsoTimestamp("claim__article__published_at"),
        "published_at": IsoTimestamp("published_at"),
        "first_published_at": IsoTimestamp("first_published_at"),
        "claimant_kind": F("claim__claimant_kind"),
        "claimant_same_as": F("claim__claimant_same_as"),
        "language": F("claim__article__language"),
    }
    named = {f"review_{name}": cell for name, cell in cells.items()}
    return export_queryset(since).annotate(**named).values_list(*named)


def claimreview_chunks(since: datetime | None = None) -> Iterator[str]:
    """A schema.org DataFeed laid out as DataCommons' fact-check feed: one DataFeedItem per
    published verdict, its ClaimReview in `item`."""
    writer = ReviewWriter(bounds=ScaleBounds.current())
    latest = Verdict.objects.published().aggregate(latest=Max("published_at"))["latest"]
    header: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "DataFeed",
        "name": f"{settings.ORGANISATION_NAME}: fact checks",
        "url": public_url("/api/v1/claimreview.jsonld"),
        "inLanguage": settings.REVIEW_LANGUAGE,
    }
    if latest:
        header["dateModified"] = latest.isoformat()
    yield _encode(header)[:-1] + ', "dataFeedElement": ['
    separator = "\n"
    rows = review_rows(since).iterator(chunk_size=CHUNK_ROWS)
    for batch in batched(rows, CHUNK_ROWS):
        appearances = other_appearances(row[0] for row in batch)
        item = writer.feed_item
        parts = [item(Reviewed(*row), appearances.get(row[0])) for row in batch]
        yield separator + ",\n".join(parts)
        separator = ",\n"
    yield "\n]}\n"


@dataclass(frozen=True)
class Validators:
    """What a conditional GET of an export compares: an ETag and a Last-Modified time."""

    etag: str
    last_modified: datetime | None


def export_validators(fmt: str, since: datetime | None) -> Validators:
    """Validators that change whenever an export's content can, in two small aggregates
    instead of reading the export: every published, corrected or withdrawn verdict saves
    its row (`updated_at`), marking a repeat saves the repeat claim (an appearance), and
    the rating scale and the settings that the documents name go into the ETag."""
    verdicts = Verdict.objects.filter(published_at__isnull=False).aggregate(
        changed=Max("updated_at"),
        count=Count("id"),
        published=Count("id", filter=Q(state="published")),
    )
    repeats = Claim.objects.filter(duplicate_of__isnull=False).aggregate(
        changed=Max("updated_at"), count=Count("id")
    )
    scale = list(Rating.objects.order_by("pk").values_list("pk", "version", "value"))
    changed = [moment for moment in (verdicts["changed"], repeats["changed"]) if moment]
    state = [
        fmt,
        since.isoformat() if since else "",
        verdicts,
        repeats,
        scale,
        settings.SITE_URL,
        settings.ORGANISATION_NAME,
        settings.ORGANISATION_URL,
        settings.REVIEW_LANGUAGE,
    ]
    digest = hashlib.sha256(json.dumps(state, default=str).encode()).hexdigest()[:32]
    return Validators(etag=f'"{digest}"', last_modified=max(changed) if changed else None)


WRITERS = {"json": json_chunks, "csv": csv_chunks, "claimreview": claimreview_chunks}
CONTENT_TYPES = {
    "json": "application/json",
    "csv": "text/csv; charset=utf-8",
    "claimreview": "application/ld+json",
}
