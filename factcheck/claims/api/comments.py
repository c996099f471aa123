"""The rating scale and a claim's comments."""

from collections.abc import Callable
from typing import ClassVar

from django.db.models import QuerySet
from drf_spectacular.utils import (
    extend_schema,
    extend_schema_view,
)
from rest_framework import generics
from rest_framework.permissions import IsAuthenticated

from factcheck.api import (
    ActionPermission,
    ConditionalMixin,
    errors,
    read_responses,
)
from factcheck.claims import services
from factcheck.claims.api.rows import ClaimRowsView
from factcheck.claims.api.serializers import (
    CommentCreateSerializer,
    CommentSerializer,
    RatingSerializer,
)
from factcheck.claims.models import Claim, Comment, Rating


@extend_schema_view(
    get=extend_schema(
        summary="The rating scale",
        description="The organisation's ratings in their order, with the numeric value "
        "ClaimReview uses (null: text only, e.g. Unverifiable). Any account.",
        responses=read_responses(RatingSerializer(many=True), 400),
    )
)
class RatingListView(ConditionalMixin, generics.ListAPIView[Rating]):
    serializer_class = RatingSerializer
    permission_classes = [IsAuthenticated]
    pagination_class = None  # a handful of rows
    queryset = Rating.objects.order_by("order", "id")


@extend_schema_view(
    get=extend_schema(
        summary="List a claim's comments",
        description="Oldest first.",
        responses={200: CommentSerializer(many=True), **errors(400, 403, 404)},
    ),
    post=extend_schema(
        summary="Comment on a claim",
        description="An `@username` in the text notifies that person (if on the desk).",
        request=CommentCreateSerializer,
        responses={201: CommentSerializer, **errors(400, 403, 404)},
    ),
)
class ClaimCommentsView(ConditionalMixin, ClaimRowsView[Comment]):
    """The desk's discussion of a claim."""

    model = Comment
    serializer_class = CommentSerializer
    create_serializer_class = CommentCreateSerializer
    permission_classes = [ActionPermission]
    required_perms: ClassVar[dict[str, str]] = {
        "get": "claims.view_comment",
        "post": "claims.add_comment",
    }

    def rows_of(self, claim: Claim) -> QuerySet[Comment]:
        return Comment.objects.filter(claim=claim).select_related("author")

    def adder(self) -> Callable[..., Comment]:
        return services.comment_add
