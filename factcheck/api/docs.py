"""The OpenAPI documentation of errors and headers."""

from collections.abc import Iterable
from typing import Any

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse
from rest_framework import serializers


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
