"""How a service's refusal becomes a page: the workspace again, with the reason shown."""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.db.models import Model
from django.forms import Form
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect

from factcheck.claims import services
from factcheck.claims.access import get_claim_for_user
from factcheck.claims.models import Claim
from factcheck.claims.views.workspace import workspace
from factcheck.refusals import refusal_status, refusal_text


def _back(claim: Claim, section: str = "") -> HttpResponse:
    return redirect(claim.get_absolute_url() + (f"#{section}" if section else ""))


def _refused(request: HttpRequest, claim: Claim, exc: Exception, **forms: Any) -> HttpResponse:
    """Show the page again with the refusal and the person's input kept in its form."""
    messages.error(request, refusal_text(exc))
    return workspace(request, claim, status=refusal_status(exc), **forms)


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
            (_label(form, name), _as_shown(mine), _as_shown(saved))
            for name, (mine, saved) in exc.changes.items()
        ],
    }
    # No flash message: the conflict panel says it, with the values side by side.
    fresh = get_claim_for_user(request, claim.pk)
    return workspace(request, fresh, status=409, conflict=conflict, **{form_key: form})


def _label(form: Form, name: str) -> str:
    field = form.fields.get(name)
    return str(field.label) if field and field.label else name.replace("_", " ").capitalize()


def _as_shown(value: Any) -> str:
    """A field value as the conflict message shows it to a person: labels, not codes."""
    if isinstance(value, Model):
        return str(value)
    if value in (None, ""):
        return "—"
    if isinstance(value, str) and value in Claim.Type.values:
        return str(Claim.Type(value).label)
    return str(value)


def _version(request: HttpRequest) -> int | None:
    try:
        return int(request.POST.get("version", ""))
    except ValueError:
        return None
