"""A claim's own rows (comments, sources) listed and added under the claim's address."""

from collections.abc import Callable
from typing import Any

from django.db.models import Model, QuerySet
from rest_framework import generics, serializers, status
from rest_framework.request import Request
from rest_framework.response import Response

from factcheck.claims.access import get_claim_for_user
from factcheck.claims.models import Claim


class ClaimRowsView[M: Model](generics.ListCreateAPIView[M]):
    """The claim comes through the access helper, so neither list nor add can skip who may
    see it; a subclass says which rows are the claim's and which service adds one."""

    model: type[M]
    create_serializer_class: type[serializers.Serializer[Any]]

    def get_claim(self) -> Claim:
        return get_claim_for_user(self.request, self.kwargs["pk"])

    def rows_of(self, claim: Claim) -> QuerySet[M]:
        raise NotImplementedError

    def adder(self) -> Callable[..., M]:
        """The service that adds a row: called with claim=, actor= and the form's fields."""
        raise NotImplementedError

    def created_headers(self, row: M) -> dict[str, str]:
        return {}

    def get_queryset(self) -> QuerySet[M]:
        if getattr(self, "swagger_fake_view", False):  # the schema generator has no claim
            return self.model._default_manager.none()
        return self.rows_of(self.get_claim())

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        claim = self.get_claim()
        form = self.create_serializer_class(data=request.data)
        form.is_valid(raise_exception=True)
        row = self.adder()(claim=claim, actor=request.user, **form.validated_data)
        serializer = self.get_serializer_class()
        return Response(
            serializer(row).data, status=status.HTTP_201_CREATED, headers=self.created_headers(row)
        )
