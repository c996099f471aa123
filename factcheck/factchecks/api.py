"""/api/v1/factchecks/: the imported fact-checks of other organisations, newest first."""

from typing import ClassVar

import django_filters
from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers, viewsets

from factcheck.api import ActionPermission, errors
from factcheck.factchecks.models import FactCheck


class FactCheckSerializer(serializers.ModelSerializer[FactCheck]):
    class Meta:
        model = FactCheck
        fields = [
            "id", "publisher", "claim_reviewed", "headline", "claimant", "rating", "review_url",
            "published_on", "language", "external_id", "imported_at", "updated_at",
        ]  # fmt: skip
        read_only_fields = fields


class FactCheckFilter(django_filters.FilterSet):
    publisher = django_filters.CharFilter(help_text="Exact publisher name.")
    language = django_filters.CharFilter()
    q = django_filters.CharFilter(
        field_name="claim_reviewed", lookup_expr="icontains", help_text="Words in the claim."
    )

    class Meta:
        model = FactCheck
        fields: ClassVar[list[str]] = []


@extend_schema_view(
    list=extend_schema(
        summary="List imported fact-checks",
        description="ClaimReviews of other organisations, imported from files and feeds.",
        responses={200: FactCheckSerializer(many=True), **errors(400, 403, 404)},
    ),
    retrieve=extend_schema(
        summary="Show an imported fact-check",
        responses={200: FactCheckSerializer, **errors(403, 404)},
    ),
)
class FactCheckViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet[FactCheck]
):
    serializer_class = FactCheckSerializer
    filterset_class = FactCheckFilter
    permission_classes = [ActionPermission]
    required_perms: ClassVar[dict[str, str]] = {
        "list": "factchecks.view_factcheck",
        "retrieve": "factchecks.view_factcheck",
    }

    def get_queryset(self) -> QuerySet[FactCheck]:
        return FactCheck.objects.defer("search").order_by("-id")
