"""Duplicates: a claim already checked in another article."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from factcheck.claims.models import Claim, Verdict
from factcheck.claims.services.common import Actor, WorkflowError, _claim_start_checking, _event
from factcheck.claims.services.verdicts import verdict_writers
from factcheck.versioning import lock as _lock
from factcheck.versioning import require as _require
from factcheck.versioning import save as _save


def published_verdict_of(claim: Claim) -> Verdict | None:
    """The verdict a claim shows: its own published one, or that of the claim it repeats."""
    own = claim.verdicts.filter(state=Verdict.State.PUBLISHED).first()
    if own or claim.duplicate_of_id is None:
        return own
    return Verdict.objects.filter(
        claim_id=claim.duplicate_of_id, state=Verdict.State.PUBLISHED
    ).first()


def _lock_pair(claim: Claim, other: Claim) -> tuple[Claim, Claim]:
    """Lock two claims in id order, so that two people marking each against the other
    wait for one another instead of deadlocking."""
    rows = {c.pk: c for c in Claim.objects.select_for_update().filter(pk__in=[claim.pk, other.pk])}
    return rows[claim.pk], rows[other.pk]


@transaction.atomic
def claim_mark_duplicate(
    *, claim: Claim, actor: Actor, original: Claim | None, expected_version: int | None = None
) -> Claim:
    """Mark `claim` as a repeat of `original` (None clears the mark).

    Duplicates point at the first-checked claim, never at another duplicate, so a verdict
    is always one step away. Whoever marks it may not also confirm it for publication.
    """
    user = _require(actor, "claims.change_claim", _("mark duplicates"))
    if original is not None and original.pk != claim.pk:
        _lock_pair(claim, original)
    locked = _lock(claim, expected_version, {"duplicate_of": original})
    if locked.status == Claim.Status.PUBLISHED:
        raise WorkflowError(_("A published claim cannot be marked as a duplicate."))
    if original is not None:
        # Read it afresh: the caller's copy may predate its own marking as a duplicate.
        original = Claim.objects.select_related("duplicate_of").get(pk=original.pk)
        original = original.duplicate_of or original
        if original.pk == locked.pk:
            raise WorkflowError(_("A claim cannot be a duplicate of itself."))
        if original.pk == locked.duplicate_of_id:
            return locked  # marked so already: whoever marked it stays the one who did
        if locked.duplicates.exists():
            raise WorkflowError(
                _(
                    "Other claims are marked as duplicates of this one; mark them against the "
                    "original first."
                )
            )
    locked.duplicate_of = original
    locked.duplicate_marked_by = user if original is not None else None
    fields = ["duplicate_of", "duplicate_marked_by", *_claim_start_checking(locked)]
    saved = _save(locked, fields, actor)
    if original is not None:
        checked = Verdict.objects.filter(claim=original, state=Verdict.State.PUBLISHED).first()
        if checked is not None:
            key = f"seen_again:{saved.pk}:{original.pk}"
            _event("seen_again", saved, actor, verdict_writers(checked), key)
    return saved


@transaction.atomic
def claim_publish_duplicate(*, claim: Claim, actor: Actor) -> Claim:
    """An editor publishes a new appearance of an already-checked claim in one step.

    The original's verdict was already approved by a second person; this editor confirms
    that the claim says the same thing, which someone else must have judged first.
    """
    user = _require(actor, "claims.publish_verdict", _("publish duplicates"))
    locked = _lock(claim, None, {})
    if locked.duplicate_of_id is None:
        raise WorkflowError(_("Mark the claim as a duplicate of a checked claim first."))
    if locked.status not in (Claim.Status.NEW, Claim.Status.CHECKING):
        raise WorkflowError(
            _("A claim that is %(status)s cannot be published this way.")
            % {"status": locked.get_status_display().lower()}
        )
    if locked.duplicate_marked_by_id in (None, user.pk):
        raise PermissionDenied(
            _(
                "A repeat is published by someone other than the person who marked it: ask "
                "another editor to confirm the match."
            )
        )
    if published_verdict_of(locked) is None:
        raise WorkflowError(_("The original claim has no published verdict yet."))
    locked.status = Claim.Status.PUBLISHED
    locked.duplicate_confirmed_by = user
    return _save(locked, ["status", "duplicate_confirmed_by"], actor)
