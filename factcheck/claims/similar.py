"""Similar claims across articles: check a claim once, reuse the verdict everywhere.

On PostgreSQL, candidates are the claims that contain one of the new claim's rarest words
(a LIKE served by the pg_trgm GIN index on the normalised statement) or state one of its
figures (JSON containment served by a GIN index on facts), at most CANDIDATES_PER_KEY of
each. pg_trgm's similarity() then scores them. A `%` similarity search over the whole
statement was tried first and measured: it reads the index entries of every trigram of
the statement, so its cost grew with the table (0.02 s at 10,000 claims, 0.28 s at
100,000), where rare words keep the candidate set, and the cost, nearly flat.

SQLite (the demo) scores the most recent claims in Python with the same trigram measure.
Each match keeps its reasons, so a reviewer sees why two claims were paired.
"""

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.contrib.postgres.search import TrigramSimilarity
from django.db import connection, transaction
from django.db.models import Q

from factcheck.claims.models import Claim, SimilarClaim
from factcheck.claims.normalise import normalise

MIN_SCORE = 0.35  # below this, matches were unrelated claims in our test corpus
TRIGRAM_THRESHOLD = 0.3  # the SQLite fallback's candidate cut-off (pg_trgm's default)
RARE_WORDS = 4  # the longest words of a statement are the rarest, near enough
RARE_WORD_MIN_LENGTH = 5
CANDIDATES_PER_KEY = 50  # per word or figure: bounds the work however large the table
FACT_BONUS = 0.3
CLAIMANT_BONUS = 0.1
MAX_LINKS = 5  # per claim: a reviewer reads the best few, not a long tail
# Claims looked up per job: about 15 ms each at 100,000 stored claims, so a job takes
# seconds and other jobs get a worker between the chunks of a long article.
LINK_CHUNK = 100
NUMERIC_KINDS = ("quantity", "percentage", "money")
SQLITE_SCAN_LIMIT = 5000  # the fallback scans the most recent claims only

_WORD = re.compile(r"[^\W_]+")


def trigrams(text: str) -> set[str]:
    """pg_trgm's trigrams: lower-cased words, each padded with two spaces before, one after."""
    grams: set[str] = set()
    for word in _WORD.findall(text.lower()):
        padded = f"  {word} "
        grams.update(padded[i : i + 3] for i in range(len(padded) - 2))
    return grams


def trigram_similarity(a: str, b: str) -> float:
    """pg_trgm's similarity() of two (normalised) statements."""
    ta, tb = trigrams(a), trigrams(b)
    return len(ta & tb) / len(ta | tb) if ta and tb else 0.0


def fact_keys(facts: Iterable[Mapping[str, Any]]) -> set[tuple[str, float]]:
    """The numbers a claim asserts, comparable across wordings ("10,000" = "10000")."""
    keys = set()
    for fact in facts:
        value = fact.get("value")
        if fact.get("kind") in NUMERIC_KINDS and isinstance(value, int | float):
            keys.add((str(fact["kind"]), float(value)))
    return keys


@dataclass(frozen=True)
class Match:
    claim: Claim
    score: float
    reasons: tuple[str, ...]


def score(claim: Claim, other: Claim, words: float) -> Match:
    reasons = [f"wording {words:.0%} alike"]
    total = words
    shared = fact_keys(claim.facts) & fact_keys(other.facts)
    if shared:
        total += FACT_BONUS
        reasons.append("same figure: " + ", ".join(f"{v:g}" for _, v in sorted(shared)))
    if claim.claimant and claim.claimant.casefold() == other.claimant.casefold():
        total += CLAIMANT_BONUS
        reasons.append(f"same claimant: {claim.claimant}")
    return Match(other, round(min(total, 1.0), 3), tuple(reasons))


def _others(claim: Claim) -> Any:
    return Claim.objects.exclude(article_id=claim.article_id)


def rare_words(claim: Claim) -> list[str]:
    """The claim's longest words outside its figures ("10,000 troops" is the facts' job)."""
    in_facts = {w for fact in claim.facts for w in normalise(str(fact.get("text", ""))).split()}
    words = {
        w
        for w in claim.normalised.split()
        if len(w) >= RARE_WORD_MIN_LENGTH and not w.isdigit() and w not in in_facts
    }
    return sorted(words, key=lambda w: (-len(w), w))[:RARE_WORDS]


