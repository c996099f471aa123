from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from factcheck.claims.models import Claim


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    claims = Claim.objects.visible_to(request.user)
    return render(request, "claims/dashboard.html", {"new_count": claims.new().count()})


@login_required
def claim_detail(request: HttpRequest, pk: int) -> HttpResponse:
    claim = get_object_or_404(Claim.objects.visible_to(request.user), pk=pk)
    return render(request, "claims/claim_detail.html", {"claim": claim})


def claim_public(request: HttpRequest, pk: int) -> HttpResponse:
    claim = get_object_or_404(Claim.objects.published(), pk=pk)
    return render(request, "claims/claim_public.html", {"claim": claim})
