"""The claim workspace, the queues, the claim search and the public fact-check page.

Views validate a form, call one service and redirect; every rule (permissions, workflow,
four-eyes, versions) is the services', so a refusal here is the same as in the API.
"""

import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models import Model
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import SafeString, mark_safe
from django.utils.timezone import localtime
from django.views.decorators.http import require_POST
from django_htmx.middleware import HtmxDetails

from factcheck.articles.highlight import in_context
from factcheck.claims import services
from factcheck.claims.claimreview import ScaleBounds, claim_review, published_verdicts
from factcheck.claims.filters import (
    EDITOR_QUEUES,
    FOLDED_QUEUES,
    QUEUES,
    claim_filter_for_page,
)
from factcheck.claims.forms import (
    AssignForm,
    BulkForm,
    ClaimEditForm,
    CommentForm,
    DismissForm,
    SendBackForm,
    SourceForm,
    VerdictForm,
    checkers,
)
from factcheck.claims.matching import claim_matches, source_add_factcheck, with_already_checked
from factcheck.claims.models import Claim, Rating, Source, Verdict
from factcheck.claims.similar import similar_claims_of
from factcheck.claims.timeline import claim_timeline
from factcheck.factchecks.models import FactCheck

CLAIMS_PER_PAGE = 50
QUEUE_LENGTH = 8
OPEN_STATES = (Verdict.State.DRAFT, Verdict.State.SUBMITTED)


class HtmxHttpRequest(HttpRequest):
    htmx: HtmxDetails


def get_claim_for_user(request: HttpRequest, pk: int) -> Claim:
    """The one way views load a claim, so none can forget who may see it."""
    claims = Claim.objects.visible_to(request.user).select_related(
        "article", "assignee", "duplicate_of", "duplicate_marked_by", "created_by"
    )
    return get_object_or_404(claims, pk=pk)


def get_verdict_for_user(request: HttpRequest, pk: int) -> Verdict:
    visible = Claim.objects.visible_to(request.user)
    return get_object_or_404(Verdict.objects.filter(claim__in=visible), pk=pk)


# Queues and search


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
    claims = Claim.objects.visible_to(request.user)
    search = reverse("claim_list")
    queues = []
    editor = request.user.has_perm("claims.publish_verdict")
    for slug, (title, select) in QUEUES.items():
        if slug in EDITOR_QUEUES and not editor:
            continue
        queue = select(claims, request.user)
        queues.append(
            Queue(
                title=title,
                slug=slug,
                count=queue.count(),
                claims=list(
                    with_already_checked(queue.for_listing().select_related("duplicate_of"))[
                        :QUEUE_LENGTH
                    ]
                ),
                link=f"{search}?queue={slug}",
                folded=slug in FOLDED_QUEUES,
            )
        )
    return render(request, "claims/dashboard.html", {"queues": queues})


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
    updated: str  # formatted here: the date filter fifty times was a tenth of the page


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
                score=f"{claim.score:.2f}",
                repeats=getattr(claim, "repeats", 1),
                status=claim.status,
                status_label=str(statuses.get(claim.status, claim.status)),
                type_label=str(types.get(claim.type, claim.type)),
                rating=verdicts[0].rating if verdicts else None,
                assignee=claim.assignee.get_username() if claim.assignee else "",
                article_url=f"{article_url}{claim.article_id}/",
                article_title=str(claim.article),
                updated_at=claim.updated_at,
                updated=f"{localtime(claim.updated_at):%-d %b %H:%M}",
            )
        )
    return rows


@login_required
def claim_list(request: HtmxHttpRequest) -> HttpResponse:
    filters = claim_filter_for_page(request.GET, request, Claim.objects.visible_to(request.user))
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


BULK_DONE = {"dismiss": "dismissed", "take": "taken", "assign": "assigned"}


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
        messages.error(request, "Choose claims and an action.")
        return redirect(back)
    data = form.cleaned_data
    visible = Claim.objects.visible_to(request.user)
    if data["all_matching"]:
        query = QueryDict(data["query"])
        ids = list(claim_filter_for_page(query, request, visible).qs.values_list("pk", flat=True))
    else:
        ids = list(visible.filter(pk__in=data["ids"]).values_list("pk", flat=True))
    # A queue item stands for its group of repeats: the action applies to every member.
    ids = visible.with_new_repeats(ids)
    if not ids:
        messages.error(request, "Select at least one claim.")
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
        messages.error(request, _message(exc))
        return render(request, "claims/claim_bulk_confirm.html", context, status=400)
    except (PermissionDenied, ValidationError) as exc:
        messages.error(request, _message(exc))
        status = 403 if isinstance(exc, PermissionDenied) else 400
        return render(request, "claims/claim_bulk_confirm.html", context, status=status)
    messages.success(
        request, f"{done} claim{'s' if done != 1 else ''} {BULK_DONE[data['action']]}."
    )
    return redirect(back)


# The claim workspace


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


def _back(claim: Claim, section: str = "") -> HttpResponse:
    return redirect(claim.get_absolute_url() + (f"#{section}" if section else ""))


