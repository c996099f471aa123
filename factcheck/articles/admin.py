from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from factcheck.adminkit import ServiceAdmin
from factcheck.articles import services
from factcheck.articles.models import Article
from factcheck.claims.models import Claim


class ClaimInline(admin.TabularInline[Claim, Article]):
    model = Claim
    extra = 0
    fields = readonly_fields = (
        "statement",
        "type",
        "status",
        "claimant",
        "score",
        "origin",
        "assignee",
    )
    show_change_link = True
    can_delete = False
    ordering = ["start"]

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def get_queryset(self, request: HttpRequest) -> QuerySet[Claim]:
        return super().get_queryset(request).select_related("assignee")


@admin.register(Article)
class ArticleAdmin(ServiceAdmin):
    list_display = [
        "__str__",
        "publisher",
        "extraction_status",
        "job_error",
        "input_kind",
        "created_by",
        "created_at",
    ]
    list_filter = ["extraction_status", "input_kind", "publisher", "created_at"]
    search_fields = ["title", "url", "publisher", "author", "body"]
    date_hierarchy = "created_at"
    list_select_related = ["created_by"]
    # The metadata changes through `article_update` (checked against the version loaded, so
    # a save never resets the job's state or boilerplate written meanwhile by a worker).
    editable = services.ARTICLE_EDITABLE_FIELDS
    fieldsets = [
        (None, {"fields": ["title", "url", "publisher", "author", "published_at", "language"]}),
        (
            "Fetch and extraction",
            {"fields": ["extraction_status", "extraction_error", "duplicate_of", "boilerplate"]},
        ),
        (
            "Text",
            {"fields": ["body", "raw", "input_kind", "content_hash"], "classes": ["collapse"]},
        ),
        ("Audit", {"fields": ["created_by", "created_at", "updated_at", "version"]}),
        (None, {"fields": ["loaded_version"]}),
    ]
    inlines = [ClaimInline]

    def has_add_permission(self, request: HttpRequest) -> bool:
        # Articles come in through ingestion (the web form, the API), which extracts claims.
        return False

    def update(
        self, request: HttpRequest, saved: Article, version: int, changes: dict[str, Any]
    ) -> None:
        services.article_update(
            article=saved, actor=request.user, expected_version=version, **changes
        )

    def has_delete_permission(self, request: HttpRequest, obj: Article | None = None) -> bool:
        # Deleting an article deletes its claims: not once any of them carries a verdict.
        return super().has_delete_permission(request, obj) and (
            obj is None or not obj.claims.filter(verdicts__isnull=False).exists()
        )

    @admin.display(description="error")
    def job_error(self, obj: Article) -> str:
        # Why the fetch or the extraction failed, in the list where failures are spotted.
        error = obj.extraction_error
        return error if len(error) <= 90 else error[:89] + "…"
