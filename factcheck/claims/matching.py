"""What was already fact-checked for a claim: our own published verdicts and others' reviews.

Imported fact-checks are matched by `factcheck.factchecks.matching` (full-text candidates,
a re-ranking and a calibrated confidence) when a claim is created, and the best are stored
as `FactCheckMatch` rows, so pages read them without searching. Our own claims come from
the similar-claim links (`factcheck.claims.similar`). A match at or above ALREADY_CHECKED
is shown as "already checked", from RELATED up to it as "possibly related".
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef, Q, QuerySet

from factcheck.claims.models import Claim, FactCheckMatch, SimilarClaim, Source, Verdict
from factcheck.claims.services import Actor, source_add
from factcheck.claims.similar import SimilarView, similar_claims_of
from factcheck.factchecks.matching import Ranked, factchecks_matching
from factcheck.factchecks.models import FactCheck

# Confidence is a probability fitted on the training tweets. On the dev tweets, 72% of the
# matches at or above 0.5 were the right fact-check (47% of all right ones reached it).
ALREADY_CHECKED = 0.5
RELATED = 0.1  # below this a match is noise, not worth a reviewer's look
STORED = 5  # per claim: a reviewer reads the best few, not a long tail


@dataclass(frozen=True)
class ClaimMatch:
    """One line of the claim page's "Already fact-checked" box."""

    kind: str  # "ours" (a claim of ours with a published verdict) or "external"
    confidence: float
    reasons: tuple[str, ...]
    claim: Claim | None = None
    verdict: Verdict | None = None
    factcheck: FactCheck | None = None

    @property
    def already_checked(self) -> bool:
        return self.confidence >= ALREADY_CHECKED


def claim_matching_text(claim: Claim) -> str:
    """What is matched: the quote as written. A pasted post keeps its signature and date
    there, which the matcher reads; the statement's rewording drops them (dev MAP@5 0.78
    matching statement and quote together, 0.82 the quote alone)."""
    return claim.quote


def claim_factcheck_candidates(claim: Claim, *, limit: int) -> list[tuple[FactCheck, Ranked]]:
    return factchecks_matching(
        text=claim_matching_text(claim), claimant=claim.claimant, limit=limit
    )


def claims_match_factchecks(*, claim_ids: Sequence[int]) -> int:
    """Store the imported fact-checks that check each claim (replacing earlier ones).

    Safe to run twice; returns the matches stored.
    """
    stored = 0
    for claim in Claim.objects.filter(pk__in=claim_ids):
        found = [
            FactCheckMatch(
                claim=claim,
                factcheck=factcheck,
                confidence=ranked.confidence,
                reasons=list(ranked.reasons),
            )
            for factcheck, ranked in claim_factcheck_candidates(claim, limit=STORED)
            if ranked.confidence >= RELATED
        ]
        with transaction.atomic():
            FactCheckMatch.objects.filter(claim=claim).delete()
            FactCheckMatch.objects.bulk_create(found)
        stored += len(found)
    return stored


def claim_matches(claim: Claim, similar: list[SimilarView] | None = None) -> list[ClaimMatch]:
    """Our claims with a published verdict, then the imported fact-checks, best first.

    `similar`: the claim's similar claims when the caller has read them already."""
    views = similar_claims_of(claim) if similar is None else similar
    # The verdict each shows (its own, or that of the claim it repeats, as
    # `published_verdict_of` says), all in one query rather than one per similar claim.
    ids = {view.claim.pk for view in views}
    ids |= {view.claim.duplicate_of_id for view in views if view.claim.duplicate_of_id}
    published = {
        verdict.claim_id: verdict
        for verdict in Verdict.objects.published().filter(claim_id__in=ids).select_related("rating")
    }
    ours = []
    for view in views:
        verdict = published.get(view.claim.pk) or published.get(view.claim.duplicate_of_id or 0)
        if verdict is not None:
            ours.append(ClaimMatch("ours", view.score, tuple(view.reasons), view.claim, verdict))
    external = [
        ClaimMatch("external", m.confidence, tuple(m.reasons), factcheck=m.factcheck)
        for m in claim.factcheck_matches.select_related("factcheck")
    ]
    return [*ours, *external]


def with_already_checked(claims: QuerySet[Claim]) -> QuerySet[Claim]:
    """Annotate `already_checked`: a confident external match, or a link to a claim of ours
    that is published (one EXISTS each, whatever the number of rows)."""
    confident = FactCheckMatch.objects.filter(claim=OuterRef("pk"), confidence__gte=ALREADY_CHECKED)
    published = Claim.Status.PUBLISHED
    ours = SimilarClaim.objects.filter(
        Q(claim=OuterRef("pk"), other__status=published)
        | Q(other=OuterRef("pk"), claim__status=published)
    )
    return claims.annotate(already_checked=Exists(confident) | Exists(ours))


def source_add_factcheck(*, claim: Claim, actor: Actor, factcheck: FactCheck) -> Source:
    """Cite another organisation's fact-check as a source of the claim.

    Its stance is "context": a rating in someone else's words and scale is for the reviewer
    to weigh, not for us to translate into supports or refutes.
    """
    if not factcheck.review_url:
        raise ValidationError("This fact-check has no address to cite.")
    rating = f"Rated “{factcheck.rating}”: " if factcheck.rating else ""
    return source_add(
        claim=claim,
        actor=actor,
        url=factcheck.review_url,
        title=(factcheck.headline or factcheck.claim_reviewed)[:300],
        excerpt=f"{rating}{factcheck.claim_reviewed}",
        stance=Source.Stance.CONTEXT,
        publisher=factcheck.publisher,
        published_on=factcheck.published_on,
    )