def _message(exc: Exception) -> str:
    return " ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)


def _refused(request: HttpRequest, claim: Claim, exc: Exception, **forms: Any) -> HttpResponse:
    """Show the page again with the refusal and the person's input kept in its form."""
    messages.error(request, _message(exc))
    status = 403 if isinstance(exc, PermissionDenied) else 400
    return workspace(request, claim, status=status, **forms)


def _conflict(
    request: HttpRequest,
    claim: Claim,
    exc: services.ConflictError,
    form_key: str,
    rebuild: Callable[[QueryDict], Form],
) -> HttpResponse:
    """A save on top of someone else's: say what changed and keep what the person typed.

    The form now carries the saved version, so saving again deliberately keeps theirs.
    """
    current = exc.current
    data = request.POST.copy()
    data["version"] = str(current.version)  # type: ignore[attr-defined]
    form = rebuild(data)
    form.is_valid()
    latest = current.history.first()  # type: ignore[attr-defined]
    conflict = {
        "message": str(exc),
        "subject": current._meta.verbose_name,
        "by": latest.history_username or None if latest else None,
        "at": latest.history_date if latest else None,
        "changes": [
            (_label(form, name), _plain(mine), _plain(saved))
            for name, (mine, saved) in exc.changes.items()
        ],
    }
    # No flash message: the conflict panel says it, with the values side by side.
    fresh = get_claim_for_user(request, claim.pk)
    return workspace(request, fresh, status=409, conflict=conflict, **{form_key: form})


def _label(form: Form, name: str) -> str:
    field = form.fields.get(name)
    return str(field.label) if field and field.label else name.replace("_", " ").capitalize()


def _plain(value: Any) -> str:
    if isinstance(value, Model):
        return str(value)
    if value in (None, ""):
        return "—"
    if isinstance(value, str) and value in Claim.Type.values:
        return str(Claim.Type(value).label)
    return str(value)


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
    except (PermissionDenied, ValidationError) as exc:
        return _refused(request, claim, exc, edit_form=form)
    messages.success(request, "Claim saved.")
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
    except (PermissionDenied, ValidationError, services.ConflictError) as exc:
        return _refused(request, claim, exc, dismiss_form=form)
    messages.success(request, "Claim dismissed.")
    return _back(claim)


@login_required
@require_POST
def claim_restore(request: HttpRequest, pk: int) -> HttpResponse:
    claim = get_claim_for_user(request, pk)
    try:
        services.claim_restore(claim=claim, actor=request.user)
    except (PermissionDenied, ValidationError) as exc:
        return _refused(request, claim, exc)
    messages.success(request, "Claim restored.")
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
    except (PermissionDenied, ValidationError) as exc:
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
    except (PermissionDenied, ValidationError) as exc:
        return _refused(request, claim, exc)
    messages.success(request, "The claim is yours.")
    return _back(claim)


