"""What every endpoint of the API shares: errors, ETags and preconditions, paging, permissions.

The rules themselves live in the services; this module only translates between HTTP and
them: `PermissionDenied` -> 403, `ValidationError`/`WorkflowError` -> 400 with the message,
`ConflictError` -> 412 with the fields that changed, a write without `If-Match` -> 428.
Bad input is never a 500: JSON nested too deeply and a tampered cursor are 400s, a body
past `DATA_UPLOAD_MAX_MEMORY_SIZE` a 413; whatever else fails is logged and answered
with a 500 in the same JSON shape.
"""

import hashlib
import logging
import math
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from typing import Any

import django_filters
from django import forms
from django.conf import settings
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import RequestDataTooBig, SuspiciousOperation
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import DataError, models
from django.db.models import Model
from django.http import Http404, HttpResponseNotModified
from django.utils.http import parse_etags, quote_etag
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema_field
from rest_framework import exceptions, serializers
from rest_framework.pagination import Cursor, CursorPagination
from rest_framework.permissions import BasePermission
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView, set_rollback
from rest_framework.views import exception_handler as drf_exception_handler

from factcheck.claims.exports import parse_since
from factcheck.claims.models import Claim, Source, Verdict
from factcheck.claims.services import ConflictError, WorkflowError

# The models with an optimistic-lock `version`, the ones the API reads and writes by ETag.
type Versioned = Claim | Source | Verdict


logger = logging.getLogger(__name__)


# Errors


class RequestTooLarge(exceptions.APIException):
    status_code = 413
    default_code = "request_too_large"

    def __init__(self) -> None:
        super().__init__(
            f"The request is too large; the limit is {settings.DATA_UPLOAD_MAX_MEMORY_SIZE:,} "
            "bytes."
        )


class InvalidCursor(exceptions.ParseError):
    default_detail = "The page cursor is not valid: follow the `next` and `previous` links."
    default_code = "invalid_cursor"


SERVER_ERROR = {
    "detail": "Something went wrong on our side; it has been logged. Try again later.",
    "code": "server_error",
}


class PreconditionRequired(exceptions.APIException):
    status_code = 428
    default_detail = (
        "This change needs an If-Match header carrying the ETag of the version you read: "
        "GET the object, then send its ETag back."
    )
    default_code = "precondition_required"


class PreconditionFailed(exceptions.APIException):
    status_code = 412
    default_detail = "Your copy is out of date: GET the object again and retry with its ETag."
    default_code = "precondition_failed"

    def __init__(self, detail: str | None = None, *, current: Versioned | None = None) -> None:
        super().__init__(detail)
        self.current = current


def _plain(value: Any) -> Any:
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
            field: {"yours": _plain(yours), "current": _plain(current)}
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
        exc = exceptions.ParseError("A value in the request cannot be read (a NUL character?).")
    elif isinstance(exc, SuspiciousOperation):  # e.g. too many query fields: Django's 400
        logging.getLogger(f"django.security.{type(exc).__name__}").error(str(exc))
        exc = exceptions.ParseError(str(exc) or "The request is not valid.")
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
        detail = " ".join(messages) or f"Some fields are not valid: {fields}."
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


# ETags and preconditions


def etag_for(obj: Versioned, version: int | None = None) -> str:
    """The ETag of one version of an object: a hash of (model, pk, version)."""
    number = obj.version if version is None else version
    digest = hashlib.sha256(f"{obj._meta.label_lower}:{obj.pk}:{number}".encode()).hexdigest()
    return quote_etag(digest[:32])


def content_etag(content: bytes) -> str:
    return quote_etag(hashlib.sha256(content).hexdigest()[:32])


def expected_version(request: Request, obj: Versioned) -> int:
    """The version the client read, from the ETag it sends back in If-Match.

    The services compare it with the row they lock, so a stale copy is refused there
    (ConflictError, with the fields that changed) and the check cannot race.
    """
    header = request.headers.get("If-Match", "").strip()
    if not header:
        raise PreconditionRequired()
    tags = parse_etags(header)
    if tags == ["*"]:
        # RFC 9110: "*" matches any current representation, so the client takes the
        # version as it is now, knowingly (last write wins for this request).
        return obj.version
    # ETags are opaque hashes; the versions an object went through are few, so the one
    # the client holds is found by hashing each of them.
    for version in range(obj.version, 0, -1):
        if etag_for(obj, version) in tags:
            return version
    raise PreconditionFailed(
        f"If-Match does not name any version of this {obj._meta.verbose_name}: GET it again "
        "and retry with its ETag.",
        current=obj,
    )


