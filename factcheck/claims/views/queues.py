"""Queues and search: the dashboard, the claim list and its bulk actions."""

import copy
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count, Q, Value
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.formats import date_format, number_format
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.utils.translation import ngettext_lazy
from django.views.decorators.http import require_POST
from django_htmx.middleware import HtmxDetails

from factcheck.claims import services
from factcheck.claims.access import claims_for_user
from factcheck.claims.filters import (
    EDITOR_QUEUES,
    FOLDED_QUEUES,
    QUEUES,
    claim_filter_for_page,
)
from factcheck.claims.forms import (
    BulkForm,
    checkers,
)
from factcheck.claims.matching import with_already_checked
from factcheck.claims.models import Claim, ClaimQuerySet, Rating
from factcheck.refusals import REFUSALS, refusal_status, refusal_text

CLAIMS_PER_PAGE = 50
QUEUE_LENGTH = 8


class HtmxHttpRequest(HttpRequest):
    htmx: HtmxDetails


@dataclass
class Queue:
    title: str
    slug: str
    count: int
    claims: list[Claim]
    link: str
    folded: bool


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    claims = claims_for_user(request)
    search = reverse("claim_list")
    editor = request.user.has_perm("claims.publish_verdict")
    selected = {
        slug: select(claims, request.user)
        for slug, (_, select) in QUEUES.items()
        if editor or slug not in EDITOR_QUEUES
    }
    # What a queue shows costs little to find (ids in the queue's order, and its count)
    # and much to load (the listing's joins, annotations and prefetch): so every queue's
    # first claims are found apart, then loaded together in one listing query. Counted in
    # one aggregate query. Loading and counting each queue apart was most of the page.
    counts = claims.aggregate(
        **{
            slug: Count("pk", filter=Q(pk__in=queue.values("pk")))
            for slug, queue in selected.items()
        }
    )
    firsts = {slug: _queue_firsts(queue) for slug, queue in selected.items()}
    wanted = {pk for rows in firsts.values() for pk, _ in rows}
    loaded = claims.filter(pk__in=wanted).for_listing().select_related("duplicate_of")
    by_pk = {claim.pk: claim for claim in with_already_checked(loaded)} if wanted else {}
    queues = []
    for slug, rows in firsts.items():
        shown = []
        for pk, repeats in rows:
            if pk in by_pk:
                # A copy: the same claim may show in two queues, its repeats in one.
                claim = copy.copy(by_pk[pk])
                claim.repeats = repeats  # type: ignore[attr-defined]
                shown.append(claim)
        queues.append(
            Queue(
                title=str(QUEUES[slug][0]),
                slug=slug,
                count=counts[slug],
                claims=shown,
                link=f"{search}?queue={slug}",
                folded=slug in FOLDED_QUEUES,
            )
        )
    return render(request, "claims/dashboard.html", {"queues": queues})


def _queue_firsts(queue: ClaimQuerySet) -> list[tuple[int, int]]:
    """The ids of a queue's first claims, in its order, each with its number of repeats
    (a grouped queue annotates it; otherwise 1)."""
    repeats = "repeats" if "repeats" in queue.query.annotations else Value(1)
    return list(queue.values_list("pk", repeats)[:QUEUE_LENGTH])


@dataclass(frozen=True)
class ClaimRow:
    """One row of the claim search, prepared here: a page has fifty, each with two links,
    two labels and a rating, and template lookups for all that were most of its time."""

    pk: int
    url: str
    statement: str
    claimant: str
    score: str
    repeats: int
    status: str
    status_label: str
    type_label: str
    rating: Rating | None
    assignee: str
    article_url: str
    article_title: str
    updated_at: datetime
    updated: str  # formatted here, in the active language: the date filter fifty times was a
    # tenth of the page


