"""Which imported fact-checks check a given text: candidates from the index, then re-ranking.

PostgreSQL: the text's words (stemmed by `to_tsvector`) are looked up in the GIN index on
`search`, rarest first, within a budget of index entries (`candidate_terms`). Every
fact-check holding one of those words is a candidate, and all candidates are ordered in the
database by a BM25 score with the term frequency taken as 1, so no cap on unordered rows
can drop the right one. The best CANDIDATES are re-ranked in Python
(`factcheck.matchtext.features`: full BM25, shared phrases, figures, names, claimant,
period) and given a calibrated confidence.

Other databases (the SQLite demo) score the latest SCAN_LIMIT fact-checks in Python.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db import connection, transaction

from factcheck import matchtext
from factcheck.factchecks.models import FactCheck, Lexeme

CANDIDATES = 100  # re-ranked per lookup (dev MAP@5: 0.816 with 60, 0.821 with 100)
CANDIDATE_BUDGET = 3000  # index entries read per lookup, rarest words first...
COMMON_SHARE = 0.05  # ...leaving to the re-ranking words used by over 5% of the archive
COMMON_FLOOR = 500  # (and by over 500 fact-checks: in a small archive every word counts)
RICH = 30  # candidates that also get the costly features
RICH_MARGIN = 100.0  # ranks the others after them
SCAN_LIMIT = 5000
TOTAL_KEY = ""  # Lexeme rows holding the corpus totals (no real lexeme is empty or blank)
LENGTH_KEY = " "


@dataclass(frozen=True)
class Ranked:
    """One candidate's place: its key (a fact-check's or a claim's id), score and why."""

    key: int
    score: float
    confidence: float
    reasons: tuple[str, ...]


def build_query(text: str, claimant: str = "", *, indexed: bool = True) -> matchtext.Query:
    cleaned = matchtext.clean(text)
    who = claimant or cleaned.claimant
    return matchtext.Query(
        lexemes=lexemes_of(cleaned.text, indexed=indexed),
        claimant=lexemes_of(who, indexed=indexed) if who else {},
        figures=matchtext.figures(cleaned.text),
        names=matchtext.names(cleaned.text),
        claimant_words=frozenset(who.lower().split()),
        month_year=matchtext.month_year(text),
    )


def lexemes_of(text: str, *, indexed: bool = True) -> matchtext.Lexemes:
    if connection.vendor != "postgresql" or not indexed:
        return matchtext.simple_lexemes(text)
    with connection.cursor() as cursor:
        cursor.execute("SELECT to_tsvector('english', %s)::text", [text])
        return matchtext.parse_tsvector(cursor.fetchone()[0])


_cached: dict[tuple[int, int], matchtext.Stats] = {}


def corpus_stats() -> matchtext.Stats:
    """Document frequencies of every lexeme, with the corpus totals.

    Kept in the process and read again only when an import changed the totals: one
    primary-key lookup per call instead of a query over every word of 100 candidates.
    """
    totals = dict(
        Lexeme.objects.filter(lexeme__in=[TOTAL_KEY, LENGTH_KEY]).values_list("lexeme", "documents")
    )
    key = (totals.get(TOTAL_KEY, 0), totals.get(LENGTH_KEY, 0))
    if key not in _cached:
        rows = dict(
            Lexeme.objects.exclude(lexeme__in=[TOTAL_KEY, LENGTH_KEY]).values_list(
                "lexeme", "documents"
            )
        )
        documents, length = key
        _cached.clear()
        _cached[key] = matchtext.Stats(
            documents=max(documents, 1),
            average_length=length / documents if documents else 12.0,
            frequency=rows,
        )
    return _cached[key]


def candidate_terms(query: matchtext.Query, stats: matchtext.Stats) -> list[str]:
    """The query's rarest words, as many as fit a budget of index entries to read.

    Every fact-check holding one of them is a candidate, ordered by the database: none is
    dropped unread. The budget keeps the work flat as the archive grows; the commoner
    words, which rarely decide a match alone, still count in the re-ranking.
    """
    terms = sorted({**query.lexemes, **query.claimant}, key=lambda t: stats.frequency.get(t, 0))
    common = max(COMMON_SHARE * stats.documents, COMMON_FLOOR)
    chosen: list[str] = []
    read = 0
    for term in terms:
        used = stats.frequency.get(term, 0)
        if chosen and (read + used > CANDIDATE_BUDGET or used > common):
            break
        chosen.append(term)
        read += used
    return chosen


def prescore_sql(
    terms: Sequence[str], stats: matchtext.Stats, vector: str
) -> tuple[str, list[Any]]:
    """A BM25 with term frequency 1, as SQL over `vector`.

    In float8 throughout: with numeric constants PostgreSQL computes it in `numeric`,
    several times slower.
    """
    k1, b = matchtext.K1, matchtext.B
    parts, params = [], []
    for term in terms:
        parts.append(f"CASE WHEN {vector} @@ %s::tsquery THEN %s::float8 ELSE 0 END")
        params += [_tsquery_term(term), stats.idf(term) * (k1 + 1)]
    norm = (
        f"(1 + {k1}::float8 * (1 - {b}::float8 + {b}::float8 * length({vector})"
        f" / {stats.average_length:.3f}::float8))"
    )
    return f"({' + '.join(parts)}) / {norm}", params


