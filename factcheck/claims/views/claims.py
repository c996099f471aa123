"""Actions on a claim from its workspace: edit, dismiss, restore, assign, take, duplicates."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from factcheck.claims import services
from factcheck.claims.access import get_claim_for_user
from factcheck.claims.forms import (
    AssignForm,
    ClaimEditForm,
    DismissForm,
)
from factcheck.claims.matching import source_add_factcheck
from factcheck.claims.models import Claim
from factcheck.claims.views.refusals import _back, _conflict, _refused, _version
from factcheck.claims.views.workspace import workspace
from factcheck.factchecks.models import FactCheck
from factcheck.refusals import REFUSALS


@login_required
@require_POST
def claim_edit(request: HttpRequest, pk: int) -> HttpResponse:
    claim = get_claim_for_user(request, pk)
    form = ClaimEditForm(request.POST)
    if not form.is_valid():
        return workspace(request, claim, status=400, edit_form=form)
    data = form.cleaned_data
    try:
        services.claim_update(
            claim=claim,
            actor=request.user,
            expected_version=data["version"],
            statement=data["statement"],
            type=data["type"],
            claimant=data["claimant"],
            claimant_kind=data["claimant_kind"],
            claimant_same_as=data["claimant_same_as"],
        )
    except services.ConflictError as exc:
        return _conflict(request, claim, exc, "edit_form", ClaimEditForm)
    except REFUSALS as exc:
        return _refused(request, claim, exc, edit_form=form)
    messages.success(request, _("Claim saved."))
    return _back(claim)


@login_required
@require_POST
def claim_dismiss(request: HttpRequest, pk: int) -> HttpResponse:
    claim = get_claim_for_user(request, pk)
    form = DismissForm(request.POST)
    if not form.is_valid():
        return workspace(request, claim, status=400, dismiss_form=form)
    try:
        services.claim_dismiss(claim=claim, actor=request.user, reason=form.cleaned_data["reason"])
    except REFUSALS as exc:
        return _refused(request, claim, exc, dismiss_form=form)
    messages.success(request, _("Claim dismissed."))
    return _back(claim)


@login_required
@require_POST
def claim_restore(request: HttpRequest, pk: int) -> HttpResponse:
    claim = get_claim_for_user(request, pk)
    try:
        services.claim_restore(claim=claim, actor=request.user)
    except REFUSALS as exc:
        return _refused(request, claim, exc)
    messages.success(request, _("Claim restored."))
    return _back(claim)


@login_required
@require_POST
def claim_assign(request: HttpRequest, pk: int) -> HttpResponse:
    claim = get_claim_for_user(request, pk)
    form = AssignForm(request.POST)
    if not form.is_valid():
        return workspace(request, claim, status=400, assign_form=form)
    assignee = form.cleaned_data["assignee"]
    try:
        services.claim_assign(claim=claim, actor=request.user, assignee=assignee)
    except REFUSALS as exc:
        return _refused(request, claim, exc, assign_form=form)
    messages.success(request, f"Assigned to {assignee}." if assignee else "Unassigned.")
    return _back(claim)


@login_required
@require_POST
def claim_take(request: HttpRequest, pk: int) -> HttpResponse:
    """Take it: the claim goes to the person who pressed the button."""
    claim = get_claim_for_user(request, pk)
    try:
        services.claim_take(claim=claim, actor=request.user)
    except REFUSALS as exc:
        return _refused(request, claim, exc)
    messages.success(request, _("The claim is yours."))
    return _back(claim)


def _original(request: HttpRequest) -> Claim | None:
    """The claim named in the form as the one this claim repeats; None clears the mark."""
    pk = request.POST.get("original", "")
    if not pk:
        return None
    if not pk.isdigit():
        raise ValidationError(_("Choose the claim this one repeats."))
    return get_claim_for_user(request, int(pk))


@login_required
@require_POST
def claim_mark_duplicate(request: HttpRequest, pk: int) -> HttpResponse:
    claim = get_claim_for_user(request, pk)
    try:
        original = _original(request)
        services.claim_mark_duplicate(
            claim=claim, actor=request.user, original=original, expected_version=_version(request)
        )
    except services.ConflictError:
        messages.error(request, _("The claim changed after you opened the page; try again."))
        return workspace(request, get_claim_for_user(request, pk), status=409)
    except REFUSALS as exc:
        return _refused(request, claim, exc)
    messages.success(
        request,
        _("Marked as a repeat of a checked claim.") if original else _("No longer a repeat."),
    )
    return _back(claim, "similar")


@login_required
@require_POST
def claim_cite_factcheck(request: HttpRequest, pk: int) -> HttpResponse:
    """Attach another organisation's fact-check to the claim as a source, in one click."""
    claim = get_claim_for_user(request, pk)
    chosen = request.POST.get("factcheck", "")
    factcheck = FactCheck.objects.filter(pk=int(chosen)).first() if chosen.isdigit() else None
    try:
        if factcheck is None:
            raise ValidationError(_("Choose one of the fact-checks shown."))
        source_add_factcheck(claim=claim, actor=request.user, factcheck=factcheck)
    except REFUSALS as exc:
        return _refused(request, claim, exc)
    messages.success(
        request,
        _("Cited %(publisher)s's fact-check as a source.") % {"publisher": factcheck.publisher},
    )
    return _back(claim, "sources")


@login_required
@require_POST
def claim_publish_duplicate(request: HttpRequest, pk: int) -> HttpResponse:
    """An editor publishes a repeat with the verdict its original already has."""
    claim = get_claim_for_user(request, pk)
    try:
        services.claim_publish_duplicate(claim=claim, actor=request.user)
    except REFUSALS as exc:
        return _refused(request, claim, exc)
    messages.success(request, _("Published as a repeat of the checked claim."))
    if request.POST.get("next") == reverse("dashboard"):  # the one-step publish from the queue
        return redirect("dashboard")
    return _back(claim, "verdict")
