"""Extraction quality: how the machine's claims fared with the reviewers."""

from collections import defaultdict
from collections.abc import Callable, Iterable
from datetime import date

from django.db.models import (
    Case,
    Count,
    TextField,
    Value,
    When,
)
from django.db.models.functions import Lower, Trim, TruncWeek
from django.utils.translation import gettext as _

from factcheck.claims.models import Claim
from factcheck.insight.charts import Chart, Series, number
from factcheck.insight.figures.common import (
    REASONS,
    TOP_REASONS,
    Period,
    _between,
    _claims,
    _day,
    _tick,
)


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
        groups.append((_("Other reasons"), others))

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
        title=_("Extraction quality: machine claims dismissed, per week"),
        description=(
            _("Of %(claims)s the extractor proposed, %(gone)s (%(share)s%%) were dismissed")
            % {
                "claims": _claims(total),
                "gone": number(gone),
                "share": number(round(100 * gone / total, 1) if total else 0),
            }
            + (_("; the most common reason: %(reason)s.") % {"reason": named[0]} if named else ".")
            + " "
            + _("Each column is the share of that week's machine claims, split by reason.")
        ),
        label_heading=_("Week of"),
        labels=tuple(week.isoformat() for week in weeks),
        ticks=tuple(_tick(week) for week in weeks),
        series=series,
        unit="%",
        notes=((_("Extracted"), tuple(str(extracted.get(week, 0)) for week in weeks)),),
    )
