"""The claims part of the API: claims, sources, verdicts, and the exports of published verdicts.

Serializers only validate and shape; every write is a call to `factcheck.claims.services`,
so the workflow, the permissions and the four-eyes rule are the ones the web UI enforces.
"""

from typing import Any, ClassVar

import django_filters
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.http import StreamingHttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.cache import get_conditional_response
from django.utils.http import http_date
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import generics, mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.negotiation import BaseContentNegotiation
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from factcheck.api import (
    ETAG_HEADER,
    IF_MATCH,
    IF_NONE_MATCH,
    ActionPermission,
    ConditionalMixin,
    IdCursorPagination,
    SinceFilter,
    errors,
    expected_version,
    read_responses,
    with_etag,
)
from factcheck.claims import exports, services
from factcheck.claims.claimreview import CLAIM_REVIEW_FEED_SCHEMA, CLAIM_REVIEWED_MAX
from factcheck.claims.filters import ClaimFilter
from factcheck.claims.matching import ClaimMatch, claim_matches
from factcheck.claims.models import ORDERINGS, Claim, Comment, Rating, Source, Verdict
from factcheck.claims.services import SUMMARY_MAX_CHARS
from factcheck.claims.similar import similar_claims_of
from factcheck.factchecks.api import FactCheckSerializer

# Filters


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


# Serializers


class ClaimSerializer(serializers.ModelSerializer[Claim]):
    assignee: serializers.SlugRelatedField[User] = serializers.SlugRelatedField(
        slug_field="username", read_only=True, allow_null=True
    )
    reasons = serializers.ListField(child=serializers.CharField(), read_only=True)
    facts = serializers.ListField(child=serializers.DictField(), read_only=True)
    claimant_same_as = serializers.CharField(
        read_only=True, help_text="A page that identifies the claimant; empty when none."
    )

    class Meta:
        model = Claim
        fields = [
            "id", "article", "start", "end", "extra_spans", "quote", "statement", "type",
            "claimant", "claimant_kind", "claimant_same_as", "score", "low_priority", "reasons",
            "facts", "origin",
            "status", "dismiss_reason", "return_note", "assignee", "duplicate_of", "version",
            "created_at", "updated_at",
        ]  # fmt: skip
        read_only_fields = fields


class ClaimUpdateSerializer(serializers.Serializer[Any]):
    """The fields a PATCH may carry; the services decide what the workflow allows."""

    statement = serializers.CharField(required=False, allow_blank=True, trim_whitespace=False)
    type = serializers.ChoiceField(choices=Claim.Type.choices, required=False)
    claimant = serializers.CharField(required=False, allow_blank=True, max_length=200)
    claimant_kind = serializers.ChoiceField(
        choices=Claim.ClaimantKind.choices, required=False, allow_blank=True
    )
    claimant_same_as = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=500,
        help_text="A page that identifies the claimant; ClaimReview's author.sameAs.",
    )
    status = serializers.ChoiceField(
        choices=Claim.Status.choices,
        required=False,
        help_text="`dismissed` (with `dismiss_reason`) dismisses, `new` restores a dismissed "
        "claim. The other statuses follow from work on the claim and its verdict.",
    )
    dismiss_reason = serializers.CharField(required=False, allow_blank=True)
    assignee = serializers.SlugRelatedField(
        slug_field="username",
        queryset=User.objects.all(),
        required=False,
        allow_null=True,
        help_text="Username of the reviewer to assign. Anyone on the desk may take a free "
        "claim (their own username) or give back their own (null); editors assign anyone.",
    )


class BulkSerializer(serializers.Serializer[Any]):
    ids = serializers.ListField(
        child=serializers.IntegerField(min_value=1),
        allow_empty=False,
        max_length=services.BULK_MAX_CLAIMS,
        help_text="The claims to act on.",
    )
    action = serializers.ChoiceField(choices=services.BULK_ACTIONS)
    reason = serializers.CharField(
        required=False, allow_blank=True, help_text="Why they are dismissed (`dismiss`)."
    )
    assignee = serializers.SlugRelatedField(
        slug_field="username",
        queryset=User.objects.all(),
        required=False,
        allow_null=True,
        help_text="Username the claims go to (`assign`, editors).",
    )


class BulkResultSerializer(serializers.Serializer[Any]):
    changed = serializers.IntegerField(help_text="How many claims changed.")


class SimilarClaimSerializer(serializers.Serializer[Any]):
    """A claim in another article that says the same thing, and why we think so."""

    id = serializers.IntegerField(source="claim.pk")
    statement = serializers.CharField(source="claim.statement")
    status = serializers.ChoiceField(choices=Claim.Status.choices, source="claim.status")
    article = serializers.IntegerField(source="claim.article_id")
    score = serializers.FloatField(help_text="0 to 1, best match highest.")
    reasons = serializers.ListField(child=serializers.CharField())