class ConditionalMixin(APIView):
    """ETag on every successful read, 304 for a client whose copy is current.

    Detail views of versioned objects set the version ETag themselves (the one If-Match
    checks); other reads get a hash of their body.
    """

    def finalize_response(self, request: Request, response: Any, *args: Any, **kwargs: Any) -> Any:
        response = super().finalize_response(request, response, *args, **kwargs)
        if request.method not in ("GET", "HEAD") or response.status_code != 200:
            return response
        if not isinstance(response, Response):
            return response  # streamed exports
        if not response.has_header("ETag"):
            response.render()
            response["ETag"] = content_etag(response.content)
        none_match = request.headers.get("If-None-Match")
        if none_match:
            # Weak comparison, as RFC 9110 asks for If-None-Match.
            tags = {tag.removeprefix("W/") for tag in parse_etags(none_match)}
            if "*" in tags or response["ETag"] in tags:
                not_modified = HttpResponseNotModified()
                not_modified["ETag"] = response["ETag"]
                return not_modified
        return response


def with_etag(response: Response, obj: Versioned) -> Response:
    response["ETag"] = etag_for(obj)
    return response


# Filters


class SinceField(forms.CharField):
    """A date (taken as midnight UTC) or an ISO 8601 date and time."""

    def to_python(self, value: Any) -> Any:
        value = super().to_python(value)
        if not value:
            return None
        try:
            return parse_since(value)
        except ValueError as exc:
            # The message quotes the input, which may hold a "%": as a parameter it is not
            # read as a format (django-filter formats each message with its params).
            raise forms.ValidationError("%(error)s", params={"error": str(exc)}) from None


@extend_schema_field(OpenApiTypes.STR)
class SinceFilter(django_filters.Filter):
    field_class = SinceField

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("lookup_expr", "gte")
        kwargs.setdefault(
            "help_text", "Changed at or after this time: YYYY-MM-DD or ISO 8601 date-time."
        )
        super().__init__(*args, **kwargs)


# Paging and permissions


# The largest primary key PostgreSQL's bigint holds: a cursor past it is not one we made.
MAX_ID = 2**63 - 1


class IdCursorPagination(CursorPagination):
    """Cursor pages over the primary key (or the ordering a subclass picks): stable while
    rows are added, cheap at any depth.

    A cursor comes back from the client, so it is checked like any input: DRF answers a
    malformed one with 404 and passes any position to the database (a 500 for `p=abc`);
    here both are a 400 and the position must be a value of the field the pages are
    ordered by (a primary key, a score, a time).
    """

    ordering = "id"
    page_size_query_param = "page_size"
    max_page_size = 200

    def paginate_queryset(self, queryset: Any, request: Request, view: Any = None) -> Any:
        self._model = queryset.model  # what decode_cursor checks the position against
        return super().paginate_queryset(queryset, request, view)

    def decode_cursor(self, request: Request) -> Cursor | None:
        try:
            cursor = super().decode_cursor(request)
        except exceptions.NotFound:
            raise InvalidCursor() from None
        if cursor is not None and cursor.position is not None:
            self._check_position(str(cursor.position))
        return cursor

    def _check_position(self, position: str) -> None:
        ordering = self.ordering if isinstance(self.ordering, str) else self.ordering[0]
        field = self._model._meta.get_field(ordering.lstrip("-"))
        if isinstance(field, models.AutoField | models.IntegerField | models.ForeignKey):
            if not (position.isascii() and position.isdigit() and int(position) <= MAX_ID):
                raise InvalidCursor()
            return
        try:
            value = field.to_python(position)
        except (DjangoValidationError, ValueError, OverflowError):
            raise InvalidCursor() from None
        if value is None or (isinstance(value, float) and not math.isfinite(value)):
            raise InvalidCursor()


class NewestFirstPagination(IdCursorPagination):
    ordering = "-id"


