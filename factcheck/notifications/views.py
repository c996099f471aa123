"""The person's notifications: the list, the count in the header, marking read, and the
on/off choice per kind."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from factcheck.notifications import services
from factcheck.notifications.models import Kind, Notification, Preference

LIST_LENGTH = 100


@login_required
def notification_list(request: HttpRequest) -> HttpResponse:
    notifications = Notification.objects.for_user(request.user).select_related("actor")[
        :LIST_LENGTH
    ]
    chosen = {p.kind: p for p in Preference.objects.filter(user_id=request.user.pk or 0)}
    preferences = [
        (kind, label, chosen[kind].in_app if kind in chosen else True,
         chosen[kind].email if kind in chosen else True)
        for kind, label in Kind.choices
    ]  # fmt: skip
    context = {"notifications": notifications, "preferences": preferences}
    return render(request, "notifications/notification_list.html", context)


@login_required
def notification_count(request: HttpRequest) -> HttpResponse:
    """The header's badge, polled with htmx."""
    unread = Notification.objects.for_user(request.user).unread().count()
    return render(request, "notifications/notification_list.html#count", {"unread": unread})


@login_required
@require_POST
def notifications_read(request: HttpRequest) -> HttpResponse:
    ids = [int(v) for v in request.POST.getlist("ids") if v.isdigit()] or None
    services.notifications_mark_read(user=request.user, ids=ids)  # type: ignore[arg-type]
    return redirect("notification_list")


@login_required
@require_POST
def preferences_save(request: HttpRequest) -> HttpResponse:
    for kind in Kind.values:
        services.preference_set(
            user=request.user,  # type: ignore[arg-type]
            kind=kind,
            in_app=request.POST.get(f"{kind}-in_app") == "on",
            email=request.POST.get(f"{kind}-email") == "on",
        )
    messages.success(request, _("Notification settings saved."))
    return redirect("notification_list")