class ClaimMatchSerializer(serializers.Serializer[Any]):
    """A fact-check that may already check the claim: one of ours, or another's."""

    kind = serializers.ChoiceField(choices=["ours", "external"])
    confidence = serializers.FloatField(help_text="0 to 1, calibrated.")
    already_checked = serializers.BooleanField(
        help_text="Confident enough to show as already checked (else possibly related)."
    )
    reasons = serializers.ListField(child=serializers.CharField())
    claim = serializers.IntegerField(source="claim.pk", allow_null=True, default=None)
    rating = serializers.SerializerMethodField()
    factcheck = FactCheckSerializer(allow_null=True)

    def get_rating(self, match: ClaimMatch) -> str | None:
        if match.verdict is not None:
            return str(match.verdict.rating)
        return match.factcheck.rating if match.factcheck else None


class DuplicateSerializer(serializers.Serializer[Any]):
    original = serializers.PrimaryKeyRelatedField(
        queryset=Claim.objects.all(),
        allow_null=True,
        help_text="The claim this one repeats (null clears the mark).",
    )
    publish = serializers.BooleanField(
        default=False,
        help_text="Editors: publish this claim with the original's verdict (someone else "
        "must have marked it as this repeat).",
    )


class SourceSerializer(serializers.ModelSerializer[Source]):
    final_url = serializers.CharField(
        read_only=True, help_text="Where the address led after redirects; empty until archived."
    )
    added_by: serializers.SlugRelatedField[User] = serializers.SlugRelatedField(
        slug_field="username", read_only=True, allow_null=True
    )

    class Meta:
        model = Source
        fields = [
            "id", "claim", "url", "title", "publisher", "published_on", "excerpt", "stance",
            "added_by", "snapshot_status", "final_url", "http_status", "fetched_at", "sha256",
            "snapshot_title", "failure_reason", "version", "created_at", "updated_at",
        ]  # fmt: skip
        read_only_fields = fields


class SourceCreateSerializer(serializers.Serializer[Any]):
    url = serializers.CharField(max_length=2000, help_text="http(s) address of the evidence.")
    title = serializers.CharField(required=False, allow_blank=True, max_length=300)
    publisher = serializers.CharField(required=False, allow_blank=True, max_length=200)
    published_on = serializers.DateField(required=False, allow_null=True)
    excerpt = serializers.CharField(required=False, allow_blank=True)
    stance = serializers.ChoiceField(choices=Source.Stance.choices, required=False)


class VerdictSerializer(serializers.ModelSerializer[Verdict]):
    rating: serializers.SlugRelatedField[Rating] = serializers.SlugRelatedField(
        slug_field="slug", read_only=True
    )
    rating_label = serializers.CharField(source="rating.label", read_only=True)
    author: serializers.SlugRelatedField[User] = serializers.SlugRelatedField(
        slug_field="username", read_only=True
    )
    approver: serializers.SlugRelatedField[User] = serializers.SlugRelatedField(
        slug_field="username", read_only=True, allow_null=True
    )

    class Meta:
        model = Verdict
        fields = [
            "id", "claim", "number", "state", "rating", "rating_label", "summary",
            "claim_reviewed", "explanation", "correction_note", "withdraw_reason", "author",
            "approver",
            "submitted_at", "published_at", "version", "created_at", "updated_at",
        ]  # fmt: skip
        read_only_fields = fields


class VerdictDraftSerializer(serializers.Serializer[Any]):
    claim = serializers.PrimaryKeyRelatedField(queryset=Claim.objects.all())
    rating = serializers.SlugRelatedField(slug_field="slug", queryset=Rating.objects.all())
    summary = serializers.CharField(
        allow_blank=True,
        max_length=SUMMARY_MAX_CHARS,
        help_text=f"One line, at most {SUMMARY_MAX_CHARS} characters.",
    )
    claim_reviewed = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=CLAIM_REVIEWED_MAX,
        help_text=f"The claim in at most {CLAIM_REVIEWED_MAX} characters, ClaimReview's "
        "claimReviewed; needed to publish. Left out: proposed from the statement.",
    )
    explanation = serializers.CharField(required=False, allow_blank=True)
    correction_note = serializers.CharField(
        required=False, allow_blank=True, help_text="Required when correcting a published verdict."
    )


class VerdictUpdateSerializer(serializers.Serializer[Any]):
    rating = serializers.SlugRelatedField(
        slug_field="slug", queryset=Rating.objects.all(), required=False
    )
    summary = serializers.CharField(required=False, allow_blank=True, max_length=SUMMARY_MAX_CHARS)
    claim_reviewed = serializers.CharField(
        required=False, allow_blank=True, max_length=CLAIM_REVIEWED_MAX
    )
    explanation = serializers.CharField(required=False, allow_blank=True)
    correction_note = serializers.CharField(required=False, allow_blank=True)


class UnpublishSerializer(serializers.Serializer[Any]):
    reason = serializers.CharField(
        max_length=2000, help_text="Why it leaves the public record; kept in the history."
    )


