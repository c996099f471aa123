"""Work per person."""

from django.contrib.auth.models import User
from django.db.models import (
    Count,
)
from django.utils.translation import gettext as _

from factcheck.claims.models import Verdict
from factcheck.insight.charts import Chart, Series, number
from factcheck.insight.figures.common import (
    PEOPLE,
    WORK,
    ClaimEvents,
    Period,
    VerdictEvents,
    _between,
    claim_events,
    verdict_events,
)


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
    kinds = (_("Claims taken"), _("Verdicts written"), _("Approvals given"), _("Sent back"))
    counts: dict[str, dict[int, float]] = dict(
        zip(
            kinds,
            (
                dict(claims.taken),
                dict(verdicts.written),
                {row["approver_id"]: row["n"] for row in approved},
                dict(verdicts.sent_back),
            ),
            strict=True,
        )
    )
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
        title=_("Your work") if only is not None else _("Work per person"),
        description=f"{totals}. {period}.",
        label_heading=_("Person"),
        labels=tuple(names.get(pk, f"#{pk}") for pk in ranked),
        series=series,
        kind="bars",
        stacked=False,
    )
