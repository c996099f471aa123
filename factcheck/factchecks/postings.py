"""Word postings of a searched table, kept by the database: what makes candidates cheap.

The matcher ranks a lookup's candidates by a BM25 prescore over the query's rarest words
(`factcheck.factchecks.matching`). Read from the GIN index, every candidate costs a visit
to its heap row (its vector, to test each word): about 2,500 rows per lookup at 200,000
fact-checks, most of the database's time. A postings table holds one row per (word,
document) with the document's length, under a B-tree on (lexeme, doc) that includes the
length, so the prescore is summed from index entries alone (an index-only scan) and only
the best candidates' rows are read.

PostgreSQL only, kept by statement-level triggers with transition tables: every writer
(the ORM, the import's INSERT ... ON CONFLICT, COPY, a bulk UPDATE) keeps it, one
statement per statement, not one per row. The migrations that create the tables take
their step from `postings_operation`.
"""

from __future__ import annotations

from typing import Any

from django.db import migrations


def create_sql(table: str, vector: str, postings: str) -> list[str]:
    """Statements that create the postings of `table`'s tsvector column `vector`, fill
    them from the rows there are, and keep them from then on."""
    words = f"CROSS JOIN LATERAL unnest(n.{vector}) AS u"
    add = (
        f"INSERT INTO {postings} (lexeme, doc, length) "
        f"SELECT u.lexeme, n.id, least(length(n.{vector}), 32767) FROM {{rows}} {words} "
        f"WHERE n.{vector} IS NOT NULL"
    )
    remove = (
        f"DELETE FROM {postings} p USING {{rows}} {words} "
        f"WHERE p.lexeme = u.lexeme AND p.doc = n.id"
    )
    # Rows of an UPDATE whose vector changed; most updates (a claim's status) leave it be.
    changed_old = (
        f"old_rows n JOIN new_rows c ON c.id = n.id AND c.{vector} IS DISTINCT FROM n.{vector}"
    )
    changed_new = (
        f"new_rows n JOIN old_rows c ON c.id = n.id AND c.{vector} IS DISTINCT FROM n.{vector}"
    )
    bodies = {
        "insert": add.format(rows="new_rows n"),
        "update": (remove.format(rows=changed_old) + "; " + add.format(rows=changed_new)),
        "delete": remove.format(rows="old_rows n"),
    }
    transitions = {
        "insert": "REFERENCING NEW TABLE AS new_rows",
        "update": "REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows",
        "delete": "REFERENCING OLD TABLE AS old_rows",
    }
    statements = [
        f"CREATE TABLE {postings} (lexeme text NOT NULL, doc bigint NOT NULL, "
        f"length smallint NOT NULL, PRIMARY KEY (lexeme, doc) INCLUDE (length))",
        f"INSERT INTO {postings} (lexeme, doc, length) "
        f"SELECT u.lexeme, n.id, least(length(n.{vector}), 32767) FROM {table} n {words} "
        f"WHERE n.{vector} IS NOT NULL",
    ]
    for event, body in bodies.items():
        statements += [
            f"CREATE FUNCTION {postings}_{event}() RETURNS trigger LANGUAGE plpgsql AS "
            f"$$ BEGIN {body}; RETURN NULL; END $$",
            f"CREATE TRIGGER {postings}_{event} AFTER {event.upper()} ON {table} "
            f"{transitions[event]} FOR EACH STATEMENT EXECUTE FUNCTION {postings}_{event}()",
        ]
    statements += [
        f"CREATE FUNCTION {postings}_truncate() RETURNS trigger LANGUAGE plpgsql AS "
        f"$$ BEGIN TRUNCATE {postings}; RETURN NULL; END $$",
        f"CREATE TRIGGER {postings}_truncate AFTER TRUNCATE ON {table} "
        f"FOR EACH STATEMENT EXECUTE FUNCTION {postings}_truncate()",
    ]
    return statements


def drop_sql(table: str, postings: str) -> list[str]:
    events = ("insert", "update", "delete", "truncate")
    return [
        *(f"DROP TRIGGER IF EXISTS {postings}_{event} ON {table}" for event in events),
        *(f"DROP FUNCTION IF EXISTS {postings}_{event}()" for event in events),
        f"DROP TABLE IF EXISTS {postings}",
    ]


def postings_operation(table: str, vector: str, postings: str) -> migrations.RunPython:
    """The migration step that adds (and, reversed, drops) `table`'s postings; nothing on
    SQLite, whose matcher scans in Python."""

    def forwards(apps: Any, schema_editor: Any) -> None:
        if schema_editor.connection.vendor == "postgresql":
            for statement in create_sql(table, vector, postings):
                schema_editor.execute(statement)

    def backwards(apps: Any, schema_editor: Any) -> None:
        if schema_editor.connection.vendor == "postgresql":
            for statement in drop_sql(table, postings):
                schema_editor.execute(statement)

    return migrations.RunPython(forwards, backwards)
