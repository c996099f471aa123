"""Claims: create, edit, dismiss, restore, assign and take."""

from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from factcheck.articles.models import Article
from factcheck.claims.models import Claim
from factcheck.claims.services.common import (
    Actor,
    WorkflowError,
    _claim_changed,
    _claim_start_checking,
    _clean_text,
    _event,
)
from factcheck.extraction import facts, propose
from factcheck.versioning import ConflictError
from factcheck.versioning import attribute as _attribute
from factcheck.versioning import lock as _lock
from factcheck.versioning import require as _require
from factcheck.versioning import save as _save
from factcheck.webaddress import clean_web_address

CLAIM_EDITABLE_FIELDS = ("statement", "type", "claimant", "claimant_kind", "claimant_same_as")


def _selection(article: Article, start: int, end: int) -> tuple[int, int]:
    """The selected words: inside the text, without the whitespace browsers include, and
    not a passage that already is a claim."""
    if not (0 <= start < end <= len(article.body)):
        raise ValidationError(_("The selection is outside the article text."))
    quote = article.body[start:end]
    start += len(quote) - len(quote.lstrip())
    end -= len(quote) - len(quote.rstrip())
    if start >= end:
        raise ValidationError(_("Select some words of the article to make a claim."))
    if Claim.objects.filter(article=article, start=start, end=end).exists():
        raise WorkflowError(_("There is already a claim for exactly this passage."))
    return start, end


@dataclass(frozen=True)
class ClaimProposal:
    start: int
    end: int
    quote: str
    statement: str
    type: str
    claimant: str


def claim_propose(*, article: Article, start: int, end: int) -> ClaimProposal:
    """What the extraction rules make of a selection, for the reviewer to check and edit
    before claim_create saves it: quotes and attribution tails trimmed, type and claimant."""
    start, end = _selection(article, start, end)
    proposed = propose(article.body, start, end, language=article.language)
    return ClaimProposal(
        start=start,
        end=end,
        quote=article.body[start:end],
        statement=proposed.statement,
        type=proposed.type if proposed.type in Claim.Type.values else Claim.Type.OTHER,
        claimant=proposed.claimant or "",
    )


@transaction.atomic
def claim_create(
    *,
    article: Article,
    actor: Actor,
    start: int,
    end: int,
    statement: str = "",
    type: str = Claim.Type.OTHER,
    claimant: str = "",
) -> Claim:
    """A reviewer's own claim, from a selection of the article text."""
    user = _require(actor, "claims.add_claim", _("add claims"))
    start, end = _selection(article, start, end)
    quote = article.body[start:end]
    if type not in Claim.Type.values:
        raise ValidationError(_("Unknown claim type %(type)r.") % {"type": type})
    # A hand-added claim states figures as a machine-found one does: matching compares them.
    found = facts.find(article.body, start, end)
    claim = Claim(
        article=article,
        start=start,
        end=end,
        quote=quote,
        statement=_clean_text(statement, _("Statement"), required=False) or " ".join(quote.split()),
        type=type,
        claimant=_clean_text(claimant, _("Claimant"), required=False, max_chars=200),
        facts=[f.to_dict() for f in found],
        origin=Claim.Origin.HUMAN,
        score=1.0,
        reasons=["added by a reviewer"],
        created_by=user,
    )
    _attribute(claim, actor)
    try:
        with transaction.atomic():
            claim.save()
    except IntegrityError as exc:  # a concurrent request added the same passage
        raise WorkflowError(_("There is already a claim for exactly this passage.")) from exc
    from factcheck.claims.services.extraction import queue_similar_lookup

    queue_similar_lookup([claim.pk])
    return claim


@transaction.atomic
def claim_update(
    *, claim: Claim, actor: Actor, expected_version: int | None, **changes: Any
) -> Claim:
    _require(actor, "claims.change_claim", _("edit claims"))
    unknown = set(changes) - set(CLAIM_EDITABLE_FIELDS)
    if unknown:
        raise ValidationError(
            _("These fields cannot be edited here: %(fields)s.")
            % {"fields": ", ".join(sorted(unknown))}
        )
    if "statement" in changes:
        changes["statement"] = _clean_text(changes["statement"], _("Statement"))
    if "claimant" in changes:
        changes["claimant"] = _clean_text(
            changes["claimant"] or "", "Claimant", required=False, max_chars=200
        )
    if "claimant_kind" in changes and changes["claimant_kind"] not in Claim.ClaimantKind.values:
        raise ValidationError(
            _("Unknown claimant kind %(claimant_kind)r: use person or organisation.")
            % {"claimant_kind": changes["claimant_kind"]}
        )
    if changes.get("claimant_same_as"):
        changes["claimant_same_as"] = clean_web_address(changes["claimant_same_as"])
    if "type" in changes and changes["type"] not in Claim.Type.values:
        raise ValidationError(_("Unknown claim type %(type)r.") % {"type": changes["type"]})
    locked = _lock(claim, expected_version, changes)
    if locked.status == Claim.Status.PUBLISHED:
        raise WorkflowError(_("A published claim cannot be edited; publish a correction instead."))
    for field, value in changes.items():
        setattr(locked, field, value)
    return _save(locked, [*changes, *_claim_changed(locked, actor)], actor)


def article_has_published_claims(sender: Any, *, article: Article, **kwargs: Any) -> bool:
    """The answer to `article_is_public_record`: a published claim's ClaimReview shows the
    article's metadata, so that metadata is part of the public record."""
    return article.claims.filter(status=Claim.Status.PUBLISHED).exists()


def _check_dismissable(claim: Claim) -> None:
    if claim.status not in (Claim.Status.NEW, Claim.Status.CHECKING):
        raise WorkflowError(
            _("A claim that is %(status)s cannot be dismissed.")
            % {"status": claim.get_status_display().lower()}
        )


