"""The organisation's rating scale."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy
from simple_history.models import HistoricalRecords

from factcheck.history import ActorName


class Rating(models.Model):
    """One step of the organisation's rating scale, edited in the admin."""

    label = models.CharField(max_length=60, unique=True)
    slug = models.SlugField(max_length=60, unique=True)
    value = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        help_text=gettext_lazy("Numeric value for ClaimReview; empty for 'Unverifiable'."),
    )
    order = models.PositiveSmallIntegerField(default=0)
    colour = models.CharField(
        max_length=7, default="#6b7280", help_text=gettext_lazy("Hex colour, #rrggbb.")
    )
    description = models.TextField(blank=True)
    version = models.PositiveIntegerField(default=1, help_text=gettext_lazy("Optimistic lock."))

    history = HistoricalRecords(bases=[ActorName])

    class Meta:
        verbose_name = gettext_lazy("rating")
        verbose_name_plural = gettext_lazy("ratings")
        ordering = ["order", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(colour__regex=r"^#[0-9a-fA-F]{6}$"), name="rating_colour_hex"
            ),
        ]

    def __str__(self) -> str:
        return self.label
