"""The verdict endpoints: drafting, submitting, approving, unpublishing and sending back."""

from typing import Any, ClassVar

import django_filters
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _
from drf_spectacular.utils import (
    extend_schema,
    extend_schema_view,
)
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from factcheck.api import (
    ETAG_HEADER,
    IF_MATCH,
    IF_NONE_MATCH,
    ActionPermission,
    ConditionalMixin,
    SinceFilter,
    errors,
    expected_version,
    read_responses,
    with_etag,
)
from factcheck.claims import services
from factcheck.claims.access import verdicts_for_user
from factcheck.claims.api.serializers import (
    SendBackSerializer,
    UnpublishSerializer,
    VerdictDraftSerializer,
    VerdictSerializer,
    VerdictUpdateSerializer,
)
from factcheck.claims.models import Claim, Verdict


class VerdictFilter(django_filters.FilterSet):
    state = django_filters.ChoiceFilter(choices=Verdict.State.choices)
    rating = django_filters.CharFilter(field_name="rating__slug", help_text="Rating slug.")
    claim = django_filters.NumberFilter(field_name="claim_id", help_text="Claim id.")
    article = django_filters.NumberFilter(field_name="claim__article_id", help_text="Article id.")
    type = django_filters.ChoiceFilter(field_name="claim__type", choices=Claim.Type.choices)
    status = django_filters.ChoiceFilter(
        field_name="claim__status", choices=Claim.Status.choices, help_text="The claim's status."
    )
    assignee = django_filters.CharFilter(
        field_name="claim__assignee__username", help_text="Username of the claim's assignee."
    )
    updated_since = SinceFilter(field_name="updated_at")
    q = django_filters.CharFilter(
        method="search",
        help_text="Words of the claim (statement, quote, claimant), stemmed; figures match "
        "with or without separators.",
    )

    class Meta:
        model = Verdict
        fields = [
            "state", "rating", "claim", "article", "type", "status", "assignee", "updated_since",
            "q",
        ]  # fmt: skip

    def search(self, queryset: QuerySet[Verdict], name: str, value: str) -> QuerySet[Verdict]:
        return queryset.search(value)  # type: ignore[attr-defined]


VERDICT_ACTION = (400, 403, 404, 412, 428)


