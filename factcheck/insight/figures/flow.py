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
from django.utils.translation import gettext as _

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
    _claims,
    _counted_by,
    _day,
    _fill,
    _of_claim,
    _tick,
    claim_events,
)


def claims_in_and_out(period: Period, events: ClaimEvents | None = None) -> Chart:
    days = period.days()
    events = events or claim_events(period)
    counts = _counted_by(Claim.objects.all(), "created_at", period, TruncDate, "origin")
    dismissed = events.out.get(Claim.Status.DISMISSED, {})
    published = events.out.get(Claim.Status.PUBLISHED, {})
    series = (
        Series(_("Extracted"), EXTRACTED, _fill(days, counts[Claim.Origin.MACHINE])),
        Series(_("Added by hand"), BY_HAND, _fill(days, counts[Claim.Origin.HUMAN])),
        Series(_("Dismissed"), DISMISSED, _fill(days, dismissed), below=True),
        Series(_("Published"), PUBLISHED, _fill(days, published), below=True),
    )
    n_extracted, n_by_hand, n_dismissed, n_published = (sum(s.values) for s in series)
    return Chart(
        slug="claims-in-out",
        title=_("Claims in and out per day"),
        description=_(
            "In: %(extracted)s extracted and %(by_hand)s added by hand, drawn above the line. "
            "Out: %(dismissed)s dismissed and %(published)s published, drawn below it. "
            "%(period)s."
        )
        % {
            "extracted": _claims(n_extracted),
            "by_hand": number(n_by_hand),
            "dismissed": number(n_dismissed),
            "published": number(n_published),
            "period": period,
        },
        label_heading=_("Day"),
        labels=tuple(day.isoformat() for day in days),
        ticks=tuple(_tick(day) for day in days),
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
    summary = _("%(claims)s published for the first time.") % {
        "claims": _claims(sum(count.values()))
    }
    if busiest:
        summary += " " + _(
            "In the week of %(week)s, the busiest, half took under %(median)s hours and nine "
            "in ten under %(p90)s hours."
        ) % {"week": _tick(busiest), "median": number(median[busiest]), "p90": number(p90[busiest])}
    return Chart(
        slug="time-to-publish",
        title=_("Time to publish, per week"),
        description=_("Hours from a claim's creation to its verdict's publication.")
        + " "
        + summary,
        label_heading=_("Week of"),
        labels=tuple(week.isoformat() for week in weeks),
        ticks=tuple(_tick(week) for week in weeks),
        series=(
            Series(_("Median"), MEDIAN, _fill(weeks, median)),
            Series(_("90th percentile"), P90, _fill(weeks, p90)),
        ),
        stacked=False,
        unit=" h",
        notes=((_("Published"), tuple(str(count.get(week, 0)) for week in weeks)),),
    )
