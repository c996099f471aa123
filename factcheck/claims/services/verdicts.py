"""Verdicts: drafting, submitting, the four-eyes approval, unpublishing and sending back."""

from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from factcheck.claims import signals
from factcheck.claims.claimreview import CLAIM_REVIEWED_MAX, shorten
from factcheck.claims.models import Claim, Rating, Verdict
from factcheck.claims.models.verdicts import SUMMARY_MAX_CHARS
from factcheck.claims.services.common import (
    DRAFTED,
    Actor,
    WorkflowError,
    _approvers,
    _back_to_draft,
    _claim_start_checking,
    _clean_text,
    _event,
    _open_verdict,
    public_record_fingerprint,
)
from factcheck.versioning import attribute as _attribute
from factcheck.versioning import lock as _lock
from factcheck.versioning import require as _require
from factcheck.versioning import save as _save


@transaction.atomic
def verdict_save_draft(
    *,
    claim: Claim,
    actor: Actor,
    rating: Rating,
    summary: str,
    explanation: str = "",
    correction_note: str = "",
    claim_reviewed: str | None = None,
    expected_version: int | None = None,
    editing: Verdict | None = None,
) -> Verdict:
    """Create the draft verdict of a claim, or update the open one.

    On a claim that is already published the draft is a correction: a new version that
    needs a correction note and leaves the published one readable. `editing` names the
    verdict the caller means to change (the API addresses versions by id): if it is no
    longer the open one, nothing is written. `claim_reviewed` None keeps the draft's short
    claim, or proposes one from the statement for a new draft.
    """
    user = _require(actor, "claims.add_verdict", _("draft verdicts"))
    summary = _clean_text(summary, _("Summary"), max_chars=SUMMARY_MAX_CHARS)
    if "\n" in summary:
        raise ValidationError(_("The summary must be a single line."))
    if claim_reviewed is not None:
        claim_reviewed = _clean_text(
            claim_reviewed,
            _("Claim reviewed (short)"),
            required=False,
            max_chars=CLAIM_REVIEWED_MAX,
        )
        if "\n" in claim_reviewed:
            raise ValidationError(_("The short claim reviewed must be a single line."))
    locked_claim = _lock(claim, None, {})
    if locked_claim.status == Claim.Status.DISMISSED:
        raise WorkflowError(_("Restore the dismissed claim before drafting a verdict."))
    verdict = _open_verdict(locked_claim)
    if editing is not None and (verdict is None or verdict.pk != editing.pk):
        raise WorkflowError(
            _(
                "This verdict is no longer open for changes. A published verdict is corrected "
                "with a new draft for its claim."
            )
        )
    is_correction = locked_claim.verdicts.filter(state=Verdict.State.PUBLISHED).exists()
    correction_note = correction_note.strip()
    if is_correction and not correction_note:
        raise ValidationError(_("A correction of a published verdict needs a correction note."))
    fields: dict[str, Any] = {
        "rating": rating,
        "summary": summary,
        "explanation": explanation.strip(),
        "correction_note": correction_note,
    }
    if claim_reviewed is not None:
        fields["claim_reviewed"] = claim_reviewed
    elif verdict is None:
        fields["claim_reviewed"] = propose_claim_reviewed(locked_claim.statement)
    if verdict is None:
        last = locked_claim.verdicts.order_by("-number").first()
        verdict = Verdict(
            claim=locked_claim, number=last.number + 1 if last else 1, author=user, **fields
        )
        _attribute(verdict, actor, DRAFTED)
        verdict.save()
    else:
        verdict = _lock(verdict, expected_version, fields)
        if verdict.state != Verdict.State.DRAFT:
            raise WorkflowError(
                _(
                    "The verdict is awaiting approval; an editor must send it back before it "
                    "changes."
                )
            )
        for field, value in fields.items():
            setattr(verdict, field, value)
        _save(verdict, list(fields), actor, DRAFTED)
    if claim_fields := _claim_start_checking(locked_claim):
        _save(locked_claim, claim_fields, actor)
    return verdict


def propose_claim_reviewed(statement: str) -> str:
    """The statement cut on a word boundary: a start for the reviewer's own short claim."""
    return shorten(statement, CLAIM_REVIEWED_MAX - 1)


