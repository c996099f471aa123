"""The matcher: which stored texts check a given text. One engine for every corpus.

It searches the imported fact-checks (`FACTCHECKS`, below) and our own claims
(`factcheck.claims.similar`) the same way. PostgreSQL: the text's words (stemmed by
`to_tsvector`) are looked up in the corpus's word postings (`factcheck.factchecks.postings`),
rarest first, within a budget of
index entries (`candidate_terms`). Every document holding one of those words is a
candidate, and all candidates are ordered in the database by a BM25 score with the term
frequency taken as 1, so no cap on unordered rows can drop the right one. The best
CANDIDATES are re-ranked in Python (`factcheck.matchtext.features`: full BM25, shared
phrases, figures, names, claimant, period) and given a calibrated confidence.

Other databases (the SQLite demo) score the latest SCAN_LIMIT rows in Python.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from django.db import connection
from django.db.models import Model

from factcheck import matchtext
from factcheck.factchecks.counts import MIN_DOCUMENTS, corpus_stats
from factcheck.factchecks.models import FactCheck

CANDIDATES = 100  # re-ranked per lookup (dev MAP@5: 0.816 with 60, 0.821 with 100)
CANDIDATE_BUDGET = 3000  # index entries read per lookup, rarest words first...
COMMON_SHARE = 0.05  # ...leaving to the re-ranking words used by over 5% of the corpus
COMMON_FLOOR = 500  # (and by over 500 documents: in a small corpus every word counts)
RICH = 30  # candidates that also get the costly features
RICH_MARGIN = 100.0  # ranks the others after them
SCAN_LIMIT = 5000
# Confidence is a probability fitted on the training tweets. On the dev tweets, 75% of the
# matches at or above 0.5 were the right fact-check (89 of 118).
ALREADY_CHECKED = 0.5
RELATED = 0.1  # below this a match is noise, not worth a reviewer's look


@dataclass(frozen=True)
class Corpus:
    """A table the matcher searches: imported fact-checks, or our own claims."""

    name: str  # the key of its word counts
    table: str
    vector: str  # its tsvector column: the main text at weight A, the rest at B
    index: str  # the GIN index on `vector`
    postings: str  # its word postings (`factcheck.factchecks.postings`)
    text: str  # SQL over a row: the text that figures and names are read from
    # The fallback's rows, newest first: (pk, main text, the rest), without those set apart.
    scan: Callable[[Any], Iterable[tuple[int, str, str]]]
    # SQL with one parameter: the ids of rows a lookup sets apart (a claim's own article's).
    apart: str = ""
    # Its model, when the lookup's caller shows rows of it: the candidates' rows are read
    # whole by the candidate query, so the best need no second query (`Ranked.row`).
    model: type[Model] | None = None
    candidates: int = CANDIDATES
    budget: int = CANDIDATE_BUDGET
    rich: int = RICH
    calibration: tuple[float, float] = matchtext.CALIBRATION  # score -> confidence


@dataclass(frozen=True)
class Ranked:
    """One candidate's place: its key (a fact-check's or a claim's id), score and why."""

    key: int
    score: float
    confidence: float
    reasons: tuple[str, ...]
    # The row of the corpus's `model` (`row_fields` of it), when the candidate query read it.
    row: tuple[Any, ...] | None = field(default=None, compare=False, repr=False)


def build_query(
    text: str, claimant: str = "", *, indexed: bool = True, language: str = "en"
) -> matchtext.Query:
    """The text as the matcher looks it up. `language`: the text's; a Spanish text is also
    looked up by its figures written the English way and without its function words, so
    it meets an English text stating the same figures, names and dates."""
    cleaned = matchtext.clean(text)
    who = claimant or cleaned.claimant
    words_of = cleaned.text
    if matchtext.spanish(language):
        words_of = f"{matchtext.without_function_words(words_of)} "
        words_of += matchtext.english_figures(cleaned.text)
    words, claimant_words = _lexemes_of_both(words_of, who, indexed=indexed)
    return matchtext.Query(
        lexemes=words,
        claimant=claimant_words,
        figures=matchtext.figures(cleaned.text, language),
        names=matchtext.names(cleaned.text, language),
        claimant_words=frozenset(who.lower().split()),
        month_year=matchtext.month_year(text),
    )


def lexemes_of(text: str, *, indexed: bool = True) -> matchtext.Lexemes:
    if connection.vendor != "postgresql" or not indexed:
        return matchtext.simple_lexemes(text)
    with connection.cursor() as cursor:
        cursor.execute("SELECT to_tsvector('english', %s)::text", [text])
        return matchtext.parse_tsvector(cursor.fetchone()[0])


