"""Word postings of the imported fact-checks, kept by triggers (PostgreSQL only): the
matcher's candidates are ranked from index entries alone (`factcheck.factchecks.postings`).
SQLite (the demo) scans recent rows in Python instead."""

from django.db import migrations

from factcheck.factchecks.postings import create_sql, drop_sql

TABLE, VECTOR, POSTINGS = "factchecks_factcheck", "search", "factchecks_posting"


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in create_sql(TABLE, VECTOR, POSTINGS):
            schema_editor.execute(statement)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in drop_sql(TABLE, POSTINGS):
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("factchecks", "0004_translatable_names")]
    operations = [migrations.RunPython(forwards, backwards)]
