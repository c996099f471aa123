"""Bulk loading for the benchmarks that write rows with SQL (COPY, INSERT ... SELECT)
rather than the ORM: the columns added to the models after a loader was written get an
empty default in the throwaway database, so the loaders keep working as the schema grows."""

import psycopg

EMPTY_BY_TYPE = {
    "text": "''",
    "character varying": "''",
    "integer": "0",
    "bigint": "0",
    "smallint": "0",
    "double precision": "0",
    "boolean": "false",
    "jsonb": "'[]'",
    "timestamp with time zone": "now()",
}


def default_new_columns(conn: psycopg.Connection, script: str) -> None:
    """Give an empty default to NOT NULL columns the loader does not fill (added to the
    models after this script was written), so it keeps working as the schema grows."""
    missing = conn.execute(
        """
        SELECT table_name, column_name, data_type FROM information_schema.columns
        WHERE table_name IN ('articles_article', 'claims_claim', 'claims_verdict')
          AND is_nullable = 'NO' AND column_default IS NULL AND column_name <> 'id'
        """
    ).fetchall()
    for table, column, data_type in missing:  # a default on a column we fill is harmless
        empty = EMPTY_BY_TYPE.get(data_type)
        if empty is None:
            raise SystemExit(f"benchmarks/{script}.py: fill {table}.{column} ({data_type}).")
        conn.execute(f'ALTER TABLE {table} ALTER COLUMN "{column}" SET DEFAULT {empty}')
