"""Writing, approving and sending back a verdict, from the claim workspace."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from factcheck.claims import services
from factcheck.claims.access import get_claim_for_user, get_verdict_for_user
from factcheck.claims.forms import (
    SendBackForm,
    VerdictForm,
)
from factcheck.claims.models import Verdict
from factcheck.claims.views.refusals import _back, _conflict, _refused, _version
from factcheck.claims.views.workspace import workspace
from factcheck.refusals import REFUSALS


@login_required
@require_POST
def verdict_save(request: HttpRequest, pk: int) -> HttpResponse:
    """Save the draft verdict, and with the "Submit for approval" button, submit it too."""
    claim = get_claim_for_user(request, pk)
    is_correction = claim.verdicts.filter(state=Verdict.State.PUBLISHED).exists()
    form = VerdictForm(request.POST, correction=is_correction)
    if not form.is_valid():
        return workspace(request, claim, status=400, verdict_form=form)
    data = form.cleaned_data
    submit = request.POST.get("action") == "submit"
    save = services.verdict_save_and_submit if submit else services.verdict_save_draft
    try:
        save(
            claim=claim,
            actor=request.user,
            rating=data["rating"],
            summary=data["summary"],
            # A form without the field (an old page) keeps or proposes the short claim.
            claim_reviewed=data["claim_reviewed"] if "claim_reviewed" in request.POST else None,
            explanation=data["explanation"],
            correction_note=data.get("correction_note", ""),
            # No version: the person saw no draft, so a draft someone has meanwhile
            # started (version 1 or more) is a conflict, not something to overwrite.
            expected_version=data["version"] or 0,
        )
    except services.ConflictError as exc:
        return _conflict(
            request,
            claim,
            exc,
            "verdict_form",
            lambda data: VerdictForm(data, correction=is_correction),
        )
    except REFUSALS as exc:
        return _refused(request, claim, exc, verdict_form=form)
    messages.success(
        request, _("Verdict submitted for approval.") if submit else _("Draft verdict saved.")
    )
    return _back(claim, "verdict")


@login_required
@require_POST
def verdict_approve(request: HttpRequest, pk: int) -> HttpResponse:
    verdict = get_verdict_for_user(request, pk)
    claim = get_claim_for_user(request, verdict.claim_id)
    try:
        services.verdict_approve(
            verdict=verdict,
            actor=request.user,
            expected_version=_version(request),
        )
    except services.ConflictError:
        messages.error(
            request,
            _("The verdict changed after you opened the page. Read it again before approving."),
        )
        return workspace(request, claim, status=409)
    except REFUSALS as exc:
        return _refused(request, claim, exc)
    messages.success(request, _("Verdict approved and published."))
    return _back(claim, "verdict")


@login_required
@require_POST
def verdict_send_back(request: HttpRequest, pk: int) -> HttpResponse:
    verdict = get_verdict_for_user(request, pk)
    claim = get_claim_for_user(request, verdict.claim_id)
    form = SendBackForm(request.POST)
    if not form.is_valid():
        return workspace(request, claim, status=400, send_back_form=form)
    try:
        services.verdict_send_back(
            verdict=verdict,
            actor=request.user,
            note=form.cleaned_data["note"],
            expected_version=form.cleaned_data["version"],
        )
    except services.ConflictError:
        messages.error(
            request, _("The verdict changed after you opened the page. Read it again first.")
        )
        return workspace(request, claim, status=409, send_back_form=form)
    except REFUSALS as exc:
        return _refused(request, claim, exc, send_back_form=form)
    messages.success(request, _("Verdict sent back to the reviewer."))
    return _back(claim, "verdict")
