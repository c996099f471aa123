"""A condition on many primary keys sent as one query parameter.

`filter(pk__in=ids)` writes a placeholder per id, and each is prepared by Django, parsed
out of the SQL by psycopg and bound in turn: for a bulk action on a thousand claims, most
of its Python time went into its three queries' id lists. One array (PostgreSQL) or one
JSON list (SQLite) costs the same however many ids it holds.
"""

import json
from collections.abc import Sequence
from typing import Any

from django.db import connection, models
from django.db.models import BooleanField
from django.db.models.expressions import RawSQL


def pk_in_sql(model: type[models.Model], ids: Sequence[Any]) -> tuple[str, list[Any]]:
    """SQL saying the row of `model`'s table has one of `ids` as its primary key, and its
    one parameter."""
    qn = connection.ops.quote_name
    column = f"{qn(model._meta.db_table)}.{qn(str(model._meta.pk.column))}"
    if connection.vendor == "postgresql":
        return f"{column} = ANY(%s)", [list(ids)]
    return f"{column} IN (SELECT value FROM json_each(%s))", [json.dumps(list(ids))]


def pk_in(model: type[models.Model], ids: Sequence[Any]) -> RawSQL:
    """The same, for `QuerySet.filter()`."""
    sql, params = pk_in_sql(model, ids)
    return RawSQL(sql, params, output_field=BooleanField())
