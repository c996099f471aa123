"""Every figure of the Insight page on the fortnight of tests/insight/conftest.py, against
answers worked out by hand from the story told in the fixture's docstring."""

from datetime import date

import pytest

from factcheck.claims.models import Rating
from factcheck.insight.charts import Chart
from factcheck.insight.figures import (
    Period,
    claims_in_and_out,
    extraction_quality,
    insight_charts,
    seen_most_often,
    time_to_publish,
    top_claimants,
    top_outlets,
    verdicts_by_rating,
    work_per_person,
)
from tests.insight.conftest import FORTNIGHT, Desk

pytestmark = pytest.mark.django_db


def by_name(chart: Chart) -> dict[str, tuple[float, ...]]:
    return {series.name: series.values for series in chart.series}


def days(**counts: int) -> tuple[float, ...]:
    """The fortnight's 14 days (2 to 15 March), zero but for `d<N>=count`."""
    return tuple(counts.get(f"d{day}", 0) for day in range(2, 16))


def scale() -> list[Rating]:
    return list(Rating.objects.all())


def test_claims_in_and_out_count_each_day_what_came_in_and_what_went_out(
    fortnight: Desk,
) -> None:
    chart = claims_in_and_out(FORTNIGHT)
    assert chart.labels[0] == "2026-03-02" and chart.labels[-1] == "2026-03-15"
    assert by_name(chart) == {
        # c1, c2, c4 on the 2nd; c5, c6, c7 on the 9th (c0 came on the 1st, before).
        "Extracted": days(d2=3, d9=3),
        "Added by hand": days(d2=1, d10=1),  # c3, c8
        # c4; c6 and c7; c6 again after it was restored (the restore is no dismissal).
        "Dismissed": days(d3=1, d9=2, d11=1),
        # c1, c2, the repeat c5, c3; c1's correction on the 12th leaves it published.
        "Published": days(d4=1, d5=1, d9=1, d10=1),
    }
    assert [s.below for s in chart.series] == [False, False, True, True]


def test_a_day_outside_the_period_counts_nothing(fortnight: Desk) -> None:
    chart = claims_in_and_out(Period(date(2026, 3, 16), date(2026, 3, 16)))
    # c0 was dismissed on the 16th; nothing else happened that day.
    assert by_name(chart) == {
        "Extracted": (0,),
        "Added by hand": (0,),
        "Dismissed": (1,),
        "Published": (0,),
    }


def test_time_to_publish_is_the_median_and_90th_percentile_per_week(fortnight: Desk) -> None:
    chart = time_to_publish(FORTNIGHT)
    assert chart.labels == ("2026-03-02", "2026-03-09")
    # Week of the 2nd: c1 took 48 h (2nd 09:00 to 4th 09:00), c2 84 h (to 5th 21:00).
    # Week of the 9th: c3 took 192 h (2nd 09:00 to 10th 09:00). c1's correction is not
    # a first publication, and the repeat c5 has no verdict of its own.
    assert by_name(chart) == {
        "Median": ((48 + 84) / 2, 192),
        "90th percentile": (48 + 0.9 * (84 - 48), 192),
    }
    assert chart.notes == (("Published", ("2", "1")),)
    assert chart.unit == " h"


def test_verdicts_by_rating_count_every_published_version_in_its_month(fortnight: Desk) -> None:
    chart = verdicts_by_rating(FORTNIGHT, scale())
    assert chart.labels == ("2026-03",)
    counts = by_name(chart)
    # False: c1's first verdict and c3's; Mostly true: c2's and c1's correction.
    assert counts.pop("False") == (2,)
    assert counts.pop("Mostly true") == (2,)
    assert set(counts.values()) == {(0,)}
    assert [s.name for s in chart.series] == [r.label for r in scale()]
    assert {s.name: s.colour for s in chart.series}["False"] == "#991b1b"


