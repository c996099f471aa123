"""The desk's figures for a period, each from a few aggregate queries on indexed columns.

Events (a claim dismissed, taken, published; a verdict submitted or sent back) are read
from django-simple-history's tables, which record who changed what and when: an event is
a history row whose value differs from the row before it for the same object. Times and
counts are computed by the database; Python only arranges the grouped rows into charts.
"""

from factcheck.insight.figures.common import (
    BY_HAND,
    DISMISSED,
    EXTRACTED,
    MEDIAN,
    NO_RATING,
    P90,
    PEOPLE,
    PUBLISHED,
    REASONS,
    TOP,
    TOP_REASONS,
    WORK,
    ClaimEvents,
    ClaimHistory,
    Period,
    VerdictEvents,
    VerdictHistory,
    claim_events,
    verdict_events,
)
from factcheck.insight.figures.desk import CHART_SLUGS, RATED, insight_charts
from factcheck.insight.figures.flow import Percentile, claims_in_and_out, time_to_publish
from factcheck.insight.figures.people import work_per_person
from factcheck.insight.figures.quality import extraction_quality
from factcheck.insight.figures.ratings import (
    seen_most_often,
    top_claimants,
    top_outlets,
    verdicts_by_rating,
)

__all__ = [
    "BY_HAND",
    "CHART_SLUGS",
    "DISMISSED",
    "EXTRACTED",
    "MEDIAN",
    "NO_RATING",
    "P90",
    "PEOPLE",
    "PUBLISHED",
    "RATED",
    "REASONS",
    "TOP",
    "TOP_REASONS",
    "WORK",
    "ClaimEvents",
    "ClaimHistory",
    "Percentile",
    "Period",
    "VerdictEvents",
    "VerdictHistory",
    "claim_events",
    "claims_in_and_out",
    "extraction_quality",
    "insight_charts",
    "seen_most_often",
    "time_to_publish",
    "top_claimants",
    "top_outlets",
    "verdict_events",
    "verdicts_by_rating",
    "work_per_person",
]
