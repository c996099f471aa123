"""A claim's sources, from its workspace."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from factcheck.claims import services
from factcheck.claims.access import get_claim_for_user, get_source_for_user
from factcheck.claims.forms import (
    SourceForm,
)
from factcheck.claims.views.refusals import _back, _refused
from factcheck.claims.views.workspace import workspace
from factcheck.refusals import REFUSALS


@login_required
@require_POST
def source_add(request: HttpRequest, pk: int) -> HttpResponse:
    claim = get_claim_for_user(request, pk)
    form = SourceForm(request.POST)
    if not form.is_valid():
        return workspace(request, claim, status=400, source_form=form)
    try:
        services.source_add(claim=claim, actor=request.user, **form.cleaned_data)
    except REFUSALS as exc:
        if isinstance(exc, ValidationError):
            form.add_error(None, exc)
            return workspace(request, claim, status=400, source_form=form)
        return _refused(request, claim, exc, source_form=form)
    messages.success(request, _("Source added; an archived copy is being made."))
    return _back(claim, "sources")


@login_required
def source_archive(request: HttpRequest, pk: int) -> HttpResponse:
    source = get_source_for_user(request, pk)
    return render(request, "claims/source_archive.html", {"source": source})