def _tsquery_term(term: str) -> str:
    return "'" + term.replace("\\", "\\\\").replace("'", "''") + "'"


def rerank(
    query: matchtext.Query,
    docs: dict[int, matchtext.Doc],
    order: Sequence[int],
    stats: matchtext.Stats,
) -> list[Ranked]:
    """Score candidates (given best first by the prescore) and sort them by the re-ranking.

    All get the cheap word features; the RICH best of those also the costly ones (phrases,
    figures, names), which decide among close candidates, not between near and far ones.
    """
    best = max(
        (matchtext.bm25(query.lexemes, d.lexemes, stats) for d in docs.values()), default=0.0
    )
    first = []
    for place, key in enumerate(order):
        values = matchtext.word_features(query, docs[key], stats, place, best)
        first.append((matchtext.combine(values), key, values))
    first.sort(key=lambda entry: (-entry[0], entry[1]))
    ranked = []
    for position, (partial, key, values) in enumerate(first):
        if position < RICH:
            values = {**values, **matchtext.rich_features(query, docs[key], stats)}
            score = matchtext.combine(values)
        else:
            score = partial - RICH_MARGIN  # below every fully scored candidate's peers
        sure = matchtext.confidence(score)
        reasons = tuple(matchtext.explain(values))
        ranked.append(Ranked(key, round(score, 4), round(sure, 3), reasons))
    ranked.sort(key=lambda r: (-r.score, r.key))
    return ranked


def factchecks_matching(
    *, text: str, claimant: str = "", limit: int = 20, in_python: bool = False
) -> list[tuple[FactCheck, Ranked]]:
    """The imported fact-checks that check `text`, best first, with score and reasons.

    `in_python` forces the fallback that SQLite uses (tests compare the two).
    """
    indexed = connection.vendor == "postgresql" and not in_python
    query = build_query(text, claimant, indexed=indexed)
    if not query.lexemes and not query.claimant:
        return []
    if indexed:
        stats = corpus_stats()
        docs, order = _postgres_candidates(query, stats)
    else:
        docs, order, stats = _scanned_candidates(query)
    ranked = rerank(query, docs, order, stats)[:limit]
    rows = FactCheck.objects.in_bulk([r.key for r in ranked])
    return [(rows[r.key], r) for r in ranked if r.key in rows]


def _postgres_candidates(
    query: matchtext.Query, stats: matchtext.Stats
) -> tuple[dict[int, matchtext.Doc], list[int]]:
    terms = candidate_terms(query, stats)
    if not terms:
        return {}, []
    prescore, params = prescore_sql(terms, stats, "search")
    sql = (
        f"SELECT id, search::text, claim_reviewed || ' ' || headline FROM factchecks_factcheck "
        f"WHERE search @@ %s::tsquery ORDER BY {prescore} DESC, id LIMIT %s"
    )
    any_term = " | ".join(_tsquery_term(t) for t in terms)
    with transaction.atomic(), connection.cursor() as cursor:
        # The planner prices an OR of many words at one comparison per row and often picks
        # a sequential scan, which then evaluates that OR on every row (measured: 40 to
        # 90 ms at 10,000 rows against under 1 ms in the index). The budget above keeps
        # the index the right choice at every size, so take it.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(sql, [any_term, *params, CANDIDATES])
        rows = cursor.fetchall()
    docs = {pk: matchtext.Doc(matchtext.parse_tsvector(vector), text) for pk, vector, text in rows}
    return docs, [pk for pk, _, _ in rows]


def _scanned_candidates(
    query: matchtext.Query,
) -> tuple[dict[int, matchtext.Doc], list[int], matchtext.Stats]:
    docs = {}
    for pk, claim, headline in FactCheck.objects.order_by("-id").values_list(
        "pk", "claim_reviewed", "headline"
    )[:SCAN_LIMIT]:
        lexemes = matchtext.simple_lexemes(claim)
        for word, places in matchtext.simple_lexemes(
            headline, "B", offset=len(lexemes) + 1
        ).items():
            lexemes.setdefault(word, []).extend(places)
        docs[pk] = matchtext.Doc(lexemes, f"{claim} {headline}")
    frequency: dict[str, int] = {}
    for doc in docs.values():
        for word in doc.lexemes:
            frequency[word] = frequency.get(word, 0) + 1
    length = sum(sum(len(p) for p in d.lexemes.values()) for d in docs.values())
    stats = matchtext.Stats(max(len(docs), 1), length / max(len(docs), 1), frequency)
    scored = sorted(docs, key=lambda pk: -matchtext.bm25(query.lexemes, docs[pk].lexemes, stats))
    order = [pk for pk in scored[:CANDIDATES] if docs[pk].lexemes.keys() & query.lexemes.keys()]
    return {pk: docs[pk] for pk in order}, order, stats
