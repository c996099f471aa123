"""Links the worker finds: similar claims, and fact-checks that match a claim."""

from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Greatest, Least
from django.utils.translation import gettext_lazy

from factcheck.claims.models.claims import Claim


class SimilarClaim(models.Model):
    """A claim in another article that says the same thing, found when `claim` was created."""

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="similar_links")
    other = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="similar_backlinks")
    score = models.FloatField(help_text=gettext_lazy("0 to 1, best match highest."))
    reasons = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = gettext_lazy("similar claim")
        verbose_name_plural = gettext_lazy("similar claims")
        ordering = ["-score", "id"]
        constraints = [
            # One link per pair, whichever claim found the other: two jobs matching the
            # two claims at once would otherwise store it both ways round.
            models.UniqueConstraint(
                Least("claim", "other"), Greatest("claim", "other"), name="similar_claim_pair_once"
            ),
            models.CheckConstraint(condition=~Q(claim=F("other")), name="similar_claim_not_self"),
        ]

    def __str__(self) -> str:
        return f"{self.claim_id} ~ {self.other_id} ({self.score:.2f})"


class FactCheckMatch(models.Model):
    """An imported fact-check found to check `claim`, stored when the claim was created."""

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="factcheck_matches")
    factcheck = models.ForeignKey(
        "factchecks.FactCheck", on_delete=models.CASCADE, related_name="claim_matches"
    )
    confidence = models.FloatField(
        help_text=gettext_lazy("0 to 1: how likely this fact-check checks it.")
    )
    reasons = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = gettext_lazy("fact check match")
        verbose_name_plural = gettext_lazy("fact check matches")
        ordering = ["-confidence", "id"]
        constraints = [
            models.UniqueConstraint(fields=["claim", "factcheck"], name="factcheck_match_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.claim_id} ~ fact-check {self.factcheck_id} ({self.confidence:.2f})"
