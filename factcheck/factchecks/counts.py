"""Word counts per corpus, which the matcher's BM25 needs: how many documents of a corpus use
each word, kept in the Lexeme table (made by ts_stat) and cached in the process."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from django.db import connection, transaction

from factcheck import matchtext
from factcheck.factchecks.models import Lexeme

if TYPE_CHECKING:
    from factcheck.factchecks.matching import Corpus

# Lexeme rows holding a corpus's totals, under keys no lexeme can have (none is blank).
TOTAL_KEY, LENGTH_KEY, COUNTED_KEY = "", " ", "  "
# The counts are read again when the corpus has grown by this share since they were made
# (or at all while it is small, where counting is a matter of milliseconds).
STALE_SHARE = 0.1
SMALL_CORPUS = 5000
STATS_CHECK = 10.0  # seconds between two checks of a large corpus's counts
# Rarity is measured as if a corpus held at least this many documents. In a desk's first
# handful of claims every word is in most of them, and BM25 would call all of them common:
# a word shared by two texts is evidence there as it is in a large archive.
MIN_DOCUMENTS = 1000


_cached: dict[str, tuple[tuple[int, int], matchtext.Stats]] = {}
_checked: dict[str, float] = {}  # corpus -> time.monotonic() of its last _totals


def corpus_stats(corpus: Corpus) -> matchtext.Stats:
    """Document frequencies of every lexeme of a corpus, with its totals.

    Kept in the process and read again only when the counts were made again: one query
    per lookup instead of one over every word of 100 candidates. The counts are made again
    here when the corpus has grown since (our claims grow with every article). A large
    corpus is checked at most every STATS_CHECK seconds: a few more rows change its
    frequencies by nothing that matters, and the check was a round trip per lookup.
    """
    cached = _cached.get(corpus.name)
    if cached is not None and cached[0][0] >= SMALL_CORPUS:
        checked = _checked.get(corpus.name, 0.0)
        if time.monotonic() - checked < STATS_CHECK:
            return cached[1]
    documents, length, counted, newest = _totals(corpus)
    if newest is not None and _stale(documents, counted, newest):
        lexemes_refresh(corpus)
        documents, length, _, _ = _totals(corpus)
    _checked[corpus.name] = time.monotonic()
    key = (documents or 0, length or 0)
    if cached is None or cached[0] != key:
        rows = dict(
            Lexeme.objects.filter(corpus=corpus.name)
            .exclude(lexeme__in=[TOTAL_KEY, LENGTH_KEY, COUNTED_KEY])
            .values_list("lexeme", "documents")
        )
        total, size = key
        stats = matchtext.Stats(
            documents=max(total, MIN_DOCUMENTS),
            average_length=size / total if total else 12.0,
            frequency=rows,
        )
        cached = _cached[corpus.name] = (key, stats)
    return cached[1]


def _totals(corpus: Corpus) -> tuple[int | None, int | None, int | None, int | None]:
    """Documents and lexemes counted, the newest row counted, the newest row now."""
    total = f"SELECT documents FROM {Lexeme._meta.db_table} WHERE corpus = %s AND lexeme = %s"
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT ({total}), ({total}), ({total}), (SELECT max(id) FROM {corpus.table})",
            [corpus.name, TOTAL_KEY, corpus.name, LENGTH_KEY, corpus.name, COUNTED_KEY],
        )
        return cursor.fetchone()


def _stale(documents: int | None, counted: int | None, newest: int) -> bool:
    if documents is None or counted is None:
        return True
    grown = newest - counted  # ids are never reused: rows added since, near enough
    return grown > 0 and (documents < SMALL_CORPUS or grown > STALE_SHARE * documents)


def lexemes_refresh(corpus: Corpus) -> None:
    """Count, per word, the documents of a corpus that use it (ts_stat over its vectors)."""
    if connection.vendor != "postgresql":
        return
    table = Lexeme._meta.db_table
    with transaction.atomic(), connection.cursor() as cursor:
        # One counter at a time per corpus; the others keep the counts they have.
        cursor.execute("SELECT pg_try_advisory_xact_lock(hashtext(%s))", [f"lexemes {corpus.name}"])
        if not cursor.fetchone()[0]:
            return
        cursor.execute(f"SELECT coalesce(max(id), 0) FROM {corpus.table}")
        (newest,) = cursor.fetchone()
        cursor.execute(f"DELETE FROM {table} WHERE corpus = %s", [corpus.name])
        cursor.execute(
            f"INSERT INTO {table} (corpus, lexeme, documents) "
            f"SELECT %s, word, ndoc FROM ts_stat('SELECT {corpus.vector} FROM {corpus.table}') "
            "WHERE length(word) <= 255",
            [corpus.name],
        )
        cursor.execute(
            f"INSERT INTO {table} (corpus, lexeme, documents) "
            f"SELECT %s, %s, count(*) FROM {corpus.table} UNION ALL "
            f"SELECT %s, %s, coalesce(sum(length({corpus.vector})), 0) FROM {corpus.table} "
            "UNION ALL SELECT %s, %s, %s",
            [corpus.name, TOTAL_KEY, corpus.name, LENGTH_KEY, corpus.name, COUNTED_KEY, newest],
        )
        # New rows wait in the GIN index's pending list, which every search reads in full
        # until autovacuum merges it: merge it now, or lookups slow down 50x after an import.
        cursor.execute("SELECT gin_clean_pending_list(%s::regclass)", [corpus.index])
