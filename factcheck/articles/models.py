import hashlib
from typing import Any

from django.conf import settings
from django.db import connection, models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import get_language_info, gettext_lazy
from simple_history.models import HistoricalRecords

from factcheck.history import ActorName


def content_hash(body: str) -> str:
    """Whitespace-insensitive fingerprint: the same article pasted twice is one article."""
    normalised = " ".join(body.split()).casefold()
    return hashlib.sha256(normalised.encode()).hexdigest()


class ArticleQuerySet(models.QuerySet["Article"]):
    def visible_to(self, user: Any) -> "ArticleQuerySet":
        # Every member of the desk sees every article; nobody else sees any.
        if not (user.is_authenticated and user.has_perm("articles.view_article")):
            return self.none()
        return self

    def with_claim_counts(self) -> "ArticleQuerySet":
        return self.annotate(claim_count=models.Count("claims"))


# Each language in use read from the index by one probe (a loose index scan): a DISTINCT
# would read every article's entry, and the claim list asks on every page.
LANGUAGES_IN_USE = """
WITH RECURSIVE found(language) AS (
    SELECT MIN(language) FROM articles_article
    UNION ALL
    SELECT (SELECT MIN(a.language) FROM articles_article a WHERE a.language > found.language)
    FROM found WHERE found.language IS NOT NULL
)
SELECT language FROM found WHERE language IS NOT NULL AND language <> ''
"""


def language_choices() -> list[tuple[str, str]]:
    """The languages articles are in, as a filter's choices: (code, name). Every article's,
    so for the desk only (who sees them all)."""
    with connection.cursor() as cursor:
        cursor.execute(LANGUAGES_IN_USE)
        return [(code, language_name(code)) for (code,) in cursor.fetchall()]


def language_name(code: str) -> str:
    """A language's name in the interface's language ("es" -> "Spanish"), else its code."""
    try:
        return str(get_language_info(code)["name_translated"])
    except KeyError:
        return code


class Article(models.Model):
    class InputKind(models.TextChoices):
        TEXT = "text", gettext_lazy("Pasted text")
        FILE = "file", gettext_lazy("Uploaded file")
        URL = "url", gettext_lazy("URL")

    class Status(models.TextChoices):
        PENDING = "pending", gettext_lazy("Pending")
        RUNNING = "running", gettext_lazy("Running")
        DONE = "done", gettext_lazy("Done")
        FAILED = "failed", gettext_lazy("Failed")

    title = models.CharField(max_length=300, blank=True)
    url = models.URLField(max_length=2000, null=True, blank=True)
    publisher = models.CharField(max_length=200, blank=True)
    author = models.CharField(max_length=200, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    language = models.CharField(max_length=16, blank=True, default="en")
    body = models.TextField(
        blank=True, help_text=gettext_lazy("The clean text that claim offsets point into.")
    )
    raw = models.TextField(
        blank=True, help_text=gettext_lazy("The input as received, kept for audit.")
    )
    input_kind = models.CharField(max_length=8, choices=InputKind, default=InputKind.TEXT)
    content_hash = models.CharField(max_length=64, blank=True, db_index=True)
    boilerplate = models.JSONField(
        default=list,
        blank=True,
        help_text=gettext_lazy("[start, end] spans of text that is not the article."),
    )
    job_status = models.CharField(max_length=8, choices=Status, default=Status.PENDING)
    job_error = models.TextField(blank=True)
    # Set when a URL turned out to hold the same text as an article we already have: this
    # row stays empty (failed, with the reason) and points the reviewer at the other one.
    duplicate_of = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="duplicates"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1, help_text=gettext_lazy("Optimistic lock."))

    # What a person can change (the metadata ClaimReview shows); the text and the job's
    # state are not copied into every row.
    history = HistoricalRecords(
        excluded_fields=[
            "body",
            "raw",
            "boilerplate",
            "content_hash",
            "job_status",
            "job_error",
            "updated_at",
        ],
        bases=[ActorName],
    )
    objects = ArticleQuerySet.as_manager()

    class Meta:
        verbose_name = gettext_lazy("article")
        verbose_name_plural = gettext_lazy("articles")
        ordering = ["-created_at", "-id"]
        # The language filter's choices (`language_choices`) and the filter itself.
        indexes = [models.Index(fields=["language"], name="article_language")]
        constraints = [
            models.UniqueConstraint(
                fields=["url"], condition=Q(url__isnull=False), name="article_url_unique"
            ),
            models.UniqueConstraint(
                fields=["content_hash"],
                condition=~Q(content_hash=""),
                name="article_content_unique",
            ),
            models.CheckConstraint(condition=~Q(url=""), name="article_url_null_not_empty"),
        ]

    def __str__(self) -> str:
        return self.title or self.url or f"Article {self.pk}"

    def get_absolute_url(self) -> str:
        return reverse("article_detail", args=[self.pk])
