"""Every write to claims, sources, verdicts and comments, and every rule about them.

The web UI, the API and the admin all call these functions, so the workflow, the
permissions and the four-eyes rule cannot differ between them.
"""

import hashlib
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

import trafilatura
from django.conf import settings
from django.contrib.auth.models import AnonymousUser, Permission, User
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import URLValidator
from django.db import IntegrityError, transaction
from django.db.models import F, Model, Q
from django.utils import timezone

from factcheck.articles.models import Article
from factcheck.articles.services import ArticleText, article_text_from_page, normalise_text
from factcheck.claims import signals
from factcheck.claims.claimreview import CLAIM_REVIEWED_MAX, shorten
from factcheck.claims.models import Claim, Comment, Rating, Source, Verdict
from factcheck.claims.signals import workflow_event
from factcheck.extraction import facts, propose
from factcheck.fetch import FetchError, FetchPolicy, Page, TemporaryFetchError, fetch
from factcheck.jobs.services import job_enqueue
from factcheck.versioning import ConflictError as ConflictError
from factcheck.versioning import attribute as _attribute
from factcheck.versioning import lock as _lock
from factcheck.versioning import require as _require
from factcheck.versioning import save as _save

Actor = User | AnonymousUser

CLAIM_EDITABLE_FIELDS = ("statement", "type", "claimant", "claimant_kind", "claimant_same_as")
SOURCE_EDITABLE_FIELDS = ("title", "publisher", "published_on", "excerpt", "stance")
SUMMARY_MAX_CHARS = 74  # ClaimReview wants the summary under 75 characters.
DRAFTED = "drafted"  # history reason marking the saves that wrote a verdict's content


class WorkflowError(ValidationError):
    """The action is not allowed in the object's current state; the message says why."""


MENTION = re.compile(r"(?<![\w.@])@([\w.+-]{1,150})")


def _event(
    kind: str, claim: Claim, actor: Actor, recipients: Iterable[int | None], key: str
) -> None:
    """Tell the listeners (notifications) what happened; they act after the commit."""
    ids = sorted({pk for pk in recipients if pk})
    if ids:
        workflow_event.send(
            sender=Claim, kind=kind, claim=claim, actor=actor, recipient_ids=ids, key=key
        )


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
        raise ValidationError(f"{label} cannot be empty.")
    if max_chars and len(value) > max_chars:
        raise ValidationError(
            f"{label} must be at most {max_chars} characters (it has {len(value)})."
        )
    return value


def _claim_start_checking(claim: Claim) -> list[str]:
    """Work on a new claim moves it into `checking`; returns the fields it touched."""
    if claim.status == Claim.Status.NEW:
        claim.status = Claim.Status.CHECKING
        return ["status"]
    return []


def _open_verdict(claim: Claim) -> Verdict | None:
    return claim.verdicts.filter(state__in=[Verdict.State.DRAFT, Verdict.State.SUBMITTED]).first()


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
    note = "The claim or its sources changed after the verdict was submitted."
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


# Claims


