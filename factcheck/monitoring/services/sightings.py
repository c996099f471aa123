"""The "Seen again" queue: a new claim matching a published one or an imported fact-check,
its publication as an appearance of the original verdict, and the most-seen claims."""

import logging
from collections import Counter
from collections.abc import Sequence
from datetime import timedelta
from typing import Any

from django.contrib.auth.models import User
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from factcheck.claims.matching import ALREADY_CHECKED, claim_matches
from factcheck.claims.models import Claim, FactCheckMatch, SimilarClaim, Verdict
from factcheck.claims.services import WorkflowError, published_verdict_of, verdict_writers
from factcheck.monitoring.models import Sighting
from factcheck.notifications.models import Kind
from factcheck.notifications.services import Event, queue_events
from factcheck.versioning import Actor, lock, require, save

logger = logging.getLogger(__name__)


def on_claims_matched(sender: Any, *, claim_ids: Sequence[int], **kwargs: Any) -> None:
    """Receiver of `factcheck.claims.signals.claims_matched`."""
    sightings_record(claim_ids=claim_ids)


def sightings_record(*, claim_ids: Sequence[int]) -> int:
    """Put each claim that repeats something already checked in the "Seen again" queue.

    Reads the matches the matching step stored (`claim_matches`: our published claims
    and imported fact-checks) and keeps the confident ones; the reviewers who wrote the
    original's verdict are told. Safe to run twice: a sighting is stored once per claim and
    original, and a notification once per key. Returns the sightings stored.
    """
    stored = 0
    events = []
    claims = Claim.objects.filter(pk__in=_confidently_matched(claim_ids)).exclude(
        status=Claim.Status.DISMISSED
    )
    for claim in claims.select_related("article"):
        for match in claim_matches(claim):
            if not match.already_checked:
                continue
            if match.kind == "ours" and match.verdict is not None:
                original = match.verdict.claim
                if original.article_id == claim.article_id or claim.duplicate_of_id:
                    continue  # its own article, or already marked as a repeat by hand
                sighting = Sighting(claim=claim, original=original)
                key = f"seen_again:{claim.pk}:{original.pk}"
                events.append(
                    Event(
                        Kind.SEEN_AGAIN,
                        original.pk,
                        tuple(verdict_writers(match.verdict)),
                        None,
                        key,
                    )
                )
            elif match.factcheck is not None:
                sighting = Sighting(claim=claim, factcheck=match.factcheck)
            else:
                continue
            sighting.confidence = match.confidence
            sighting.reasons = list(match.reasons)
            try:
                with transaction.atomic():
                    sighting.save()
                stored += 1
            except IntegrityError:
                pass  # recorded by an earlier run
    with transaction.atomic():
        queue_events(events)
    return stored


def _confidently_matched(claim_ids: Sequence[int]) -> set[int]:
    """Those of the claims that may repeat something checked: a stored link at
    ALREADY_CHECKED or above to a claim of ours with a published verdict (its own or that
    of the claim it repeats), or a fact-check match as confident. A few queries for them
    all, where reading every claim's matches is three each, and most new claims have
    none; whether a match counts (another article, say) is then decided claim by claim."""
    published = Verdict.State.PUBLISHED
    found: set[int] = set()
    for mine, other in (("claim", "other"), ("other", "claim")):
        checked = Q(**{f"{other}__verdicts__state": published}) | Q(
            **{f"{other}__duplicate_of__verdicts__state": published}
        )
        found.update(
            SimilarClaim.objects.filter(checked, score__gte=ALREADY_CHECKED)
            .filter(**{f"{mine}_id__in": claim_ids})
            .values_list(f"{mine}_id", flat=True)
        )
    theirs = FactCheckMatch.objects.filter(claim_id__in=claim_ids, confidence__gte=ALREADY_CHECKED)
    return found | set(theirs.values_list("claim_id", flat=True))


@transaction.atomic
def sighting_publish(*, sighting: Sighting, actor: Actor) -> Sighting:
    """An editor publishes the appearance in one step: the new article's claim becomes a
    published repeat of the original, whose ClaimReview lists the article as an
    appearance. No new verdict: the original's was approved by a second person already;
    the matcher proposed the pairing and the editor confirms it."""
    user = require(actor, "claims.publish_verdict", _("publish appearances"))
    locked = Sighting.objects.select_for_update().get(pk=sighting.pk)
    if locked.status != Sighting.Status.PENDING:
        raise WorkflowError(
            _("This sighting was handled already (%(status)s).")
            % {"status": locked.get_status_display()}
        )
    if locked.original is None:
        raise WorkflowError(
            _(
                "This claim matches another organisation's fact check: cite it as a source "
                "instead, there is no verdict of ours to show."
            )
        )
    original = locked.original.duplicate_of or locked.original
    claim = lock(locked.claim, None, {})
    if claim.status not in (Claim.Status.NEW, Claim.Status.CHECKING):
        raise WorkflowError(
            _("A claim that is %(status)s cannot be published as an appearance.")
            % {"status": claim.get_status_display().lower()}
        )
    if claim.duplicate_of_id not in (None, original.pk):
        raise WorkflowError(_("The claim is marked as a repeat of another claim."))
    if published_verdict_of(original) is None:
        raise WorkflowError(_("The original claim has no published verdict any more."))
    claim.duplicate_of = original
    claim.duplicate_confirmed_by = user
    claim.status = Claim.Status.PUBLISHED
    save(claim, ["duplicate_of", "duplicate_confirmed_by", "status"], actor, "appearance published")
    return _decide(locked, user, Sighting.Status.PUBLISHED)


@transaction.atomic
def sighting_dismiss(*, sighting: Sighting, actor: Actor) -> Sighting:
    """Not the same claim after all: out of the queue, and not counted as an appearance."""
    user = require(actor, "monitoring.change_sighting", _("dismiss sightings"))
    locked = Sighting.objects.select_for_update().get(pk=sighting.pk)
    if locked.status != Sighting.Status.PENDING:
        raise WorkflowError(
            _("This sighting was handled already (%(status)s).")
            % {"status": locked.get_status_display()}
        )
    return _decide(locked, user, Sighting.Status.DISMISSED)


def _decide(sighting: Sighting, user: User, status: str) -> Sighting:
    sighting.status = status
    sighting.decided_by = user
    sighting.decided_at = timezone.now()
    sighting.save(update_fields=["status", "decided_by", "decided_at"])
    return sighting


def claims_seen_most(*, days: int = 7, limit: int = 10) -> list[tuple[Claim, int]]:
    """The checked claims that appeared in most articles in the last `days` days: machine
    sightings not dismissed, and repeats marked by hand."""
    since = timezone.now() - timedelta(days=days)
    counts: Counter[int] = Counter()
    pairs = set(
        Sighting.objects.filter(created_at__gte=since, original__isnull=False)
        .exclude(status=Sighting.Status.DISMISSED)
        .values_list("original_id", "claim__article_id")
    )
    pairs |= set(
        Claim.objects.filter(created_at__gte=since, duplicate_of__isnull=False).values_list(
            "duplicate_of_id", "article_id"
        )
    )
    counts.update(original for original, _ in pairs)
    top = counts.most_common(limit)
    claims = Claim.objects.in_bulk([pk for pk, _ in top])
    return [(claims[pk], n) for pk, n in top if pk in claims]