class SendBackSerializer(serializers.Serializer[Any]):
    note = serializers.CharField(allow_blank=True, help_text="What the reviewer should fix.")


class ExportRowSerializer(serializers.Serializer[Any]):
    """Documentation only: one published verdict in the JSON export (and a CSV row)."""

    verdict_id = serializers.IntegerField()
    claim_id = serializers.IntegerField()
    version = serializers.IntegerField(help_text="1, then 2... for corrections.")
    claim = serializers.CharField(help_text="The claim's statement.")
    claimant = serializers.CharField()
    claim_type = serializers.ChoiceField(choices=Claim.Type.choices)
    rating = serializers.CharField(help_text="The rating's label.")
    rating_value = serializers.IntegerField(allow_null=True)
    summary = serializers.CharField()
    explanation = serializers.CharField()
    correction_note = serializers.CharField()
    article_title = serializers.CharField()
    article_url = serializers.CharField(allow_null=True)
    article_published_at = serializers.DateTimeField(allow_null=True)
    first_published_at = serializers.DateTimeField(allow_null=True)
    published_at = serializers.DateTimeField(help_text="When this version was published.")
    url = serializers.URLField(help_text="The public page.")


# Claims


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
        return Claim.objects.visible_to(self.request.user).select_related("assignee")

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
        claim = apply_claim_changes(claim, request.user, version, dict(form.validated_data))
        return with_etag(Response(ClaimSerializer(claim).data), claim)


@transaction.atomic
def apply_claim_changes(claim: Claim, actor: Any, version: int, changes: dict[str, Any]) -> Claim:
    """One PATCH as the services that do each part, all in one transaction.

    The first service checks the client's version against the locked row; the later ones
    hold the lock already and check the version the previous one wrote.
    """
    status = changes.pop("status", None)
    reason = changes.pop("dismiss_reason", None)
    assign = "assignee" in changes
    assignee = changes.pop("assignee", None)
    if reason is not None and status != Claim.Status.DISMISSED:
        raise ValidationError("dismiss_reason goes with status 'dismissed'.")
    if status not in (None, claim.status, Claim.Status.NEW, Claim.Status.DISMISSED):
        raise services.WorkflowError(
            f"A claim cannot be set to '{status}' directly: it moves to checking when someone "
            "works on it, and to awaiting approval and published through its verdict. Set "
            "'dismissed' (with dismiss_reason) or 'new' (to restore a dismissed claim)."
        )
    read = claim
    if status == Claim.Status.NEW and claim.status != Claim.Status.NEW:
        claim = services.claim_restore(claim=claim, actor=actor, expected_version=version)
        version = claim.version
    if changes:
        claim = services.claim_update(claim=claim, actor=actor, expected_version=version, **changes)
        version = claim.version
    if assign:
        claim = services.claim_assign(
            claim=claim, actor=actor, assignee=assignee, expected_version=version
        )
        version = claim.version
    if status == Claim.Status.DISMISSED and (claim.status != status or reason is not None):
        claim = services.claim_dismiss(
            claim=claim, actor=actor, reason=reason or "", expected_version=version
        )
    if claim is read and version != claim.version:
        # Nothing to change, but the client's copy is stale: it should hear so.
        raise services.ConflictError(claim, {})
    claim.refresh_from_db()
    return claim


# The rating scale and comments


class RatingSerializer(serializers.ModelSerializer[Rating]):
    class Meta:
        model = Rating
        fields = ["slug", "label", "value", "order", "colour", "description"]
        read_only_fields = fields


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


class CommentSerializer(serializers.ModelSerializer[Comment]):
    author: serializers.SlugRelatedField[User] = serializers.SlugRelatedField(
        slug_field="username", read_only=True
    )

    class Meta:
        model = Comment
        fields = ["id", "claim", "author", "body", "created_at"]
        read_only_fields = fields


class CommentCreateSerializer(serializers.Serializer[Any]):
    body = serializers.CharField(max_length=10_000, help_text="Plain text.")


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
        return get_object_or_404(Claim.objects.visible_to(self.request.user), pk=self.kwargs["pk"])

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


# Sources


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
        return get_object_or_404(Claim.objects.visible_to(self.request.user), pk=self.kwargs["pk"])

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
        return Source.objects.select_related("added_by").defer("snapshot_text")


# Verdicts


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
        return Verdict.objects.select_related("rating", "author", "approver")

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
        open_verdict = claim.verdicts.filter(
            state__in=[Verdict.State.DRAFT, Verdict.State.SUBMITTED]
        ).first()
        if open_verdict is not None:
            raise ValidationError(
                f"This claim already has an open verdict (id {open_verdict.pk}): change it "
                f"with PATCH /api/v1/verdicts/{open_verdict.pk}/ and its ETag in If-Match."
            )
        # expected_version=0 matches no saved verdict: should another request open one
        # between the check above and the write, the service refuses (412), not overwrites.
        verdict = services.verdict_save_draft(
            claim=claim, actor=request.user, expected_version=0, **data
        )
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


# Exports


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
