"""Exports: published verdicts as JSON and CSV, and the ClaimReview feed."""

from typing import Any, ClassVar

from django.core.exceptions import ValidationError
from django.http import StreamingHttpResponse
from django.http.response import HttpResponseBase
from django.utils.cache import get_conditional_response
from django.utils.http import http_date
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework.negotiation import BaseContentNegotiation
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.views import APIView

from factcheck.api import (
    errors,
)
from factcheck.claims import exports
from factcheck.claims.api.serializers import ExportRowSerializer
from factcheck.claims.claimreview import CLAIM_REVIEW_FEED_SCHEMA


class ErrorsAsJson(BaseContentNegotiation):
    """An export answers in its own format whatever Accept says, and an error in JSON."""

    def select_parser(self, request: Request, parsers: Any) -> Any:
        return parsers[0] if parsers else None

    def select_renderer(
        self, request: Request, renderers: Any, format_suffix: str | None = None
    ) -> tuple[Any, str]:
        return JSONRenderer(), JSONRenderer.media_type


SINCE = OpenApiParameter(
    "since",
    OpenApiTypes.STR,
    description="Only verdicts published at or after this time (YYYY-MM-DD or ISO 8601); "
    "a correction counts from its own publication.",
)


class ExportView(APIView):
    """A streamed export of published verdicts in one of the formats of `exports`."""

    format_name: ClassVar[str]
    filename: ClassVar[str]
    throttle_scope = "export"
    content_negotiation_class = ErrorsAsJson
    renderer_classes = [JSONRenderer]  # for errors; the export itself is streamed as is

    def get(self, request: Request) -> HttpResponseBase:
        raw = request.query_params.get("since", "")
        try:
            since = exports.parse_since(raw) if raw.strip() else None
        except ValueError as exc:
            raise ValidationError({"since": [str(exc)]}) from None
        # A partner polling an unchanged export gets 304 without the rows being read.
        validators = exports.export_validators(self.format_name, since)
        last_modified = (
            int(validators.last_modified.timestamp()) if validators.last_modified else None
        )
        not_modified = get_conditional_response(
            request._request, etag=validators.etag, last_modified=last_modified
        )
        if not_modified is not None:
            not_modified["ETag"] = validators.etag
            if last_modified is not None:
                not_modified["Last-Modified"] = http_date(last_modified)
            return not_modified
        response = StreamingHttpResponse(
            exports.WRITERS[self.format_name](since),
            content_type=exports.CONTENT_TYPES[self.format_name],
        )
        response["Content-Disposition"] = f'inline; filename="{self.filename}"'
        response["ETag"] = validators.etag
        if last_modified is not None:
            response["Last-Modified"] = http_date(last_modified)
        return response


EXPORT_DOC = (
    "Published verdicts, oldest first, streamed: the response starts at once and holds "
    "any number of rows."
)


@extend_schema_view(
    get=extend_schema(
        summary="Export published verdicts as JSON",
        operation_id="verdicts_export_json",
        tags=["exports"],
        description=EXPORT_DOC + " Token or session needed (any account: data consumers get a "
        "user with no group).",
        parameters=[SINCE],
        responses={200: ExportRowSerializer(many=True), **errors(400)},
    )
)
class VerdictJsonExportView(ExportView):
    format_name = "json"
    filename = "verdicts.json"
    permission_classes = [IsAuthenticated]


@extend_schema_view(
    get=extend_schema(
        summary="Export published verdicts as CSV",
        operation_id="verdicts_export_csv",
        tags=["exports"],
        description=EXPORT_DOC + " Same columns as the JSON export, with a header row; a cell "
        "that starts with = + - @ (or a tab or carriage return) gets a leading ' so that "
        "spreadsheets do not run it. Token or session needed.",
        parameters=[SINCE],
        responses={
            (200, "text/csv"): OpenApiResponse(OpenApiTypes.STR, description="CSV, UTF-8."),
            **errors(400),
        },
    )
)
class VerdictCsvExportView(ExportView):
    format_name = "csv"
    filename = "verdicts.csv"
    permission_classes = [IsAuthenticated]


@extend_schema_view(
    get=extend_schema(
        summary="ClaimReview feed (public)",
        operation_id="claimreview_feed",
        tags=["exports"],
        description=EXPORT_DOC + " A schema.org DataFeed of ClaimReview objects, one per "
        "published verdict, as on the public pages. No authentication needed.",
        parameters=[SINCE],
        responses={
            (200, "application/ld+json"): OpenApiResponse(
                CLAIM_REVIEW_FEED_SCHEMA, description="JSON-LD."
            ),
            **errors(400),
        },
    )
)
class ClaimReviewFeedView(ExportView):
    format_name = "claimreview"
    filename = "claimreview.jsonld"
    permission_classes = [AllowAny]

    def finalize_response(self, request: Request, response: Any, *args: Any, **kwargs: Any) -> Any:
        # Public data: any site's script may read it (a widget, a partner's page). Only
        # here: the other endpoints act for an account and stay same-origin.
        response = super().finalize_response(request, response, *args, **kwargs)
        response["Access-Control-Allow-Origin"] = "*"
        response["Access-Control-Expose-Headers"] = (
            "ETag, Last-Modified, RateLimit-Limit, RateLimit-Remaining, RateLimit-Reset"
        )
        if request.method == "OPTIONS":
            response["Access-Control-Allow-Methods"] = "GET, HEAD, OPTIONS"
            response["Access-Control-Allow-Headers"] = "If-None-Match, If-Modified-Since"
            response["Access-Control-Max-Age"] = "86400"
        return response
