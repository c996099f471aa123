"""The claim workspace: one page with the claim, its evidence and its verdict."""

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from factcheck.articles.highlight import in_context
from factcheck.claims import services
from factcheck.claims.access import get_claim_for_user
from factcheck.claims.forms import (
    AssignForm,
    ClaimEditForm,
    CommentForm,
    DismissForm,
    SendBackForm,
    SourceForm,
    VerdictForm,
)
from factcheck.claims.matching import claim_matches
from factcheck.claims.models import Claim, Verdict
from factcheck.claims.similar import similar_claims_of
from factcheck.claims.timeline import claim_timeline

OPEN_STATES = Verdict.OPEN_STATES


def _verdicts(claim: Claim) -> dict[str, Any]:
    verdicts = list(
        claim.verdicts.select_related("rating", "author", "approver").order_by("-number")
    )
    original = None
    if claim.duplicate_of_id is not None:
        original = (
            Verdict.objects.published()
            .filter(claim_id=claim.duplicate_of_id)
            .select_related("rating")
            .first()
        )
    return {
        "original_verdict": original,
        "verdicts": verdicts,
        "open_verdict": next((v for v in verdicts if v.state in OPEN_STATES), None),
        "published_verdict": next(
            (v for v in verdicts if v.state == Verdict.State.PUBLISHED), None
        ),
        "earlier_verdicts": [v for v in verdicts if v.state == Verdict.State.SUPERSEDED],
    }


def _verdict_form(claim: Claim, verdicts: dict[str, Any]) -> VerdictForm | None:
    """The form for the verdict the claim can take next, prefilled; None when it can't."""
    open_verdict: Verdict | None = verdicts["open_verdict"]
    published: Verdict | None = verdicts["published_verdict"]
    if claim.status == Claim.Status.DISMISSED:
        return None
    base: Verdict | None = open_verdict or published
    version = open_verdict.version if open_verdict else None
    if open_verdict is not None and open_verdict.state != Verdict.State.DRAFT:
        return None
    # The short claim is proposed from the statement until someone writes one.
    initial: dict[str, Any] = {
        "version": version,
        "claim_reviewed": services.propose_claim_reviewed(claim.statement),
    }
    if base is not None:
        initial |= {
            "rating": base.rating_id,
            "summary": base.summary,
            "claim_reviewed": base.claim_reviewed or initial["claim_reviewed"],
            "explanation": base.explanation,
            "correction_note": base.correction_note if base is open_verdict else "",
        }
    return VerdictForm(initial=initial, correction=published is not None)


def workspace(
    request: HttpRequest, claim: Claim, *, status: int = 200, **overrides: Any
) -> HttpResponse:
    """The claim page, with any bound form (and its errors) the caller passes in."""
    verdicts = _verdicts(claim)
    open_verdict: Verdict | None = verdicts["open_verdict"]
    submitted = open_verdict is not None and open_verdict.state == Verdict.State.SUBMITTED
    similar = similar_claims_of(claim)
    context: dict[str, Any] = {
        "claim": claim,
        "article": claim.article,
        "context": in_context(claim.article.body, claim.start, claim.end),
        "sources": list(claim.sources.select_related("added_by").defer("snapshot_text")),
        "comments": list(claim.comments.select_related("author")),
        "similar": similar,
        "matches": claim_matches(claim, similar),
        "repeats": list(
            Claim.objects.repeats_of(claim)
            .select_related("article")
            .only("id", "statement", "status", "article__title", "article__url")[:100]
        ),
        "history": claim_timeline(claim),
        "can_approve": submitted and services.can_approve(open_verdict, request.user),  # type: ignore[arg-type]
        "can_send_back": submitted and request.user.has_perm("claims.publish_verdict"),
        "edit_form": ClaimEditForm(
            initial={
                "statement": claim.statement,
                "type": claim.type,
                "claimant": claim.claimant,
                "claimant_kind": claim.claimant_kind,
                "claimant_same_as": claim.claimant_same_as,
                "version": claim.version,
            }
        ),
        "verdict_form": _verdict_form(claim, verdicts),
        "checklist": None,
        "source_form": SourceForm(),
        "comment_form": CommentForm(),
        "dismiss_form": DismissForm(),
        "assign_form": AssignForm(initial={"assignee": claim.assignee_id}),
        "send_back_form": SendBackForm(
            initial={"version": open_verdict.version if open_verdict else None}
        ),
        **verdicts,
        **overrides,
    }
    context["checklist"] = services.verdict_checklist(has_sources=bool(context["sources"]))
    return render(request, "claims/claim_detail.html", context, status=status)


@login_required
def claim_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return workspace(request, get_claim_for_user(request, pk))