@transaction.atomic
def _selection(article: Article, start: int, end: int) -> tuple[int, int]:
    """The selected words: inside the text, without the whitespace browsers include."""
    if not (0 <= start < end <= len(article.body)):
        raise ValidationError("The selection is outside the article text.")
    quote = article.body[start:end]
    start += len(quote) - len(quote.lstrip())
    end -= len(quote) - len(quote.rstrip())
    if start >= end:
        raise ValidationError("Select some words of the article to make a claim.")
    if Claim.objects.filter(article=article, start=start, end=end).exists():
        raise WorkflowError("There is already a claim for exactly this passage.")
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
    proposed = propose(article.body, start, end)
    return ClaimProposal(
        start=start,
        end=end,
        quote=article.body[start:end],
        statement=proposed.statement,
        type=proposed.type if proposed.type in Claim.Type.values else Claim.Type.OTHER,
        claimant=proposed.claimant or "",
    )


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
    user = _require(actor, "claims.add_claim", "add claims")
    start, end = _selection(article, start, end)
    quote = article.body[start:end]
    if type not in Claim.Type.values:
        raise ValidationError(f"Unknown claim type {type!r}.")
    # A hand-added claim states figures as a machine-found one does: matching compares them.
    found = facts.find(article.body, start, end)
    claim = Claim(
        article=article,
        start=start,
        end=end,
        quote=quote,
        statement=_clean_text(statement, "Statement", required=False) or " ".join(quote.split()),
        type=type,
        claimant=_clean_text(claimant, "Claimant", required=False, max_chars=200),
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
        raise WorkflowError("There is already a claim for exactly this passage.") from exc
    from factcheck.articles.services import queue_similar_lookup

    queue_similar_lookup([claim.pk])
    return claim


@transaction.atomic
def claim_update(
    *, claim: Claim, actor: Actor, expected_version: int | None, **changes: Any
) -> Claim:
    _require(actor, "claims.change_claim", "edit claims")
    unknown = set(changes) - set(CLAIM_EDITABLE_FIELDS)
    if unknown:
        raise ValidationError(f"These fields cannot be edited here: {', '.join(sorted(unknown))}.")
    if "statement" in changes:
        changes["statement"] = _clean_text(changes["statement"], "Statement")
    if "claimant" in changes:
        changes["claimant"] = _clean_text(
            changes["claimant"] or "", "Claimant", required=False, max_chars=200
        )
    if "claimant_kind" in changes and changes["claimant_kind"] not in Claim.ClaimantKind.values:
        raise ValidationError(
            f"Unknown claimant kind {changes['claimant_kind']!r}: use person or organisation."
        )
    if changes.get("claimant_same_as"):
        changes["claimant_same_as"] = _validate_url(changes["claimant_same_as"])
    if "type" in changes and changes["type"] not in Claim.Type.values:
        raise ValidationError(f"Unknown claim type {changes['type']!r}.")
    locked = _lock(claim, expected_version, changes)
    if locked.status == Claim.Status.PUBLISHED:
        raise WorkflowError("A published claim cannot be edited; publish a correction instead.")
    for field, value in changes.items():
        setattr(locked, field, value)
    return _save(locked, [*changes, *_claim_changed(locked, actor)], actor)


def _check_dismissable(claim: Claim) -> None:
    if claim.status not in (Claim.Status.NEW, Claim.Status.CHECKING):
        raise WorkflowError(
            f"A claim that is {claim.get_status_display().lower()} cannot be dismissed."
        )


@transaction.atomic
def claim_dismiss(
    *, claim: Claim, actor: Actor, reason: str, expected_version: int | None = None
) -> Claim:
    _require(actor, "claims.dismiss_claim", "dismiss claims")
    reason = _clean_text(reason, "The reason for dismissing")
    locked = _lock(claim, expected_version, {})
    _check_dismissable(locked)
    locked.status = Claim.Status.DISMISSED
    locked.dismiss_reason = reason
    return _save(locked, ["status", "dismiss_reason"], actor)


@transaction.atomic
def claim_restore(*, claim: Claim, actor: Actor, expected_version: int | None = None) -> Claim:
    """Undo a dismissal (reopen): an editor's call, since a reviewer dismissed it."""
    _require(actor, "claims.reopen_claim", "reopen dismissed claims")
    locked = _lock(claim, expected_version, {"status": Claim.Status.NEW})
    if locked.status != Claim.Status.DISMISSED:
        raise WorkflowError("Only a dismissed claim can be restored.")
    locked.status = Claim.Status.NEW
    locked.dismiss_reason = ""
    return _save(locked, ["status", "dismiss_reason"], actor)


def _check_assignable(actor: Actor, locked: Claim, assignee: User | None) -> None:
    """Editors assign to anyone. Anyone who takes claims may take a free one for
    themselves, or give back one they hold; the refusal says which."""
    if locked.status in (Claim.Status.DISMISSED, Claim.Status.PUBLISHED):
        raise WorkflowError(f"A {locked.get_status_display().lower()} claim cannot be assigned.")
    if isinstance(actor, User) and actor.is_active and actor.has_perm("claims.assign_claim"):
        return
    user = _require(actor, "claims.take_claim", "take claims")
    if assignee is not None and assignee.pk != user.pk:
        raise PermissionDenied(
            "You can take a claim for yourself; assigning it to someone else is for editors."
        )
    if locked.assignee_id not in (None, user.pk):
        raise PermissionDenied(
            f"This claim is assigned to {locked.assignee}; ask an editor to reassign it."
        )


@transaction.atomic
def claim_assign(
    *, claim: Claim, actor: Actor, assignee: User | None, expected_version: int | None = None
) -> Claim:
    if not (isinstance(actor, User) and actor.has_perm("claims.assign_claim")):
        _require(actor, "claims.take_claim", "assign claims")
    if assignee is not None and not (
        assignee.is_active and assignee.has_perm("claims.change_claim")
    ):
        raise ValidationError(f"{assignee} cannot check claims, so the claim cannot go to them.")
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
        raise PermissionDenied("You do not have permission to take claims.")
    return claim_assign(claim=claim, actor=actor, assignee=user, expected_version=expected_version)


# Bulk actions: many claims, one decision, all or nothing

BULK_MAX_CLAIMS = 5000
BULK_ACTIONS = ("dismiss", "take", "assign")


class BulkRefused(ValidationError):
    """Some of the claims refused the action, so none changed; `refusals` maps each
    refused claim id to the reason."""

    def __init__(self, refusals: dict[int, str]) -> None:
        self.refusals = refusals
        super().__init__(
            f"Nothing was changed: {len(refusals)} of the selected claims cannot take this "
            "action (see each claim's reason)."
        )


@transaction.atomic
def claims_bulk(
    *,
    claim_ids: list[int],
    actor: Actor,
    action: str,
    reason: str = "",
    assignee: User | None = None,
) -> int:
    """Dismiss, take or assign many claims at once, checking each exactly as the
    one-claim services do. If any claim refuses, none changes. Returns how many changed.

    One locking read and one bulk update with its history rows, whatever the number, so
    a thousand claims cost little more than one."""
    if action not in BULK_ACTIONS:
        raise ValidationError(f"Unknown action {action!r}: use {', '.join(BULK_ACTIONS)}.")
    ids = sorted(set(claim_ids))
    if not ids:
        raise ValidationError("Select at least one claim.")
    if len(ids) > BULK_MAX_CLAIMS:
        raise ValidationError(f"At most {BULK_MAX_CLAIMS} claims at once (got {len(ids)}).")
    if action == "dismiss":
        user = _require(actor, "claims.dismiss_claim", "dismiss claims")
        reason = _clean_text(reason, "The reason for dismissing")
    else:
        if action == "take":
            assignee = actor if isinstance(actor, User) else None
        if not (isinstance(actor, User) and actor.has_perm("claims.assign_claim")):
            _require(actor, "claims.take_claim", "take claims")
            if assignee is not None and assignee.pk != actor.pk:
                raise PermissionDenied(
                    "You can take claims for yourself; assigning them to someone else is "
                    "for editors."
                )
        user = actor  # type: ignore[assignment]
        if assignee is None:
            raise ValidationError("Choose who the claims go to.")
        if not (assignee.is_active and assignee.has_perm("claims.change_claim")):
            raise ValidationError(f"{assignee} cannot check claims, so claims cannot go to them.")
    claims = {c.pk: c for c in Claim.objects.select_for_update().filter(pk__in=ids).order_by("pk")}
    refusals: dict[int, str] = {pk: "There is no such claim." for pk in ids if pk not in claims}
    changed: list[Claim] = []
    now = timezone.now()
    for pk, claim in claims.items():
        try:
            if action == "dismiss":
                _check_dismissable(claim)
                claim.status = Claim.Status.DISMISSED
                claim.dismiss_reason = reason
            else:
                _check_assignable(actor, claim, assignee)
                if claim.assignee_id == assignee.pk:  # type: ignore[union-attr]
                    continue
                claim.assignee = assignee
                _claim_start_checking(claim)
        except (PermissionDenied, ValidationError) as exc:
            refusals[pk] = " ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
            continue
        claim.version += 1
        claim.updated_at = now
        changed.append(claim)
    if refusals:
        raise BulkRefused(refusals)
    if action == "assign" and assignee is not None and assignee.pk != user.pk:
        for claim in changed:
            _event("assigned", claim, actor, [assignee.pk], f"assigned:{claim.pk}:{claim.version}")
    if changed:
        # Every changed claim gets the same values, so a few UPDATEs by id do it (a bulk
        # update of per-row values was most of the time), then one INSERT of history rows.
        ids = [claim.pk for claim in changed]
        rows = Claim.objects.filter(pk__in=ids)
        if action == "dismiss":
            rows.update(status=Claim.Status.DISMISSED, dismiss_reason=reason)
        else:
            rows.update(assignee=assignee)
            rows.filter(status=Claim.Status.NEW).update(status=Claim.Status.CHECKING)
        rows.update(version=F("version") + 1, updated_at=now)
        Claim.history.bulk_history_create(
            changed,
            default_user=user,
            default_date=now,
            custom_historical_attrs={"history_username": user.get_username()},
        )
    return len(changed)


# Sources


def _validate_url(url: str) -> str:
    url = url.strip()
    try:
        URLValidator(schemes=["http", "https"])(url)
    except ValidationError:
        raise ValidationError(
            "Enter a full web address starting with http:// or https://."
        ) from None
    return url


@transaction.atomic
def source_add(
    *,
    claim: Claim,
    actor: Actor,
    url: str,
    title: str = "",
    excerpt: str = "",
    stance: str = Source.Stance.CONTEXT,
    publisher: str = "",
    published_on: date | None = None,
) -> Source:
    user = _require(actor, "claims.add_source", "add sources")
    url = _validate_url(url)
    if stance not in Source.Stance.values:
        raise ValidationError(f"Unknown stance {stance!r}: use supports, refutes or context.")
    locked = _lock(claim, None, {})
    if locked.status in (Claim.Status.DISMISSED,):
        raise WorkflowError("Restore the dismissed claim before adding sources to it.")
    if locked.status == Claim.Status.PUBLISHED and _open_verdict(locked) is None:
        raise WorkflowError(
            "The sources of a published fact-check change only with a correction: start a "
            "correction of the verdict, then add the source to it."
        )
    if locked.sources.filter(url=url).exists():
        raise WorkflowError("This source is already attached to the claim.")
    source = Source(
        claim=locked,
        url=url,
        title=_clean_text(title, "Source title", required=False, max_chars=300),
        excerpt=excerpt.strip(),
        stance=stance,
        publisher=_clean_text(publisher, "Publisher", required=False, max_chars=200),
        published_on=published_on,
        added_by=user,
    )
    _attribute(source, actor)
    source.save()
    if fields := _claim_changed(locked, actor):
        _save(locked, fields, actor)
    _queue_source_snapshot(source)
    return source


def _queue_source_snapshot(source: Source) -> None:
    from factcheck.claims.tasks import snapshot_source_task

    job_enqueue(task=snapshot_source_task, args=[source.pk])


@transaction.atomic
def source_update(
    *, source: Source, actor: Actor, expected_version: int | None, **changes: Any
) -> Source:
    _require(actor, "claims.change_source", "edit sources")
    unknown = set(changes) - set(SOURCE_EDITABLE_FIELDS)
    if unknown:
        raise ValidationError(f"These fields cannot be edited here: {', '.join(sorted(unknown))}.")
    if "stance" in changes and changes["stance"] not in Source.Stance.values:
        raise ValidationError(f"Unknown stance {changes['stance']!r}.")
    locked = _lock(source, expected_version, changes)
    if Source.objects.in_public_record().filter(pk=locked.pk).exists():
        raise WorkflowError(
            "This source is part of a published fact-check and stays as it was approved; "
            "add a corrected source with a correction instead."
        )
    for field, value in changes.items():
        setattr(locked, field, value)
    _save(locked, list(changes), actor)
    claim = _lock(locked.claim, None, {})
    if fields := _claim_changed(claim, actor):
        _save(claim, fields, actor)
    return locked


# Verdicts


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
    user = _require(actor, "claims.add_verdict", "draft verdicts")
    summary = _clean_text(summary, "Summary", max_chars=SUMMARY_MAX_CHARS)
    if "\n" in summary:
        raise ValidationError("The summary must be a single line.")
    if claim_reviewed is not None:
        claim_reviewed = _clean_text(
            claim_reviewed,
            "Claim reviewed (short)",
            required=False,
            max_chars=CLAIM_REVIEWED_MAX,
        )
        if "\n" in claim_reviewed:
            raise ValidationError("The short claim reviewed must be a single line.")
    locked_claim = _lock(claim, None, {})
    if locked_claim.status == Claim.Status.DISMISSED:
        raise WorkflowError("Restore the dismissed claim before drafting a verdict.")
    verdict = _open_verdict(locked_claim)
    if editing is not None and (verdict is None or verdict.pk != editing.pk):
        raise WorkflowError(
            "This verdict is no longer open for changes. A published verdict is corrected "
            "with a new draft for its claim."
        )
    is_correction = locked_claim.verdicts.filter(state=Verdict.State.PUBLISHED).exists()
    correction_note = correction_note.strip()
    if is_correction and not correction_note:
        raise ValidationError("A correction of a published verdict needs a correction note.")
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
                "The verdict is awaiting approval; an editor must send it back before it changes."
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
            "Write the short claim reviewed (at most 75 characters) before this verdict "
            "can be published: it is what search engines show as the claim."
        )


