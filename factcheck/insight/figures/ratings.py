"""Figures by rating: verdicts per month, outlets and claimants, claims seen most often."""

from collections import defaultdict
from collections.abc import Sequence

from django.db import connection
from django.db.models import (
    Count,
    OuterRef,
    Subquery,
)
from django.db.models.functions import Coalesce, TruncMonth
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from factcheck.claims.models import Claim, Rating, SimilarClaim, Verdict
from factcheck.insight.charts import Chart, Series, number
from factcheck.insight.figures.common import (
    NO_RATING,
    TOP,
    Period,
    _between,
    _counted_by,
    _fill,
    _of_claim,
)


def _colour(rating: Rating) -> str:
    colour = rating.colour
    return colour if len(colour) == 7 and colour.startswith("#") else NO_RATING


def verdicts_by_rating(period: Period, scale: Sequence[Rating]) -> Chart:
    months = period.months()
    counts = _counted_by(Verdict.objects.all(), "published_at", period, TruncMonth, "rating_id")
    series = tuple(
        Series(rating.label, _colour(rating), _fill(months, counts[rating.pk])) for rating in scale
    )
    shares = ", ".join(f"{s.name} {number(sum(s.values))}" for s in series if sum(s.values))
    total = sum(sum(s.values) for s in series)
    return Chart(
        slug="verdicts-by-rating",
        title=_("Verdicts by rating, per month"),
        description=(
            ngettext(
                "%(count)s verdict published (a correction counts as a new one)",
                "%(count)s verdicts published (a correction counts as a new one)",
                int(total),
            )
            % {"count": number(total)}
            + (f": {shares}." if shares else ".")
        ),
        label_heading=_("Month"),
        labels=tuple(f"{month:%Y-%m}" for month in months),
        ticks=tuple(date_format(month, "M Y") for month in months),
        series=series,
    )


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
    slug: str,
    title: str,
    heading: str,
    description: str,
    period: Period,
    scale: Sequence[Rating],
    field: str,
) -> Chart:
    names, counts = _ranked_by_rating(period, field)
    series = tuple(
        Series(rating.label, _colour(rating), tuple(counts[rating.pk].get(n, 0) for n in names))
        for rating in scale
    )
    lead = (
        _("%(name)s leads with %(count)s.")
        % {"name": names[0], "count": number(sum(s.values[0] for s in series))}
        + " "
        if names
        else ""
    )
    return Chart(
        slug=slug,
        title=title,
        description=description % {"top": TOP} + " " + lead + f"{period}.",
        label_heading=heading,
        labels=tuple(names),
        series=series,
        kind="bars",
    )


def top_outlets(period: Period, scale: Sequence[Rating]) -> Chart:
    return _ranking_chart(
        "top-outlets",
        _("Outlets with most checked claims"),
        _("Outlet"),
        _(
            "The %(top)s outlets with most claims checked (a verdict published) in the period, "
            "each bar split by the rating given."
        ),
        period,
        scale,
        "article__publisher",
    )


def top_claimants(period: Period, scale: Sequence[Rating]) -> Chart:
    return _ranking_chart(
        "top-claimants",
        _("Claimants with most checked claims"),
        _("Claimant"),
        _(
            "The %(top)s claimants with most claims checked (a verdict published) in the "
            "period, each bar split by the rating given."
        ),
        period,
        scale,
        "claimant",
    )


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
    rated = Claim.objects.filter(pk__in=[pk for pk, _n in counts]).annotate(
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
    ratings = [by_id.get(row["rating_id"]) for row, _n in ordered]
    lead = (
        ngettext(
            "Most repeated: “%(statement)s”, %(count)s time.",
            "Most repeated: “%(statement)s”, %(count)s times.",
            ordered[0][1],
        )
        % {"statement": ordered[0][0]["statement"][:80], "count": number(ordered[0][1])}
        + " "
        if ordered
        else ""
    )
    return Chart(
        slug="seen-most-often",
        title=_("Claims seen most often"),
        description=_(
            "Claims repeated in the period: other claims marked as their duplicates or "
            "found similar by matching, coloured by the rating given."
        )
        + " "
        + lead
        + f"{period}.",
        label_heading=_("Claim"),
        labels=tuple(row["statement"] for row, _n in ordered),
        series=(Series(_("Repeats"), NO_RATING, tuple(n for _row, n in ordered)),),
        kind="bars",
        notes=(
            (_("Claim id"), tuple(str(row["pk"]) for row, _n in ordered)),
            (_("Rating"), tuple(r.label if r else _("Not checked") for r in ratings)),
        ),
        bar_colours=tuple(_colour(r) if r else NO_RATING for r in ratings),
    )