def _lexemes_of_both(
    text: str, who: str, *, indexed: bool
) -> tuple[matchtext.Lexemes, matchtext.Lexemes]:
    """`lexemes_of` the text and of the claimant (empty without one), in one round trip."""
    if connection.vendor != "postgresql" or not indexed or not who:
        return lexemes_of(text, indexed=indexed), lexemes_of(who, indexed=indexed) if who else {}
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT to_tsvector('english', %s)::text, to_tsvector('english', %s)::text",
            [text, who],
        )
        mine, theirs = cursor.fetchone()
    return matchtext.parse_tsvector(mine), matchtext.parse_tsvector(theirs)


def candidate_terms(
    query: matchtext.Query, stats: matchtext.Stats, budget: int = CANDIDATE_BUDGET
) -> list[str]:
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
        if chosen and (read + used > budget or used > common):
            break
        chosen.append(term)
        read += used
    return chosen


def rerank(
    query: matchtext.Query,
    docs: dict[int, matchtext.Doc],
    order: Sequence[int],
    stats: matchtext.Stats,
    rich: int = RICH,
    limit: int | None = None,
    calibration: tuple[float, float] = matchtext.CALIBRATION,
) -> list[Ranked]:
    """Score candidates (given best first by the prescore) and sort them by the re-ranking;
    the `limit` best are returned (all without one).

    All get the cheap word features; the `rich` best of those also the costly ones (phrases,
    figures, names), which decide among close candidates, not between near and far ones.
    """
    words = {key: matchtext.shared_words(query, docs[key], stats) for key in order}
    best = max((values["bm25"] for values in words.values()), default=0.0)
    first = []
    for place, key in enumerate(order):
        values = words[key]
        values["bm25_relative"] = values["bm25"] / best if best else 0.0
        values["rank"] = 1 / (1 + place)
        first.append((matchtext.combine(values), key, values))
    first.sort(key=lambda entry: (-entry[0], entry[1]))
    scored = []
    for position, (partial, key, values) in enumerate(first):
        if position < rich:
            values = {**values, **matchtext.rich_features(query, docs[key], stats)}
            score = matchtext.combine(values)
        else:
            score = partial - RICH_MARGIN  # below every fully scored candidate's peers
        scored.append((round(score, 4), key, values, score))
    scored.sort(key=lambda entry: (-entry[0], entry[1]))
    # Confidence and reasons for those returned only: a lookup keeps 5 or 20 of 100.
    results = []
    for rounded, key, values, score in scored[:limit]:
        shared = (
            query.figures & matchtext.figures(docs[key].text) if values.get("figures") else None
        )
        reasons = tuple(matchtext.explain(values, shared or frozenset()))
        confidence = matchtext.confidence(score, calibration)
        results.append(Ranked(key, rounded, round(confidence, 3), reasons))
    return results


def ranked(
    query: matchtext.Query,
    corpus: Corpus,
    *,
    limit: int,
    apart: Any = None,
    indexed: bool = True,
) -> list[Ranked]:
    """The documents of `corpus` that check `query`, best first (at most `limit`).

    `apart`: the parameter of the corpus's `apart` condition (rows never returned).
    `indexed`: PostgreSQL's index, or (False) the fallback that scans recent rows.
    """
    if not query.lexemes and not query.claimant:
        return []
    rows: dict[int, tuple[Any, ...]] = {}
    if indexed:
        stats = corpus_stats(corpus)
        docs, order, rows = _postgres_candidates(query, corpus, stats, apart)
    else:
        docs, order, stats = _scanned_candidates(query, corpus, apart)
    found = rerank(query, docs, order, stats, corpus.rich, limit, corpus.calibration)
    return [replace(r, row=rows[r.key]) if r.key in rows else r for r in found]


def row_fields(model: type[Model], vector: str) -> list[Any]:
    """The fields of `model` the candidate query reads whole: all but the search vector."""
    return [f for f in model._meta.concrete_fields if f.column != vector]


def factchecks_matching(
    *,
    text: str,
    claimant: str = "",
    limit: int = 20,
    in_python: bool = False,
    language: str = "en",
) -> list[tuple[FactCheck, Ranked]]:
    """The imported fact-checks that check `text` (in `language`), best first, with score
    and reasons.

    `in_python` forces the fallback that SQLite uses (tests compare the two).
    """
    indexed = connection.vendor == "postgresql" and not in_python
    query = build_query(text, claimant, indexed=indexed, language=language)
    return factchecks_ranked(query, limit=limit, indexed=indexed)