SOURCE_NEEDED = "At least one source attached"


def verdict_checklist(*, has_sources: bool) -> list[tuple[str, bool]]:
    """What a verdict needs before it goes to an editor, each with whether it is done;
    the verdict form shows it and `verdict_submit` refuses while an item is open."""
    items = []
    if settings.VERDICT_REQUIRES_SOURCE:
        items.append((SOURCE_NEEDED, has_sources))
    return items


def verdict_checklist_missing(claim: Claim) -> list[str]:
    messages = {
        SOURCE_NEEDED: "A verdict needs at least one source before it is submitted: add the "
        "evidence under Sources first."
    }
    checklist = verdict_checklist(has_sources=claim.sources.exists())
    return [messages[label] for label, done in checklist if not done]


@transaction.atomic
def verdict_submit(
    *, verdict: Verdict, actor: Actor, expected_version: int | None = None
) -> Verdict:
    _require(actor, "claims.change_verdict", "submit verdicts")
    claim = _lock(verdict.claim, None, {})
    locked = _lock(verdict, expected_version, {})
    if locked.state != Verdict.State.DRAFT:
        raise WorkflowError("Only a draft verdict can be submitted for approval.")
    if claim.status == Claim.Status.DISMISSED:
        raise WorkflowError("The claim was dismissed: restore it before submitting a verdict.")
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
    user = _require(actor, "claims.publish_verdict", "approve and publish verdicts")
    # Claim first, then verdict: the order every writer takes, so two never deadlock.
    claim = _lock(verdict.claim, None, {})
    locked = _lock(verdict, expected_version, {})
    if locked.state != Verdict.State.SUBMITTED:
        raise WorkflowError("Only a verdict awaiting approval can be published.")
    _require_claim_reviewed(locked)
    if actor.pk in verdict_writers(locked):
        raise PermissionDenied("A verdict must be approved by someone who did not write it.")
    if claim.status == Claim.Status.DISMISSED:
        raise WorkflowError("The claim was dismissed: it cannot be published.")
    if locked.fingerprint != public_record_fingerprint(locked):
        raise WorkflowError(
            "What this verdict covers (the claim, its sources, the rating or the article) "
            "changed after it was submitted; send it back so the reviewer can submit it again."
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
    _require(actor, "claims.publish_verdict", "unpublish verdicts")
    reason = _clean_text(reason, "The reason for unpublishing", max_chars=2000)
    claim = _lock(verdict.claim, None, {})
    locked = _lock(verdict, expected_version, {})
    if locked.state != Verdict.State.PUBLISHED:
        raise WorkflowError("Only the published verdict of a claim can be unpublished.")
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
    _require(actor, "claims.publish_verdict", "send verdicts back")
    note = _clean_text(note, "The note for the reviewer")
    claim = _lock(verdict.claim, None, {})
    locked = _lock(verdict, expected_version, {})
    if locked.state != Verdict.State.SUBMITTED:
        raise WorkflowError("Only a verdict awaiting approval can be sent back.")
    _save(claim, _back_to_draft(locked, claim, actor, note), actor)
    _event("sent_back", claim, actor, [locked.author_id], f"sent_back:{locked.pk}:{locked.version}")
    return locked


# Comments


@transaction.atomic
def comment_add(*, claim: Claim, actor: Actor, body: str) -> Comment:
    user = _require(actor, "claims.add_comment", "comment")
    comment = Comment.objects.create(
        claim=claim, author=user, body=_clean_text(body, "Comment", max_chars=10_000)
    )
    names = {name.rstrip(".") for name in MENTION.findall(comment.body)}
    if names:
        # Only people on the desk: a mention must not reveal the claim to anyone else.
        mentioned = [
            person.pk
            for person in User.objects.filter(username__in=names, is_active=True)
            if person.has_perm("claims.view_claim")
        ]
        _event("mentioned", claim, actor, mentioned, f"mention:{comment.pk}")
    return comment


# Deleting (only the admin offers it)


def may_delete(obj: Model) -> bool:
    """Deleting is for mistakes, not for work that was done. A verdict is never deleted:
    corrections are new versions and the old ones stay readable. A claim with a verdict,
    or published, keeps its record; so do the sources of a published claim, its evidence.
    Everything else may go, for whoever has the delete permission."""
    if isinstance(obj, Verdict):
        return False
    if isinstance(obj, Claim):
        return obj.status != Claim.Status.PUBLISHED and not obj.verdicts.exists()
    if isinstance(obj, Source):
        return not Claim.objects.filter(pk=obj.claim_id, status=Claim.Status.PUBLISHED).exists()
    return True


# Duplicates: a claim already checked in another article


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
    user = _require(actor, "claims.change_claim", "mark duplicates")
    if original is not None and original.pk != claim.pk:
        _lock_pair(claim, original)
    locked = _lock(claim, expected_version, {"duplicate_of": original})
    if locked.status == Claim.Status.PUBLISHED:
        raise WorkflowError("A published claim cannot be marked as a duplicate.")
    if original is not None:
        # Read it afresh: the caller's copy may predate its own marking as a duplicate.
        original = Claim.objects.select_related("duplicate_of").get(pk=original.pk)
        original = original.duplicate_of or original
        if original.pk == locked.pk:
            raise WorkflowError("A claim cannot be a duplicate of itself.")
        if original.pk == locked.duplicate_of_id:
            return locked  # marked so already: whoever marked it stays the one who did
        if locked.duplicates.exists():
            raise WorkflowError(
                "Other claims are marked as duplicates of this one; mark them against the "
                "original first."
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
    user = _require(actor, "claims.publish_verdict", "publish duplicates")
    locked = _lock(claim, None, {})
    if locked.duplicate_of_id is None:
        raise WorkflowError("Mark the claim as a duplicate of a checked claim first.")
    if locked.status not in (Claim.Status.NEW, Claim.Status.CHECKING):
        raise WorkflowError(
            f"A claim that is {locked.get_status_display().lower()} cannot be published this way."
        )
    if locked.duplicate_marked_by_id in (None, user.pk):
        raise PermissionDenied(
            "A repeat is published by someone other than the person who marked it: ask "
            "another editor to confirm the match."
        )
    if published_verdict_of(locked) is None:
        raise WorkflowError("The original claim has no published verdict yet.")
    locked.status = Claim.Status.PUBLISHED
    locked.duplicate_confirmed_by = user
    return _save(locked, ["status", "duplicate_confirmed_by"], actor)


# The rating scale (the admin edits it)

RATING_FIELDS = ("label", "slug", "value", "order", "colour", "description")
# What published verdicts show: fixed once a verdict with the rating is published.
RATING_PUBLISHED_FIELDS = ("label", "slug", "value")


@transaction.atomic
def rating_create(*, actor: Actor, **fields: Any) -> Rating:
    _require(actor, "claims.add_rating", "add ratings")
    rating = Rating(**{f: v for f, v in fields.items() if f in RATING_FIELDS})
    rating.full_clean()
    _attribute(rating, actor)
    rating.save()
    return rating


@transaction.atomic
def rating_update(
    *, rating: Rating, actor: Actor, expected_version: int | None, **changes: Any
) -> Rating:
    """Change a step of the scale. Its label, slug and value are part of every published
    verdict that uses it, so they are fixed from the first publication on: a new rating
    is added instead, and the old one stays for the verdicts that have it."""
    _require(actor, "claims.change_rating", "edit the rating scale")
    unknown = set(changes) - set(RATING_FIELDS)
    if unknown:
        raise ValidationError(f"These fields cannot be edited here: {', '.join(sorted(unknown))}.")
    locked = _lock(rating, expected_version, changes)
    fixed = [
        f for f in RATING_PUBLISHED_FIELDS if f in changes and changes[f] != getattr(locked, f)
    ]
    in_use = locked.verdicts.filter(
        state__in=[Verdict.State.PUBLISHED, Verdict.State.SUPERSEDED]
    ).exists()
    if fixed and in_use:
        raise WorkflowError(
            f"Published verdicts use the rating {locked.label!r}, so its "
            f"{', '.join(fixed)} cannot change: add a new rating instead."
        )
    for field, value in changes.items():
        setattr(locked, field, value)
    locked.full_clean()
    return _save(locked, list(changes), actor)


# Source snapshots (run by the worker: factcheck.claims.tasks.snapshot_source_task)

# The beat schedule rechecks daily; a little less than a day keeps a late run from
# skipping a source, and makes a repeated or redelivered recheck a no-op.
SOURCE_RECHECK_AFTER = timedelta(hours=20)
SNAPSHOT_REASON = "snapshot by the worker"
# Claims someone may still need evidence for: dismissed and published ones are settled.
RECHECKED_CLAIM_STATUSES = (
    Claim.Status.NEW,
    Claim.Status.CHECKING,
    Claim.Status.AWAITING_APPROVAL,
)


def source_snapshot(*, source_id: int, recheck: bool = False) -> Source:
    """Archive a source's page: final URL, HTTP status, fetch time, SHA-256, title, text.

    The first snapshot runs once: a source whose snapshot ended (archived, failed, dead) is
    left alone, so a second run changes nothing. A recheck (`recheck=True`, from
    `sources_recheck`) skips a source checked within SOURCE_RECHECK_AFTER; otherwise it
    marks the link dead on 404, 410 or a host that no longer exists, keeping the archived
    text, and takes the snapshot if there was none. It never overwrites an archive: that
    is the page as it was when the source was cited.

    A refusal or a final answer from the site is recorded at once; `TemporaryFetchError`
    propagates so the task can retry it with backoff.

    Snapshot fields are not editable by anyone, so these saves do not bump `version`: a
    reviewer editing the source's title meanwhile gets no false conflict.
    """
    source = Source.objects.get(pk=source_id)
    if not _snapshot_due(source, recheck=recheck):
        return source
    try:
        page = fetch(source.url, FetchPolicy.from_settings(settings))
    except TemporaryFetchError:
        raise
    except FetchError as exc:
        return source_snapshot_failed(source_id=source_id, error=exc, recheck=recheck)
    text = _snapshot_text(page)
    with transaction.atomic():
        locked = Source.objects.select_for_update().get(pk=source_id)
        if not _snapshot_due(locked, recheck=recheck):
            return locked  # another run got here first
        locked.last_checked_at = timezone.now()
        fields = ["last_checked_at", "snapshot_status", "failure_reason"]
        if not locked.sha256:
            locked.final_url = page.final_url[:2000]
            locked.http_status = page.status
            locked.fetched_at = page.fetched_at
            locked.sha256 = page.sha256
            locked.snapshot_title = text.title[:300]
            locked.snapshot_text = text.body
            fields += ["final_url", "http_status", "fetched_at", "sha256"]
            fields += ["snapshot_title", "snapshot_text"]
        locked.snapshot_status = Source.SnapshotStatus.OK
        locked.failure_reason = ""
        _snapshot_save(locked, fields)
    return locked


def source_note_retry(*, source_id: int, error: str) -> None:
    """Say why a snapshot is taking long: an attempt failed and another one is coming.

    Only on a source still waiting for its first snapshot; success clears the message.
    A plain update: no history row and no version bump for a passing note.
    """
    Source.objects.filter(pk=source_id, snapshot_status=Source.SnapshotStatus.PENDING).update(
        failure_reason=error[:2000], updated_at=timezone.now()
    )


def source_snapshot_failed(
    *, source_id: int, error: FetchError, recheck: bool = False, note: str = ""
) -> Source:
    """Record why a source could not be archived, where the reviewer looks.

    On a recheck only a dead link (404, 410, unknown host) changes the status: a timeout
    or a refusal today is no proof that the page is gone, and the archive stays readable.
    """
    message = f"{error} {note}".strip()[:2000]
    with transaction.atomic():
        locked = Source.objects.select_for_update().get(pk=source_id)
        now = timezone.now()
        locked.last_checked_at = now
        fields = ["last_checked_at"]
        if recheck:
            if error.dead and locked.snapshot_status != Source.SnapshotStatus.DEAD:
                locked.snapshot_status = Source.SnapshotStatus.DEAD
                locked.failure_reason = f"The link went dead (checked {now:%Y-%m-%d}): {message}"
                fields += ["snapshot_status", "failure_reason"]
        elif locked.snapshot_status == Source.SnapshotStatus.PENDING:
            dead = Source.SnapshotStatus.DEAD
            locked.snapshot_status = dead if error.dead else Source.SnapshotStatus.FAILED
            locked.failure_reason = message
            locked.http_status = error.status
            locked.final_url = error.url[:2000]
            fields += ["snapshot_status", "failure_reason", "http_status", "final_url"]
        else:
            return locked  # an earlier run already recorded the outcome
        _snapshot_save(locked, fields)
    return locked


def sources_recheck(*, now: datetime | None = None) -> int:
    """Queue a recheck of the sources of every claim still being worked on.

    Sources checked within SOURCE_RECHECK_AFTER are skipped, so running this twice queues
    nothing the second time. Returns how many rechecks were queued.
    """
    from factcheck.claims.tasks import snapshot_source_task

    cutoff = (now or timezone.now()) - SOURCE_RECHECK_AFTER
    ids = list(
        Source.objects.filter(claim__status__in=RECHECKED_CLAIM_STATUSES)
        .filter(Q(last_checked_at__isnull=True) | Q(last_checked_at__lt=cutoff))
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    for source_id in ids:
        job_enqueue(task=snapshot_source_task, args=[source_id], kwargs={"recheck": True})
    return len(ids)


def _snapshot_due(source: Source, *, recheck: bool) -> bool:
    if not recheck:
        return source.snapshot_status == Source.SnapshotStatus.PENDING
    cutoff = timezone.now() - SOURCE_RECHECK_AFTER
    return source.last_checked_at is None or source.last_checked_at < cutoff


def _snapshot_text(page: Page) -> ArticleText:
    try:
        return article_text_from_page(page)
    except ValidationError:
        # No main text (a data table, a landing page): keep all the text the page shows.
        html = page.text()
        metadata = trafilatura.extract_metadata(html)
        return ArticleText(
            body=normalise_text(trafilatura.html2txt(html) or ""),
            title=(getattr(metadata, "title", None) or "") if metadata else "",
        )


def _snapshot_save(source: Source, fields: list[str]) -> None:
    source._change_reason = SNAPSHOT_REASON  # type: ignore[attr-defined]
    source.save(update_fields=[*fields, "updated_at"])