def _postgres_candidates(claim: Claim, limit: int) -> dict[int, tuple[Claim, float]]:
    keys = [Q(normalised__contains=word) for word in rare_words(claim)]
    keys += [
        Q(facts__contains=[{"kind": kind, "value": value}])
        for kind, value in sorted(fact_keys(claim.facts))
    ]
    if not keys:
        return {}
    # One statement: each key's capped id list, glued with UNION. No ORDER BY inside, so
    # PostgreSQL stops reading a key's matches at the cap instead of sorting them all.
    per_key = [
        _others(claim).filter(key).order_by().values_list("pk", flat=True)[:CANDIDATES_PER_KEY]
        for key in keys
    ]
    ids = list(per_key[0].union(*per_key[1:]).order_by()) if per_key[1:] else list(per_key[0])
    # Score in the database, build objects for the best few only.
    best = dict(
        Claim.objects.filter(pk__in=ids)
        .annotate(words=TrigramSimilarity("normalised", claim.normalised))
        .order_by("-words", "pk")
        .values_list("pk", "words")[:limit]
    )
    rows = Claim.objects.select_related("article").in_bulk(list(best))
    return {pk: (rows[pk], words) for pk, words in best.items() if pk in rows}


def _python_candidates(claim: Claim, limit: int) -> dict[int, tuple[Claim, float]]:
    numbers = fact_keys(claim.facts)
    found = {}
    for other in _others(claim).select_related("article").order_by("-id")[:SQLITE_SCAN_LIMIT]:
        words = trigram_similarity(claim.normalised, other.normalised)
        if words >= TRIGRAM_THRESHOLD or numbers & fact_keys(other.facts):
            found[other.pk] = (other, words)
    best = sorted(found.values(), key=lambda pair: -pair[1])[:limit]
    return {other.pk: (other, words) for other, words in best}


def find_similar(claim: Claim, *, limit: int = MAX_LINKS, in_python: bool = False) -> list[Match]:
    """Claims in other articles that say the same thing as `claim`, best match first.

    `in_python` forces the fallback that SQLite uses (tests compare the two).
    """
    if connection.vendor == "postgresql" and not in_python:
        candidates = _postgres_candidates(claim, limit * 4)
    else:
        candidates = _python_candidates(claim, limit * 4)
    matches = [score(claim, other, words) for other, words in candidates.values()]
    matches = [m for m in matches if m.score >= MIN_SCORE]
    matches.sort(key=lambda m: (-m.score, m.claim.pk))
    return matches[:limit]


def claims_link_similar(*, claim_ids: Sequence[int]) -> int:
    """Store the similar claims of each claim (both directions are read); returns links made.

    Bounded per run: at most LINK_CHUNK claims are looked up here, and the rest are queued
    as further jobs, so a 3,000-claim article is many short jobs that other work can pass
    between, never one that holds a worker for minutes. The links of a run are written
    together: one query reads the pairs that exist, one updates them, one inserts the new.

    Safe to run twice: an existing link keeps its row and gets the latest score.
    """
    ids = list(claim_ids)
    if len(ids) > LINK_CHUNK:
        from factcheck.claims.services.extraction import queue_similar_lookup

        with transaction.atomic():
            queue_similar_lookup(ids[LINK_CHUNK:])
        ids = ids[:LINK_CHUNK]
    found: dict[tuple[int, int], tuple[int, int, Match]] = {}  # unordered pair -> link
    for claim in Claim.objects.filter(pk__in=ids):
        for match in find_similar(claim):
            pair = (min(claim.pk, match.claim.pk), max(claim.pk, match.claim.pk))
            found.setdefault(pair, (claim.pk, match.claim.pk, match))
    if not found:
        return 0
    with transaction.atomic():
        # One row per pair, whichever side found it first.
        involved = {pk for pair in found for pk in pair}
        existing = {
            (min(link.claim_id, link.other_id), max(link.claim_id, link.other_id)): link
            for link in SimilarClaim.objects.filter(claim_id__in=involved, other_id__in=involved)
        }
        changed, new = [], []
        for pair, (claim_id, other_id, match) in found.items():
            if link := existing.get(pair):
                link.score, link.reasons = match.score, list(match.reasons)
                changed.append(link)
            else:
                new.append(
                    SimilarClaim(
                        claim_id=claim_id,
                        other_id=other_id,
                        score=match.score,
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
