"""`/api/v1/claims/{id}/appearances/`: every article a claim appeared in, and the counts
per day or week that the claim page charts."""

from typing import Any, ClassVar

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from factcheck.api import ActionPermission, ConditionalMixin, read_responses
from factcheck.claims.models import Claim
from factcheck.monitoring.appearances import appearances_chart, claim_appearances, original_of


class AppearanceSerializer(serializers.Serializer[Any]):
    article = serializers.IntegerField(source="article_id")
    title = serializers.CharField()
    outlet = serializers.CharField()
    url = serializers.CharField(help_text="The article's address; empty for pasted text.")
    seen_at = serializers.DateTimeField(help_text="The article's date, or when we got it.")
    how = serializers.CharField(help_text="How it was found: checked here, matched, marked.")
    published = serializers.BooleanField(help_text="Listed in the ClaimReview's appearance.")


class CountSerializer(serializers.Serializer[Any]):
    start = serializers.DateField(help_text="The day, or the Monday of the week.")
    count = serializers.IntegerField()


class AppearancesSerializer(serializers.Serializer[Any]):
    claim = serializers.IntegerField(help_text="The claim that was checked (a repeat's original).")
    appearances = AppearanceSerializer(many=True)
    per = serializers.ChoiceField(choices=["day", "week"])
    counts = CountSerializer(many=True)


class ClaimAppearancesView(ConditionalMixin, APIView):
    permission_classes = [ActionPermission]
    required_perms: ClassVar[dict[str, str]] = {"get": "claims.view_claim"}

    @extend_schema(
        description="Every article the claim appeared in (oldest first), and how many per "
        "day (per week when they span a month or more). A repeat answers for its original.",
        responses=read_responses(AppearancesSerializer, 404),
    )
    def get(self, request: Request, pk: int) -> Response:
        claim = get_object_or_404(
            Claim.objects.visible_to(request.user).select_related("article", "duplicate_of"), pk=pk
        )
        appearances = claim_appearances(claim)
        chart = appearances_chart(appearances)
        values = chart.series[0].values if chart.series else ()
        body = {
            "claim": original_of(claim).pk,
            "appearances": AppearanceSerializer(appearances, many=True).data,
            "per": chart.extra.get("per", "day"),
            "counts": [
                {"start": label, "count": int(value)}
                for label, value in zip(chart.labels, values, strict=True)
            ],
        }
        return Response(body)
