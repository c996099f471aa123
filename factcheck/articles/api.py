"""The articles part of the API that knows nothing of claims: the filter, the list's fields
and what adding an article takes. The endpoint itself, which shows an article with its
claims, is composed in the claims app (factcheck/claims/api/articles.py), so the
dependency runs one way."""

from typing import Any

import django_filters
from django.utils.translation import gettext as _
from rest_framework import serializers

from factcheck.api import SinceFilter
from factcheck.articles.models import Article


class ArticleFilter(django_filters.FilterSet):
    # The API keeps the names partners know; the model says the field tracks the whole job.
    extraction_status = django_filters.ChoiceFilter(
        field_name="job_status", choices=Article.Status.choices
    )
    input_kind = django_filters.ChoiceFilter(choices=Article.InputKind.choices)
    language = django_filters.CharFilter(help_text="ISO 639-1 code of the article's language.")
    updated_since = SinceFilter(field_name="updated_at")

    class Meta:
        model = Article
        fields = ["extraction_status", "input_kind", "language", "updated_since"]


class ArticleSerializer(serializers.ModelSerializer[Article]):
    claim_count = serializers.IntegerField(read_only=True)
    # Named as partners know them; the model's job_status/job_error cover the fetch too.
    extraction_status = serializers.ChoiceField(
        source="job_status",
        choices=Article.Status.choices,
        read_only=True,
        help_text="Where the article's job stands: fetching its page (for a URL), then "
        "extracting its claims.",
    )
    extraction_error = serializers.CharField(
        source="job_error", read_only=True, help_text="Why the fetch or the extraction failed."
    )

    class Meta:
        model = Article
        fields = [
            "id", "title", "url", "publisher", "author", "published_at", "language",
            "input_kind", "extraction_status", "extraction_error", "duplicate_of",
            "claim_count", "version", "created_at", "updated_at",
        ]  # fmt: skip
        read_only_fields = fields


class ArticleMetaSerializer(serializers.Serializer[Any]):
    """What is known of an article besides its text, as the API takes it."""

    title = serializers.CharField(required=False, allow_blank=True, max_length=300)
    publisher = serializers.CharField(required=False, allow_blank=True, max_length=200)
    author = serializers.CharField(required=False, allow_blank=True, max_length=200)
    published_at = serializers.DateTimeField(
        required=False,
        allow_null=True,
        help_text="When the article came out (ISO 8601; a date alone is not accepted: "
        "send T00:00:00Z).",
    )


class ArticleUpdateSerializer(ArticleMetaSerializer):
    """The metadata a PATCH may change; the text never changes (claim offsets point into it)."""

    version = serializers.IntegerField(
        min_value=1,
        help_text="The article's `version` as you read it: a change made meanwhile is not "
        "overwritten (412 with what changed).",
    )
    url = serializers.CharField(required=False, allow_blank=True, max_length=2000)
    language = serializers.CharField(
        required=False,
        max_length=16,
        help_text="ISO 639-1 code. A new language finds the machine's claims again with its "
        "rules; claims people added or worked on stay.",
    )


class ArticleCreateSerializer(ArticleMetaSerializer):
    text = serializers.CharField(
        required=False,
        allow_blank=True,
        trim_whitespace=False,
        help_text="The article's text; claims are extracted from it in the background.",
    )
    url = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=2000,
        help_text="The article's address: without `text`, a worker fetches it first. With "
        "`text`, it is recorded as where the text came from.",
    )

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if not attrs.get("text", "").strip() and not attrs.get("url", "").strip():
            raise serializers.ValidationError(_("Send the article's text, or its URL."))
        return attrs
