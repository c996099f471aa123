"""The rating scale (the admin edits it)."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from factcheck.claims.models import Rating, Verdict
from factcheck.claims.services.common import Actor, WorkflowError
from factcheck.versioning import attribute as _attribute
from factcheck.versioning import lock as _lock
from factcheck.versioning import require as _require
from factcheck.versioning import save as _save

RATING_FIELDS = ("label", "slug", "value", "order", "colour", "description")
# What published verdicts show: fixed once a verdict with the rating is published.
RATING_PUBLISHED_FIELDS = ("label", "slug", "value")


@transaction.atomic
def rating_create(*, actor: Actor, **fields: Any) -> Rating:
    _require(actor, "claims.add_rating", _("add ratings"))
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
    _require(actor, "claims.change_rating", _("edit the rating scale"))
    unknown = set(changes) - set(RATING_FIELDS)
    if unknown:
        raise ValidationError(
            _("These fields cannot be edited here: %(fields)s.")
            % {"fields": ", ".join(sorted(unknown))}
        )
    locked = _lock(rating, expected_version, changes)
    fixed = [
        f for f in RATING_PUBLISHED_FIELDS if f in changes and changes[f] != getattr(locked, f)
    ]
    in_use = locked.verdicts.filter(
        state__in=[Verdict.State.PUBLISHED, Verdict.State.SUPERSEDED]
    ).exists()
    if fixed and in_use:
        raise WorkflowError(
            _(
                "Published verdicts use the rating %(label)r, so its %(fields)s cannot change: add "
                "a new rating instead."
            )
            % {"label": locked.label, "fields": ", ".join(fixed)}
        )
    for field, value in changes.items():
        setattr(locked, field, value)
    locked.full_clean()
    return _save(locked, list(changes), actor)