@transaction.atomic
def claim_dismiss(
    *, claim: Claim, actor: Actor, reason: str, expected_version: int | None = None
) -> Claim:
    _require(actor, "claims.dismiss_claim", _("dismiss claims"))
    reason = _clean_text(reason, _("The reason for dismissing"))
    locked = _lock(claim, expected_version, {})
    _check_dismissable(locked)
    locked.status = Claim.Status.DISMISSED
    locked.dismiss_reason = reason
    return _save(locked, ["status", "dismiss_reason"], actor)


@transaction.atomic
def claim_restore(*, claim: Claim, actor: Actor, expected_version: int | None = None) -> Claim:
    """Undo a dismissal (reopen): an editor's call, since a reviewer dismissed it."""
    _require(actor, "claims.reopen_claim", _("reopen dismissed claims"))
    locked = _lock(claim, expected_version, {"status": Claim.Status.NEW})
    if locked.status != Claim.Status.DISMISSED:
        raise WorkflowError(_("Only a dismissed claim can be restored."))
    locked.status = Claim.Status.NEW
    locked.dismiss_reason = ""
    return _save(locked, ["status", "dismiss_reason"], actor)


def _check_assignable(actor: Actor, locked: Claim, assignee: User | None) -> None:
    """Editors assign to anyone. Anyone who takes claims may take a free one for
    themselves, or give back one they hold; the refusal says which."""
    if locked.status in (Claim.Status.DISMISSED, Claim.Status.PUBLISHED):
        raise WorkflowError(
            _("A %(status)s claim cannot be assigned.")
            % {"status": locked.get_status_display().lower()}
        )
    if isinstance(actor, User) and actor.is_active and actor.has_perm("claims.assign_claim"):
        return
    user = _require(actor, "claims.take_claim", _("take claims"))
    if assignee is not None and assignee.pk != user.pk:
        raise PermissionDenied(
            _("You can take a claim for yourself; assigning it to someone else is for editors.")
        )
    if locked.assignee_id not in (None, user.pk):
        raise PermissionDenied(
            _("This claim is assigned to %(assignee)s; ask an editor to reassign it.")
            % {"assignee": locked.assignee}
        )


@transaction.atomic
def claim_assign(
    *, claim: Claim, actor: Actor, assignee: User | None, expected_version: int | None = None
) -> Claim:
    if not (isinstance(actor, User) and actor.has_perm("claims.assign_claim")):
        _require(actor, "claims.take_claim", _("assign claims"))
    if assignee is not None and not (
        assignee.is_active and assignee.has_perm("claims.change_claim")
    ):
        raise ValidationError(
            _("%(assignee)s cannot check claims, so the claim cannot go to them.")
            % {"assignee": assignee}
        )
    locked = _lock(claim, expected_version, {"assignee": assignee})
    _check_assignable(actor, locked, assignee)
    if locked.assignee_id == (assignee.pk if assignee else None):
        return locked  # already so: no history row, no notification
    locked.assignee = assignee
    saved = _save(locked, ["assignee", *_claim_start_checking(locked)], actor)
    if assignee is not None and assignee.pk != actor.pk:
        _event("assigned", saved, actor, [assignee.pk], f"assigned:{saved.pk}:{saved.version}")
    return saved


def claim_take(*, claim: Claim, actor: Actor, expected_version: int | None = None) -> Claim:
    """Take it: the acting person assigns the claim to themselves."""
    user = actor if isinstance(actor, User) else None
    if user is None:
        raise PermissionDenied(_("You do not have permission to take claims."))
    return claim_assign(claim=claim, actor=actor, assignee=user, expected_version=expected_version)


@transaction.atomic
def claim_change(
    *, claim: Claim, actor: Actor, expected_version: int, changes: dict[str, Any]
) -> Claim:
    """Several changes at once (the API's PATCH), as the services that do each part, all
    in one transaction: restore, edit, assign, dismiss. Only `new` and `dismissed` may be
    set as a status; the workflow moves a claim anywhere else.

    The first service checks the client's version against the locked row; the later ones
    hold the lock already and check the version the previous one wrote.
    """
    version = expected_version
    status = changes.pop("status", None)
    reason = changes.pop("dismiss_reason", None)
    assign = "assignee" in changes
    assignee = changes.pop("assignee", None)
    if reason is not None and status != Claim.Status.DISMISSED:
        raise ValidationError(_("dismiss_reason goes with status 'dismissed'."))
    if status not in (None, claim.status, Claim.Status.NEW, Claim.Status.DISMISSED):
        raise WorkflowError(
            _(
                "A claim cannot be set to '%(status)s' directly: it moves to checking when someone "
                "works on it, and to awaiting approval and published through its verdict. Set "
                "'dismissed' (with dismiss_reason) or 'new' (to restore a dismissed claim)."
            )
            % {"status": status}
        )
    read = claim
    if status == Claim.Status.NEW and claim.status != Claim.Status.NEW:
        claim = claim_restore(claim=claim, actor=actor, expected_version=version)
        version = claim.version
    if changes:
        claim = claim_update(claim=claim, actor=actor, expected_version=version, **changes)
        version = claim.version
    if assign:
        claim = claim_assign(claim=claim, actor=actor, assignee=assignee, expected_version=version)
        version = claim.version
    if status == Claim.Status.DISMISSED and (claim.status != status or reason is not None):
        claim = claim_dismiss(
            claim=claim, actor=actor, reason=reason or "", expected_version=version
        )
    if claim is read and version != claim.version:
        # Nothing to change, but the client's copy is stale: it should hear so.
        raise ConflictError(claim, {})
    claim.refresh_from_db()
    return claim
