"""Who may see what: the one way the claim views load a claim or a verdict for a user."""

from django.http import HttpRequest
from django.shortcuts import get_object_or_404

from factcheck.claims.models import Claim, Verdict


def get_claim_for_user(request: HttpRequest, pk: int) -> Claim:
    """The one way views load a claim, so none can forget who may see it."""
    claims = Claim.objects.visible_to(request.user).select_related(
        "article", "assignee", "duplicate_of", "duplicate_marked_by", "created_by"
    )
    return get_object_or_404(claims, pk=pk)


def get_verdict_for_user(request: HttpRequest, pk: int) -> Verdict:
    visible = Claim.objects.visible_to(request.user)
    return get_object_or_404(Verdict.objects.filter(claim__in=visible), pk=pk)
