"""Our claims searched by the same matcher as imported fact-checks (PostgreSQL only).

`match_vector` holds the statement (weight A) and the claimant (weight B) as a tsvector,
a generated column so every writer (the ORM, bulk inserts, COPY) keeps it, with a GIN
index for candidate generation. The trigram and facts indexes served the lookup it
replaces and go; a hash index serves what else read the trigram index, the repeats of a
statement (`normalised` equal). SQLite (the demo) scans recent claims in Python instead.
"""

from django.db import migrations

VECTOR = (
    "setweight(to_tsvector('english'::regconfig, statement), 'A') || "
    "setweight(to_tsvector('english'::regconfig, claimant), 'B')"
)


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"ALTER TABLE claims_claim ADD COLUMN IF NOT EXISTS match_vector tsvector "
            f"GENERATED ALWAYS AS ({VECTOR}) STORED"
        )
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS claims_claim_match_gin ON claims_claim "
            "USING gin (match_vector)"
        )
        schema_editor.execute("DROP INDEX IF EXISTS claims_claim_normalised_trgm")
        schema_editor.execute("DROP INDEX IF EXISTS claims_claim_facts_gin")
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS claims_claim_normalised_hash ON claims_claim "
            "USING hash (normalised)"
        )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ALTER TABLE claims_claim DROP COLUMN IF EXISTS match_vector")
        schema_editor.execute("DROP INDEX IF EXISTS claims_claim_normalised_hash")
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS claims_claim_normalised_trgm ON claims_claim "
            "USING gin (normalised gin_trgm_ops)"
        )
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS claims_claim_facts_gin ON claims_claim "
            "USING gin (facts jsonb_path_ops)"
        )


class Migration(migrations.Migration):
    dependencies = [("claims", "0013_claim_search_index")]
    operations = [migrations.RunPython(forwards, backwards)]
