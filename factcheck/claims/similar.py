"""Similar claims across articles: check a claim once, reuse the verdict everywhere.

Our claims are searched by the same matcher as imported fact-checks
(`factcheck.factchecks.matching`): full-text candidates ranked in PostgreSQL from the GIN
index on `match_vector` (statement and claimant, migration 0014), re-ranked on wording,
phrases, figures, names and claimant, with a confidence calibrated for this lookup (fewer
candidates, no headline: `matchtext.SIMILAR_CALIBRATION`). What is matched
is the new claim's quote as written (`claim_query`), as for fact-checks. The trigram lookup
it replaced capped each rare word at 50 unordered rows and cut at a raw similarity of 0.35:
it missed most restatements in other words (MAP@5 0.14 against 0.82, benchmarks/README).

SQLite (the demo) scores the most recent claims in Python with the same features.
Each match keeps its reasons, so a reviewer sees why two claims were paired.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import connection, transaction
from django.db.models import Q

from factcheck import matchtext
from factcheck.claims.models import Claim, SimilarClaim
from factcheck.factchecks.matching import (
    RELATED,
    SCAN_LIMIT,
    Corpus,
    Ranked,
    build_query,
    ranked,
)

MAX_LINKS = 5  # per claim: a reviewer reads the best few, not a long tail
# Less work per lookup than for fact-checks (100 candidates, 30 fully scored, 3,000 index
# entries): only the best MAX_LINKS are kept, and a restatement within one desk shares its
# rare words (figures, names) with the original. Measured with benchmarks/matching.py
# --similar-baseline (the fact-checks stored as our claims) and matching_scale.py.
CANDIDATES = 30
RICH = 15
BUDGET = 1500
# Claims looked up per job: about 15 ms each at 100,000 stored claims, so a job takes
# seconds and other jobs get a worker between the chunks of a long article.
LINK_CHUNK = 100


def _scan_claims(article_id: Any) -> Iterable[tuple[int, str, str]]:
    return (
        Claim.objects.exclude(article_id=article_id)
        .order_by("-id")
        .values_list("pk", "statement", "claimant")[:SCAN_LIMIT]
    )


CLAIMS = Corpus(
    name="claims",
    table=Claim._meta.db_table,
    vector="match_vector",
    index="claims_claim_match_gin",
    postings="claims_posting",
    text="statement || ' ' || claimant",
    scan=_scan_claims,
    apart="SELECT id FROM claims_claim WHERE article_id = %s",
    candidates=CANDIDATES,
    budget=BUDGET,
    rich=RICH,
    calibration=matchtext.SIMILAR_CALIBRATION,
)


def claim_matching_text(claim: Claim) -> str:
    """What is matched: the quote as written. A pasted post keeps its signature and date
    there, which the matcher reads; the statement's rewording drops them (dev MAP@5 0.78
    matching statement and quote together, 0.82 the quote alone)."""
    return claim.quote


def claim_query(claim: Claim, *, indexed: bool = True) -> matchtext.Query:
    """The claim as the matcher looks it up, in our claims and in imported fact-checks."""
    return build_query(
        claim_matching_text(claim),
        claim.claimant,
        indexed=indexed,
        language=claim.article.language,  # read with the claim by `with_article()`
    )


def uses_index(in_python: bool = False) -> bool:
    return connection.vendor == "postgresql" and not in_python


@dataclass(frozen=True)
class Match:
    claim: Claim
    score: float  # the matcher's confidence, 0 to 1
    reasons: tuple[str, ...]


def find_similar(
    claim: Claim,
    *,
    limit: int = MAX_LINKS,
    in_python: bool = False,
    query: matchtext.Query | None = None,
) -> list[Match]:
    """Claims in other articles that say the same thing as `claim`, best match first.

    `in_python` forces the fallback that SQLite uses (tests compare the two); `query`:
    the claim's `claim_query` when the caller has built it already.
    """
    found = similar_ranked(claim, limit=limit, in_python=in_python, query=query)
    rows = Claim.objects.with_article().in_bulk([r.key for r in found])
    return [Match(rows[r.key], r.confidence, r.reasons) for r in found if r.key in rows]


def similar_ranked(
    claim: Claim,
    *,
    limit: int = MAX_LINKS,
    in_python: bool = False,
    query: matchtext.Query | None = None,
) -> list[Ranked]:
    """`find_similar` without reading the claims found: their ids, scores and reasons,
    all that storing the links needs."""
    indexed = uses_index(in_python)
    query = query or claim_query(claim, indexed=indexed)
    found = ranked(query, CLAIMS, limit=limit, apart=claim.article_id, indexed=indexed)
    return [r for r in found if r.confidence >= RELATED and r.key != claim.pk]


def claims_link_similar(*, claim_ids: Sequence[int]) -> int:
    """Store the similar claims of each claim (both directions are read); returns links made.

    Bounded per run: at most LINK_CHUNK claims are looked up here, and the rest are queued
    as further jobs, so a 3,000-claim article is many short jobs that other work can pass
    between, never one that holds a worker for minutes. The links of a run are written
    together: one query reads the pairs that exist, one updates them, one inserts the new.

    Safe to run twice: an existing link keeps its row and gets the latest score.
    """
    links = Links()
    for claim in Claim.objects.with_article().filter(pk__in=this_chunk(claim_ids)):
        links.add(claim, find_similar(claim))
    return links.store()


def this_chunk(claim_ids: Sequence[int]) -> list[int]:
    """The first LINK_CHUNK of `claim_ids`; the rest are queued as further jobs."""
    ids = list(claim_ids)
    if len(ids) > LINK_CHUNK:
        from factcheck.claims.services.extraction import queue_similar_lookup

        with transaction.atomic():
            queue_similar_lookup(ids[LINK_CHUNK:])
    return ids[:LINK_CHUNK]


class Links:
    """The similar-claim links a run found, one per pair whichever side found it first."""

    def __init__(self) -> None:
        self.found: dict[tuple[int, int], tuple[int, int, Match | Ranked]] = {}

    def add(self, claim: Claim, matches: Iterable[Match | Ranked]) -> None:
        for match in matches:
            other = match.claim.pk if isinstance(match, Match) else match.key
            pair = (min(claim.pk, other), max(claim.pk, other))
            self.found.setdefault(pair, (claim.pk, other, match))

    def store(self) -> int:
        """Write them: one query reads the pairs that exist, one updates them, one inserts
        the new; returns how many are new."""
        if not self.found:
            return 0
        with transaction.atomic():
            involved = {pk for pair in self.found for pk in pair}
            existing = {
                (min(link.claim_id, link.other_id), max(link.claim_id, link.other_id)): link
                for link in SimilarClaim.objects.filter(
                    claim_id__in=involved, other_id__in=involved
                )
            }
            # A claim found may have been deleted since the lookup: no link to it.
            alive = set(Claim.objects.filter(pk__in=involved).values_list("pk", flat=True))
            changed, new = [], []
            for pair, (claim_id, other_id, match) in self.found.items():
                if not alive.issuperset(pair):
                    continue
                # A Ranked's score is the matcher's raw one; its confidence is a Match's score.
                score = match.score if isinstance(match, Match) else match.confidence
                if link := existing.get(pair):
                    link.score, link.reasons = score, list(match.reasons)
                    changed.append(link)
                else:
                    new.append(
                        SimilarClaim(
                            claim_id=claim_id,
                            other_id=other_id,
                            score=score,
                            reasons=list(match.reasons),
                        )
                    )
            SimilarClaim.objects.bulk_update(changed, ["score", "reasons"], batch_size=500)
            # A concurrent run may store the same pair first: its row stands.
            SimilarClaim.objects.bulk_create(new, batch_size=500, ignore_conflicts=True)
        return len(new)


@dataclass(frozen=True)
class SimilarView:
    """One line of the claim page's "Similar claims": the other claim, how alike, and why."""

    claim: Claim
    score: float
    reasons: list[str]


def similar_claims_of(claim: Claim) -> list[SimilarView]:
    """The stored matches of a claim in both directions, best first, ready to render."""
    links = SimilarClaim.objects.filter(Q(claim=claim) | Q(other=claim)).select_related(
        "claim__article", "other__article"
    )
    views = [
        SimilarView(
            link.other if link.claim_id == claim.pk else link.claim, link.score, link.reasons
        )
        for link in links
    ]
    views.sort(key=lambda v: (-v.score, v.claim.pk))
    return views