def claim_rows(claims: Iterable[Claim]) -> list[ClaimRow]:
    """Rows for claims loaded with `for_listing()`."""
    statuses, types = dict(Claim.Status.choices), dict(Claim.Type.choices)
    # One reverse() per pattern instead of two per row.
    claim_url = reverse("claim_detail", args=[0]).removesuffix("0/")
    article_url = reverse("article_detail", args=[0]).removesuffix("0/")
    rows = []
    for claim in claims:
        verdicts = getattr(claim, "current_verdicts", [])
        rows.append(
            ClaimRow(
                pk=claim.pk,
                url=f"{claim_url}{claim.pk}/",
                statement=claim.statement,
                claimant=claim.claimant,
                score=number_format(claim.score, 2),  # "0,80" in Spanish
                repeats=getattr(claim, "repeats", 1),
                status=claim.status,
                status_label=str(statuses.get(claim.status, claim.status)),
                type_label=str(types.get(claim.type, claim.type)),
                rating=verdicts[0].rating if verdicts else None,
                assignee=claim.assignee.get_username() if claim.assignee else "",
                article_url=f"{article_url}{claim.article_id}/",
                article_title=str(claim.article),
                updated_at=claim.updated_at,
                updated=date_format(localtime(claim.updated_at), "SHORT_DATETIME_FORMAT"),
            )
        )
    return rows


@login_required
def claim_list(request: HtmxHttpRequest) -> HttpResponse:
    filters = claim_filter_for_page(request.GET, request, claims_for_user(request))
    claims = filters.qs.for_listing()
    page = Paginator(claims, CLAIMS_PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "form": filters.form,
        "page": page,
        "rows": claim_rows(page.object_list),
        "checkers": checkers() if request.user.has_perm("claims.assign_claim") else [],
    }
    # The filters update the results in place; the same view answers with the fragment.
    if request.htmx:
        return render(request, "claims/claim_list.html#results", context)
    return render(request, "claims/claim_list.html", context)


BULK_DONE = {
    "dismiss": ngettext_lazy("%(count)s claim dismissed.", "%(count)s claims dismissed.", "count"),
    "take": ngettext_lazy("%(count)s claim taken.", "%(count)s claims taken.", "count"),
    "assign": ngettext_lazy("%(count)s claim assigned.", "%(count)s claims assigned.", "count"),
}


def _safe_next(request: HttpRequest, value: str) -> str:
    if value and url_has_allowed_host_and_scheme(value, allowed_hosts={request.get_host()}):
        return value
    return reverse("claim_list")


@login_required
@require_POST
def claim_bulk(request: HttpRequest) -> HttpResponse:
    """Select claims (or all matching the filters), choose an action, confirm how many.

    The first post shows the confirmation page with the claims resolved to ids; the
    second (with `confirmed`) applies the action to exactly those, all or nothing."""
    form = BulkForm(request.POST)
    back = _safe_next(request, request.POST.get("next", ""))
    if not form.is_valid():
        messages.error(request, _("Choose claims and an action."))
        return redirect(back)
    data = form.cleaned_data
    visible = claims_for_user(request)
    if data["all_matching"]:
        query = QueryDict(data["query"])
        ids = list(claim_filter_for_page(query, request, visible).qs.values_list("pk", flat=True))
    else:
        ids = list(visible.filter(pk__in=data["ids"]).values_list("pk", flat=True))
    # A queue item stands for its group of repeats: the action applies to every member.
    ids = visible.with_new_repeats(ids)
    if not ids:
        messages.error(request, _("Select at least one claim."))
        return redirect(back)
    context: dict[str, Any] = {
        "form": form,
        "ids": ids,
        "action": data["action"],
        "reason": data["reason"],
        "assignee": data["assignee"],
        "next": back,
        "claims": visible.filter(pk__in=ids).only("id", "statement")[:20],
    }
    if not request.POST.get("confirmed"):
        return render(request, "claims/claim_bulk_confirm.html", context)
    try:
        done = services.claims_bulk(
            claim_ids=ids,
            actor=request.user,
            action=data["action"],
            reason=data["reason"],
            assignee=data["assignee"],
        )
    except services.BulkRefused as exc:
        refused = Claim.objects.filter(pk__in=exc.refusals).only("id", "statement")
        context["refusals"] = [(claim, exc.refusals[claim.pk]) for claim in refused]
        messages.error(request, refusal_text(exc))
        return render(request, "claims/claim_bulk_confirm.html", context, status=400)
    except REFUSALS as exc:
        messages.error(request, refusal_text(exc))
        status = refusal_status(exc)
        return render(request, "claims/claim_bulk_confirm.html", context, status=status)
    messages.success(request, BULK_DONE[data["action"]] % {"count": done})
    return redirect(back)
