"""A claim's sources."""

from collections.abc import Callable
from typing import ClassVar

from django.db.models import QuerySet
from django.urls import reverse
from drf_spectacular.utils import (
    extend_schema,
    extend_schema_view,
)
from rest_framework import mixins, viewsets

from factcheck.api import (
    IF_NONE_MATCH,
    ActionPermission,
    ConditionalMixin,
    errors,
    read_responses,
)
from factcheck.claims import services
from factcheck.claims.access import sources_for_user
from factcheck.claims.api.rows import ClaimRowsView
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
class ClaimSourcesView(ConditionalMixin, ClaimRowsView[Source]):
    """The evidence attached to a claim."""

    model = Source
    serializer_class = SourceSerializer
    create_serializer_class = SourceCreateSerializer
    permission_classes = [ActionPermission]
    required_perms: ClassVar[dict[str, str]] = {
        "get": "claims.view_source",
        "post": "claims.add_source",
    }

    def rows_of(self, claim: Claim) -> QuerySet[Source]:
        return Source.objects.filter(claim=claim).select_related("added_by").defer("snapshot_text")

    def adder(self) -> Callable[..., Source]:
        return services.source_add

    def created_headers(self, row: Source) -> dict[str, str]:
        return {"Location": reverse("api:source-detail", args=[row.pk])}


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
