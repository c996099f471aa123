"""Sources: the evidence attached to a claim."""

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from factcheck.claims.models import Claim, Source
from factcheck.claims.services.common import (
    Actor,
    WorkflowError,
    _claim_changed,
    _clean_text,
    _open_verdict,
)
from factcheck.jobs.services import job_enqueue
from factcheck.versioning import attribute as _attribute
from factcheck.versioning import lock as _lock
from factcheck.versioning import require as _require
from factcheck.versioning import save as _save
from factcheck.webaddress import clean_web_address

SOURCE_EDITABLE_FIELDS = ("title", "publisher", "published_on", "excerpt", "stance")


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
    user = _require(actor, "claims.add_source", _("add sources"))
    url = clean_web_address(url)
    if stance not in Source.Stance.values:
        raise ValidationError(
            _("Unknown stance %(stance)r: use supports, refutes or context.") % {"stance": stance}
        )
    locked = _lock(claim, None, {})
    if locked.status in (Claim.Status.DISMISSED,):
        raise WorkflowError(_("Restore the dismissed claim before adding sources to it."))
    if locked.status == Claim.Status.PUBLISHED and _open_verdict(locked) is None:
        raise WorkflowError(
            _(
                "The sources of a published fact-check change only with a correction: start a "
                "correction of the verdict, then add the source to it."
            )
        )
    if locked.sources.filter(url=url).exists():
        raise WorkflowError(_("This source is already attached to the claim."))
    source = Source(
        claim=locked,
        url=url,
        title=_clean_text(title, _("Source title"), required=False, max_chars=300),
        excerpt=excerpt.strip(),
        stance=stance,
        publisher=_clean_text(publisher, _("Publisher"), required=False, max_chars=200),
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
    _require(actor, "claims.change_source", _("edit sources"))
    unknown = set(changes) - set(SOURCE_EDITABLE_FIELDS)
    if unknown:
        raise ValidationError(
            _("These fields cannot be edited here: %(fields)s.")
            % {"fields": ", ".join(sorted(unknown))}
        )
    if "stance" in changes and changes["stance"] not in Source.Stance.values:
        raise ValidationError(_("Unknown stance %(stance)r.") % {"stance": changes["stance"]})
    locked = _lock(source, expected_version, changes)
    if Source.objects.in_public_record().filter(pk=locked.pk).exists():
        raise WorkflowError(
            _(
                "This source is part of a published fact-check and stays as it was approved; "
                "add a corrected source with a correction instead."
            )
        )
    for field, value in changes.items():
        setattr(locked, field, value)
    _save(locked, list(changes), actor)
    claim = _lock(locked.claim, None, {})
    if fields := _claim_changed(claim, actor):
        _save(claim, fields, actor)
    return locked
