from django.contrib import admin
from django.http import HttpRequest

from factcheck.jobs.models import Job


@admin.register(Job)
class JobAdmin(admin.ModelAdmin[Job]):
    """Read-only: what was queued, when it reached the broker, and why it has not yet."""

    list_display = ["id", "task", "args", "created_at", "dispatched_at", "attempts", "last_error"]
    list_filter = [("dispatched_at", admin.EmptyFieldListFilter)]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Job | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Job | None = None) -> bool:
        return False
