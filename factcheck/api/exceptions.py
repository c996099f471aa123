"""Errors: every failure becomes a JSON answer with the right status, never an HTML 500."""

import logging
from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import RequestDataTooBig, SuspiciousOperation
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import DataError
from django.db.models import Model
from django.http import Http404
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework import exceptions
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler
from rest_framework.views import set_rollback

from factcheck.api.etags import PreconditionFailed, etag_for
from factcheck.claims.services import ConflictError, WorkflowError

logger = logging.getLogger(__name__)


class RequestTooLarge(exceptions.APIException):
    status_code = 413
    default_code = "request_too_large"

    def __init__(self) -> None:
        super().__init__(
            _("The request is too large; the limit is %(limit)s bytes.")
            % {"limit": number_format(settings.DATA_UPLOAD_MAX_MEMORY_SIZE, force_grouping=True)}
        )


class InvalidCursor(exceptions.ParseError):
    default_detail = gettext_lazy(
        "The page cursor is not valid: follow the `next` and `previous` links."
    )
    default_code = "invalid_cursor"


SERVER_ERROR = {
    "detail": gettext_lazy(
        "Something went wrong on our side; it has been logged. Try again later."
    ),
    "code": "server_error",
}


def _as_json(value: Any) -> Any:
    """A JSON-friendly form of a field value, for the `changes` of a conflict."""
    if isinstance(value, Model):
        return value.pk
    if isinstance(value, datetime | date):
        return value.isoformat()
    if value is None or isinstance(value, str | int | float | bool | list | dict):
        return value
    return str(value)


def _flat_errors(data: Any) -> dict[str, list[str]]:
    """DRF's field errors as {field: [message, ...]}, whatever shape the serializer gave."""
    if not isinstance(data, Mapping):
        return {"non_field_errors": [str(item) for item in _as_list(data)]}
    return {str(field): [str(item) for item in _as_list(value)] for field, value in data.items()}


def _as_list(value: Any) -> list[Any]:
    if isinstance(value, list | tuple):
        return list(value)
    if isinstance(value, Mapping):
        return [f"{key}: {'; '.join(map(str, _as_list(item)))}" for key, item in value.items()]
    return [value]


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """One error shape everywhere: {"detail", "code"} plus "errors" or "changes"."""
    if isinstance(exc, ConflictError):
        changes = {
            field: {"yours": _as_json(yours), "current": _as_json(current)}
            for field, (yours, current) in exc.changes.items()
        }
        return Response(
            {"detail": str(exc), "code": "conflict", "changes": changes},
            status=412,
            headers={"ETag": etag_for(exc.current)},  # type: ignore[arg-type]
        )
    if isinstance(exc, DjangoValidationError):
        data: dict[str, Any] = {
            "detail": " ".join(exc.messages),
            "code": "workflow" if isinstance(exc, WorkflowError) else "invalid",
        }
        if hasattr(exc, "error_dict"):
            data["errors"] = exc.message_dict
        return Response(data, status=400)
    if isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied(str(exc) or None)
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound(str(exc) or None)
    elif isinstance(exc, RequestDataTooBig):
        exc = RequestTooLarge()
    elif isinstance(exc, DataError):
        # A value the database cannot hold or compare (a NUL character in a looked-up
        # slug): the client's input, not our fault. The transaction is rolled back.
        set_rollback()
        exc = exceptions.ParseError(_("A value in the request cannot be read (a NUL character?)."))
    elif isinstance(exc, SuspiciousOperation):  # e.g. too many query fields: Django's 400
        logging.getLogger(f"django.security.{type(exc).__name__}").error(str(exc))
        exc = exceptions.ParseError(str(exc) or _("The request is not valid."))
    response = drf_exception_handler(exc, context)
    if response is None or not isinstance(exc, exceptions.APIException):
        # A bug or an outage, not the client's doing: logged with its traceback, as
        # Django would, and answered in the API's shape rather than the site's HTML page.
        request = context.get("request")
        logger.error(
            "Internal Server Error: %s",
            getattr(request, "path", "?"),
            exc_info=(type(exc), exc, exc.__traceback__),
        )
        set_rollback()
        return Response(SERVER_ERROR, status=500)
    if isinstance(exc, exceptions.ValidationError):
        errors = _flat_errors(exc.detail)
        fields = ", ".join(name for name in errors if name != "non_field_errors")
        messages = errors.get("non_field_errors", [])
        detail = " ".join(messages) or _("Some fields are not valid: %(fields)s.") % {
            "fields": fields
        }
        response.data = {"detail": detail, "code": "invalid", "errors": errors}
    elif isinstance(exc, exceptions.ParseError):
        # A 400 always names what is wrong in `errors`: the body, or a query parameter.
        field = "cursor" if isinstance(exc, InvalidCursor) else "non_field_errors"
        response.data = {
            "detail": str(exc.detail),
            "code": exc.default_code,
            "errors": {field: [str(exc.detail)]},
        }
    else:
        codes = exc.get_codes()
        response.data = {
            "detail": str(exc.detail),
            "code": codes if isinstance(codes, str) else exc.default_code,
        }
    if isinstance(exc, PreconditionFailed) and exc.current is not None:
        response["ETag"] = etag_for(exc.current)
    return response
