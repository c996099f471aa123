"""How a service's refusal reaches a person on the web: one text and one status for every
page and the admin. (The API's mapping is one too: factcheck/api/exceptions.py.)"""

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from factcheck.versioning import ConflictError

# What a service raises when it says no; anything else is a bug and stays a 500.
REFUSALS = (PermissionDenied, ValidationError, ConflictError)


def refusal_text(exc: Exception) -> str:
    return " ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)


def refusal_status(exc: Exception) -> int:
    if isinstance(exc, ConflictError):
        return 409
    return 403 if isinstance(exc, PermissionDenied) else 400


def refused_back(request: HttpRequest, exc: Exception, to: Any) -> HttpResponse:
    """For an action posted from a page: say why on that page, shown again."""
    messages.error(request, refusal_text(exc))
    return redirect(to)
