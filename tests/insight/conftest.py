"""A fortnight of the desk's work, done through the services on a clock the test sets.

The figures are read from the history the services write, so the desk's actions go
through them; only the clock is the test's, so that each action happens on a known day.
The right answers for this data are worked out by hand in tests/insight/test_figures.py.
"""

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any
from unittest import mock

import pytest
from django.contrib.auth.models import User

from factcheck.claims import services
from factcheck.claims.models import Claim, Rating, SimilarClaim
from factcheck.insight.figures import Period
from tests.factories import ArticleFactory, ClaimFactory, ensure_source, make_user

# Monday 2 March to Sunday 15 March 2026: two whole weeks.
FORTNIGHT = Period(date(2026, 3, 2), date(2026, 3, 15))


def at(day: int, hour: int = 9) -> datetime:
    """A time in March 2026, UTC (the site's time zone)."""
    return datetime(2026, 3, day, hour, tzinfo=UTC)


@contextmanager
def clock(when: datetime) -> Iterator[None]:
    """Everything saved inside happens at `when`: created_at, history dates, published_at."""
    with mock.patch("django.utils.timezone.now", return_value=when):
        yield


@dataclass
class Desk:
    rita: User  # reviewer
    ravi: User  # reviewer
    edna: User  # editor
    eddie: User  # editor
    claims: dict[str, Claim]


def _claim(name: str, *, when: datetime, publisher: str, claimant: str, origin: str) -> Claim:
    with clock(when):
        article = ArticleFactory(publisher=publisher)
        claim = ClaimFactory(
            article=article, claimant=claimant, origin=origin, statement=f"Claim {name}."
        )
        ensure_source(claim)  # a verdict is submitted only with its evidence
        return claim


def _fresh(claim: Claim) -> Claim:
    return Claim.objects.get(pk=claim.pk)


