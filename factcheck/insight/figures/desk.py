"""All of the desk's charts, in the page's order."""

from collections.abc import Callable, Sequence

from django.contrib.auth.models import User

from factcheck.claims.models import Rating
from factcheck.insight.charts import Chart
from factcheck.insight.figures.common import Period, claim_events
from factcheck.insight.figures.flow import claims_in_and_out, time_to_publish
from factcheck.insight.figures.people import work_per_person
from factcheck.insight.figures.quality import extraction_quality
from factcheck.insight.figures.ratings import (
    seen_most_often,
    top_claimants,
    top_outlets,
    verdicts_by_rating,
)

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
