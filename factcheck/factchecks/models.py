"""Fact-checks published by other organisations (ClaimReview), kept apart from our verdicts.

Imported from files and feeds; matched against every new claim. `search` holds the claim
reviewed (weight A) and the headline (weight B) as a PostgreSQL tsvector, filled by the
import service, so candidate generation is one GIN index lookup.
"""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy


class FactCheck(models.Model):
    publisher = models.CharField(max_length=200)
    claim_reviewed = models.TextField()
    headline = models.TextField(blank=True, help_text=gettext_lazy("The fact-check's title."))
    claimant = models.CharField(max_length=200, blank=True)
    rating = models.CharField(
        max_length=200, blank=True, help_text=gettext_lazy("The publisher's words.")
    )
    review_url = models.URLField(max_length=2000, blank=True)
    published_on = models.DateField(null=True, blank=True)
    language = models.CharField(max_length=16, blank=True)
    external_id = models.CharField(
        max_length=200,
        blank=True,
        help_text=gettext_lazy("The publisher's or the file's id for the review."),
    )
    search = SearchVectorField(null=True, editable=False)
    imported_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = gettext_lazy("fact check")
        verbose_name_plural = gettext_lazy("fact checks")
        ordering = ["-published_on", "-id"]
        indexes = [GinIndex(fields=["search"], name="factchecks_search_gin")]
        constraints = [
            # Re-importing a review updates it instead of adding a copy.
            models.UniqueConstraint(
                fields=["review_url"], condition=~Q(review_url=""), name="factcheck_unique_url"
            ),
            models.UniqueConstraint(
                fields=["publisher", "external_id"],
                condition=Q(review_url="") & ~Q(external_id=""),
                name="factcheck_unique_external_id",
            ),
            models.CheckConstraint(
                condition=~Q(review_url="") | ~Q(external_id=""), name="factcheck_identified"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.publisher}: {self.claim_reviewed[:80]}"


class Lexeme(models.Model):
    """How many documents of a corpus use a word (stemmed): the rarity that ranking weighs.

    One set of counts per corpus the matcher searches (`factcheck.factchecks.matching`):
    the imported fact-checks, refreshed after every import, and our claims, refreshed when
    they have grown since (`lexemes_refresh`); never per lookup.
    """

    corpus = models.CharField(max_length=32)
    lexeme = models.CharField(max_length=255)
    documents = models.BigIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["corpus", "lexeme"], name="lexeme_unique_per_corpus")
        ]

    def __str__(self) -> str:
        return f"{self.corpus}: {self.lexeme} ({self.documents})"
