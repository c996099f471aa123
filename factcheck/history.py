"""The audit trail's shared parts: every history row keeps the actor's name.

django-simple-history links a history row to its user with a nullable foreign key, so
deleting an account would blank the "who" of everything that person did. The name is
copied into the row when it is written, and read from there.
"""

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from django.db import connection, models
from django.dispatch import receiver
from simple_history.models import HistoricalRecords
from simple_history.signals import pre_create_historical_record

from factcheck.manyids import pk_in_sql


class ActorName(models.Model):
    """Abstract base of every historical model: the actor's username at the time."""

    history_username = models.CharField(max_length=150, blank=True, editable=False)

    class Meta:
        abstract = True

    @property
    def actor_name(self) -> str:
        return self.history_username or "system"


@receiver(pre_create_historical_record)
def _keep_actor_name(sender: Any, history_instance: Any, **kwargs: Any) -> None:
    user = getattr(history_instance, "history_user", None)
    if user is not None and hasattr(history_instance, "history_username"):
        history_instance.history_username = user.get_username()


def history_user() -> Any:
    """Who a save now is recorded as done by, as simple-history decides for one row: the
    signed-in user of the request being served (its middleware), else nobody."""
    user = getattr(getattr(HistoricalRecords.context, "request", None), "user", None)
    return user if user is not None and user.is_authenticated else None


def history_copy(
    model: type[models.Model],
    *,
    pks: Sequence[Any],
    user: Any,
    date: datetime,
    history_type: str = "~",
    reason: str | None = None,
) -> None:
    """One history row for each of `pks` as its row is now ("~" changed, or "+" created,
    with `reason`), in one INSERT ... SELECT. simple-history's `bulk_history_create`
    builds a model instance per row in Python first: for a bulk action on a thousand
    claims, or the claims of each extracted article, most of its time."""
    historical = model.history.model  # type: ignore[attr-defined]
    source = {f.column for f in model._meta.concrete_fields}
    copied = [f.column for f in historical._meta.concrete_fields if f.column in source]
    added = ["history_date", "history_change_reason", "history_type", "history_user_id"]
    added += ["history_username"]
    qn = connection.ops.quote_name
    where, ids = pk_in_sql(model, pks)
    sql = (
        f"INSERT INTO {qn(historical._meta.db_table)} "
        f"({', '.join(qn(c) for c in copied + added)}) "
        f"SELECT {', '.join(qn(c) for c in copied)}, %s, %s, %s, %s, %s "
        f"FROM {qn(model._meta.db_table)} WHERE {where}"
    )
    username = user.get_username() if user is not None else ""
    with connection.cursor() as cursor:
        cursor.execute(sql, [date, reason, history_type, getattr(user, "pk", None), username, *ids])