def test_work_per_person_counts_taken_written_approved_and_sent_back(fortnight: Desk) -> None:
    chart = work_per_person(FORTNIGHT)
    # rita 2 + 3 = 5, edna 1 + 2 + 1 = 4, then eddie and ravi with 2 each, by name.
    assert chart.labels == ("rita", "edna", "eddie", "ravi")
    assert by_name(chart) == {
        # rita took c1 and c3 by drafting; c2 was assigned to ravi; edna took the repeat c5.
        "Claims taken": (2, 1, 0, 1),
        # rita: c1 (submitted twice, one verdict), c3, c1's correction; ravi: c2.
        "Verdicts written": (3, 0, 0, 1),
        "Approvals given": (0, 2, 2, 0),  # edna: c1, c3; eddie: c2, c1's correction
        "Sent back": (0, 1, 0, 0),  # edna sent c1's verdict back once
    }


def test_a_reviewer_sees_only_their_own_work(fortnight: Desk) -> None:
    chart = work_per_person(FORTNIGHT, only=fortnight.rita)
    assert chart.labels == ("rita",)
    assert by_name(chart) == {
        "Claims taken": (2,),
        "Verdicts written": (3,),
        "Approvals given": (0,),
        "Sent back": (0,),
    }


def test_outlets_and_claimants_rank_checked_claims_by_their_current_rating(
    fortnight: Desk,
) -> None:
    # Published now: c1 (corrected to Mostly true) and c2 (Mostly true) from the Daily
    # Planet, by Minister A; c3 (False) from the Evening Star, by Mayor B.
    outlets = top_outlets(FORTNIGHT, scale())
    assert outlets.labels == ("Daily Planet", "Evening Star")
    assert {k: v for k, v in by_name(outlets).items() if any(v)} == {
        "Mostly true": (2, 0),
        "False": (0, 1),
    }
    claimants = top_claimants(FORTNIGHT, scale())
    assert claimants.labels == ("Minister A", "Mayor B")
    assert {k: v for k, v in by_name(claimants).items() if any(v)} == {
        "Mostly true": (2, 0),
        "False": (0, 1),
    }


def test_the_claims_seen_most_often_count_repeats_and_similar_claims_once_each(
    fortnight: Desk,
) -> None:
    chart = seen_most_often(FORTNIGHT, scale())
    c = fortnight.claims
    # c1: c5 (a repeat that matching also found) and c8; c0: c2.
    assert chart.labels == ("Claim c1.", "Claim c0.")
    assert by_name(chart) == {"Repeats": (2, 1)}
    assert dict(chart.notes) == {
        "Claim id": (str(c["c1"].pk), str(c["c0"].pk)),
        "Rating": ("Mostly true", "Not checked"),
    }
    assert chart.bar_colours[0] == Rating.objects.get(slug="mostly-true").colour


def test_extraction_quality_is_the_share_of_each_weeks_machine_claims_dismissed_by_reason(
    fortnight: Desk,
) -> None:
    chart = extraction_quality(FORTNIGHT)
    assert chart.labels == ("2026-03-02", "2026-03-09")
    # Week of the 2nd: c1, c2, c4 extracted, c4 dismissed as not check-worthy (the hand
    # added c3 does not count). Week of the 9th: c5, c6, c7; c7 not check-worthy (the
    # same reason, written differently), c6 an opinion.
    assert chart.notes == (("Extracted", ("3", "3")),)
    third = round(100 / 3, 1)
    assert by_name(chart) == {
        "Not check-worthy": (third, third),
        "Opinion": (0, third),
    }
    assert chart.unit == "%"


def test_every_chart_of_the_page_comes_in_its_order(fortnight: Desk) -> None:
    charts = insight_charts(FORTNIGHT)
    assert [chart.slug for chart in charts] == [
        "claims-in-out",
        "time-to-publish",
        "verdicts-by-rating",
        "work-per-person",
        "top-outlets",
        "top-claimants",
        "seen-most-often",
        "extraction-quality",
    ]
    assert all(chart.description for chart in charts)
