from typing import Any

from django.http import HttpRequest

from factcheck.notifications.models import Notification


def unread_notifications(request: HttpRequest) -> dict[str, Any]:
    """The header's count, read only when a template shows it."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}

    def count() -> int:
        return Notification.objects.for_user(user).unread().count()

    return {"unread_notifications": count}
