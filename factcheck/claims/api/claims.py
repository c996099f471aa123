"""The claims endpoints: list, read, edit, bulk actions, similar claims and matches."""

from typing import Any, ClassVar

from django.db import transaction
from django.db.models import QuerySet
from drf_spectacular.utils import (
    extend_schema,
    extend_schema_view,
)
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from factcheck.api import (
    ETAG_HEADER,
    IF_MATCH,
    IF_NONE_MATCH,
    ActionPermission,
    ConditionalMixin,
    IdCursorPagination,
    errors,
    expected_version,
    read_responses,
    with_etag,
)
from factcheck.claims import services
from factcheck.claims.access import claims_for_user
from factcheck.claims.api.serializers import (
    BulkResultSerializer,
    BulkSerializer,
    ClaimMatchSerializer,
    ClaimSerializer,
    ClaimUpdateSerializer,
    DuplicateSerializer,
    SimilarClaimSerializer,
)
from factcheck.claims.filters import ClaimFilter
from factcheck.claims.matching import claim_matches
from factcheck.claims.models import ORDERINGS, Claim
from factcheck.claims.similar import similar_claims_of


class ClaimCursorPagination(IdCursorPagination):
    """Cursor pages in the order the client asked for with `ordering`; by id without it,
    so a partner syncing with `updated_since` keeps a stable order."""

    def get_ordering(self, request: Any, queryset: Any, view: Any) -> tuple[str, ...]:
        value = request.query_params.get("ordering")
        return ORDERINGS.get(value, ("id",))


STALE_WRITE = (400, 403, 404, 412, 428)


@extend_schema_view(
    list=extend_schema(
        summary="List claims",
        responses={200: ClaimSerializer(many=True), **errors(400, 403, 404)},
    ),
    retrieve=extend_schema(
        summary="Show a claim",
        parameters=[IF_NONE_MATCH, ETAG_HEADER],
        responses=read_responses(ClaimSerializer, 403, 404),
    ),
    partial_update=extend_schema(
        summary="Change a claim",
        description="Edit `statement`, `type`, `claimant`; dismiss (`status: dismissed` with "
        "`dismiss_reason`) or restore (`status: new`, editors); take (`assignee` = yourself) or "
        "assign (`assignee`, editors). All the "
        "changes happen together or not at all. Needs If-Match.",
        request=ClaimUpdateSerializer,
        parameters=[IF_MATCH, ETAG_HEADER],
        responses={200: ClaimSerializer, **errors(*STALE_WRITE)},
    ),
)
class ClaimViewSet(
    ConditionalMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet[Claim],
):
    """Check-worthy claims found in articles (or added by reviewers), and their workflow."""

    serializer_class = ClaimSerializer
    filterset_class = ClaimFilter
    pagination_class = ClaimCursorPagination
    permission_classes = [ActionPermission]
    required_perms: ClassVar[dict[str, str]] = {
        "list": "claims.view_claim",
        "retrieve": "claims.view_claim",
        "partial_update": "claims.change_claim",
        "similar": "claims.view_claim",
        "matches": "claims.view_claim",
        "duplicate": "claims.change_claim",
        "bulk": "claims.view_claim",
    }

    def get_queryset(self) -> QuerySet[Claim]:
        return claims_for_user(self.request).select_related("assignee")

    @extend_schema(
        summary="Similar claims in other articles",
        description="Found when either claim was created; best match first.",
        responses={200: SimilarClaimSerializer(many=True), **errors(403, 404)},
    )
    @action(detail=True, methods=["get"], pagination_class=None, filterset_class=None)
    def similar(self, request: Request, pk: str | None = None) -> Response:
        claim = self.get_object()
        return Response(SimilarClaimSerializer(similar_claims_of(claim), many=True).data)

    @extend_schema(
        summary="Fact-checks that already check a claim",
        description="Our claims with a published verdict and imported fact-checks of "
        "other organisations, found when the claim was created; ours first, then best first.",
        responses={200: ClaimMatchSerializer(many=True), **errors(403, 404)},
    )
    @action(detail=True, methods=["get"], pagination_class=None, filterset_class=None)
    def matches(self, request: Request, pk: str | None = None) -> Response:
        claim = self.get_object()
        return Response(ClaimMatchSerializer(claim_matches(claim), many=True).data)

    @extend_schema(
        summary="Mark a claim as a repeat of a checked claim",
        description="The claim then shows and exports the original's published verdict. "
        "With `publish`, an editor publishes it with the original's verdict (which already "
        "passed the four-eyes rule); the editor must not be the person who marked it, so "
        "one person marks and another confirms. Needs If-Match.",
        request=DuplicateSerializer,
        parameters=[IF_MATCH, ETAG_HEADER],
        responses={200: ClaimSerializer, **errors(*STALE_WRITE)},
    )
    @action(detail=True, methods=["post"])
    def duplicate(self, request: Request, pk: str | None = None) -> Response:
        claim = self.get_object()
        form = DuplicateSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        version = expected_version(request, claim)
        original = form.validated_data["original"]
        with transaction.atomic():
            claim = services.claim_mark_duplicate(
                claim=claim, actor=request.user, original=original, expected_version=version
            )
            if form.validated_data["publish"]:
                claim = services.claim_publish_duplicate(claim=claim, actor=request.user)
        return with_etag(Response(ClaimSerializer(claim).data), claim)

    @extend_schema(
        summary="Dismiss, take or assign many claims at once",
        description="All or nothing: each claim is checked as a single change would be; if "
        "any refuses, none changes and `errors` maps each refused claim id to its reason. "
        "Reviewers dismiss (with `reason`) and take; editors also `assign` to `assignee`.",
        request=BulkSerializer,
        responses={200: BulkResultSerializer, **errors(400, 403)},
    )
    @action(detail=False, methods=["post"], pagination_class=None, filterset_class=None)
    def bulk(self, request: Request) -> Response:
        form = BulkSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        data = form.validated_data
        try:
            # The service checks the permission before it reads a claim: whoever may act
            # on claims sees them all (see ClaimQuerySet.visible_to).
            changed = services.claims_bulk(
                claim_ids=data["ids"],
                actor=request.user,
                action=data["action"],
                reason=data.get("reason", ""),
                assignee=data.get("assignee"),
            )
        except services.BulkRefused as exc:
            refusals = {str(pk): [why] for pk, why in exc.refusals.items()}
            return Response(
                {"detail": exc.messages[0], "code": "refused", "errors": refusals}, status=400
            )
        return Response({"changed": changed})

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        claim = self.get_object()
        return with_etag(Response(ClaimSerializer(claim).data), claim)

    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        claim = self.get_object()
        form = ClaimUpdateSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        version = expected_version(request, claim)
        claim = services.claim_change(
            claim=claim,
            actor=request.user,
            expected_version=version,
            changes=dict(form.validated_data),
        )
        return with_etag(Response(ClaimSerializer(claim).data), claim)