class ActionPermission(BasePermission):
    """The model permission an action needs (`view.required_perms[action]`).

    A first, cheap gate so that a data consumer's token (no group) can read the exports
    and nothing else; the services check permissions again with the workflow rules.
    """

    def has_permission(self, request: Request, view: Any) -> bool:
        user = request.user
        if not (user and user.is_authenticated):
            return False
        perms: Mapping[str, str] = getattr(view, "required_perms", {})
        perm = perms.get(getattr(view, "action", None) or request.method.lower())  # type: ignore[union-attr]
        return perm is None or user.has_perm(perm)


# Documentation of errors and headers


class ChangeSerializer(serializers.Serializer[Any]):
    yours = serializers.JSONField(help_text="The value you sent.")
    current = serializers.JSONField(help_text="The value saved meanwhile.")


class ErrorSerializer(serializers.Serializer[Any]):
    detail = serializers.CharField(help_text="What went wrong, in a sentence for people.")
    code = serializers.CharField(help_text="A stable code for programs, e.g. `conflict`.")
    # Shadows Serializer.errors on purpose: this serializer only documents the shape.
    errors = serializers.DictField(  # type: ignore[assignment]
        child=serializers.ListField(child=serializers.CharField()),
        required=False,
        help_text="400: the messages for each field that is not valid.",
    )
    changes = serializers.DictField(
        child=ChangeSerializer(),
        required=False,
        help_text="412: each field that differs between your copy and the saved one.",
    )


ERROR_DESCRIPTIONS = {
    400: "Not valid, or the workflow does not allow it now: `detail` says why, `errors` "
    "names the fields (or `cursor`, or `non_field_errors` for a body that is not JSON).",
    401: "No valid credentials: send `Authorization: Token <key>`, or log in.",
    403: "Authenticated, but not allowed: the role lacks the permission, or the four-eyes "
    "rule forbids it (nobody approves a verdict they helped write).",
    404: "No such object.",
    412: "Your copy is stale: someone saved the object since you read it. `changes` lists "
    "the fields that differ; the current ETag is in the ETag header.",
    428: "The change needs an If-Match header with the ETag you read.",
    413: "The request body is larger than the server reads (`DATA_UPLOAD_MAX_MEMORY_SIZE`).",
    429: "Too many requests for your token; wait the seconds named in Retry-After. Every "
    "throttled answer carries RateLimit-Limit, RateLimit-Remaining and RateLimit-Reset.",
    500: "Our fault, not yours: the error is logged; `code` is `server_error`.",
}


def errors(*codes: int) -> dict[int, OpenApiResponse]:
    """Documented error responses, always with 401, 429 and 500 (any endpoint may give them)."""
    wanted = sorted({401, 429, 500, *codes})
    return {
        code: OpenApiResponse(ErrorSerializer, description=ERROR_DESCRIPTIONS[code])
        for code in wanted
    }


ETAG_HEADER = OpenApiParameter(
    "ETag",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    response=[200, 201],
    description="The version you now hold; send it back in If-Match to change the object.",
)
IF_MATCH = OpenApiParameter(
    "If-Match",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    required=True,
    description="The ETag of the version you read. Missing: 428; stale: 412. `*` matches "
    "whatever version is current (RFC 9110).",
)
IF_NONE_MATCH = OpenApiParameter(
    "If-None-Match",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    description="An ETag you hold: 304 Not Modified when it is still current.",
)
NOT_MODIFIED = {304: OpenApiResponse(description="Your copy (If-None-Match) is current.")}


def document_input_errors(result: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
    """A drf-spectacular hook, for errors that come from the kind of input rather than the
    view: an operation that takes a body may answer 413, a paged one 400 (its cursor)."""

    def error(status: int) -> dict[str, Any]:
        schema = {"$ref": "#/components/schemas/Error"}
        return {
            "content": {"application/json": {"schema": schema}},
            "description": ERROR_DESCRIPTIONS[status],
        }

    for operations in result.get("paths", {}).values():
        for operation in operations.values():
            if not isinstance(operation, dict):
                continue
            responses = operation.setdefault("responses", {})
            if "requestBody" in operation:
                responses.setdefault("413", error(413))
            if any(param.get("name") == "cursor" for param in operation.get("parameters", [])):
                responses.setdefault("400", error(400))
    return result


def read_responses(ok: Any, *codes: int) -> dict[int, Any]:
    return {200: ok, **NOT_MODIFIED, **errors(*codes)}


def choices_help(values: Iterable[str]) -> str:
    return ", ".join(f"`{value}`" for value in values)
