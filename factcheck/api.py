"""What every endpoint of the API shares: errors, ETags and preconditions, paging, permissions.

The rules themselves live in the services; this module only translates between HTTP and
them: `PermissionDenied` -> 403, `ValidationError`/`WorkflowError` -> 400 with the message,
`ConflictError` -> 412 with the fields that changed, a write without `If-Match` -> 428.
"""

import hashlib
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from typing import Any

import django_filters
from django import forms
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Model
from django.http import Http404, HttpResponseNotModified
from django.utils.http import parse_etags, quote_etag
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema_field
from rest_framework import exceptions, serializers
from rest_framework.pagination import CursorPagination
from rest_framework.permissions import BasePermission
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView
from rest_framework.views import exception_handler as drf_exception_handler

from factcheck.claims.exports import parse_since
from factcheck.claims.models import Claim, Source, Verdict
from factcheck.claims.services import ConflictError, WorkflowError

# The models with an optimistic-lock `version`, the ones the API reads and writes by ETag.
type Versioned = Claim | Source | Verdict


# Errors


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
    response = drf_exception_handler(exc, context)
    if response is None or not isinstance(exc, exceptions.APIException):
        return response  # not ours to describe: Django reports it as a server error
    if isinstance(exc, exceptions.ValidationError):
        errors = _flat_errors(exc.detail)
        fields = ", ".join(name for name in errors if name != "non_field_errors")
        messages = errors.get("non_field_errors", [])
        detail = " ".join(messages) or f"Some fields are not valid: {fields}."
        response.data = {"detail": detail, "code": "invalid", "errors": errors}
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
        raise PreconditionRequired(
            "If-Match: * does not say which version you read; send the ETag you got."
        )
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
            # Through params: the message quotes the value, which may hold a '%'.
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


class IdCursorPagination(CursorPagination):
    """Cursor pages over the primary key: stable while rows are added, cheap at any depth."""

    ordering = "id"
    page_size_query_param = "page_size"
    max_page_size = 200


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
    "names the fields.",
    401: "No valid credentials: send `Authorization: Token <key>`, or log in.",
    403: "Authenticated, but not allowed: the role lacks the permission, or the four-eyes "
    "rule forbids it (nobody approves a verdict they helped write).",
    404: "No such object, or an invalid page cursor.",
    412: "Your copy is stale: someone saved the object since you read it. `changes` lists "
    "the fields that differ; the current ETag is in the ETag header.",
    428: "The change needs an If-Match header with the ETag you read.",
    429: "Too many requests for your token; wait the seconds named in Retry-After.",
}


def errors(*codes: int) -> dict[int, OpenApiResponse]:
    """Documented error responses, always with 401 and 429 (every endpoint may give them)."""
    wanted = sorted({401, 429, *codes})
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
    description="The ETag of the version you read. Missing: 428; stale: 412.",
)
IF_NONE_MATCH = OpenApiParameter(
    "If-None-Match",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    description="An ETag you hold: 304 Not Modified when it is still current.",
)
NOT_MODIFIED = {304: OpenApiResponse(description="Your copy (If-None-Match) is current.")}


def read_responses(ok: Any, *codes: int) -> dict[int, Any]:
    return {200: ok, **NOT_MODIFIED, **errors(*codes)}


def choices_help(values: Iterable[str]) -> str:
    return ", ".join(f"`{value}`" for value in values)
