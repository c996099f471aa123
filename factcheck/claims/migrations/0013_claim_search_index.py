"""Full-text search over claims (PostgreSQL only; SQLite, the demo, matches substrings):
a GIN index on the search document `ClaimQuerySet.search` queries, figures normalised."""

from django.db import migrations

from factcheck.claims.models import SEARCH_DOCUMENT

INDEX = "claims_claim_search_gin"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        document = SEARCH_DOCUMENT.replace("claims_claim.", "")
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON claims_claim USING gin ({document})"
        )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("claims", "0012_self_service_triage")]
    operations = [migrations.RunPython(create_index, drop_index)]
