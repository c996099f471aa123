"""What every claims service shares: the actor, workflow events, text checks, and the
rules that touch a claim and its verdict together."""

import hashlib
import json
import re
from collections.abc import Iterable

from django.contrib.auth.models import Permission, User
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext as _

from factcheck.claims.models import Claim, Rating, Verdict
from factcheck.claims.signals import workflow_event
from factcheck.versioning import Actor
from factcheck.versioning import save as _save

DRAFTED = "drafted"  # history reason marking the saves that wrote a verdict's content


class WorkflowError(ValidationError):
    """The action is not allowed in the object's current state; the message says why."""


MENTION = re.compile(r"(?<![\w.@])@([\w.+-]{1,150})")


def _event(
    kind: str, claim: Claim, actor: Actor, recipients: Iterable[int | None], key: str
) -> None:
    """Tell the listeners (notifications) what happened; they act after the commit."""
    _events(kind, actor, [(claim.pk, recipients, key)])


def _events(
    kind: str, actor: Actor, events: Iterable[tuple[int, Iterable[int | None], str]]
) -> None:
    """Many events of one kind, each (claim id, recipients, key), told to the listeners at
    once: a bulk action's thousand events become one batch, not a thousand."""
    batch = [(claim_id, sorted({pk for pk in to if pk}), key) for claim_id, to, key in events]
    batch = [(claim_id, to, key) for claim_id, to, key in batch if to]
    if batch:
        workflow_event.send(sender=Claim, kind=kind, actor=actor, events=batch)


def _approvers() -> list[int]:
    """Everyone who may approve verdicts."""
    may = Q(codename="publish_verdict", content_type__app_label="claims")
    return list(
        User.objects.filter(is_active=True)
        .filter(
            Q(is_superuser=True)
            | Q(groups__permissions__in=Permission.objects.filter(may))
            | Q(user_permissions__in=Permission.objects.filter(may))
        )
        .distinct()
        .values_list("pk", flat=True)
    )


def _clean_text(value: str, label: str, *, required: bool = True, max_chars: int = 0) -> str:
    value = value.strip()
    if required and not value:
        raise ValidationError(_("%(label)s cannot be empty.") % {"label": label})
    if max_chars and len(value) > max_chars:
        raise ValidationError(
            _("%(label)s must be at most %(max_chars)s characters (it has %(length)s).")
            % {"label": label, "max_chars": max_chars, "length": len(value)}
        )
    return value


def _claim_start_checking(claim: Claim) -> list[str]:
    """Work on a new claim moves it into `checking`; returns the fields it touched."""
    if claim.status == Claim.Status.NEW:
        claim.status = Claim.Status.CHECKING
        return ["status"]
    return []


def _open_verdict(claim: Claim) -> Verdict | None:
    return Verdict.objects.open().filter(claim=claim).first()


def _back_to_draft(
    verdict: Verdict, claim: Claim, actor: Actor, note: str, reason: str = ""
) -> list[str]:
    """A submitted verdict returns to its reviewer: the verdict is a draft again and the
    claim, unless it stays published (a correction), is back in checking with `note`.
    Both rows are locked by the caller; returns the claim fields to save."""
    verdict.state = Verdict.State.DRAFT
    verdict.submitted_at = None
    verdict.fingerprint = ""
    _save(verdict, ["state", "submitted_at", "fingerprint"], actor, reason)
    claim.return_note = note
    fields = ["return_note"]
    if claim.status == Claim.Status.AWAITING_APPROVAL:
        claim.status = Claim.Status.CHECKING
        fields.append("status")
    return fields


def _claim_changed(claim: Claim, actor: Actor) -> list[str]:
    """What a verdict covers changed (the claim's wording or its evidence).

    An editor approves exactly what will be published, so a verdict awaiting approval goes
    back to draft. The save is recorded as drafting: whoever changed the claim wrote part
    of this version and may not approve it. Returns the claim fields it touched.
    """
    verdict = claim.verdicts.select_for_update().filter(state=Verdict.State.SUBMITTED).first()
    fields = _claim_start_checking(claim)
    if verdict is None:
        return fields
    note = _("The claim or its sources changed after the verdict was submitted.")
    return [*fields, *_back_to_draft(verdict, claim, actor, note, DRAFTED)]


def public_record_fingerprint(verdict: Verdict) -> str:
    """SHA-256 of everything a published fact-check shows: the claim, its evidence, the
    verdict with its rating, and the article metadata its ClaimReview carries."""
    claim = Claim.objects.select_related("article").get(pk=verdict.claim_id)
    article = claim.article
    rating = Rating.objects.get(pk=verdict.rating_id)
    record = {
        "claim": [
            claim.statement,
            claim.claimant,
            claim.claimant_kind,
            claim.claimant_same_as,
            claim.quote,
            claim.type,
        ],
        "verdict": [
            verdict.summary,
            verdict.explanation,
            verdict.correction_note,
            verdict.claim_reviewed,
        ],
        "rating": [rating.pk, rating.label, rating.slug, rating.value],
        "article": [
            article.title,
            article.url,
            article.publisher,
            article.author,
            article.published_at,
        ],
        "sources": list(
            claim.sources.order_by("pk").values_list(
                "url", "title", "publisher", "published_on", "excerpt", "stance"
            )
        ),
    }
    canonical = json.dumps(record, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()
