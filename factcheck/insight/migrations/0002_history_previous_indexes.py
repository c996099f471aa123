"""Indexes for finding the history row before a given one, on the claims app's tables.

An event of the desk (a claim dismissed, taken, published; a verdict submitted or sent
back) is a history row whose status differs from the object's row before it. That row is
looked up once per event: with (id, history_id, status) in one index the lookup reads the
index alone, backwards from the event, instead of every row of the object.
"""

from django.apps.registry import Apps
from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor

INDEXES = [
    ("insight_claim_previous", "claims", "HistoricalClaim", ("id", "history_id", "status")),
    ("insight_verdict_previous", "claims", "HistoricalVerdict", ("id", "history_id", "state")),
]


def forwards(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    quote = schema_editor.quote_name
    for name, app, model, columns in INDEXES:
        table = apps.get_model(app, model)._meta.db_table
        schema_editor.execute(
            f"CREATE INDEX {quote(name)} ON {quote(table)} ({', '.join(map(quote, columns))})"
        )


def backwards(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    for name, *_ in INDEXES:
        schema_editor.execute(f"DROP INDEX {schema_editor.quote_name(name)}")


class Migration(migrations.Migration):
    dependencies = [
        ("insight", "0001_insight_permission"),
        ("claims", "0004_claim_created_at_index"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
