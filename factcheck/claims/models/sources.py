"""Sources: the evidence attached to a claim."""

from django.conf import settings
from django.db import models
from django.db.models import OuterRef
from django.utils.translation import gettext_lazy
from simple_history.models import HistoricalRecords

from factcheck.claims.models.claims import Claim
from factcheck.claims.models.verdicts import Verdict
from factcheck.history import ActorName

User = settings.AUTH_USER_MODEL


class SourceQuerySet(models.QuerySet["Source"]):
    def in_public_record(self) -> "SourceQuerySet":
        """Sources a published fact-check shows: those its editor saw, added before the
        claim's current verdict was published. Evidence added later waits for the
        correction it belongs to."""
        published = Verdict.objects.filter(
            claim=OuterRef("claim"), state="published", published_at__gte=OuterRef("created_at")
        )
        return self.filter(models.Exists(published))


class Source(models.Model):
    class Stance(models.TextChoices):
        SUPPORTS = "supports", gettext_lazy("Supports")
        REFUTES = "refutes", gettext_lazy("Refutes")
        CONTEXT = "context", gettext_lazy("Context")

    class SnapshotStatus(models.TextChoices):
        PENDING = "pending", gettext_lazy("Pending")
        OK = "ok", gettext_lazy("Archived")
        FAILED = "failed", gettext_lazy("Failed")
        DEAD = "dead", gettext_lazy("Link dead")

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="sources")
    url = models.URLField(max_length=2000, verbose_name=gettext_lazy("url"))
    title = models.CharField(max_length=300, blank=True, verbose_name=gettext_lazy("title"))
    publisher = models.CharField(max_length=200, blank=True, verbose_name=gettext_lazy("publisher"))
    published_on = models.DateField(
        null=True, blank=True, verbose_name=gettext_lazy("published on")
    )
    excerpt = models.TextField(blank=True, verbose_name=gettext_lazy("excerpt"))
    stance = models.CharField(
        max_length=8, choices=Stance, default=Stance.CONTEXT, verbose_name=gettext_lazy("stance")
    )
    added_by = models.ForeignKey(
        User,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=gettext_lazy("added by"),
    )
    # Snapshot, filled by a worker.
    snapshot_status = models.CharField(
        max_length=8,
        choices=SnapshotStatus,
        default=SnapshotStatus.PENDING,
        verbose_name=gettext_lazy("snapshot status"),
    )
    final_url = models.URLField(max_length=2000, blank=True, verbose_name=gettext_lazy("final url"))
    http_status = models.PositiveSmallIntegerField(
        null=True, blank=True, verbose_name=gettext_lazy("http status")
    )
    fetched_at = models.DateTimeField(
        null=True, blank=True, verbose_name=gettext_lazy("fetched at")
    )
    sha256 = models.CharField(max_length=64, blank=True, verbose_name=gettext_lazy("sha256"))
    snapshot_title = models.CharField(
        max_length=300, blank=True, verbose_name=gettext_lazy("snapshot title")
    )
    snapshot_text = models.TextField(blank=True)
    failure_reason = models.TextField(blank=True, verbose_name=gettext_lazy("failure reason"))
    last_checked_at = models.DateTimeField(
        null=True, blank=True, verbose_name=gettext_lazy("last checked at")
    )
    version = models.PositiveIntegerField(default=1, help_text=gettext_lazy("Optimistic lock."))
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"], bases=[ActorName])
    objects = SourceQuerySet.as_manager()

    class Meta:
        verbose_name = gettext_lazy("source")
        verbose_name_plural = gettext_lazy("sources")
        ordering = ["claim_id", "created_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["claim", "url"], name="source_url_once_per_claim"),
        ]

    def __str__(self) -> str:
        return self.title or self.url
