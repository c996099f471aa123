"""Bulk actions: many claims, one decision, all or nothing."""

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from factcheck.claims.models import Claim
from factcheck.claims.services.claims import _check_assignable, _check_dismissable
from factcheck.claims.services.common import Actor, _claim_start_checking, _clean_text, _event
from factcheck.versioning import require as _require

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