def factchecks_ranked(
    query: matchtext.Query, *, limit: int, indexed: bool = True
) -> list[tuple[FactCheck, Ranked]]:
    found = ranked(query, FACTCHECKS, limit=limit, indexed=indexed)
    names = [f.attname for f in row_fields(FactCheck, FACTCHECKS.vector)]
    rows = {
        r.key: FactCheck.from_db(connection.alias, names, r.row) for r in found if r.row is not None
    }
    if missing := [r.key for r in found if r.key not in rows]:  # the fallback's
        # Without the search vector: the caller shows texts, and the candidates' vectors
        # were read already.
        rows.update(FactCheck.objects.defer("search").in_bulk(missing))
    return [(rows[r.key], r) for r in found if r.key in rows]


def _postgres_candidates(
    query: matchtext.Query, corpus: Corpus, stats: matchtext.Stats, apart: Any
) -> tuple[dict[int, matchtext.Doc], list[int], dict[int, tuple[Any, ...]]]:
    """The candidates' words and texts, best prescore first, and their rows of the
    corpus's `model` (read by the same query, from the same heap rows: a query less)."""
    terms = candidate_terms(query, stats, corpus.budget)
    if not terms:
        return {}, [], {}
    sql, params = candidates_sql(terms, stats, corpus, apart)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    docs = {row[0]: matchtext.Doc(matchtext.parse_tsvector(row[1]), row[2]) for row in rows}
    whole = {row[0]: row[3:] for row in rows} if corpus.model else {}
    return docs, [row[0] for row in rows], whole


def candidates_sql(
    terms: Sequence[str], stats: matchtext.Stats, corpus: Corpus, apart: Any
) -> tuple[str, list[Any]]:
    """The query for a corpus's best candidates: the prescore (a BM25 with term frequency
    1) summed per document from its postings, read from their index alone (each word's
    documents are one run of index entries), then only the best rows joined for their
    vector and texts (and the row of the corpus's `model`)."""
    k1, b = matchtext.K1, matchtext.B
    words = ", ".join(["(%s, %s::float8)"] * len(terms))
    params: list[Any] = []
    for term in terms:
        params += [term, stats.idf(term) * (k1 + 1)]
    where = ""
    if apart is not None and corpus.apart:
        where = f"WHERE p.doc NOT IN ({corpus.apart})"
        params.append(apart)
    norm = (
        f"(1 + {k1}::float8 * (1 - {b}::float8 + {b}::float8 * p.length"
        f" / {stats.average_length:.3f}::float8))"
    )
    fields = row_fields(corpus.model, corpus.vector) if corpus.model else []
    columns = "".join(f', t."{f.column}"' for f in fields)
    sql = (
        f"SELECT t.id, t.{corpus.vector}::text, {corpus.text}{columns} "
        f"FROM (SELECT p.doc AS id, sum(w.idf) / {norm} AS s "
        f"FROM {corpus.postings} p JOIN (VALUES {words}) AS w (lexeme, idf) "
        f"ON p.lexeme = w.lexeme {where} "
        f"GROUP BY p.doc, p.length ORDER BY s DESC, p.doc LIMIT %s) best "
        f"JOIN {corpus.table} t ON t.id = best.id ORDER BY best.s DESC, best.id"
    )
    params.append(corpus.candidates)
    return sql, params


def _scanned_candidates(
    query: matchtext.Query, corpus: Corpus, apart: Any
) -> tuple[dict[int, matchtext.Doc], list[int], matchtext.Stats]:
    docs = {}
    for pk, main, rest in corpus.scan(apart):
        lexemes = matchtext.simple_lexemes(main)
        for word, places in matchtext.simple_lexemes(rest, "B", offset=len(lexemes) + 1).items():
            lexemes.setdefault(word, []).extend(places)
        docs[pk] = matchtext.Doc(lexemes, f"{main} {rest}")
    frequency: dict[str, int] = {}
    for doc in docs.values():
        for word in doc.lexemes:
            frequency[word] = frequency.get(word, 0) + 1
    length = sum(sum(len(p) for p in d.lexemes.values()) for d in docs.values())
    stats = matchtext.Stats(max(len(docs), MIN_DOCUMENTS), length / max(len(docs), 1), frequency)
    scored = sorted(docs, key=lambda pk: -matchtext.bm25(query.lexemes, docs[pk].lexemes, stats))
    order = [
        pk for pk in scored[: corpus.candidates] if docs[pk].lexemes.keys() & query.lexemes.keys()
    ]
    return {pk: docs[pk] for pk in order}, order, stats


def _scan_factchecks(apart: Any) -> Iterable[tuple[int, str, str]]:
    return FactCheck.objects.order_by("-id").values_list("pk", "claim_reviewed", "headline")[
        :SCAN_LIMIT
    ]


FACTCHECKS = Corpus(
    name="factchecks",
    table=FactCheck._meta.db_table,
    vector="search",
    index="factchecks_search_gin",
    postings="factchecks_posting",
    text="claim_reviewed || ' ' || headline",
    scan=_scan_factchecks,
    model=FactCheck,
)