def _require_claim_reviewed(verdict: Verdict) -> None:
    if not verdict.claim_reviewed.strip():
        raise WorkflowError(
            _(
                "Write the short claim reviewed (at most 75 characters) before this verdict "
                "can be published: it is what search engines show as the claim."
            )
        )


SOURCE_NEEDED = gettext_lazy("At least one source attached")


def verdict_checklist(*, has_sources: bool) -> list[tuple[str, bool]]:
    """What a verdict needs before it goes to an editor, each with whether it is done;
    the verdict form shows it and `verdict_submit` refuses while an item is open."""
    items = []
    if settings.VERDICT_REQUIRES_SOURCE:
        items.append((str(SOURCE_NEEDED), has_sources))
    return items


def verdict_checklist_missing(claim: Claim) -> list[str]:
    messages = {
        str(SOURCE_NEEDED): _(
            "A verdict needs at least one source before it is submitted: add the "
            "evidence under Sources first."
        )
    }
    checklist = verdict_checklist(has_sources=claim.sources.exists())
    return [messages[label] for label, done in checklist if not done]


class OpenVerdictExists(WorkflowError):
    """A new verdict was asked for while the claim has one open: change that one instead."""

    def __init__(self, verdict: Verdict) -> None:
        super().__init__(
            _("This claim already has an open verdict (id %(id)s): change that one.")
            % {"id": verdict.pk}
        )
        self.verdict = verdict


@transaction.atomic
def verdict_create(*, claim: Claim, actor: Actor, **fields: Any) -> Verdict:
    """A claim's new draft verdict (its first, or a correction of the published one),
    refused while another is open: a new one must never overwrite someone's draft."""
    if (open_verdict := _open_verdict(claim)) is not None:
        raise OpenVerdictExists(open_verdict)
    # expected_version=0 matches no saved verdict: should another request open one between
    # the check above and the write, verdict_save_draft refuses (a conflict), not overwrites.
    return verdict_save_draft(claim=claim, actor=actor, expected_version=0, **fields)


@transaction.atomic
def verdict_save_and_submit(*, claim: Claim, actor: Actor, **fields: Any) -> Verdict:
    """Save the draft and submit it for approval in one step: both happen, or neither."""
    verdict = verdict_save_draft(claim=claim, actor=actor, **fields)
    return verdict_submit(verdict=verdict, actor=actor, expected_version=verdict.version)


@transaction.atomic
def verdict_submit(
    *, verdict: Verdict, actor: Actor, expected_version: int | None = None
) -> Verdict:
    _require(actor, "claims.change_verdict", _("submit verdicts"))
    claim = _lock(verdict.claim, None, {})
    locked = _lock(verdict, expected_version, {})
    if locked.state != Verdict.State.DRAFT:
        raise WorkflowError(_("Only a draft verdict can be submitted for approval."))
    if claim.status == Claim.Status.DISMISSED:
        raise WorkflowError(_("The claim was dismissed: restore it before submitting a verdict."))
    _require_claim_reviewed(locked)
    if missing := verdict_checklist_missing(claim):
        raise WorkflowError(" ".join(missing))
    locked.state = Verdict.State.SUBMITTED
    locked.submitted_at = timezone.now()
    locked.fingerprint = public_record_fingerprint(locked)
    _save(locked, ["state", "submitted_at", "fingerprint"], actor)
    if claim.status != Claim.Status.PUBLISHED:  # a correction leaves the claim published
        claim.status = Claim.Status.AWAITING_APPROVAL
        claim.return_note = ""
        _save(claim, ["status", "return_note"], actor)
    writers = verdict_writers(locked)
    approvers = [pk for pk in _approvers() if pk not in writers]
    _event("awaiting", claim, actor, approvers, f"awaiting:{locked.pk}:{locked.version}")
    return locked


def verdict_writers(verdict: Verdict) -> set[int]:
    """Everyone who wrote any part of this verdict version: none of them may approve it."""
    drafts = verdict.history.filter(history_change_reason=DRAFTED).exclude(history_user=None)
    return {verdict.author_id, *drafts.values_list("history_user_id", flat=True)}