@pytest.fixture
def fortnight(db: None) -> Desk:
    """The desk's fortnight (times are 2026-03-DD HH:00 UTC):

    1st 12:00  c0 extracted (before the period).
    2nd 09:00  c1, c2, c4 extracted; c3 added by hand.
    2nd 10:00  rita drafts c1's verdict (False): c1 taken by rita.
    2nd 11:00  edna assigns c2 to ravi: c2 taken by ravi.
    3rd 09:00  edna dismisses c4, "Not check-worthy".
    3rd 10:00  rita submits c1; 11:00 edna sends it back; 12:00 rita submits it again.
    4th 09:00  edna approves c1: published 48 h after its creation.
    5th 09:00  ravi drafts c2 (Mostly true), 10:00 submits; 21:00 eddie approves: 84 h.
    9th 09:00  c5, c6, c7 extracted; rita drafts c3 (False) and submits it.
    9th 10:00  edna dismisses c6 "Opinion" and c7 " not check-worthy ".
    9th 11:00  edna marks c5 a repeat of c1 (c5 taken by edna); 12:00 eddie publishes it.
    10th 09:00 edna approves c3: 192 h. c8 added by hand; matching finds c8 ~ c1, c5 ~ c1
               and c2 ~ c0.
    10th 11:00 edna restores c6; 11th 09:00 dismisses it again, "Opinion".
    12th 09:00 rita drafts a correction of c1 (Mostly true) and submits; 10:00 eddie
               approves it.
    16th 09:00 edna dismisses c0 (after the period).
    """
    rita, ravi = make_user("rita", "Reviewer"), make_user("ravi", "Reviewer")
    edna, eddie = make_user("edna", "Editor"), make_user("eddie", "Editor")
    false, mostly_true = Rating.objects.get(slug="false"), Rating.objects.get(slug="mostly-true")
    planet, star = "Daily Planet", "Evening Star"
    c: dict[str, Claim] = {}
    c["c0"] = _claim("c0", when=at(1, 12), publisher=star, claimant="", origin="machine")
    c["c1"] = _claim("c1", when=at(2), publisher=planet, claimant="Minister A", origin="machine")
    c["c2"] = _claim("c2", when=at(2), publisher=planet, claimant="Minister A", origin="machine")
    c["c3"] = _claim("c3", when=at(2), publisher=star, claimant="Mayor B", origin="human")
    c["c4"] = _claim("c4", when=at(2), publisher=star, claimant="", origin="machine")

    def act(when: datetime, action: Callable[..., Any], **kwargs: Any) -> Any:
        with clock(when):
            return action(**kwargs)

    v1 = act(at(2, 10), services.verdict_save_draft, claim=c["c1"], actor=rita, rating=false,
             summary="Fewer took part.")  # fmt: skip
    act(at(2, 11), services.claim_assign, claim=c["c2"], actor=edna, assignee=ravi)
    act(at(3), services.claim_dismiss, claim=c["c4"], actor=edna, reason="Not check-worthy")
    v1 = act(at(3, 10), services.verdict_submit, verdict=v1, actor=rita)
    v1 = act(at(3, 11), services.verdict_send_back, verdict=v1, actor=edna, note="Source?")
    v1 = act(at(3, 12), services.verdict_submit, verdict=v1, actor=rita)
    act(at(4), services.verdict_approve, verdict=v1, actor=edna)
    v2 = act(at(5), services.verdict_save_draft, claim=_fresh(c["c2"]), actor=ravi,
             rating=mostly_true, summary="Roughly right.")  # fmt: skip
    v2 = act(at(5, 10), services.verdict_submit, verdict=v2, actor=ravi)
    act(at(5, 21), services.verdict_approve, verdict=v2, actor=eddie)

    c["c5"] = _claim("c5", when=at(9), publisher=planet, claimant="Minister A", origin="machine")
    c["c6"] = _claim("c6", when=at(9), publisher=planet, claimant="", origin="machine")
    c["c7"] = _claim("c7", when=at(9), publisher=planet, claimant="", origin="machine")
    v3 = act(at(9), services.verdict_save_draft, claim=c["c3"], actor=rita, rating=false,
             summary="Not so.")  # fmt: skip
    v3 = act(at(9), services.verdict_submit, verdict=v3, actor=rita)
    act(at(9, 10), services.claim_dismiss, claim=c["c6"], actor=edna, reason="Opinion")
    act(at(9, 10), services.claim_dismiss, claim=c["c7"], actor=edna, reason=" not check-worthy ")
    act(at(9, 11), services.claim_mark_duplicate, claim=c["c5"], actor=edna, original=c["c1"])
    act(at(9, 12), services.claim_publish_duplicate, claim=_fresh(c["c5"]), actor=eddie)
    act(at(10), services.verdict_approve, verdict=v3, actor=edna)
    c["c8"] = _claim("c8", when=at(10), publisher=star, claimant="", origin="human")
    with clock(at(10)):
        for new, old in (("c8", "c1"), ("c5", "c1"), ("c2", "c0")):
            SimilarClaim.objects.create(claim=c[new], other=c[old], score=0.9)
    act(at(10, 11), services.claim_restore, claim=_fresh(c["c6"]), actor=edna)
    act(at(11), services.claim_dismiss, claim=_fresh(c["c6"]), actor=edna, reason="Opinion")
    v4 = act(at(12), services.verdict_save_draft, claim=_fresh(c["c1"]), actor=rita,
             rating=mostly_true, summary="About right.", correction_note="New.")  # fmt: skip
    v4 = act(at(12), services.verdict_submit, verdict=v4, actor=rita)
    act(at(12, 10), services.verdict_approve, verdict=v4, actor=eddie)
    act(at(16), services.claim_dismiss, claim=_fresh(c["c0"]), actor=edna, reason="Opinion")
    return Desk(rita, ravi, edna, eddie, {name: _fresh(claim) for name, claim in c.items()})
