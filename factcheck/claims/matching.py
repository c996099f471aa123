"""What was already fact-checked for a claim: our own published verdicts and others' reviews.

Imported fact-checks come from `factcheck.factchecks.matching` (full-text candidates and a
re-ranking with a calibrated confidence); our own claims from the stored similar-claim links
(`factcheck.claims.similar`). A match at or above ALREADY_CHECKED is shown as "already
checked", below it as "possibly related".
"""

from __future__ import annotations

from dataclasses import dataclass

from factcheck.claims.models import Claim, Verdict
from factcheck.claims.services import published_verdict_of
from factcheck.claims.similar import similar_claims_of
from factcheck.factchecks.matching import factchecks_matching
from factcheck.factchecks.models import FactCheck

# The confidence from which a match is "already checked": chosen on the training tweets so
# that four in five of the matches shown so were the right fact-check.
ALREADY_CHECKED = 0.5
SHOWN = 5  # external fact-checks on the claim page: the reviewer reads the best few


@dataclass(frozen=True)
class ClaimMatch:
    kind: str  # "ours" (a claim of ours) or "external" (an imported fact-check)
    confidence: float
    reasons: tuple[str, ...]
    claim: Claim | None = None
    verdict: Verdict | None = None  # our published verdict on `claim`, if any
    factcheck: FactCheck | None = None

    @property
    def already_checked(self) -> bool:
        return self.confidence >= ALREADY_CHECKED


def claim_statement_text(claim: Claim) -> str:
    """What is matched: the quote as written. A pasted post keeps its signature and date
    there, which the matcher reads; the statement's rewording drops them (measured: dev
    MAP@5 0.78 matching statement and quote together, 0.82 the quote alone)."""
    return claim.quote


def claim_matches(claim: Claim, *, limit: int = SHOWN) -> list[ClaimMatch]:
    """Our similar claims (published verdicts first) and the imported fact-checks, best first."""
    ours = []
    for view in similar_claims_of(claim):
        verdict = published_verdict_of(view.claim)
        ours.append(ClaimMatch("ours", view.score, tuple(view.reasons), view.claim, verdict))
    external = [
        ClaimMatch("external", ranked.confidence, ranked.reasons, factcheck=factcheck)
        for factcheck, ranked in factchecks_matching(
            text=claim_statement_text(claim), claimant=claim.claimant, limit=limit
        )
    ]
    ours.sort(key=lambda m: (m.verdict is None, -m.confidence))
    return [*ours[:limit], *external]
