"""Subscribers are managed here; deliveries are a read-only log of what was sent and answered."""

from typing import Any

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy, ngettext

from factcheck.webhooks import services
from factcheck.webhooks.models import Delivery, Subscriber

DELIVERY_FIELDS: list[str] = [
    "subscriber",
    "event",
    "event_id",
    "status",
    "attempts",
    "response_status",
    "response_body",
    "error",
    "payload",
    "created_at",
    "last_attempt_at",
    "delivered_at",
]


class DeliveryInline(admin.TabularInline[Delivery, Subscriber]):
    model = Delivery
    fields = ["created_at", "event", "status", "attempts", "response_status", "error"]
    readonly_fields = ["created_at", "event", "status", "attempts", "response_status", "error"]
    extra = 0
    max_num = 0
    can_delete = False
    show_change_link = True
    ordering = ["-created_at", "-id"]


@admin.register(Subscriber)
class SubscriberAdmin(admin.ModelAdmin[Subscriber]):
    list_display = ["name", "url", "is_active", "paused_at", "consecutive_failures"]
    list_filter = ["is_active"]
    search_fields = ["name", "url"]
    fields = [
        "name",
        "url",
        "secret",
        "is_active",
        "paused_at",
        "paused_reason",
        "consecutive_failures",
        "created_at",
    ]
    readonly_fields = ["paused_at", "paused_reason", "consecutive_failures", "created_at"]
    inlines = [DeliveryInline]
    actions = ["resume"]

    @admin.action(description=gettext_lazy("Resume the selected paused subscribers"))
    def resume(self, request: HttpRequest, queryset: QuerySet[Subscriber]) -> None:
        count = len(queryset)
        for subscriber in queryset:
            services.subscriber_resume(subscriber=subscriber)
        messages.success(
            request,
            ngettext("Resumed %(count)s subscriber.", "Resumed %(count)s subscribers.", count)
            % {"count": count},
        )


@admin.register(Delivery)
class DeliveryAdmin(admin.ModelAdmin[Delivery]):
    list_display = [
        "created_at",
        "subscriber",
        "event",
        "status",
        "attempts",
        "response_status",
        "last_attempt_at",
    ]
    list_filter = ["status", "event", "subscriber"]
    list_select_related = ["subscriber"]
    search_fields = ["event_id", "error"]
    fields = list(DELIVERY_FIELDS)
    readonly_fields = list(DELIVERY_FIELDS)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # deliveries come from events

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # a log: what was sent and answered stays as it was
