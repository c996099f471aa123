"""The admin edits through the same services as the web UI and the API.

Workflow fields (status, approver, published dates) are read-only here and change only
through the actions, which call the services, so the four-eyes rule holds in the admin too.
"""

from typing import Any

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.db.models import Model, QuerySet
from django.http import HttpRequest
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from factcheck.adminkit import ServiceAdmin
from factcheck.articles.admin import ArticleAdmin
from factcheck.articles.models import Article
from factcheck.claims import services
from factcheck.claims.models import Claim, Comment, Rating, Source, Verdict
from factcheck.refusals import REFUSALS, refusal_text


def _confirm(
    modeladmin: admin.ModelAdmin[Any],
    request: HttpRequest,
    queryset: QuerySet[Any],
    title: str,
    *,
    ask_reason: bool = False,
) -> TemplateResponse | None:
    """The page that says how many rows an action will change, before it does: a bulk
    action is one click away from a hundred claims. None once the person confirmed."""
    reason = request.POST.get("reason", "").strip()
    if request.POST.get("post") == "yes" and (reason or not ask_reason):
        return None
    opts = modeladmin.model._meta
    context = {
        **modeladmin.admin_site.each_context(request),
        "title": title,
        "opts": opts,
        "queryset": queryset,
        "count": queryset.count(),
        "sample": list(queryset[:20]),
        "action": request.POST.get("action", ""),
        "ask_reason": ask_reason,
        "missing_reason": request.POST.get("post") == "yes" and ask_reason and not reason,
        "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
    }
    return TemplateResponse(request, "admin/claims/confirm_action.html", context)


def _run(request: HttpRequest, action: Any, queryset: QuerySet[Any], **kwargs: Any) -> None:
    """Apply a service to each selected row and report every refusal by name."""
    done = 0
    for obj in queryset:
        try:
            action(obj, **kwargs)
            done += 1
        except REFUSALS as exc:
            messages.error(request, f"{obj}: {refusal_text(exc)}")
    if done:
        messages.success(
            request, _("Done for %(done)s of %(total)s.") % {"done": done, "total": len(queryset)}
        )


class ClaimsServiceAdmin(ServiceAdmin):
    """Deleting follows `services.may_delete`: work that was done keeps its record."""

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return super().has_delete_permission(request, obj) and (
            obj is None or services.may_delete(obj)
        )


@admin.register(Rating)
class RatingAdmin(ServiceAdmin):
    list_display = ["label", "slug", "value", "order", "colour"]
    prepopulated_fields = {"slug": ["label"]}
    search_fields = ["label", "description"]
    fields = [*services.RATING_FIELDS, "version", "loaded_version"]
    editable = services.RATING_FIELDS

    def create(self, request: HttpRequest, data: dict[str, Any]) -> Rating:
        return services.rating_create(actor=request.user, **data)

    def update(
        self, request: HttpRequest, saved: Rating, version: int, changes: dict[str, Any]
    ) -> None:
        services.rating_update(
            rating=saved, actor=request.user, expected_version=version, **changes
        )


class RecordInline[M: Model](admin.TabularInline[M, Claim]):
    """A claim's rows shown on its page, read-only: they change through their own services."""

    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class SourceInline(RecordInline[Source]):
    model = Source
    fields = readonly_fields = (
        "url",
        "title",
        "stance",
        "snapshot_status",
        "http_status",
        "fetched_at",
        "failure_reason",
        "added_by",
    )
    show_change_link = True


class VerdictInline(RecordInline[Verdict]):
    model = Verdict
    fields = readonly_fields = (
        "number",
        "state",
        "rating",
        "summary",
        "author",
        "approver",
        "published_at",
    )
    show_change_link = True


class CommentInline(RecordInline[Comment]):
    model = Comment
    fields = readonly_fields = ("author", "body", "created_at")


