"""The read-only history of a claim, its sources and its verdicts, as people read it.

django-simple-history keeps a row per save; this turns them into "who, when, what changed
from what to what", in a fixed number of queries however long the history is.
"""

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.contrib.auth.models import User
from django.db import models
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _

from factcheck.claims.models import Claim, Rating, Source, Verdict

# Bookkeeping that changes on every save and says nothing to a reader.
HIDDEN_FIELDS = {"version", "updated_at", "created_at", "sha256", "last_checked_at"}
USER_FIELDS = {"assignee", "created_by", "added_by", "author", "approver"}
MAX_VALUE_CHARS = 400
# Too long to show or to load for every row: the archive page shows the snapshot itself.
UNREAD_FIELDS = ("snapshot_text",)
ACTIONS = {"+": "created", "~": "changed", "-": "deleted"}


@dataclass(frozen=True)
class Change:
    field: str
    old: str
    new: str


@dataclass
class Entry:
    when: datetime
    who: str
    subject: str
    action: str
    reason: str = ""
    changes: list[Change] = field(default_factory=list)


def _records(claim: Claim) -> list[tuple[type[models.Model], Any]]:
    """The history rows of the claim, its sources and its verdicts: three queries."""
    claims = claim.history.all()
    sources = Source.history.filter(claim_id=claim.pk).defer(*UNREAD_FIELDS)
    verdicts = Verdict.history.filter(claim_id=claim.pk)
    return [
        (model, record)
        for model, queryset in ((Claim, claims), (Source, sources), (Verdict, verdicts))
        for record in queryset.order_by("history_date", "history_id")
    ]


def claim_timeline(claim: Claim) -> list[Entry]:
    """Every recorded change, newest first."""
    records = _records(claim)
    previous: dict[tuple[type[models.Model], int], Any] = {}
    raw: list[tuple[type[models.Model], Any, Any]] = []
    for model, record in records:
        key = (model, record.id)
        raw.append((model, record, previous.get(key)))
        previous[key] = record

    users, ratings = _names(raw)
    entries = []
    for model, record, before in raw:
        changes: list[Change] = []
        if record.history_type == "~" and before is not None:
            delta = record.diff_against(before, excluded_fields=[*HIDDEN_FIELDS, *UNREAD_FIELDS])
            for change in delta.changes:
                model_field: Any = model._meta.get_field(change.field)
                changes.append(
                    Change(
                        field=str(model_field.verbose_name).capitalize(),
                        old=_show(model_field, change.old, users, ratings),
                        new=_show(model_field, change.new, users, ratings),
                    )
                )
            if not changes:
                continue  # only bookkeeping changed
        entries.append(
            Entry(
                when=record.history_date,
                who=record.actor_name,
                subject=_subject(model, record),
                action=ACTIONS.get(record.history_type, record.history_type),
                reason=record.history_change_reason or "",
                changes=changes,
            )
        )
    entries.sort(key=lambda e: e.when, reverse=True)
    return entries


def _names(raw: list[tuple[type[models.Model], Any, Any]]) -> tuple[dict[int, str], dict[int, str]]:
    """Names for the users and ratings the changes mention: two queries for all of them."""
    user_ids: set[int] = set()
    rating_ids: set[int] = set()
    for _kind, record, _reason in raw:
        for name in USER_FIELDS:
            if value := getattr(record, f"{name}_id", None):
                user_ids.add(value)
        if value := getattr(record, "rating_id", None):
            rating_ids.add(value)
    users = {u.pk: u.get_username() for u in User.objects.filter(pk__in=user_ids)}
    ratings = {r.pk: r.label for r in Rating.objects.filter(pk__in=rating_ids)}
    return users, ratings


def _subject(model: type[models.Model], record: Any) -> str:
    if model is Source:
        return _("Source “%(title)s”") % {"title": record.title or record.url}
    if model is Verdict:
        return _("Verdict, version %(number)s") % {"number": record.number}
    return _("Claim")


def _show(model_field: Any, value: Any, users: dict[int, str], ratings: dict[int, str]) -> str:
    if value is None or value == "" or value == []:
        return "—"
    if model_field.name in USER_FIELDS:
        return users.get(value, _("user %(id)s") % {"id": value})
    if model_field.name == "rating":
        return ratings.get(value, _("rating %(id)s") % {"id": value})
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(value, datetime):
        return date_format(localtime(value), "j M Y H:i")
    if isinstance(value, list):
        value = "; ".join(v.get("text", str(v)) if isinstance(v, dict) else str(v) for v in value)
    text = str(value)
    return text if len(text) <= MAX_VALUE_CHARS else text[: MAX_VALUE_CHARS - 1] + "…"
