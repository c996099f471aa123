"""The admin edits through the same services as the web UI and the API.

Workflow fields (status, approver, published dates) are read-only here and change only
through the actions, which call the services, so the four-eyes rule holds in the admin too.
"""

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Model, QuerySet
from django.forms import ModelForm
from django.http import HttpRequest, HttpResponse
from simple_history.admin import SimpleHistoryAdmin

from factcheck.claims import services
from factcheck.claims.models import Claim, Comment, Rating, Source, Verdict


def _run(request: HttpRequest, action: Any, queryset: QuerySet[Any], **kwargs: Any) -> None:
    """Apply a service to each selected row and report every refusal by name."""
    done = 0
    for obj in queryset:
        try:
            action(obj, **kwargs)
            done += 1
        except (PermissionDenied, ValidationError, services.ConflictError) as exc:
            text = "; ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
            messages.error(request, f"{obj}: {text}")
    if done:
        messages.success(request, f"Done for {done} of {len(queryset)}.")


class VersionedForm(ModelForm[Any]):
    """Carries the version the person loaded, so that saving on top of someone else's
    change is a conflict, not a silent overwrite (the services compare it)."""

    loaded_version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["loaded_version"].initial = self.instance.version


class ServiceAdmin(SimpleHistoryAdmin):
    """Edits through the services; their refusals are shown as messages; the history is
    read-only; deleting follows `services.may_delete`."""

    def change_view(
        self,
        request: HttpRequest,
        object_id: str,
        form_url: str = "",
        extra_context: dict[str, Any] | None = None,
    ) -> Any:
        try:
            return super().change_view(request, object_id, form_url, extra_context)
        except (PermissionDenied, ValidationError, services.ConflictError) as exc:
            obj = self.get_object(request, object_id)
            if request.method != "POST" or obj is None:
                raise  # the admin's own refusal (403), not a service's: nothing was saved
            text = "; ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
            messages.error(request, text)
            return self.response_post_save_change(request, obj)

    def history_form_view(
        self,
        request: HttpRequest,
        object_id: str,
        version_id: str,
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        # SIMPLE_HISTORY_REVERT_DISABLED only hides the button: the page still saves what
        # is posted to it. A past version is for reading.
        if request.method not in ("GET", "HEAD"):
            raise PermissionDenied("Past versions can be read, not saved.")
        return super().history_form_view(request, object_id, version_id, extra_context)

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return super().has_delete_permission(request, obj) and (
            obj is None or services.may_delete(obj)
        )


@admin.register(Rating)
class RatingAdmin(admin.ModelAdmin[Rating]):
    list_display = ["label", "slug", "value", "order", "colour"]
    list_editable = ["order"]
    prepopulated_fields = {"slug": ["label"]}
    search_fields = ["label", "description"]


class SourceInline(admin.TabularInline[Source, Claim]):
    model = Source
    extra = 0
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
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class VerdictInline(admin.TabularInline[Verdict, Claim]):
    model = Verdict
    extra = 0
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
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class CommentInline(admin.TabularInline[Comment, Claim]):
    model = Comment
    extra = 0
    fields = readonly_fields = ("author", "body", "created_at")
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


CLAIM_ADMIN_EDITABLE = (*services.CLAIM_EDITABLE_FIELDS, "assignee", "loaded_version")


@admin.register(Claim)
class ClaimAdmin(ServiceAdmin):
    form = VersionedForm
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
    # Everything but what the services let the admin change, and the form's loaded version.
    readonly_fields = [f for f in fields if f not in CLAIM_ADMIN_EDITABLE]
    inlines = [SourceInline, VerdictInline, CommentInline]
    actions = ["dismiss_not_checkworthy", "restore"]

    @admin.display(description="statement", ordering="statement")
    def statement_short(self, obj: Claim) -> str:
        return obj.statement[:90]

    def has_add_permission(self, request: HttpRequest) -> bool:
        # Claims come from an article's text; add them from the article page.
        return False

    def save_model(
        self, request: HttpRequest, obj: Claim, form: ModelForm[Claim], change: bool
    ) -> None:
        saved = Claim.objects.get(pk=obj.pk)
        version = form.cleaned_data["loaded_version"]
        edits = {
            f: form.cleaned_data[f]
            for f in services.CLAIM_EDITABLE_FIELDS
            if f in form.changed_data
        }
        if edits:
            saved = services.claim_update(
                claim=saved, actor=request.user, expected_version=version, **edits
            )
            version = saved.version
        if "assignee" in form.changed_data:
            services.claim_assign(
                claim=saved,
                actor=request.user,
                assignee=form.cleaned_data["assignee"],
                expected_version=version,
            )

    @admin.action(description="Dismiss as not check-worthy")
    def dismiss_not_checkworthy(self, request: HttpRequest, queryset: QuerySet[Claim]) -> None:
        _run(
            request,
            lambda c: services.claim_dismiss(
                claim=c, actor=request.user, reason="Not check-worthy (dismissed in the admin)."
            ),
            queryset,
        )

    @admin.action(description="Restore dismissed claims")
    def restore(self, request: HttpRequest, queryset: QuerySet[Claim]) -> None:
        _run(request, lambda c: services.claim_restore(claim=c, actor=request.user), queryset)


@admin.register(Source)
class SourceAdmin(ServiceAdmin):
    form = VersionedForm
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
    readonly_fields = [
        "claim",
        "url",
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
        "created_at",
        "updated_at",
    ]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def save_model(
        self, request: HttpRequest, obj: Source, form: ModelForm[Source], change: bool
    ) -> None:
        saved = Source.objects.get(pk=obj.pk)
        edits = {
            f: form.cleaned_data[f]
            for f in services.SOURCE_EDITABLE_FIELDS
            if f in form.changed_data
        }
        if edits:
            services.source_update(
                source=saved,
                actor=request.user,
                expected_version=form.cleaned_data["loaded_version"],
                **edits,
            )


@admin.register(Verdict)
class VerdictAdmin(ServiceAdmin):
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
    readonly_fields = [
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
        "version",
        "created_at",
        "updated_at",
    ]
    actions = ["approve_and_publish"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        # Verdicts are drafted on the claim page, where the author is the person writing.
        return False

    @admin.action(description="Approve and publish (not your own verdicts)")
    def approve_and_publish(self, request: HttpRequest, queryset: QuerySet[Verdict]) -> None:
        _run(request, lambda v: services.verdict_approve(verdict=v, actor=request.user), queryset)


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin[Comment]):
    list_display = ["body", "author", "claim", "created_at"]
    search_fields = ["body"]
    list_select_related = ["author", "claim"]
    readonly_fields = ["claim", "author", "body", "created_at"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False