@extend_schema_view(
    list=extend_schema(
        summary="List verdicts",
        description="Every version of every verdict: drafts, submitted, published and "
        "superseded (corrected) ones.",
        responses={200: VerdictSerializer(many=True), **errors(400, 403, 404)},
    ),
    retrieve=extend_schema(
        summary="Show a verdict",
        parameters=[IF_NONE_MATCH, ETAG_HEADER],
        responses=read_responses(VerdictSerializer, 403, 404),
    ),
    create=extend_schema(
        summary="Draft a verdict",
        description="Starts the draft verdict of a claim; on a published claim it is a "
        "correction and needs `correction_note`. A claim has at most one open verdict: "
        "change that one with PATCH.",
        request=VerdictDraftSerializer,
        parameters=[ETAG_HEADER],
        responses={201: VerdictSerializer, **errors(400, 403, 412)},
    ),
    partial_update=extend_schema(
        summary="Change a draft verdict",
        request=VerdictUpdateSerializer,
        parameters=[IF_MATCH, ETAG_HEADER],
        responses={200: VerdictSerializer, **errors(*VERDICT_ACTION)},
    ),
)
class VerdictViewSet(
    ConditionalMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet[Verdict],
):
    """Verdicts on claims: drafted by a reviewer, approved and published by another editor."""

    serializer_class = VerdictSerializer
    filterset_class = VerdictFilter
    permission_classes = [ActionPermission]
    required_perms: ClassVar[dict[str, str]] = {
        "list": "claims.view_verdict",
        "retrieve": "claims.view_verdict",
        "create": "claims.add_verdict",
        "partial_update": "claims.add_verdict",
        "submit": "claims.change_verdict",
        "approve": "claims.publish_verdict",
        "send_back": "claims.publish_verdict",
        "unpublish": "claims.publish_verdict",
    }

    def get_queryset(self) -> QuerySet[Verdict]:
        return verdicts_for_user(self.request).select_related("rating", "author", "approver")

    def _respond(self, verdict: Verdict, code: int = status.HTTP_200_OK) -> Response:
        verdict = self.get_queryset().get(pk=verdict.pk)
        return with_etag(Response(VerdictSerializer(verdict).data, status=code), verdict)

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        verdict = self.get_object()
        return with_etag(Response(VerdictSerializer(verdict).data), verdict)

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        form = VerdictDraftSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        data = dict(form.validated_data)
        claim: Claim = data.pop("claim")
        try:
            verdict = services.verdict_create(claim=claim, actor=request.user, **data)
        except services.OpenVerdictExists as exc:
            # The API's words for the same refusal: where to change the open one.
            pk = exc.verdict.pk
            raise ValidationError(
                _(
                    "This claim already has an open verdict (id %(pk)s): change it with PATCH "
                    "/api/v1/verdicts/%(pk)s/ and its ETag in If-Match."
                )
                % {"pk": pk}
            ) from None
        response = self._respond(verdict, status.HTTP_201_CREATED)
        response["Location"] = reverse("api:verdict-detail", args=[verdict.pk])
        return response

    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        verdict = self.get_object()
        form = VerdictUpdateSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        version = expected_version(request, verdict)
        data = {
            "rating": verdict.rating,
            "summary": verdict.summary,
            "explanation": verdict.explanation,
            "correction_note": verdict.correction_note,
            **form.validated_data,
        }
        verdict = services.verdict_save_draft(
            claim=verdict.claim,
            actor=request.user,
            expected_version=version,
            editing=verdict,
            **data,
        )
        return self._respond(verdict)

    @extend_schema(
        summary="Submit a draft verdict for approval",
        request=None,
        parameters=[IF_MATCH, ETAG_HEADER],
        responses={200: VerdictSerializer, **errors(*VERDICT_ACTION)},
    )
    @action(detail=True, methods=["post"])
    def submit(self, request: Request, pk: str | None = None) -> Response:
        verdict = self.get_object()
        version = expected_version(request, verdict)
        return self._respond(
            services.verdict_submit(verdict=verdict, actor=request.user, expected_version=version)
        )

    @extend_schema(
        summary="Approve and publish a verdict",
        description="Editors only, and never one who wrote any part of this version "
        "(four-eyes rule: 403).",
        request=None,
        parameters=[IF_MATCH, ETAG_HEADER],
        responses={200: VerdictSerializer, **errors(*VERDICT_ACTION)},
    )
    @action(detail=True, methods=["post"])
    def approve(self, request: Request, pk: str | None = None) -> Response:
        verdict = self.get_object()
        version = expected_version(request, verdict)
        return self._respond(
            services.verdict_approve(verdict=verdict, actor=request.user, expected_version=version)
        )

    @extend_schema(
        summary="Send a submitted verdict back to its reviewer",
        request=SendBackSerializer,
        parameters=[IF_MATCH, ETAG_HEADER],
        responses={200: VerdictSerializer, **errors(*VERDICT_ACTION)},
    )
    @action(detail=True, methods=["post"], url_path="send-back")
    def send_back(self, request: Request, pk: str | None = None) -> Response:
        verdict = self.get_object()
        form = SendBackSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        version = expected_version(request, verdict)
        return self._respond(
            services.verdict_send_back(
                verdict=verdict,
                actor=request.user,
                note=form.validated_data["note"],
                expected_version=version,
            )
        )

    @extend_schema(
        summary="Unpublish a published verdict",
        description="Editors only. The fact check leaves the public page, the feed and the "
        "exports; the claim goes back to checking; webhook subscribers get "
        "`verdict.unpublished`.",
        request=UnpublishSerializer,
        parameters=[IF_MATCH, ETAG_HEADER],
        responses={200: VerdictSerializer, **errors(*VERDICT_ACTION)},
    )
    @action(detail=True, methods=["post"])
    def unpublish(self, request: Request, pk: str | None = None) -> Response:
        verdict = self.get_object()
        form = UnpublishSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        version = expected_version(request, verdict)
        return self._respond(
            services.verdict_unpublish(
                verdict=verdict,
                actor=request.user,
                reason=form.validated_data["reason"],
                expected_version=version,
            )
        )