@admin.register(Claim)
class ClaimAdmin(ClaimsServiceAdmin):
    list_display = [
        "statement_short",
        "type",
        "status",
        "claimant",
        "score",
        "origin",
        "assignee",
        "article",
        "updated_at",
    ]
    list_filter = ["status", "type", "origin", "assignee", "created_at"]
    search_fields = ["statement", "quote", "claimant", "article__title"]
    list_select_related = ["article", "assignee"]
    raw_id_fields = ["article", "duplicate_of"]
    fields = [
        "article",
        "quote",
        "statement",
        "type",
        "claimant",
        "claimant_kind",
        "claimant_same_as",
        "assignee",
        "status",
        "dismiss_reason",
        "return_note",
        "score",
        "reasons",
        "facts",
        "origin",
        "start",
        "end",
        "duplicate_of",
        "version",
        "loaded_version",
        "created_by",
        "created_at",
        "updated_at",
    ]
    editable = (*services.CLAIM_EDITABLE_FIELDS, "assignee")
    inlines = [SourceInline, VerdictInline, CommentInline]
    actions = ["dismiss_not_checkworthy", "take", "restore"]

    @admin.display(description=gettext_lazy("statement"), ordering="statement")
    def statement_short(self, obj: Claim) -> str:
        return obj.statement[:90]

    def has_add_permission(self, request: HttpRequest) -> bool:
        # Claims come from an article's text; add them from the article page.
        return False

    def update(
        self, request: HttpRequest, saved: Claim, version: int, changes: dict[str, Any]
    ) -> None:
        assignee = changes.pop("assignee", saved.assignee)
        if changes:
            saved = services.claim_update(
                claim=saved, actor=request.user, expected_version=version, **changes
            )
            version = saved.version
        if assignee != saved.assignee:
            services.claim_assign(
                claim=saved, actor=request.user, assignee=assignee, expected_version=version
            )

    def _bulk(self, request: HttpRequest, queryset: QuerySet[Claim], action: str) -> None:
        """All or nothing, like the web UI and the API; each refusal named."""
        try:
            done = services.claims_bulk(
                claim_ids=list(queryset.values_list("pk", flat=True)),
                actor=request.user,
                action=action,
                reason=request.POST.get("reason", ""),
            )
        except services.BulkRefused as exc:
            messages.error(request, refusal_text(exc))
            for claim in Claim.objects.filter(pk__in=exc.refusals):
                messages.error(request, f"{claim}: {exc.refusals[claim.pk]}")
            return
        except REFUSALS as exc:
            messages.error(request, refusal_text(exc))
            return
        messages.success(
            request, _("Done for %(done)s of %(total)s.") % {"done": done, "total": len(queryset)}
        )

    @admin.action(description=gettext_lazy("Dismiss selected claims (with a reason)"))
    def dismiss_not_checkworthy(
        self, request: HttpRequest, queryset: QuerySet[Claim]
    ) -> TemplateResponse | None:
        if page := _confirm(self, request, queryset, _("Dismiss claims"), ask_reason=True):
            return page
        self._bulk(request, queryset, "dismiss")
        return None

    @admin.action(description=gettext_lazy("Take (assign to me)"))
    def take(self, request: HttpRequest, queryset: QuerySet[Claim]) -> TemplateResponse | None:
        if page := _confirm(self, request, queryset, _("Take claims")):
            return page
        self._bulk(request, queryset, "take")
        return None

    @admin.action(description=gettext_lazy("Reopen (restore) dismissed claims"))
    def restore(self, request: HttpRequest, queryset: QuerySet[Claim]) -> TemplateResponse | None:
        if page := _confirm(self, request, queryset, _("Reopen dismissed claims")):
            return page
        _run(request, lambda c: services.claim_restore(claim=c, actor=request.user), queryset)
        return None


@admin.register(Source)
class SourceAdmin(ClaimsServiceAdmin):
    list_display = [
        "__str__",
        "stance",
        "snapshot_status",
        "http_status",
        "fetched_at",
        "last_checked_at",
        "failure_reason",
        "claim",
    ]
    list_filter = ["stance", "snapshot_status", "last_checked_at"]
    search_fields = ["url", "title", "excerpt", "snapshot_title"]
    list_select_related = ["claim"]
    raw_id_fields = ["claim"]
    fields = [
        "claim",
        "url",
        *services.SOURCE_EDITABLE_FIELDS,
        "added_by",
        "snapshot_status",
        "final_url",
        "http_status",
        "fetched_at",
        "sha256",
        "snapshot_title",
        "snapshot_text",
        "failure_reason",
        "last_checked_at",
        "version",
        "loaded_version",
        "created_at",
        "updated_at",
    ]
    editable = services.SOURCE_EDITABLE_FIELDS

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def update(
        self, request: HttpRequest, saved: Source, version: int, changes: dict[str, Any]
    ) -> None:
        services.source_update(
            source=saved, actor=request.user, expected_version=version, **changes
        )


@admin.register(Verdict)
class VerdictAdmin(ClaimsServiceAdmin):
    """Verdicts are read here and moved on by the actions; the form changes nothing, so a
    save can never write back a state someone else has since changed."""

    list_display = [
        "summary",
        "rating",
        "state",
        "number",
        "claim",
        "author",
        "approver",
        "published_at",
    ]
    list_filter = ["state", "rating", "published_at"]
    search_fields = ["summary", "explanation", "claim__statement"]
    list_select_related = ["rating", "claim", "author", "approver"]
    fields = [
        "claim",
        "number",
        "state",
        "rating",
        "summary",
        "explanation",
        "correction_note",
        "author",
        "approver",
        "submitted_at",
        "published_at",
        "fingerprint",
        "version",
        "loaded_version",
        "created_at",
        "updated_at",
    ]
    actions = ["approve_and_publish"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        # Verdicts are drafted on the claim page, where the author is the person writing.
        return False

    @admin.action(description=gettext_lazy("Approve and publish (not your own verdicts)"))
    def approve_and_publish(
        self, request: HttpRequest, queryset: QuerySet[Verdict]
    ) -> TemplateResponse | None:
        if page := _confirm(self, request, queryset, _("Approve and publish verdicts")):
            return page
        _run(request, lambda v: services.verdict_approve(verdict=v, actor=request.user), queryset)
        return None


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin[Comment]):
    list_display = ["body", "author", "claim", "created_at"]
    search_fields = ["body"]
    list_select_related = ["author", "claim"]
    readonly_fields = ["claim", "author", "body", "created_at"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False


class ClaimInline(admin.TabularInline[Claim, Article]):
    model = Claim
    extra = 0
    fields = readonly_fields = (
        "statement",
        "type",
        "status",
        "claimant",
        "score",
        "origin",
        "assignee",
    )
    show_change_link = True
    can_delete = False
    ordering = ["start"]

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def get_queryset(self, request: HttpRequest) -> QuerySet[Claim]:
        return super().get_queryset(request).select_related("assignee")


# The articles app's admin, with the article's claims and the deletion rule that needs them.
admin.site.unregister(Article)


@admin.register(Article)
class ArticleWithClaimsAdmin(ArticleAdmin):
    inlines = [ClaimInline]

    def has_delete_permission(self, request: HttpRequest, obj: Article | None = None) -> bool:
        # Deleting an article deletes its claims: not once any of them carries a verdict.
        return super().has_delete_permission(request, obj) and (
            obj is None or not obj.claims.filter(verdicts__isnull=False).exists()
        )
