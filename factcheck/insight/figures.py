"""The desk's figures for a period, each from a few aggregate queries on indexed columns.

Events (a claim dismissed, taken, published; a verdict submitted or sent back) are read
from django-simple-history's tables, which record who changed what and when: an event is
a history row whose value differs from the row before it for the same object. Times and
counts are computed by the database; Python only arranges the grouped rows into charts.
"""

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from statistics import quantiles
from typing import Any

from django.contrib.auth.models import User
from django.db import connection
from django.db.models import (
    Aggregate,
    Case,
    Count,
    DurationField,
    ExpressionWrapper,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    TextField,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Lower, Trim, TruncDate, TruncMonth, TruncWeek
from django.utils import timezone

from factcheck.articles.models import Article
from factcheck.claims.models import Claim, Rating, SimilarClaim, Verdict
from factcheck.insight.charts import Chart, Series, number

TOP = 10  # outlets, claimants, claims seen most often
TOP_REASONS = 5  # dismiss reasons with their own colour; the rest are "Other reasons"
PEOPLE = 20
NO_RATING = "#9ca3af"
# Our own colours for what is not a rating: in (blues), out (greys and green), people.
EXTRACTED, BY_HAND, DISMISSED, PUBLISHED = "#1d4ed8", "#60a5fa", "#9ca3af", "#15803d"
MEDIAN, P90 = "#1d4ed8", "#93c5fd"
WORK = ("#1d4ed8", "#0d9488", "#15803d", "#d97706")
REASONS = ("#7c3aed", "#db2777", "#0891b2", "#ca8a04", "#4b5563", "#cbd5e1")

ClaimHistory: Any = Claim.history.model
VerdictHistory: Any = Verdict.history.model


@dataclass(frozen=True)
class Period:
    """Whole days, `start` to `end` inclusive, in the site's time zone."""

    start: date
    end: date

    @property
    def since(self) -> datetime:
        return timezone.make_aware(datetime.combine(self.start, time.min))

    @property
    def until(self) -> datetime:
        return timezone.make_aware(datetime.combine(self.end + timedelta(days=1), time.min))

    def days(self) -> list[date]:
        return [self.start + timedelta(days=i) for i in range((self.end - self.start).days + 1)]

    def weeks(self) -> list[date]:
        """The Mondays of the weeks the period touches."""
        first = self.start - timedelta(days=self.start.weekday())
        return [first + timedelta(weeks=i) for i in range((self.end - first).days // 7 + 1)]

    def months(self) -> list[date]:
        months, month = [], self.start.replace(day=1)
        while month <= self.end:
            months.append(month)
            month = (month + timedelta(days=32)).replace(day=1)
        return months

    def __str__(self) -> str:
        return f"{self.start:%-d %b %Y} to {self.end:%-d %b %Y}"


def _between(field: str, period: Period) -> Q:
    return Q(**{f"{field}__gte": period.since, f"{field}__lt": period.until})


def _day(value: Any) -> date:
    """A truncated date as it comes back: a date, or a datetime for TruncWeek/TruncMonth."""
    if isinstance(value, datetime):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value


def _with_previous(history: Any, field: str, period: Period) -> QuerySet[Any]:
    """History rows of the period with `was`: the same object's value of `field` in the
    row before (None for a first row). Deletions are not events of the desk."""
    previous = (
        history.objects.filter(id=OuterRef("id"), history_id__lt=OuterRef("history_id"))
        .order_by("-history_id")
        .values(field)[:1]
    )
    return (
        history.objects.filter(_between("history_date", period))
        .exclude(history_type="-")
        # Never NULL, so that comparing it is one lookup of the row before, not two.
        .annotate(was=Coalesce(Subquery(previous), Value("")))
        .order_by()
    )


def _became(rows: QuerySet[Any], field: str) -> QuerySet[Any]:
    """The rows where `field` changed to its value."""
    return rows.exclude(was=F(field))


def _of_claim(field: str) -> Subquery:
    """A field of a verdict's claim (or, through it, its article) looked up per verdict.

    The periods' verdicts are a few thousand of many; a join lets PostgreSQL choose to
    read every claim, where these lookups by primary key read only theirs."""
    rows: QuerySet[Any]
    if field.startswith("article__"):
        rows = Article.objects.filter(claims=OuterRef("claim_id"))
        field = field.removeprefix("article__")
    else:
        rows = Claim.objects.filter(pk=OuterRef("claim_id"))
    return Subquery(rows.order_by().values(field)[:1])


def _fill(labels: Sequence[date], counts: Mapping[date, float]) -> tuple[float, ...]:
    return tuple(counts.get(label, 0) for label in labels)


def _plural(n: float, word: str) -> str:
    return f"{number(n)} {word}{'' if n == 1 else 's'}"


# Events read from the history: one pass per table serves the flows and the work


@dataclass(frozen=True)
class ClaimEvents:
    """Claims dismissed and published per day, and claims taken per person."""

    out: dict[str, dict[date, int]]  # status -> day -> claims that reached it
    taken: dict[int, int]  # person -> claims they took


def claim_events(period: Period) -> ClaimEvents:
    """A claim is taken when it moves from new to checking: credited to its assignee if
    it has one (an editor assigned it), else to whoever moved it (by drafting a verdict,
    marking a repeat). It goes out when its status becomes dismissed or published."""
    rows = (
        _became(
            _with_previous(ClaimHistory, "status", period).filter(
                status__in=[Claim.Status.DISMISSED, Claim.Status.PUBLISHED, Claim.Status.CHECKING]
            ),
            "status",
        )
        .annotate(
            day=TruncDate("history_date"),
            taker=Case(
                When(
                    status=Claim.Status.CHECKING,
                    was=Claim.Status.NEW,
                    then=Coalesce("assignee_id", "history_user_id"),
                ),
                default=None,
                output_field=IntegerField(),
            ),
        )
        .values("day", "status", "taker")
        .annotate(n=Count("history_id"))
    )
    out: dict[str, dict[date, int]] = defaultdict(lambda: defaultdict(int))
    taken: dict[int, int] = defaultdict(int)
    for row in rows:
        if row["status"] == Claim.Status.CHECKING:
            if row["taker"] is not None:
                taken[row["taker"]] += row["n"]
        else:
            out[row["status"]][_day(row["day"])] += row["n"]
    return ClaimEvents(out, taken)


@dataclass(frozen=True)
class VerdictEvents:
    written: dict[int, int]  # person -> verdicts they submitted for approval
    sent_back: dict[int, int]  # person (an editor) -> verdicts they sent back


def verdict_events(period: Period) -> VerdictEvents:
    submitted = Q(state=Verdict.State.SUBMITTED) & ~Q(was=Verdict.State.SUBMITTED)
    sent_back = Q(state=Verdict.State.DRAFT, was=Verdict.State.SUBMITTED)
    rows = (
        _with_previous(VerdictHistory, "state", period)
        .filter(submitted | sent_back)
        .exclude(history_user_id=None)
        .values("history_user_id", "state")
        # A verdict submitted again after being sent back was written once.
        .annotate(n=Count("history_id"), verdicts=Count("id", distinct=True))
    )
    written: dict[int, int] = {}
    back: dict[int, int] = {}
    for row in rows:
        if row["state"] == Verdict.State.SUBMITTED:
            written[row["history_user_id"]] = row["verdicts"]
        else:
            back[row["history_user_id"]] = row["n"]
    return VerdictEvents(written, back)


# 1. Claims in and out per day


def claims_in_and_out(period: Period, events: ClaimEvents | None = None) -> Chart:
    days = period.days()
    events = events or claim_events(period)
    came = (
        Claim.objects.filter(_between("created_at", period))
        .annotate(day=TruncDate("created_at"))
        .values("day", "origin")
        .annotate(n=Count("id"))
        .order_by()
    )
    counts: dict[str, dict[date, float]] = defaultdict(dict)
    for row in came:
        counts[row["origin"]][_day(row["day"])] = row["n"]
    dismissed = events.out.get(Claim.Status.DISMISSED, {})
    published = events.out.get(Claim.Status.PUBLISHED, {})
    series = (
        Series("Extracted", EXTRACTED, _fill(days, counts[Claim.Origin.MACHINE])),
        Series("Added by hand", BY_HAND, _fill(days, counts[Claim.Origin.HUMAN])),
        Series("Dismissed", DISMISSED, _fill(days, dismissed), below=True),
        Series("Published", PUBLISHED, _fill(days, published), below=True),
    )
    n_extracted, n_by_hand, n_dismissed, n_published = (sum(s.values) for s in series)
    return Chart(
        slug="claims-in-out",
        title="Claims in and out per day",
        description=(
            f"In: {_plural(n_extracted, 'claim')} extracted and {number(n_by_hand)} added by "
            f"hand, drawn above the line. Out: {number(n_dismissed)} dismissed and "
            f"{number(n_published)} published, drawn below it. {period}."
        ),
        label_heading="Day",
        labels=tuple(day.isoformat() for day in days),
        ticks=tuple(f"{day:%-d %b}" for day in days),
        series=series,
    )


# 2. Time to publish per week


class Percentile(Aggregate):
    """PostgreSQL's percentile_cont: the value below which a share `fraction` of rows lie,
    interpolated (the median of 1, 2, 3, 4 is 2.5)."""

    function = "PERCENTILE_CONT"
    template = "%(function)s(%(fraction)s) WITHIN GROUP (ORDER BY %(expressions)s)"

    def __init__(self, expression: Any, fraction: float, **extra: Any) -> None:
        super().__init__(expression, fraction=float(fraction), **extra)


def _cont(values: list[float], fraction: float) -> float:
    """percentile_cont in Python, for SQLite (the demo), which has no such aggregate."""
    if len(values) == 1:
        return values[0]
    return quantiles(values, n=100, method="inclusive")[round(fraction * 100) - 1]


def time_to_publish(period: Period) -> Chart:
    weeks = period.weeks()
    # A claim's first verdict (number 1) is its first publication; corrections come later.
    first = Verdict.objects.filter(_between("published_at", period), number=1).annotate(
        week=TruncWeek("published_at"),
        took=ExpressionWrapper(
            F("published_at") - _of_claim("created_at"), output_field=DurationField()
        ),
    )
    median: dict[date, float] = {}
    p90: dict[date, float] = {}
    count: dict[date, int] = {}
    if connection.vendor == "postgresql":
        rows = first.values("week").annotate(
            n=Count("id"),
            median=Percentile("took", 0.5, output_field=DurationField()),
            p90=Percentile("took", 0.9, output_field=DurationField()),
        )
        for row in rows.order_by():
            week = _day(row["week"])
            count[week] = row["n"]
            median[week] = round(row["median"].total_seconds() / 3600, 1)
            p90[week] = round(row["p90"].total_seconds() / 3600, 1)
    else:
        took: dict[date, list[float]] = defaultdict(list)
        for week, duration in first.values_list("week", "took").order_by():
            took[_day(week)].append(duration.total_seconds() / 3600)
        for week, hours in took.items():
            count[week] = len(hours)
            median[week] = round(_cont(sorted(hours), 0.5), 1)
            p90[week] = round(_cont(sorted(hours), 0.9), 1)
    busiest = max(count, key=lambda week: (count[week], week), default=None)
    summary = f"{_plural(sum(count.values()), 'claim')} published for the first time. " + (
        f"In the week of {busiest:%-d %b}, the busiest, half took under "
        f"{number(median[busiest])} hours and nine in ten under {number(p90[busiest])} hours."
        if busiest
        else ""
    )
    return Chart(
        slug="time-to-publish",
        title="Time to publish, per week",
        description=f"Hours from a claim's creation to its verdict's publication. {summary}",
        label_heading="Week of",
        labels=tuple(week.isoformat() for week in weeks),
        ticks=tuple(f"{week:%-d %b}" for week in weeks),
        series=(
            Series("Median", MEDIAN, _fill(weeks, median)),
            Series("90th percentile", P90, _fill(weeks, p90)),
        ),
        stacked=False,
        unit=" h",
        notes=(("Published", tuple(str(count.get(week, 0)) for week in weeks)),),
    )


# 3. Verdicts by rating per month


def _colour(rating: Rating) -> str:
    colour = rating.colour
    return colour if len(colour) == 7 and colour.startswith("#") else NO_RATING


def verdicts_by_rating(period: Period, scale: Sequence[Rating]) -> Chart:
    months = period.months()
    rows = (
        Verdict.objects.filter(_between("published_at", period))
        .annotate(month=TruncMonth("published_at"))
        .values("month", "rating_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    counts: dict[int, dict[date, float]] = defaultdict(dict)
    for row in rows:
        counts[row["rating_id"]][_day(row["month"])] = row["n"]
    series = tuple(
        Series(rating.label, _colour(rating), _fill(months, counts[rating.pk])) for rating in scale
    )
    shares = ", ".join(f"{s.name} {number(sum(s.values))}" for s in series if sum(s.values))
    total = sum(sum(s.values) for s in series)
    return Chart(
        slug="verdicts-by-rating",
        title="Verdicts by rating, per month",
        description=(
            f"{_plural(total, 'verdict')} published (a correction counts as a new one)"
            + (f": {shares}." if shares else ".")
        ),
        label_heading="Month",
        labels=tuple(f"{month:%Y-%m}" for month in months),
        ticks=tuple(f"{month:%b %Y}" for month in months),
        series=series,
    )


# 4. Work per person


def work_per_person(
    period: Period,
    only: User | None = None,
    claims: ClaimEvents | None = None,
    verdicts: VerdictEvents | None = None,
) -> Chart:
    """Claims taken, verdicts written (submitted for approval), approvals given and
    verdicts sent back (by the editor who did). `only` limits it to one person."""
    claims = claims or claim_events(period)
    verdicts = verdicts or verdict_events(period)
    approved = (
        Verdict.objects.filter(_between("published_at", period))
        .exclude(approver_id=None)
        .values("approver_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    kinds = ("Claims taken", "Verdicts written", "Approvals given", "Sent back")
    counts: dict[str, dict[int, float]] = {
        "Claims taken": dict(claims.taken),
        "Verdicts written": dict(verdicts.written),
        "Approvals given": {row["approver_id"]: row["n"] for row in approved},
        "Sent back": dict(verdicts.sent_back),
    }
    if only is not None:
        counts = {
            name: {pk: n for pk, n in per.items() if pk == only.pk} for name, per in counts.items()
        }
    people = {pk for per_person in counts.values() for pk in per_person}
    names = dict(User.objects.filter(pk__in=people).values_list("pk", "username"))
    ranked = sorted(
        people, key=lambda pk: (-sum(c.get(pk, 0) for c in counts.values()), names.get(pk, ""))
    )[:PEOPLE]
    series = tuple(
        Series(name, colour, tuple(counts[name].get(pk, 0) for pk in ranked))
        for name, colour in zip(kinds, WORK, strict=True)
    )
    totals = ", ".join(f"{number(sum(s.values))} {s.name.lower()}" for s in series)
    return Chart(
        slug="work-per-person",
        title="Your work" if only is not None else "Work per person",
        description=f"{totals}. {period}.",
        label_heading="Person",
        labels=tuple(names.get(pk, f"#{pk}") for pk in ranked),
        series=series,
        kind="bars",
        stacked=False,
    )


# 5. Outlets and claimants with most checked claims


def _ranked_by_rating(period: Period, field: str) -> tuple[list[str], dict[int, dict[str, float]]]:
    """The `field` values (outlet, claimant) with most claims checked in the period (a
    verdict published in it, counted by the current verdict's rating). The database
    counts per name and rating; the few hundred groups are ranked here."""
    rows = (
        Verdict.objects.filter(_between("published_at", period), state=Verdict.State.PUBLISHED)
        .annotate(name=_of_claim(field))
        .values("name", "rating_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    counts: dict[int, dict[str, float]] = defaultdict(dict)
    totals: dict[str, float] = defaultdict(float)
    for row in rows:
        if row["name"]:  # no outlet or claimant named: nobody to rank
            counts[row["rating_id"]][row["name"]] = row["n"]
            totals[row["name"]] += row["n"]
    names = sorted(totals, key=lambda name: (-totals[name], name))[:TOP]
    return names, counts


def _ranking_chart(
    slug: str, title: str, heading: str, period: Period, scale: Sequence[Rating], field: str
) -> Chart:
    names, counts = _ranked_by_rating(period, field)
    series = tuple(
        Series(rating.label, _colour(rating), tuple(counts[rating.pk].get(n, 0) for n in names))
        for rating in scale
    )
    lead = f"{names[0]} leads with {number(sum(s.values[0] for s in series))}. " if names else ""
    return Chart(
        slug=slug,
        title=title,
        description=(
            f"The {TOP} {heading.lower()}s with most claims checked (a verdict published) in "
            f"the period, each bar split by the rating given. {lead}{period}."
        ),
        label_heading=heading,
        labels=tuple(names),
        series=series,
        kind="bars",
    )


def top_outlets(period: Period, scale: Sequence[Rating]) -> Chart:
    return _ranking_chart(
        "top-outlets", "Outlets with most checked claims", "Outlet", period, scale,
        "article__publisher",
    )  # fmt: skip


def top_claimants(period: Period, scale: Sequence[Rating]) -> Chart:
    return _ranking_chart(
        "top-claimants", "Claimants with most checked claims", "Claimant", period, scale,
        "claimant",
    )  # fmt: skip


# 6. The claims seen most often


def _repeat_counts(period: Period) -> list[tuple[int, int]]:
    """(claim id, repeats) for the claims repeated most in the period: other claims that
    appeared in it and were marked as its duplicates or found similar to it by matching.
    Until claims record their appearances, repeats are how the desk sees one spreading."""
    claim, similar = Claim._meta.db_table, SimilarClaim._meta.db_table
    sql = f"""
        SELECT original, COUNT(*) FROM (
            SELECT duplicate_of_id AS original, id AS repeat FROM {claim}
            WHERE duplicate_of_id IS NOT NULL AND created_at >= %s AND created_at < %s
            UNION
            SELECT s.other_id, s.claim_id FROM {similar} s JOIN {claim} c ON c.id = s.claim_id
            WHERE c.created_at >= %s AND c.created_at < %s
        ) AS repeats
        GROUP BY original ORDER BY COUNT(*) DESC, original LIMIT %s
    """
    with connection.cursor() as cursor:
        bounds = [period.since, period.until]
        cursor.execute(sql, [*bounds, *bounds, TOP])
        return [(int(pk), int(n)) for pk, n in cursor.fetchall()]


def seen_most_often(period: Period, scale: Sequence[Rating]) -> Chart:
    counts = _repeat_counts(period)
    published = Verdict.objects.filter(claim=OuterRef("pk"), state=Verdict.State.PUBLISHED)
    # A repeat shows its original's verdict, as on the claim page.
    rated = Claim.objects.filter(pk__in=[pk for pk, _ in counts]).annotate(
        rating_id=Coalesce(
            Subquery(published.values("rating_id")[:1]),
            Subquery(
                Verdict.objects.filter(
                    claim=OuterRef("duplicate_of_id"), state=Verdict.State.PUBLISHED
                ).values("rating_id")[:1]
            ),
        )
    )
    claims = {row["pk"]: row for row in rated.values("pk", "statement", "rating_id")}
    by_id = {rating.pk: rating for rating in scale}
    ordered = [(claims[pk], n) for pk, n in counts if pk in claims]
    ratings = [by_id.get(row["rating_id"]) for row, _ in ordered]
    lead = (
        f"Most repeated: “{ordered[0][0]['statement'][:80]}”, {_plural(ordered[0][1], 'time')}. "
        if ordered
        else ""
    )
    return Chart(
        slug="seen-most-often",
        title="Claims seen most often",
        description=(
            "Claims repeated in the period: other claims marked as their duplicates or "
            f"found similar by matching, coloured by the rating given. {lead}{period}."
        ),
        label_heading="Claim",
        labels=tuple(row["statement"] for row, _ in ordered),
        series=(Series("Repeats", NO_RATING, tuple(n for _, n in ordered)),),
        kind="bars",
        notes=(
            ("Claim id", tuple(str(row["pk"]) for row, _ in ordered)),
            ("Rating", tuple(r.label if r else "Not checked" for r in ratings)),
        ),
        bar_colours=tuple(_colour(r) if r else NO_RATING for r in ratings),
    )


# 7. Extraction quality


def extraction_quality(period: Period) -> Chart:
    """Of the machine claims extracted each week, the share dismissed since, by reason
    (reasons compared without case or surrounding spaces)."""
    weeks = period.weeks()
    rows = (
        Claim.objects.filter(_between("created_at", period), origin=Claim.Origin.MACHINE)
        .annotate(
            week=TruncWeek("created_at"),
            reason=Case(
                When(status=Claim.Status.DISMISSED, then=Lower(Trim("dismiss_reason"))),
                default=Value(""),
                output_field=TextField(),
            ),
        )
        .values("week", "reason")
        .annotate(n=Count("id"))
        .order_by()
    )
    extracted: dict[date, int] = defaultdict(int)
    dismissed: dict[str, dict[date, int]] = defaultdict(lambda: defaultdict(int))
    for row in rows:
        week = _day(row["week"])
        extracted[week] += row["n"]
        if row["reason"]:
            dismissed[row["reason"]][week] += row["n"]
    by_count = sorted(dismissed, key=lambda reason: (-sum(dismissed[reason].values()), reason))
    named, others = by_count[:TOP_REASONS], by_count[TOP_REASONS:]
    groups: list[tuple[str, list[str]]] = [(reason.capitalize(), [reason]) for reason in named]
    if others:
        groups.append(("Other reasons", others))

    def share(reasons: Iterable[str]) -> Callable[[date], float]:
        def of(week: date) -> float:
            n = sum(dismissed[reason][week] for reason in reasons)
            return round(100 * n / extracted[week], 1) if extracted[week] else 0.0

        return of

    series = tuple(
        Series(name, colour, tuple(map(share(reasons), weeks)))
        for (name, reasons), colour in zip(groups, REASONS, strict=False)
    )
    total = sum(extracted.values())
    gone = sum(sum(per_week.values()) for per_week in dismissed.values())
    return Chart(
        slug="extraction-quality",
        title="Extraction quality: machine claims dismissed, per week",
        description=(
            f"Of {_plural(total, 'claim')} the extractor proposed, {number(gone)} "
            f"({number(round(100 * gone / total, 1) if total else 0)}%) were dismissed"
            + (f"; the most common reason: {named[0]}." if named else ".")
            + " Each column is the share of that week's machine claims, split by reason."
        ),
        label_heading="Week of",
        labels=tuple(week.isoformat() for week in weeks),
        ticks=tuple(f"{week:%-d %b}" for week in weeks),
        series=series,
        unit="%",
        notes=(("Extracted", tuple(str(extracted.get(week, 0)) for week in weeks)),),
    )


# All of them


CHART_SLUGS = (
    "claims-in-out",
    "time-to-publish",
    "verdicts-by-rating",
    "work-per-person",
    "top-outlets",
    "top-claimants",
    "seen-most-often",
    "extraction-quality",
)


RATED = frozenset({"verdicts-by-rating", "top-outlets", "top-claimants", "seen-most-often"})


def insight_charts(
    period: Period, *, slugs: Sequence[str] = CHART_SLUGS, only: User | None = None
) -> list[Chart]:
    """The charts named, in the page's order; `only` limits the work chart to one person."""
    scale = list(Rating.objects.all()) if set(slugs) & RATED else []
    claims = claim_events(period) if {"claims-in-out", "work-per-person"} & set(slugs) else None
    makers: dict[str, Callable[[], Chart]] = {
        "claims-in-out": lambda: claims_in_and_out(period, claims),
        "time-to-publish": lambda: time_to_publish(period),
        "verdicts-by-rating": lambda: verdicts_by_rating(period, scale),
        "work-per-person": lambda: work_per_person(period, only, claims),
        "top-outlets": lambda: top_outlets(period, scale),
        "top-claimants": lambda: top_claimants(period, scale),
        "seen-most-often": lambda: seen_most_often(period, scale),
        "extraction-quality": lambda: extraction_quality(period),
    }
    return [makers[slug]() for slug in slugs]
