"""Feeds and the "Seen again" queue in the admin, written through the services."""

from typing import Any

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.forms import ModelForm
from django.http import HttpRequest
from django.utils.translation import gettext_lazy, ngettext, ngettext_lazy
from django_stubs_ext import StrPromise

from factcheck.adminkit import REFUSALS, RefusalsShown, Refused, VersionedForm, refusal_text
from factcheck.monitoring import services
from factcheck.monitoring.models import Feed, FeedItem, Sighting

# What an action says it did, singular and plural.
PUBLISHED = ngettext_lazy("%(count)s published.", "%(count)s published.", "count")
DISMISSED = ngettext_lazy("%(count)s dismissed.", "%(count)s dismissed.", "count")

STATUS_FIELDS = (
    "kind", "last_checked_at", "last_new_item_at", "last_error", "failures", "paused_at",
    "items_seen", "next_poll_at", "created_by", "created_at",
)  # fmt: skip


@admin.register(Feed)
class FeedAdmin(RefusalsShown, admin.ModelAdmin[Feed]):
    """Feeds have no history table (every poll would write a row): a plain admin, saving
    through the services like ServiceAdmin."""

    form = VersionedForm
    list_display = ["name", "url", "kind", "enabled", "state", "last_checked_at", "items_seen"]
    list_filter = ["enabled", "kind"]
    search_fields = ["name", "url"]
    fields = [
        "name", "url", "folder", "interval_minutes", "enabled", "loaded_version", *STATUS_FIELDS,
    ]  # fmt: skip
    readonly_fields = STATUS_FIELDS
    actions = ["resume"]

    def save_model(
        self, request: HttpRequest, obj: Feed, form: ModelForm[Any], change: bool
    ) -> None:
        data: dict[str, Any] = {f: form.cleaned_data[f] for f in services.FEED_FIELDS}
        data["url"] = data["url"] or ""  # the model keeps None for "no address"
        try:
            if not change:
                obj.pk = services.feed_create(actor=request.user, **data).pk
                return
            changes = {f: v for f, v in data.items() if f in form.changed_data}
            if changes:
                saved = Feed.objects.get(pk=obj.pk)
                services.feed_update(
                    feed=saved,
                    actor=request.user,
                    expected_version=form.cleaned_data["loaded_version"],
                    **changes,
                )
        except REFUSALS as exc:
            raise Refused(refusal_text(exc)) from exc

    @admin.action(description=gettext_lazy("Resume the selected feeds (poll them again now)"))
    def resume(self, request: HttpRequest, queryset: QuerySet[Feed]) -> None:
        count = len(queryset)
        for feed in queryset:
            services.feed_resume(feed=feed, actor=request.user)
        messages.success(
            request,
            ngettext("%(count)s feed resumed.", "%(count)s feeds resumed.", count)
            % {"count": count},
        )


@admin.register(FeedItem)
class FeedItemAdmin(admin.ModelAdmin[FeedItem]):
    """What each feed brought: read-only (the poller writes it)."""

    list_display = ["title", "feed", "url", "article", "note", "created_at"]
    list_filter = ["feed"]
    search_fields = ["title", "url", "guid"]
    list_select_related = ["feed", "article"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Sighting)
class SightingAdmin(admin.ModelAdmin[Sighting]):
    """The "Seen again" queue; publishing and dismissing go through the services."""

    list_display = ["claim", "original", "factcheck", "confidence", "status", "created_at"]
    list_filter = ["status"]
    list_select_related = ["claim", "original", "factcheck"]
    raw_id_fields = ["claim", "original", "factcheck"]
    actions = ["publish", "dismiss"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    @admin.action(description=gettext_lazy("Publish the selected as appearances"))
    def publish(self, request: HttpRequest, queryset: QuerySet[Sighting]) -> None:
        self._each(request, queryset, services.sighting_publish, PUBLISHED)

    @admin.action(description=gettext_lazy("Dismiss the selected (not the same claim)"))
    def dismiss(self, request: HttpRequest, queryset: QuerySet[Sighting]) -> None:
        self._each(request, queryset, services.sighting_dismiss, DISMISSED)

    def _each(
        self, request: HttpRequest, queryset: QuerySet[Sighting], service: Any, done: StrPromise
    ) -> None:
        count = 0
        for sighting in queryset:
            try:
                service(sighting=sighting, actor=request.user)
                count += 1
            except REFUSALS as exc:
                messages.error(request, f"{sighting}: {refusal_text(exc)}")
        if count:
            messages.success(request, done % {"count": count})
