"""Claims in and out per day, and the time from a claim's arrival to its publication."""

from collections import defaultdict
from datetime import date
from statistics import quantiles
from typing import Any

from django.db import connection
from django.db.models import (
    Aggregate,
    Count,
    DurationField,
    ExpressionWrapper,
    F,
)
from django.db.models.functions import TruncDate, TruncWeek

from factcheck.claims.models import Claim, Verdict
from factcheck.insight.charts import Chart, Series, number
from factcheck.insight.figures.common import (
    BY_HAND,
    DISMISSED,
    EXTRACTED,
    MEDIAN,
    P90,
    PUBLISHED,
    ClaimEvents,
    Period,
    _between,
    _counted_by,
    _day,
    _fill,
    _of_claim,
    _plural,
    claim_events,
)


def claims_in_and_out(period: Period, events: ClaimEvents | None = None) -> Chart:
    days = period.days()
    events = events or claim_events(period)
    counts = _counted_by(Claim.objects.all(), "created_at", period, TruncDate, "origin")
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
