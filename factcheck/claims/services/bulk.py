"""Bulk actions: many claims, one decision, all or nothing."""

from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Case, F, Value, When
from django.utils import timezone
from django.utils.translation import gettext as _

from factcheck.claims.models import Claim
from factcheck.claims.services.claims import _check_assignable, _check_dismissable
from factcheck.claims.services.common import Actor, _clean_text, _events
from factcheck.history import history_copy
from factcheck.manyids import pk_in
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
        raise ValidationError(
            _("Unknown action %(action)r: use %(actions)s.")
            % {"action": action, "actions": ", ".join(BULK_ACTIONS)}
        )
    ids = sorted(set(claim_ids))
    if not ids:
        raise ValidationError(_("Select at least one claim."))
    if len(ids) > BULK_MAX_CLAIMS:
        raise ValidationError(
            _("At most %(most)s claims at once (got %(count)s).")
            % {"most": BULK_MAX_CLAIMS, "count": len(ids)}
        )
    if action == "dismiss":
        user = _require(actor, "claims.dismiss_claim", _("dismiss claims"))
        reason = _clean_text(reason, _("The reason for dismissing"))
    else:
        if action == "take":
            assignee = actor if isinstance(actor, User) else None
        if not (isinstance(actor, User) and actor.has_perm("claims.assign_claim")):
            _require(actor, "claims.take_claim", _("take claims"))
            if assignee is not None and assignee.pk != actor.pk:
                raise PermissionDenied(
                    _(
                        "You can take claims for yourself; assigning them to someone else is "
                        "for editors."
                    )
                )
        user = actor  # type: ignore[assignment]
        if assignee is None:
            raise ValidationError(_("Choose who the claims go to."))
        if not (assignee.is_active and assignee.has_perm("claims.change_claim")):
            raise ValidationError(
                _("%(assignee)s cannot check claims, so claims cannot go to them.")
                % {"assignee": assignee}
            )
    # Only what the checks read, as plain tuples: the rows are locked, not loaded.
    locked = Claim.objects.select_for_update().filter(pk_in(Claim, ids)).order_by("pk")
    rows = list(locked.values_list("pk", "status", "assignee_id", "version"))
    found = {row[0] for row in rows}
    refusals: dict[int, str] = {pk: _("There is no such claim.") for pk in ids if pk not in found}
    # The checks read a claim's status and assignee only, so each distinct pair is checked
    # once, exactly as the one-claim services check it: a thousand claims of a queue
    # share two or three pairs (a model instance loaded and checked per row was most of
    # the Python time).
    outcomes: dict[tuple[str, int | None], str | None] = {}
    changed: list[tuple[int, int]] = []  # (pk, new version)
    for pk, status, assignee_id, version in rows:
        state = (status, assignee_id)
        if state not in outcomes:
            outcomes[state] = _refusal(
                action, actor, Claim(status=status, assignee_id=assignee_id), assignee
            )
        refusal = outcomes[state]
        if refusal == _UNCHANGED:
            continue
        if refusal is not None:
            refusals[pk] = refusal
            continue
        changed.append((pk, version + 1))
    if refusals:
        raise BulkRefused(refusals)
    if action == "assign" and assignee is not None and assignee.pk != user.pk:
        # One event per claim, delivered together: one outbox job for the batch.
        events = [(pk, [assignee.pk], f"assigned:{pk}:{version}") for pk, version in changed]
        _events("assigned", actor, events)
    if changed:
        now = timezone.now()
        # Every changed claim gets the same values: one UPDATE by id (a bulk update of
        # per-row values was most of the time), then their history rows copied from the
        # updated rows in one INSERT ... SELECT.
        ids = [pk for pk, _version in changed]
        values: dict[str, Any] = {"version": F("version") + 1, "updated_at": now}
        if action == "dismiss":
            values |= {"status": Claim.Status.DISMISSED, "dismiss_reason": reason}
        else:
            # Work on a new claim moves it into checking (`_claim_start_checking`).
            start = When(status=Claim.Status.NEW, then=Value(Claim.Status.CHECKING))
            values |= {"assignee": assignee, "status": Case(start, default=F("status"))}
        Claim.objects.filter(pk_in(Claim, ids)).update(**values)
        history_copy(Claim, pks=ids, user=user, date=now)
    return len(changed)


_UNCHANGED = "unchanged"  # already with the assignee: nothing to do, and no refusal


def _refusal(action: str, actor: Actor, claim: Claim, assignee: User | None) -> str | None:
    """Why the one-claim service would refuse the action on `claim` (None if it would
    not), or `_UNCHANGED` if the claim already has what the action gives."""
    try:
        if action == "dismiss":
            _check_dismissable(claim)
        else:
            _check_assignable(actor, claim, assignee)
            if claim.assignee_id == assignee.pk:  # type: ignore[union-attr]
                return _UNCHANGED
    except (PermissionDenied, ValidationError) as exc:
        return " ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
    return None