def can_approve(verdict: Verdict, actor: Actor) -> bool:
    return (
        actor.is_authenticated
        and actor.is_active
        and actor.has_perm("claims.publish_verdict")
        and verdict.state == Verdict.State.SUBMITTED
        and actor.pk not in verdict_writers(verdict)
    )


@transaction.atomic
def verdict_approve(
    *, verdict: Verdict, actor: Actor, expected_version: int | None = None
) -> Verdict:
    """Approve and publish: four-eyes, and the previous published version is superseded."""
    user = _require(actor, "claims.publish_verdict", _("approve and publish verdicts"))
    # Claim first, then verdict: the order every writer takes, so two never deadlock.
    claim = _lock(verdict.claim, None, {})
    locked = _lock(verdict, expected_version, {})
    if locked.state != Verdict.State.SUBMITTED:
        raise WorkflowError(_("Only a verdict awaiting approval can be published."))
    _require_claim_reviewed(locked)
    if actor.pk in verdict_writers(locked):
        raise PermissionDenied(_("A verdict must be approved by someone who did not write it."))
    if claim.status == Claim.Status.DISMISSED:
        raise WorkflowError(_("The claim was dismissed: it cannot be published."))
    if locked.fingerprint != public_record_fingerprint(locked):
        raise WorkflowError(
            _(
                "What this verdict covers (the claim, its sources, the rating or the article) "
                "changed after it was submitted; send it back so the reviewer can submit it again."
            )
        )
    now = timezone.now()
    event = signals.PUBLISHED
    for previous in claim.verdicts.filter(state=Verdict.State.PUBLISHED).select_for_update():
        previous.state = Verdict.State.SUPERSEDED
        _save(previous, ["state"], actor)
        event = signals.CORRECTED
    locked.state = Verdict.State.PUBLISHED
    locked.approver = user
    locked.published_at = now
    _save(locked, ["state", "approver", "published_at"], actor)
    claim.status = Claim.Status.PUBLISHED
    claim.return_note = ""
    _save(claim, ["status", "return_note"], actor)
    signals.public_record_changed.send(sender=Verdict, verdict=locked, event=event)
    _event("published", claim, actor, verdict_writers(locked), f"published:{locked.pk}")
    return locked


@transaction.atomic
def verdict_unpublish(
    *, verdict: Verdict, actor: Actor, reason: str, expected_version: int | None = None
) -> Verdict:
    """Take a published fact check off the public record (the page, the feed, the
    exports), with the reason; the claim goes back to checking and the verdict stays in
    the history. Partners hear of it (`verdict.unpublished`)."""
    _require(actor, "claims.publish_verdict", _("unpublish verdicts"))
    reason = _clean_text(reason, _("The reason for unpublishing"), max_chars=2000)
    claim = _lock(verdict.claim, None, {})
    locked = _lock(verdict, expected_version, {})
    if locked.state != Verdict.State.PUBLISHED:
        raise WorkflowError(_("Only the published verdict of a claim can be unpublished."))
    locked.state = Verdict.State.WITHDRAWN
    locked.withdraw_reason = reason
    _save(locked, ["state", "withdraw_reason"], actor)
    claim.status = Claim.Status.CHECKING
    claim.return_note = f"Unpublished: {reason}"
    _save(claim, ["status", "return_note"], actor)
    signals.public_record_changed.send(sender=Verdict, verdict=locked, event=signals.UNPUBLISHED)
    return locked


@transaction.atomic
def verdict_send_back(
    *, verdict: Verdict, actor: Actor, note: str, expected_version: int | None = None
) -> Verdict:
    _require(actor, "claims.publish_verdict", _("send verdicts back"))
    note = _clean_text(note, _("The note for the reviewer"))
    claim = _lock(verdict.claim, None, {})
    locked = _lock(verdict, expected_version, {})
    if locked.state != Verdict.State.SUBMITTED:
        raise WorkflowError(_("Only a verdict awaiting approval can be sent back."))
    _save(claim, _back_to_draft(locked, claim, actor, note), actor)
    _event("sent_back", claim, actor, [locked.author_id], f"sent_back:{locked.pk}:{locked.version}")
    return locked
