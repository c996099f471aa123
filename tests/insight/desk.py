"""A busy desk for the browser test's screenshots: weeks of claims coming in and going out,
done through the services (so the history is the real one) on a clock set per action."""

import heapq
import itertools
import random
from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from unittest import mock

from django.contrib.auth.models import User

from factcheck.claims import services
from factcheck.claims.models import Claim, Rating, SimilarClaim
from tests.factories import ArticleFactory, ClaimFactory, ensure_source, make_user

OUTLETS = ["Daily Planet", "Evening Star", "Morning Post", "City Wire", "The Ledger"]
CLAIMANTS = ["Minister Vale", "Mayor Ortiz", "Senator Kim", "Dr Haas", "", ""]
REASONS = ["Not check-worthy", "Opinion", "Not a claim", "Too vague", "Satire"]
REASON_WEIGHTS = [5, 3, 2, 1, 1]
RATING_WEIGHTS = {"false": 5, "mostly-false": 4, "misleading": 4, "mixed": 2, "true": 2}


def busy_desk(end: date, *, weeks: int = 13, seed: int = 15) -> list[User]:
    """Claims for `weeks` weeks up to `end`: about two thirds dismissed or published."""
    rng = random.Random(seed)
    reviewers = [make_user(name, "Reviewer") for name in ("rita", "ravi", "rosa")]
    editors = [make_user(name, "Editor") for name in ("edna", "eddie")]
    ratings = {r.slug: r for r in Rating.objects.filter(slug__in=RATING_WEIGHTS)}
    start = end - timedelta(weeks=weeks) + timedelta(days=1)
    last = datetime.combine(end, time(18), tzinfo=UTC)
    queue: list[tuple[datetime, int, Callable[[], Any]]] = []
    order = itertools.count()
    published: list[Claim] = []

    def later(when: datetime, action: Callable[[], Any]) -> None:
        if when <= last:
            heapq.heappush(queue, (when, next(order), action))

    def fresh(claim: Claim) -> Claim:
        return Claim.objects.get(pk=claim.pk)

    def fate(claim: Claim, when: datetime) -> None:
        roll = rng.random()
        if roll < 0.4:
            reason = rng.choices(REASONS, REASON_WEIGHTS)[0]
            later(when + timedelta(hours=rng.randint(2, 40)), lambda: services.claim_dismiss(
                claim=fresh(claim), actor=rng.choice(editors), reason=reason))  # fmt: skip
        elif roll < 0.75:
            author = rng.choice(reviewers)
            rating = ratings[rng.choices(list(RATING_WEIGHTS), list(RATING_WEIGHTS.values()))[0]]
            taken = when + timedelta(hours=rng.randint(1, 30))
            submitted = taken + timedelta(hours=rng.randint(6, 60))
            approved = submitted + timedelta(hours=rng.randint(2, 50))
            send_back = rng.random() < 0.15

            def draft() -> None:
                services.verdict_save_draft(
                    claim=fresh(claim), actor=author, rating=rating, summary="Checked."
                )

            def submit() -> None:
                verdict = fresh(claim).verdicts.get()
                services.verdict_submit(verdict=verdict, actor=author)
                if send_back:
                    later(submitted + timedelta(hours=3), back)
                    later(submitted + timedelta(hours=20), resubmit)
                else:
                    later(approved, approve)

            def back() -> None:
                verdict = fresh(claim).verdicts.get()
                services.verdict_send_back(verdict=verdict, actor=editors[0], note="Sources?")

            def resubmit() -> None:
                verdict = fresh(claim).verdicts.get()
                services.verdict_submit(verdict=verdict, actor=author)
                later(approved + timedelta(hours=24), approve)

            def approve() -> None:
                verdict = fresh(claim).verdicts.get()
                services.verdict_approve(verdict=verdict, actor=rng.choice(editors))
                published.append(claim)

            later(taken, draft)
            later(submitted, submit)
        elif roll < 0.85 and published:
            original = rng.choice(published[-12:])

            def repeat() -> None:
                SimilarClaim.objects.create(claim=claim, other=original, score=0.9)
                services.claim_mark_duplicate(
                    claim=fresh(claim), actor=editors[0], original=original
                )
                services.claim_publish_duplicate(claim=fresh(claim), actor=editors[1])

            later(when + timedelta(hours=rng.randint(1, 12)), repeat)

    def arrive(when: datetime) -> None:
        origin = "human" if rng.random() < 0.15 else "machine"
        claim = ClaimFactory(
            article=ArticleFactory(publisher=rng.choice(OUTLETS)),
            claimant=rng.choice(CLAIMANTS),
            origin=origin,
            statement=f"Claim made on {when:%-d %B}: {rng.randint(2, 90)},000 jobs were created.",
        )
        ensure_source(claim)  # a verdict is submitted only with its evidence
        fate(claim, when)

    for day in range((end - start).days + 1):
        morning = datetime.combine(start + timedelta(days=day), time(8), tzinfo=UTC)
        weekend = morning.weekday() >= 5
        for n in range(rng.randint(0, 2) if weekend else rng.randint(2, 7)):
            later(morning + timedelta(minutes=47 * n), lambda when=morning, n=n: arrive(
                when + timedelta(minutes=47 * n)))  # fmt: skip
    while queue:
        when, _, action = heapq.heappop(queue)
        with mock.patch("django.utils.timezone.now", return_value=when):
            action()
    return [*reviewers, *editors]
