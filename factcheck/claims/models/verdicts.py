"""Verdicts: a claim's rating and explanation, drafted, approved and published."""

from django.conf import settings
from django.db import connections, models
from django.db.models import BooleanField, F, Q
from django.db.models.expressions import RawSQL
from django.urls import reverse
from django.utils.translation import gettext_lazy, pgettext_lazy
from simple_history.models import HistoricalRecords

from factcheck.claims.models.claims import Claim
from factcheck.claims.models.ratings import Rating
from factcheck.claims.models.search import SEARCH_VECTOR, normalise_figures
from factcheck.history import ActorName

User = settings.AUTH_USER_MODEL


class VerdictQuerySet(models.QuerySet["Verdict"]):
    def published(self) -> "VerdictQuerySet":
        return self.filter(state=Verdict.State.PUBLISHED)

    def current(self) -> "VerdictQuerySet":
        """The verdict a claim stands by now: open (a draft, or awaiting approval) or
        published. A superseded or withdrawn one is history."""
        return self.filter(state__in=Verdict.CURRENT_STATES)

    def open(self) -> "VerdictQuerySet":
        """The verdict still being written or approved; a claim has one at most."""
        return self.filter(state__in=Verdict.OPEN_STATES)

    def search(self, text: str) -> "VerdictQuerySet":
        """Verdicts on claims whose statement, quote or claimant hold every word of `text`:
        the claims' full-text search (its GIN index, its figures rule) on PostgreSQL; on
        SQLite the claims' substring match."""
        text = normalise_figures(text)
        if not text.split():
            return self
        if connections[self.db].vendor != "postgresql":
            return self.filter(claim__in=Claim.objects.search(text).values("pk"))
        return self.filter(
            RawSQL(
                "claims_verdict.claim_id IN (SELECT claims_claim.id FROM claims_claim WHERE "
                f"{SEARCH_VECTOR} @@ websearch_to_tsquery('english', %s))",
                [text],
                BooleanField(),
            )
        )


SUMMARY_MAX_CHARS = 74  # ClaimReview wants the summary under 75 characters.


class Verdict(models.Model):
    """One version of the verdict on a claim; a correction is a new version."""

    class State(models.TextChoices):
        DRAFT = "draft", pgettext_lazy("verdict state", "Draft")
        SUBMITTED = "submitted", pgettext_lazy("verdict state", "Awaiting approval")
        PUBLISHED = "published", pgettext_lazy("verdict state", "Published")
        SUPERSEDED = "superseded", pgettext_lazy("verdict state", "Superseded by a correction")
        WITHDRAWN = "withdrawn", pgettext_lazy("verdict state", "Withdrawn from publication")

    OPEN_STATES = (State.DRAFT, State.SUBMITTED)
    CURRENT_STATES = (*OPEN_STATES, State.PUBLISHED)

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="verdicts")
    number = models.PositiveIntegerField(
        default=1, help_text=gettext_lazy("1 for the first verdict, 2... for corrections.")
    )
    state = models.CharField(
        max_length=10,
        choices=State,
        default=State.DRAFT,
        db_index=True,
        verbose_name=gettext_lazy("state"),
    )
    rating = models.ForeignKey(
        Rating,
        on_delete=models.PROTECT,
        related_name="verdicts",
        verbose_name=gettext_lazy("rating"),
    )
    summary = models.CharField(
        max_length=SUMMARY_MAX_CHARS,
        help_text=f"One line, at most {SUMMARY_MAX_CHARS} characters.",
        verbose_name=gettext_lazy("summary"),
    )
    claim_reviewed = models.CharField(
        max_length=75,
        blank=True,
        help_text=gettext_lazy(
            "The claim in at most 75 characters, written by the reviewer: ClaimReview's "
            "claimReviewed. Required to publish."
        ),
        verbose_name=gettext_lazy("claim reviewed"),
    )
    explanation = models.TextField(blank=True, verbose_name=gettext_lazy("explanation"))
    correction_note = models.TextField(blank=True, verbose_name=gettext_lazy("correction note"))
    withdraw_reason = models.TextField(
        blank=True,
        help_text=gettext_lazy("Why an editor took this published verdict off the public record."),
        verbose_name=gettext_lazy("withdraw reason"),
    )
    author = models.ForeignKey(
        User,
        on_delete=models.PROTECT,
        related_name="verdicts_written",
        verbose_name=gettext_lazy("author"),
    )
    approver = models.ForeignKey(
        User,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="verdicts_approved",
        verbose_name=gettext_lazy("approver"),
    )
    submitted_at = models.DateTimeField(
        null=True, blank=True, verbose_name=gettext_lazy("submitted at")
    )
    published_at = models.DateTimeField(
        null=True, blank=True, db_index=True, verbose_name=gettext_lazy("published at")
    )
    fingerprint = models.CharField(
        max_length=64,
        blank=True,
        help_text=gettext_lazy(
            "SHA-256 of everything the public record shows, taken when the verdict was "
            "submitted and checked again when it was approved."
        ),
    )
    version = models.PositiveIntegerField(default=1, help_text=gettext_lazy("Optimistic lock."))
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"], bases=[ActorName])
    objects = VerdictQuerySet.as_manager()

    class Meta:
        verbose_name = gettext_lazy("verdict")
        verbose_name_plural = gettext_lazy("verdicts")
        ordering = ["claim_id", "number"]
        permissions = [("publish_verdict", "Can approve and publish verdicts")]
        constraints = [
            models.UniqueConstraint(fields=["claim", "number"], name="verdict_number_unique"),
            models.UniqueConstraint(
                fields=["claim"], condition=Q(state="published"), name="verdict_one_published"
            ),
            models.UniqueConstraint(
                fields=["claim"],
                condition=Q(state__in=["draft", "submitted"]),
                name="verdict_one_open",
            ),
            models.CheckConstraint(
                condition=Q(approver__isnull=True) | ~Q(approver=F("author")),
                name="verdict_four_eyes",
            ),
            models.CheckConstraint(
                condition=~Q(state__in=["published", "superseded"])
                | (Q(approver__isnull=False) & Q(published_at__isnull=False)),
                name="verdict_published_is_approved",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.rating}: {self.summary}"

    def get_absolute_url(self) -> str:
        # Where the desk reads a verdict in any state, like Claim's: a draft has no public
        # page. The public address is claimreview.public_page_url (one per claim, so a
        # correction keeps it).
        return reverse("claim_detail", args=[self.claim_id]) + "#verdict"
