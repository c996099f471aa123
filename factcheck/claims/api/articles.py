"""The articles endpoint: add an article (its text, or its URL for a worker to fetch), list
them, and show one with its claims. It lives in the claims app because it shows claims;
the parts that know only articles come from factcheck/articles/api.py. Writes go through
`factcheck.articles.services`."""

from typing import Any, ClassVar

from django.conf import settings
from django.contrib.auth.models import User
from django.db.models import Prefetch, QuerySet
from django.urls import reverse
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.request import Request
from rest_framework.response import Response

from factcheck.api import (
    IF_NONE_MATCH,
    ActionPermission,
    ConditionalMixin,
    NewestFirstPagination,
    RequestTooLarge,
    errors,
    read_responses,
)
from factcheck.articles import services
from factcheck.articles.access import articles_for_user
from factcheck.articles.api import (
    ArticleCreateSerializer,
    ArticleFilter,
    ArticleSerializer,
    ArticleUpdateSerializer,
)
from factcheck.articles.models import Article
from factcheck.claims.models import Claim


class ArticleClaimSerializer(serializers.ModelSerializer[Claim]):
    assignee: serializers.SlugRelatedField[User] = serializers.SlugRelatedField(
        slug_field="username", read_only=True, allow_null=True
    )

    class Meta:
        model = Claim
        fields = [
            "id", "start", "end", "quote", "statement", "type", "claimant", "score", "origin",
            "status", "assignee", "version",
        ]  # fmt: skip
        read_only_fields = fields


class ArticleDetailSerializer(ArticleSerializer):
    boilerplate = serializers.ListField(
        child=serializers.ListField(child=serializers.IntegerField()),
        read_only=True,
        help_text="[start, end] offsets of text that is not the article (appeals, credits).",
    )
    claims = ArticleClaimSerializer(many=True, read_only=True)

    class Meta(ArticleSerializer.Meta):
        fields = [*ArticleSerializer.Meta.fields, "body", "boilerplate", "claims"]
        read_only_fields = fields


@extend_schema_view(
    list=extend_schema(
        summary="List articles",
        description="Newest first, with the number of claims found in each.",
        responses={200: ArticleSerializer(many=True), **errors(400, 403, 404)},
    ),
    retrieve=extend_schema(
        summary="Show an article with its claims",
        parameters=[IF_NONE_MATCH],
        responses=read_responses(ArticleDetailSerializer, 403, 404),
    ),
    partial_update=extend_schema(
        summary="Change an article's details",
        description="Edit `title`, `url`, `publisher`, `author`, `published_at` or "
        "`language` (a new language extracts the machine's claims again with its rules). "
        "Send the `version` you read.",
        request=ArticleUpdateSerializer,
        responses={200: ArticleDetailSerializer, **errors(400, 403, 404, 412)},
    ),
    create=extend_schema(
        summary="Add an article",
        description="Send `text` (claims are extracted in the background: watch "
        "`extraction_status`) or a `url` (fetched by a worker, then extracted). The same "
        "text or URL again gives the article already stored, with 200 instead of 201.",
        request=ArticleCreateSerializer,
        responses={
            201: OpenApiResponse(ArticleDetailSerializer, description="Stored; queued."),
            200: OpenApiResponse(ArticleDetailSerializer, description="Already stored."),
            **errors(400, 403),
        },
    ),
)
class ArticleViewSet(
    ConditionalMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet[Article],
):
    """News articles: their text, extraction status and the claims found in them."""

    filterset_class = ArticleFilter
    pagination_class = NewestFirstPagination
    permission_classes = [ActionPermission]
    required_perms: ClassVar[dict[str, str]] = {
        "list": "articles.view_article",
        "retrieve": "articles.view_article",
        "create": "articles.add_article",
        "partial_update": "articles.change_article",
    }

    def get_queryset(self) -> QuerySet[Article]:
        articles = articles_for_user(self.request).with_claim_counts()
        if self.action == "list":
            return articles.defer("body", "raw", "boilerplate")
        claims = Claim.objects.select_related("assignee").order_by("start", "id")
        return articles.defer("raw").prefetch_related(Prefetch("claims", queryset=claims))

    def get_serializer_class(self) -> type[serializers.BaseSerializer[Article]]:
        return ArticleSerializer if self.action == "list" else ArticleDetailSerializer

    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        article = self.get_object()
        form = ArticleUpdateSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        changes = dict(form.validated_data)
        version = changes.pop("version")
        services.article_update(
            article=article, actor=request.user, expected_version=version, **changes
        )
        stored = self.get_queryset().get(pk=article.pk)
        return Response(ArticleDetailSerializer(stored).data)

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        # A body far past the article limit is refused before it is parsed.
        if int(request.META.get("CONTENT_LENGTH") or 0) > settings.DATA_UPLOAD_MAX_MEMORY_SIZE:
            raise RequestTooLarge()
        form = ArticleCreateSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        text = form.validated_data.get("text", "")
        url = form.validated_data.get("url", "").strip()
        title = form.validated_data.get("title", "")
        if text.strip():
            # article_create checks the address, as it does for the web form.
            article, created = services.article_create(
                actor=request.user,
                text=services.ArticleText(body=text),
                title=title,
                url=url or None,
                publisher=form.validated_data.get("publisher", ""),
                author=form.validated_data.get("author", ""),
                published_at=form.validated_data.get("published_at"),
            )
        else:
            article, created = services.article_create_from_url(
                actor=request.user, url=url, title=title
            )
        stored = self.get_queryset().get(pk=article.pk)
        response = Response(
            ArticleDetailSerializer(stored).data,
            status=status.HTTP_201_CREATED if created else status.HTTP_200_OK,
        )
        response["Location"] = reverse("api:article-detail", args=[article.pk])
        return response
