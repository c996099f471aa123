"""A claim's sources."""

from typing import Any, ClassVar

from django.db.models import QuerySet
from django.urls import reverse
from drf_spectacular.utils import (
    extend_schema,
    extend_schema_view,
)
from rest_framework import generics, mixins, status, viewsets
from rest_framework.request import Request
from rest_framework.response import Response

from factcheck.api import (
    IF_NONE_MATCH,
    ActionPermission,
    ConditionalMixin,
    errors,
    read_responses,
)
from factcheck.claims import services
from factcheck.claims.access import get_claim_for_user, sources_for_user
from factcheck.claims.api.serializers import SourceCreateSerializer, SourceSerializer
from factcheck.claims.models import Claim, Source


@extend_schema_view(
    get=extend_schema(
        summary="List a claim's sources",
        responses={200: SourceSerializer(many=True), **errors(403, 404)},
    ),
    post=extend_schema(
        summary="Add a source to a claim",
        description="The source's page is archived by a worker afterwards (`snapshot_status`).",
        request=SourceCreateSerializer,
        responses={201: SourceSerializer, **errors(400, 403, 404)},
    ),
)
class ClaimSourcesView(ConditionalMixin, generics.ListCreateAPIView[Source]):
    """The evidence attached to a claim."""

    serializer_class = SourceSerializer
    permission_classes = [ActionPermission]
    required_perms: ClassVar[dict[str, str]] = {
        "get": "claims.view_source",
        "post": "claims.add_source",
    }

    def get_claim(self) -> Claim:
        return get_claim_for_user(self.request, self.kwargs["pk"])

    def get_queryset(self) -> QuerySet[Source]:
        if getattr(self, "swagger_fake_view", False):  # the schema generator has no claim
            return Source.objects.none()
        return (
            Source.objects.filter(claim=self.get_claim())
            .select_related("added_by")
            .defer("snapshot_text")
        )

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        claim = self.get_claim()
        form = SourceCreateSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        source = services.source_add(claim=claim, actor=request.user, **form.validated_data)
        response = Response(SourceSerializer(source).data, status=status.HTTP_201_CREATED)
        response["Location"] = reverse("api:source-detail", args=[source.pk])
        return response


@extend_schema_view(
    retrieve=extend_schema(
        summary="Show a source",
        parameters=[IF_NONE_MATCH],
        responses=read_responses(SourceSerializer, 403, 404),
    ),
)
class SourceViewSet(ConditionalMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet[Source]):
    """One piece of evidence, with the state of its archived snapshot."""

    serializer_class = SourceSerializer
    permission_classes = [ActionPermission]
    required_perms: ClassVar[dict[str, str]] = {"retrieve": "claims.view_source"}

    # No version ETag here: the worker's snapshot changes a source without a new version
    # (nobody edits those fields), so reads get the hash of their body instead.

    def get_queryset(self) -> QuerySet[Source]:
        return sources_for_user(self.request).select_related("added_by").defer("snapshot_text")
