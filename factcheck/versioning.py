"""Permission, optimistic locking and attribution, shared by every service that writes.

A row carries a `version`; a writer states the version it loaded, and a save on top of
someone else's change is a conflict the person sees, never a silent overwrite. The web UI,
the API and the admin all go through `lock` and `save`.
"""

from collections.abc import Mapping
from typing import Any

from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import PermissionDenied
from django.db.models import Model
from django.utils.translation import gettext as _

Actor = User | AnonymousUser


def require(actor: Actor, perm: str, action: str) -> User:
    """The acting user, if they may do this; the refusal names the action."""
    if not isinstance(actor, User) or not actor.is_active or not actor.has_perm(perm):
        raise PermissionDenied(_("You do not have permission to %(action)s.") % {"action": action})
    return actor


class ConflictError(Exception):
    """Someone else saved the object since the caller loaded it.

    `changes` maps each field that differs to (the caller's value, the saved value), so a
    person can see what changed before deciding what to keep.
    """

    def __init__(self, current: Model, changes: Mapping[str, tuple[Any, Any]]) -> None:
        self.current = current
        self.changes = dict(changes)
        name = current._meta.verbose_name
        fields = ", ".join(self.changes) or _("no field you changed")
        super().__init__(
            _(
                "This %(name)s was changed by someone else while you were editing it "
                "(changed: %(fields)s). Review the current version and save again."
            )
            % {"name": name, "fields": fields}
        )


def lock[M: Model](instance: M, expected_version: int | None, attempted: Mapping[str, Any]) -> M:
    """Re-read the row under a lock and refuse the write if it moved on since it was read.

    `expected_version=None` means the caller did not load the object for editing (a button
    press, not a form), so only the lock is taken.
    """
    model = type(instance)
    locked = model._default_manager.select_for_update().get(pk=instance.pk)
    if expected_version is not None and locked.version != expected_version:  # type: ignore[attr-defined]
        changes = {
            field: (value, getattr(locked, field))
            for field, value in attempted.items()
            if getattr(locked, field) != value
        }
        raise ConflictError(locked, changes)
    return locked


def save[M: Model](instance: M, fields: list[str], actor: Actor, reason: str = "") -> M:
    instance.version += 1  # type: ignore[attr-defined]
    attribute(instance, actor, reason)
    stamp = ["updated_at"] if hasattr(instance, "updated_at") else []
    instance.save(update_fields=[*fields, "version", *stamp])
    return instance


def attribute(instance: Model, actor: Actor, reason: str = "") -> None:
    """Name the person in the history record even when no request is around (API, tasks)."""
    if actor.is_authenticated:
        instance._history_user = actor  # type: ignore[attr-defined]
    if reason:
        instance._change_reason = reason  # type: ignore[attr-defined]
