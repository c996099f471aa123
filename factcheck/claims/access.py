"""Who may see what: one helper per model, used by the web views, the API viewsets and the
public page alike, so no door can forget who may see a row (like healthchecks'
`_get_rw_check_for_user`). Narrow the rows a door reads with `rows=`, never widen them."""

from typing import Any, Protocol

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from factcheck.claims.models import Claim, ClaimQuerySet, Source, Verdict


class HasUser(Protocol):
    """A Django request or a DRF one: both carry the person asking."""

    user: Any


def claims_for_user(request: HasUser) -> ClaimQuerySet:
    return Claim.objects.visible_to(request.user)


def sources_for_user(request: HasUser) -> QuerySet[Source]:
    return Source.objects.filter(claim__in=claims_for_user(request))


def verdicts_for_user(request: HasUser) -> QuerySet[Verdict]:
    return Verdict.objects.filter(claim__in=claims_for_user(request))


def get_claim_for_user(request: HasUser, pk: Any) -> Claim:
    claims = claims_for_user(request).select_related(
        "article", "assignee", "duplicate_of", "duplicate_marked_by", "created_by"
    )
    return get_object_or_404(claims, pk=pk)


def get_source_for_user(request: HasUser, pk: Any) -> Source:
    return get_object_or_404(sources_for_user(request).select_related("claim", "added_by"), pk=pk)


def get_verdict_for_user(request: HasUser, pk: Any) -> Verdict:
    return get_object_or_404(verdicts_for_user(request), pk=pk)


def get_published_claim(pk: Any) -> Claim:
    """The public page's claim: anyone may see it, once it is published."""
    return get_object_or_404(Claim.objects.published().select_related("article"), pk=pk)