def _original(request: HttpRequest) -> Claim | None:
    """The claim named in the form as the one this claim repeats; None clears the mark."""
    pk = request.POST.get("original", "")
    if not pk:
        return None
    if not pk.isdigit():
        raise ValidationError("Choose the claim this one repeats.")
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
        messages.error(request, "The claim changed after you opened the page; try again.")
        return workspace(request, get_claim_for_user(request, pk), status=409)
    except (PermissionDenied, ValidationError) as exc:
        return _refused(request, claim, exc)
    messages.success(
        request, "Marked as a repeat of a checked claim." if original else "No longer a repeat."
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
            raise ValidationError("Choose one of the fact-checks shown.")
        source_add_factcheck(claim=claim, actor=request.user, factcheck=factcheck)
    except (PermissionDenied, ValidationError) as exc:
        return _refused(request, claim, exc)
    messages.success(request, f"Cited {factcheck.publisher}'s fact-check as a source.")
    return _back(claim, "sources")


@login_required
@require_POST
def claim_publish_duplicate(request: HttpRequest, pk: int) -> HttpResponse:
    """An editor publishes a repeat with the verdict its original already has."""
    claim = get_claim_for_user(request, pk)
    try:
        services.claim_publish_duplicate(claim=claim, actor=request.user)
    except (PermissionDenied, ValidationError) as exc:
        return _refused(request, claim, exc)
    messages.success(request, "Published as a repeat of the checked claim.")
    if request.POST.get("next") == reverse("dashboard"):  # the one-step publish from the queue
        return redirect("dashboard")
    return _back(claim, "verdict")


@login_required
@require_POST
def source_add(request: HttpRequest, pk: int) -> HttpResponse:
    claim = get_claim_for_user(request, pk)
    form = SourceForm(request.POST)
    if not form.is_valid():
        return workspace(request, claim, status=400, source_form=form)
    try:
        services.source_add(claim=claim, actor=request.user, **form.cleaned_data)
    except (PermissionDenied, ValidationError) as exc:
        if isinstance(exc, ValidationError):
            form.add_error(None, exc)
            return workspace(request, claim, status=400, source_form=form)
        return _refused(request, claim, exc, source_form=form)
    messages.success(request, "Source added; an archived copy is being made.")
    return _back(claim, "sources")


@login_required
def source_archive(request: HttpRequest, pk: int) -> HttpResponse:
    visible = Claim.objects.visible_to(request.user)
    source = get_object_or_404(
        Source.objects.filter(claim__in=visible).select_related("claim", "added_by"), pk=pk
    )
    return render(request, "claims/source_archive.html", {"source": source})


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
    try:
        with transaction.atomic():
            verdict = services.verdict_save_draft(
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
            if submit:
                services.verdict_submit(
                    verdict=verdict, actor=request.user, expected_version=verdict.version
                )
    except services.ConflictError as exc:
        return _conflict(
            request,
            claim,
            exc,
            "verdict_form",
            lambda data: VerdictForm(data, correction=is_correction),
        )
    except ValidationError as exc:
        form.add_error(None, exc)
        return workspace(request, claim, status=400, verdict_form=form)
    except PermissionDenied as exc:
        return _refused(request, claim, exc, verdict_form=form)
    messages.success(
        request, "Verdict submitted for approval." if submit else "Draft verdict saved."
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
            "The verdict changed after you opened the page. Read it again before approving.",
        )
        return workspace(request, claim, status=409)
    except (PermissionDenied, ValidationError) as exc:
        return _refused(request, claim, exc)
    messages.success(request, "Verdict approved and published.")
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
            request, "The verdict changed after you opened the page. Read it again first."
        )
        return workspace(request, claim, status=409, send_back_form=form)
    except (PermissionDenied, ValidationError) as exc:
        return _refused(request, claim, exc, send_back_form=form)
    messages.success(request, "Verdict sent back to the reviewer.")
    return _back(claim, "verdict")


def _version(request: HttpRequest) -> int | None:
    try:
        return int(request.POST.get("version", ""))
    except ValueError:
        return None


@login_required
@require_POST
def comment_add(request: HttpRequest, pk: int) -> HttpResponse:
    claim = get_claim_for_user(request, pk)
    form = CommentForm(request.POST)
    if not form.is_valid():
        return workspace(request, claim, status=400, comment_form=form)
    try:
        services.comment_add(claim=claim, actor=request.user, body=form.cleaned_data["body"])
    except (PermissionDenied, ValidationError) as exc:
        return _refused(request, claim, exc, comment_form=form)
    messages.success(request, "Comment added.")
    return _back(claim, "comments")


# The public page


def ld_json(data: Any) -> SafeString:
    """JSON for a <script type="application/ld+json">, escaped as Django's json_script
    escapes it, so a claim containing "</script>" cannot end the element."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
    escaped = text.replace("<", "\\u003C").replace(">", "\\u003E").replace("&", "\\u0026")
    # Safe: escaped for the script context just above, and never parsed as HTML.
    return mark_safe(escaped)


def claim_public(request: HttpRequest, pk: int) -> HttpResponse:
    """A published verdict for everyone, without login, with its ClaimReview."""
    claim = get_object_or_404(Claim.objects.published().select_related("article"), pk=pk)
    verdict = published_verdicts().filter(claim=claim).first()
    if verdict is None:
        # A repeat published with its original's verdict: the fact check lives there.
        if claim.duplicate_of_id is None:
            raise Http404("No published verdict.")
        return redirect("claim_public", claim.duplicate_of_id)
    appearances = [
        url
        for url in claim.duplicates.exclude(article__url=None).values_list(
            "article__url", flat=True
        )
        if url
    ]
    review = claim_review(verdict, bounds=ScaleBounds.current(), appearances=appearances)
    context = {
        "claim": claim,
        "verdict": verdict,
        "earlier_verdicts": claim.verdicts.filter(state=Verdict.State.SUPERSEDED)
        .select_related("rating")
        .order_by("-number"),
        "sources": claim.sources.in_public_record().defer("snapshot_text"),
        "claim_review": ld_json(review),
        "organisation": settings.ORGANISATION_NAME,
        "canonical_url": review["url"],
        "claim_reviewed": review["claimReviewed"],
        "corrections_policy_url": settings.CORRECTIONS_POLICY_URL,
    }
    return render(request, "claims/claim_public.html", context)


def rating_styles(request: HttpRequest) -> HttpResponse:
    """The rating colours chosen in the admin, as a stylesheet: the CSP forbids inline
    style attributes, and the scale is the organisation's to edit."""
    rules = [
        f".rating-{rating.slug} {{ background: {rating.colour}; color: #fff; }}"
        for rating in Rating.objects.all()
        # The database only holds #rrggbb colours and slugs; check anyway, it is CSS.
        if re.fullmatch(r"#[0-9a-fA-F]{6}", rating.colour) and re.fullmatch(r"[-\w]+", rating.slug)
    ]
    response = HttpResponse("\n".join(rules) + "\n", content_type="text/css; charset=utf-8")
    response["Cache-Control"] = "max-age=60"
    return response
