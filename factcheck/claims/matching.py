"""What was already fact-checked for a claim: our own published verdicts and others' reviews.

One matcher (`factcheck.factchecks.matching`: full-text candidates, a re-ranking and a
calibrated confidence) searches both when a claim is created, and again for the claims an
import may concern (`claims_rematch_for_factchecks`). The best imported fact-checks are
stored as `FactCheckMatch` rows, our own claims as similar-claim links
(`factcheck.claims.similar`), so pages read them without searching. A match at or above
ALREADY_CHECKED is shown as "already checked", from RELATED up to it as "possibly related".
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext as _

from factcheck import matchtext
from factcheck.celery import app as celery_app
from factcheck.claims.models import Claim, FactCheckMatch, SimilarClaim, Source, Verdict
from factcheck.claims.services import Actor, source_add
from factcheck.claims.similar import (
    CLAIMS,
    Links,
    SimilarView,
    claim_matching_text,
    claim_query,
    similar_claims_of,
    similar_ranked,
    this_chunk,
    uses_index,
)
from factcheck.factchecks.matching import (
    ALREADY_CHECKED,
    RELATED,
    Ranked,
    build_query,
    factchecks_ranked,
    ranked,
)
from factcheck.factchecks.models import FactCheck

__all__ = ["ALREADY_CHECKED", "RELATED", "claim_matching_text"]  # one calibration, one text
STORED = 5  # per claim: a reviewer reads the best few, not a long tail
REMATCH_CHUNK = 200  # fact-checks per rematch job: a lookup in our claims each, a few ms
REMATCH_CLAIMS = 5  # claims looked at again per fact-check, the best of the reverse lookup
# The reverse lookup weighs the fact-check's words found in a claim, not the claim's found
# in the fact-check: a floor looser than RELATED keeps a short claim a long review covers.
REMATCH_FLOOR = 0.02

# A claim and the imported fact-checks its lookup found, best first.
Found = tuple[Claim, list[tuple[FactCheck, Ranked]]]


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


def claim_factcheck_candidates(
    claim: Claim, *, limit: int, query: matchtext.Query | None = None
) -> list[tuple[FactCheck, Ranked]]:
    """The imported fact-checks that check `claim`, best first; `query`: its `claim_query`
    when the caller has built it already."""
    indexed = uses_index()
    return factchecks_ranked(
        query or claim_query(claim, indexed=indexed), limit=limit, indexed=indexed
    )


def claims_match(*, claim_ids: Sequence[int]) -> int:
    """Match each claim against our claims and imported fact-checks (one query for both)
    and store what it finds: its similar-claim links and fact-check matches. Returns the
    links made. Bounded per run like `claims_link_similar`; safe to run twice."""
    links = Links()
    found: list[Found] = []
    for claim in Claim.objects.with_article().filter(pk__in=this_chunk(claim_ids)):
        ours, theirs = claim_lookup(claim)
        links.add(claim, ours)
        found.append((claim, theirs))
    # The lookups only read; what they found is written in one transaction for the chunk
    # (an article's claims): a few statements and one commit, not a commit per claim.
    with transaction.atomic():
        _store_factcheck_matches(found)
        return links.store()


def claim_lookup(claim: Claim) -> tuple[list[Ranked], list[tuple[FactCheck, Ranked]]]:
    """What one claim is matched against, best first: our claims in other articles (their
    ids: storing the links needs no more), and the imported fact-checks (the STORED best
    of each; the query is built once)."""
    query = claim_query(claim, indexed=uses_index())
    ours = similar_ranked(claim, query=query)
    return ours, claim_factcheck_candidates(claim, limit=STORED, query=query)


def claims_match_factchecks(*, claim_ids: Sequence[int]) -> int:
    """Store the imported fact-checks that check each claim (replacing earlier ones).

    Safe to run twice; returns the matches stored.
    """
    return _store_factcheck_matches(
        [
            (claim, claim_factcheck_candidates(claim, limit=STORED))
            for claim in Claim.objects.with_article().filter(pk__in=claim_ids)
        ]
    )


def _store_factcheck_matches(found: list[Found]) -> int:
    """Replace the stored matches of these claims with those found: one DELETE and one
    INSERT for them all."""
    rows = [
        FactCheckMatch(
            claim=claim,
            factcheck=factcheck,
            confidence=ranked.confidence,
            reasons=list(ranked.reasons),
        )
        for claim, matches in found
        for factcheck, ranked in matches
        if ranked.confidence >= RELATED
    ]
    with transaction.atomic():
        FactCheckMatch.objects.filter(claim__in=[claim for claim, _ in found]).delete()
        FactCheckMatch.objects.bulk_create(rows)
    return len(rows)


def claims_rematch_for_factchecks(*, changed_since: datetime, after: int = 0) -> int:
    """Match again the claims that fact-checks imported or changed since `changed_since`
    may check (claims stored before them); returns how many claims were matched again.

    Each such fact-check is looked up in our claims (the same matcher the other way
    round) to find the claims it may concern; each of those then gets its own lookup
    again, so what is stored is what the claim's lookup finds, whichever came first.
    Bounded per run: REMATCH_CHUNK fact-checks with ids above `after`, the rest queued
    as a further job. Without a broker (the demo) the rest is done here, in a loop: a
    chain of jobs each run on the previous one's commit would nest a call per chunk.
    Safe to run twice.
    """
    matched = 0
    while True:
        rows = list(
            FactCheck.objects.filter(updated_at__gte=changed_since, pk__gt=after)
            .order_by("pk")
            .values_list("pk", "claim_reviewed", "claimant", "language")[:REMATCH_CHUNK]
        )
        matched += _rematch(rows)
        if len(rows) < REMATCH_CHUNK:
            return matched
        after = rows[-1][0]
        if not celery_app.conf.task_always_eager:
            with transaction.atomic():
                queue_rematch(changed_since=changed_since, after=after)
            return matched


def _rematch(factchecks: list[tuple[int, str, str, str]]) -> int:
    indexed = uses_index()
    concerned: set[int] = set()
    for _pk, text, claimant, language in factchecks:
        query = build_query(text, claimant, indexed=indexed, language=language or "en")
        found = ranked(query, CLAIMS, limit=REMATCH_CLAIMS, indexed=indexed)
        concerned.update(r.key for r in found if r.confidence >= REMATCH_FLOOR)
    claims_match_factchecks(claim_ids=sorted(concerned))
    return len(concerned)


def queue_rematch(*, changed_since: datetime, after: int = 0) -> None:
    """Queue `claims_rematch_for_factchecks` to run after the current transaction commits."""
    from factcheck.claims.tasks import rematch_claims_task
    from factcheck.jobs.services import job_enqueue

    args = [changed_since.isoformat(), after]
    if settings.DEMO_JOBS_AFTER_RESPONSE:
        # The demo without a broker: after the response, not inside the request.
        from factcheck.background import run_after_response

        transaction.on_commit(lambda: run_after_response(rematch_claims_task, *args))
        return
    job_enqueue(task=rematch_claims_task, args=args)


def on_factchecks_imported(sender: Any, changed_since: datetime, **kwargs: Any) -> None:
    """Receiver of `factcheck.factchecks.signals.factchecks_imported`."""
    queue_rematch(changed_since=changed_since)


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
        raise ValidationError(_("This fact-check has no address to cite."))
    rating = _("Rated “%(rating)s”: ") % {"rating": factcheck.rating} if factcheck.rating else ""
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
