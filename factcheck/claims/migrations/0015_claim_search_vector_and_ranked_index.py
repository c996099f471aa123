"""Claim lists at scale: the search document stored, and an index in ranked order.

- `search_vector` (PostgreSQL only) holds the search document of `ClaimQuerySet.search` as
  a generated column, with the GIN index moved onto it: the document was an expression,
  rebuilt from the text for every row a search had to test outside the index (a page of
  matches sorted by score tested each row it walked), which made search grow with the
  table.
- `claim_ranked`: the claims most check-worthy first (then newest), the default order of
  every claim list and queue, so a first page reads 50 index entries instead of sorting
  every claim.
"""

from django.db import migrations, models

from factcheck.claims.models import SEARCH_DOCUMENT

INDEX = "claims_claim_search_gin"  # the name migration 0013 gave the expression's index


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        document = SEARCH_DOCUMENT.replace("claims_claim.", "")
        schema_editor.execute(
            "ALTER TABLE claims_claim ADD COLUMN IF NOT EXISTS search_vector tsvector "
            f"GENERATED ALWAYS AS ({document}) STORED"
        )
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")
        schema_editor.execute(f"CREATE INDEX {INDEX} ON claims_claim USING gin (search_vector)")
        # How common each word is, for the planner: with the default sample, a word it did
        # not see (a figure) was guessed in 0.5% of claims, and a search for it walked the
        # whole list in order looking for a page of them. 1,000 keeps ten times the words.
        schema_editor.execute(
            "ALTER TABLE claims_claim ALTER COLUMN search_vector SET STATISTICS 1000"
        )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        document = SEARCH_DOCUMENT.replace("claims_claim.", "")
        schema_editor.execute("ALTER TABLE claims_claim DROP COLUMN IF EXISTS search_vector")
        schema_editor.execute(f"CREATE INDEX {INDEX} ON claims_claim USING gin ({document})")


class Migration(migrations.Migration):
    dependencies = [("claims", "0014_claim_match_vector")]
    operations = [
        migrations.RunPython(forwards, backwards),
        migrations.AddIndex(
            model_name="claim",
            index=models.Index(fields=["-score", "-created_at", "-id"], name="claim_ranked"),
        ),
    ]
