"""Articles in the admin. The claims found in an article, and the rule that an article
whose claims carry verdicts is kept, are added by the claims app (claims/admin.py), which
registers this admin again with them: the dependency runs one way."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy

from factcheck.adminkit import ServiceAdmin
from factcheck.articles import services
from factcheck.articles.models import Article


@admin.register(Article)
class ArticleAdmin(ServiceAdmin):
    list_display = [
        "__str__",
        "publisher",
        "job_status",
        "short_error",
        "input_kind",
        "language",
        "created_by",
        "created_at",
    ]
    list_filter = ["job_status", "input_kind", "language", "publisher", "created_at"]
    search_fields = ["title", "url", "publisher", "author", "body"]
    date_hierarchy = "created_at"
    list_select_related = ["created_by"]
    # The metadata changes through `article_update` (checked against the version loaded, so
    # a save never resets the job's state or boilerplate written meanwhile by a worker).
    editable = services.ARTICLE_EDITABLE_FIELDS
    fieldsets = [
        (None, {"fields": ["title", "url", "publisher", "author", "published_at", "language"]}),
        (
            gettext_lazy("Fetch and extraction"),
            {"fields": ["job_status", "job_error", "duplicate_of", "boilerplate"]},
        ),
        (
            gettext_lazy("Text"),
            {"fields": ["body", "raw", "input_kind", "content_hash"], "classes": ["collapse"]},
        ),
        (gettext_lazy("Audit"), {"fields": ["created_by", "created_at", "updated_at", "version"]}),
        (None, {"fields": ["loaded_version"]}),
    ]

    def has_add_permission(self, request: HttpRequest) -> bool:
        # Articles come in through ingestion (the web form, the API), which extracts claims.
        return False

    def update(
        self, request: HttpRequest, saved: Article, version: int, changes: dict[str, Any]
    ) -> None:
        services.article_update(
            article=saved, actor=request.user, expected_version=version, **changes
        )

    @admin.display(description=gettext_lazy("error"))
    def short_error(self, obj: Article) -> str:
        # Why the fetch or the extraction failed, in the list where failures are spotted.
        error = obj.job_error
        return error if len(error) <= 90 else error[:89] + "…"
