"""Comments on a claim, from its workspace."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from factcheck.claims import services
from factcheck.claims.access import get_claim_for_user
from factcheck.claims.forms import (
    CommentForm,
)
from factcheck.claims.views.refusals import _back, _refused
from factcheck.claims.views.workspace import workspace
from factcheck.refusals import REFUSALS


@login_required
@require_POST
def comment_add(request: HttpRequest, pk: int) -> HttpResponse:
    claim = get_claim_for_user(request, pk)
    form = CommentForm(request.POST)
    if not form.is_valid():
        return workspace(request, claim, status=400, comment_form=form)
    try:
        services.comment_add(claim=claim, actor=request.user, body=form.cleaned_data["body"])
    except REFUSALS as exc:
        return _refused(request, claim, exc, comment_form=form)
    messages.success(request, _("Comment added."))
    return _back(claim, "comments")
