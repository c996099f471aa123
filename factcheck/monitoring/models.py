"""Followed sources and what they bring: feeds, their items, and claims seen again.

A `Feed` is polled on its own schedule; each entry it lists is a `FeedItem`, stored once
per feed (by GUID) and recognised again by its address or its content, so an item is never
fetched twice; a new one becomes an article through URL ingestion. When a claim of a new
article matches a claim we published or an imported fact-check, a `Sighting` records the
match: the "Seen again" queue, and the claim's appearances.
"""

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from factcheck.articles.models import Article
from factcheck.claims.models import Claim
from factcheck.factchecks.models import FactCheck


class FeedQuerySet(models.QuerySet["Feed"]):
    def visible_to(self, user: Any) -> "FeedQuerySet":
        if not (user.is_authenticated and user.has_perm("monitoring.view_feed")):
            return self.none()
        return self

    def due(self, now: Any = None) -> "FeedQuerySet":
        """Feeds switched on, not paused, whose next poll time has come."""
        return self.filter(
            enabled=True, paused_at__isnull=True, next_poll_at__lte=now or timezone.now()
        )


class Feed(models.Model):
    class Kind(models.TextChoices):
        UNKNOWN = "", gettext_lazy("Not read yet")
        RSS = "rss", gettext_lazy("RSS")
        ATOM = "atom", gettext_lazy("Atom")
        JSON = "json", gettext_lazy("JSON Feed")
        SITEMAP = "sitemap", gettext_lazy("News sitemap")
        FOLDER = "folder", gettext_lazy("Folder of transcripts and files")

    name = models.CharField(max_length=200)
    url = models.URLField(max_length=2000, unique=True, null=True, blank=True)
    folder = models.CharField(
        max_length=500,
        blank=True,
        help_text=gettext_lazy(
            "Instead of an address: a folder on the server (under FEEDS_FOLDER_ROOT) "
            "whose new .txt, .md and .html files (transcripts, say) become articles."
        ),
    )
    kind = models.CharField(max_length=8, choices=Kind, blank=True, editable=False)
    interval_minutes = models.PositiveIntegerField(
        default=60, help_text=gettext_lazy("How often it is polled, in minutes.")
    )
    enabled = models.BooleanField(default=True, help_text=gettext_lazy("Off: not polled."))
    # Status, written by the poller only.
    last_checked_at = models.DateTimeField(null=True, blank=True, editable=False)
    last_new_item_at = models.DateTimeField(null=True, blank=True, editable=False)
    last_error = models.TextField(blank=True, editable=False)
    # How to say last_error in the reader's language (factcheck.i18n.Message.stored).
    last_error_params = models.JSONField(default=dict, blank=True, editable=False)
    failures = models.PositiveIntegerField(
        default=0, editable=False, help_text=gettext_lazy("Failed polls in a row.")
    )
    paused_at = models.DateTimeField(
        null=True,
        blank=True,
        editable=False,
        help_text=gettext_lazy("Set after too many failures in a row."),
    )
    items_seen = models.PositiveIntegerField(default=0, editable=False)
    next_poll_at = models.DateTimeField(null=True, blank=True, editable=False, db_index=True)
    # The validators of the last answer, sent back as a conditional GET.
    etag = models.CharField(max_length=500, blank=True, editable=False)
    last_modified = models.CharField(max_length=100, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1, help_text=gettext_lazy("Optimistic lock."))

    objects = FeedQuerySet.as_manager()

    class Meta:
        verbose_name = gettext_lazy("feed")
        verbose_name_plural = gettext_lazy("feeds")
        ordering = ["name", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(interval_minutes__gte=5), name="feed_interval_at_least_5_minutes"
            ),
            models.CheckConstraint(
                condition=Q(url__isnull=False, folder="") | Q(url__isnull=True) & ~Q(folder=""),
                name="feed_has_an_address_or_a_folder",
            ),
            models.UniqueConstraint(
                fields=["folder"], condition=~Q(folder=""), name="feed_folder_unique"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("feed_detail", args=[self.pk])

    @property
    def source(self) -> str:
        return self.url or self.folder

    @property
    def interval(self) -> timedelta:
        return timedelta(minutes=self.interval_minutes)

    @property
    def state(self) -> str:
        """One word for lists: off, paused, failing, ok, new."""
        if not self.enabled:
            return "off"
        if self.paused_at:
            return "paused"
        if self.failures:
            return "failing"
        return "ok" if self.last_checked_at else "new"


class FeedItem(models.Model):
    """One entry a feed listed; `article` is what it became (None: not ingested)."""

    feed = models.ForeignKey(Feed, on_delete=models.CASCADE, related_name="items")
    guid = models.CharField(max_length=2000)
    url = models.URLField(max_length=2000, blank=True, db_index=True)
    title = models.CharField(max_length=300, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    # Of the entry's title, summary and address: the same story under another GUID.
    content_hash = models.CharField(max_length=64, db_index=True)
    article = models.ForeignKey(
        Article, null=True, blank=True, on_delete=models.SET_NULL, related_name="feed_items"
    )
    note = models.CharField(
        max_length=300, blank=True, help_text=gettext_lazy("Why it was not ingested.")
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = gettext_lazy("feed item")
        verbose_name_plural = gettext_lazy("feed items")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["feed", "guid"], name="feed_item_once_per_feed")
        ]

    def __str__(self) -> str:
        return self.title or self.url or self.guid


class SightingQuerySet(models.QuerySet["Sighting"]):
    def visible_to(self, user: Any) -> "SightingQuerySet":
        if not (user.is_authenticated and user.has_perm("monitoring.view_sighting")):
            return self.none()
        return self

    def pending(self) -> "SightingQuerySet":
        return self.filter(status=Sighting.Status.PENDING)


class Sighting(models.Model):
    """A new article's claim that repeats something already checked."""

    class Status(models.TextChoices):
        PENDING = "pending", gettext_lazy("Seen again")
        PUBLISHED = "published", gettext_lazy("Published as an appearance")
        DISMISSED = "dismissed", gettext_lazy("Not the same claim")

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="sightings")
    # What it repeats: a claim of ours with a published verdict, or another's fact-check.
    original = models.ForeignKey(
        Claim, null=True, blank=True, on_delete=models.CASCADE, related_name="seen_again"
    )
    factcheck = models.ForeignKey(
        FactCheck, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    confidence = models.FloatField()
    reasons = models.JSONField(default=list, blank=True)
    status = models.CharField(max_length=10, choices=Status, default=Status.PENDING)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    objects = SightingQuerySet.as_manager()

    class Meta:
        verbose_name = gettext_lazy("sighting")
        verbose_name_plural = gettext_lazy("sightings")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(original__isnull=False, factcheck__isnull=True)
                | Q(original__isnull=True, factcheck__isnull=False),
                name="sighting_of_one_thing",
            ),
            models.UniqueConstraint(
                fields=["claim", "original"],
                condition=Q(original__isnull=False),
                name="sighting_once_per_original",
            ),
            models.UniqueConstraint(
                fields=["claim", "factcheck"],
                condition=Q(factcheck__isnull=False),
                name="sighting_once_per_factcheck",
            ),
        ]

    def __str__(self) -> str:
        return f"Claim {self.claim_id} seen again"

    @property
    def matched_how(self) -> str:
        share = round(self.confidence * 100)
        if self.original_id:
            return _("matched our fact check (%(share)s%%)") % {"share": share}
        return _("matched an imported fact check (%(share)s%%)") % {"share": share}
