"""The rating scale and a claim's comments."""

from typing import Any, ClassVar

from django.db.models import QuerySet
from drf_spectacular.utils import (
    extend_schema,
    extend_schema_view,
)
from rest_framework import generics, status
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from factcheck.api import (
    ActionPermission,
    ConditionalMixin,
    errors,
    read_responses,
)
from factcheck.claims import services
from factcheck.claims.access import get_claim_for_user
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
class ClaimCommentsView(ConditionalMixin, generics.ListCreateAPIView[Comment]):
    """The desk's discussion of a claim."""

    serializer_class = CommentSerializer
    permission_classes = [ActionPermission]
    required_perms: ClassVar[dict[str, str]] = {
        "get": "claims.view_comment",
        "post": "claims.add_comment",
    }

    def get_claim(self) -> Claim:
        return get_claim_for_user(self.request, self.kwargs["pk"])

    def get_queryset(self) -> QuerySet[Comment]:
        if getattr(self, "swagger_fake_view", False):  # the schema generator has no claim
            return Comment.objects.none()
        return Comment.objects.filter(claim=self.get_claim()).select_related("author")

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        claim = self.get_claim()
        form = CommentCreateSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        comment = services.comment_add(claim=claim, actor=request.user, **form.validated_data)
        return Response(CommentSerializer(comment).data, status=status.HTTP_201_CREATED)
