"""Text for matching a claim against fact-checks: cleaning, words, figures, names. No Django.

A claim typed or pasted by a reviewer is often a social-media post: links, @handles, a
"-- Name (@handle) date" signature, "pic.twitter.com/..." codes and #CamelCaseHashtags.
Left in, they become the rarest "words" of the text and drown the ones that say what is
claimed. `clean` keeps what a reader would read: links and codes go, a signature's name is
kept apart as the claimant, handles and hashtags become the words inside them.
"""

from __future__ import annotations

import functools
import itertools
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from factcheck.extraction import facts as facts_finder
from factcheck.extraction.es import facts as spanish_facts
from factcheck.extraction.language import detect_language, rules_for

URL = re.compile(r"(?:https?://|www\.|pic\.twitter\.com/)\S*", re.IGNORECASE)
# "-- Ilhan Omar (@IlhanMN) January 6, 2020" at the end of a post (em dash, en dash or --).
SIGNATURE = re.compile(
    r"\s*(?:\u2014|\u2013|--)\s*(?P<name>[^\n()\u2014]{1,80}?)\s*\(@\w+\)\s*"
    r"(?P<date>[A-Z][a-z]+\.? \d{1,2}, \d{4})?\s*\"?\s*$"
)
HANDLE = re.compile(r"(?<![\w@])@(\w+)")
HASHTAG = re.compile(r"(?<![\w#])#(\w+)")
# Word boundaries inside a CamelCase name: "DefundTheCBC" -> Defund The CBC.
CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])|(?<=[A-Za-z])(?=\d)")
SPACES = re.compile(r"\s+")
# A run of capitalised words (optionally joined by "of"/"de"...) is a name, near enough.
NAME = re.compile(r"\b[A-Z][\w'\u2019.-]*(?:\s+(?:of\s+|de\s+|van\s+)?[A-Z][\w'\u2019.-]*)*")
NAME_STOP = frozenset(
    "a an and the this that these those it its he she they we i you his her their our my "
    "breaking watch just new now here there what who why how when if so but or in on at of "
    "to for by with from is are was were be rt via".split()
)

# Across languages, two statements share their figures, names and dates, not their words.
# A figure written the Spanish way, with a decimal comma ("7,5") or dots between thousands
# ("10.000"); "1,250" is left alone (English thousands in much of Latin America too).
SPANISH_FIGURE = re.compile(r"(?<![\d.,])(?:\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+,\d{1,2})(?![.,]?\d)")
YEAR = re.compile(r"(?<![\d.,])(?:1[89]|20)\d\d(?![.,]?\d)")
# Spanish function words: in an English corpus they are rare, so they would count as the
# most telling words of a Spanish text; they tell nothing, nor do they make a name.
SPANISH_FUNCTION_WORDS = frozenset(
    "a al ante bajo como con contra cual de del desde donde durante e el ella ellas ellos "
    "en entre era es esa ese eso esta este esto fue ha han hasta hay la las le les lo los "
    "más mas muy ni no nos o para pero por porque que se ser si sí sin sobre son su sus "
    "también tras un una uno unos unas y ya según estos estas cada".split()
)


@dataclass(frozen=True)
class Cleaned:
    text: str  # what the post says, in words
    claimant: str  # the signature's name, or ""


def split_compound(word: str) -> str:
    """ "DefundTheCBC" -> "Defund The CBC"; "covid19" -> "covid 19"; "trump" stays."""
    return CAMEL.sub(" ", word.replace("_", " "))


def clean(text: str) -> Cleaned:
    claimant = ""
    signature = SIGNATURE.search(text)
    if signature:
        claimant = signature.group("name").strip(" \"'")
        text = text[: signature.start()]
    text = URL.sub(" ", text)
    text = HASHTAG.sub(lambda m: split_compound(m.group(1)), text)
    text = HANDLE.sub(lambda m: split_compound(m.group(1)), text)
    return Cleaned(SPACES.sub(" ", text).strip(" \"'"), claimant)


def spanish(language: str) -> bool:
    return rules_for(language) == "es"


def figures_language(text: str, language: str = "") -> str:
    """The language to read a text's figures in: the one given, else, when the text holds
    a figure written the Spanish way, the one detected (an English text stays English)."""
    if language or not SPANISH_FIGURE.search(text):
        return language or "en"
    return detect_language(text) or "en"


@functools.lru_cache(maxsize=20_000)  # a fact-check's text is read again by many lookups
def figures(text: str, language: str = "") -> frozenset[float]:
    """The values of the numbers a text asserts: quantities, percentages, money, dates' years.

    Read by the rules of the text's language, so "7,5 %" and "7.5%" are the same figure.
    """
    found = set()
    if spanish(figures_language(text, language)):
        for fact in spanish_facts.find(text, 0, len(text)):
            if fact.value is not None:
                found.add(round(float(fact.value), 3))
        # A year counts as a figure, as the English rules read it ("en 2023", "1998").
        found.update(float(year) for year in YEAR.findall(text))
        return frozenset(found)
    for fact in facts_finder.find(text, 0, len(text)):
        if fact.value is not None:
            found.add(round(float(fact.value), 3))
    return frozenset(found)


def english_figures(text: str) -> str:
    """The text's figures written the Spanish way, written the English way ("7,5 10.000" ->
    "7.5 10,000"), for the words of an English text to meet them."""
    swap = str.maketrans(",.", ".,")
    return " ".join(match.group(0).translate(swap) for match in SPANISH_FIGURE.finditer(text))


def without_function_words(text: str) -> str:
    """A Spanish text without its function words (see SPANISH_FUNCTION_WORDS)."""
    return WORD_RUN.sub(
        lambda m: "" if m.group(0).lower() in SPANISH_FUNCTION_WORDS else m.group(0), text
    )


@functools.lru_cache(maxsize=20_000)
def names(text: str, language: str = "") -> frozenset[str]:
    """Capitalised words of a text, lower-cased: people, places, organisations, near enough.

    A word capitalised only because it opens a sentence and is a common word is left out.
    """
    stop = NAME_STOP | SPANISH_FUNCTION_WORDS if spanish(language) else NAME_STOP
    found = set()
    for match in NAME.finditer(text):
        for word in match.group(0).split():
            word = word.strip(".'\u2019-").lower()
            if len(word) > 1 and word not in stop:
                found.add(word)
    return frozenset(found)


# Ranking: BM25 over stemmed words (PostgreSQL's tsvector lexemes), then a re-ranking that
# weighs what BM25 cannot see. The weights were fitted by pairwise logistic regression on
# the training tweets of CLEF CheckThat! 2020 task 2 (`benchmarks/matching.py --train`),
# refitted against the wrong candidates a first fit ranks near the top: those are the ones
# the ranking must beat, and a query's ~99 easy ones otherwise drown them.

K1, B = 1.2, 0.75  # BM25's usual constants; other values moved dev MAP@5 by < 0.005
TSVECTOR_ENTRY = re.compile(r"'((?:[^']|'')+)'(?::([\dA-D,]+))?")
WORD_RUN = re.compile(r"[^\W_]+")

Lexemes = dict[str, list[tuple[int, str]]]  # lexeme -> [(position, weight A-D)]


def parse_tsvector(text: str) -> Lexemes:
    """PostgreSQL's text form of a tsvector ("'troop':3A,9 'zapad':1") as a dict."""
    found: Lexemes = {}
    for lexeme, places in TSVECTOR_ENTRY.findall(text):
        if "''" in lexeme:
            lexeme = lexeme.replace("''", "'")
        # Read for every candidate of every lookup: kept to one pass, and most words hold
        # one place. A place is "3A" (a weight letter sorts after the digits) or "9"
        # (weight D, written without one).
        if not places:
            found[lexeme] = [(1, "D")]
        elif "," not in places:
            found[lexeme] = [
                (int(places[:-1]), places[-1]) if places[-1] > "9" else (int(places), "D")
            ]
        else:
            found[lexeme] = [
                (int(p[:-1]), p[-1]) if p[-1] > "9" else (int(p), "D") for p in places.split(",")
            ]
    return found


def simple_lexemes(text: str, weight: str = "A", offset: int = 0) -> Lexemes:
    """Lexemes without PostgreSQL (the SQLite demo): lower-cased words, unstemmed.

    Function words stay: their low IDF over the scanned rows makes them count for little.
    """
    found: Lexemes = {}
    for position, word in enumerate(WORD_RUN.findall(text.lower()), start=1 + offset):
        found.setdefault(word, []).append((position, weight))
    return found


@dataclass(frozen=True)
class Query:  # frozen, and a cached property writes to __dict__: fine
    lexemes: Lexemes
    claimant: Lexemes  # the claimant's name, as lexemes
    figures: frozenset[float]
    names: frozenset[str]
    claimant_words: frozenset[str]
    month_year: tuple[str, str] | None  # from a post's signature date

    @functools.cached_property
    def pairs(self) -> set[tuple[str, str]]:
        return _pairs(self.lexemes)

    def mass(self, stats: Stats) -> float:
        """The IDF summed over the query's words (at least 1): the same for every candidate."""
        cached = self.__dict__.get("_mass")
        if cached is None or cached[0] is not stats:
            cached = self.__dict__["_mass"] = (
                stats,
                sum(stats.idf(t) for t in self.lexemes) or 1.0,
            )
        return cached[1]


@dataclass(frozen=True)
class Doc:
    lexemes: Lexemes
    text: str  # claim reviewed and headline, for figures, names and dates


@dataclass(frozen=True)
class Stats:
    documents: int
    average_length: float
    frequency: Mapping[str, int]  # lexeme -> documents using it

    known: dict[str, float] = field(default_factory=dict, compare=False, repr=False)

    def idf(self, lexeme: str) -> float:
        value = self.known.get(lexeme)
        if value is None:  # computed once per word per process (the stats are cached)
            n = self.frequency.get(lexeme, 0)
            value = self.known[lexeme] = math.log(1 + (self.documents - n + 0.5) / (n + 0.5))
        return value


def month_year(text: str) -> tuple[str, str] | None:
    signature = SIGNATURE.search(text)
    if signature and signature.group("date"):
        month, _, year = signature.group("date").partition(" ")
        return month.rstrip(".").lower(), year[-4:]
    return None


def bm25(query: Lexemes, doc: Lexemes, stats: Stats) -> float:
    length = sum(len(p) for p in doc.values())
    norm = K1 * (1 - B + B * length / max(stats.average_length, 1.0))
    total = 0.0
    for lexeme in query:
        if lexeme in doc:
            tf = len(doc[lexeme])
            total += stats.idf(lexeme) * tf * (K1 + 1) / (tf + norm)
    return total


def _pairs(lexemes: Lexemes) -> set[tuple[str, str]]:
    """Neighbouring words (at most one dropped word apart): wording, not just vocabulary."""
    sequence = sorted((p, lexeme) for lexeme, places in lexemes.items() for p, _ in places)
    return {(a, b) for (pa, a), (pb, b) in itertools.pairwise(sequence) if pb - pa <= 2}


FEATURES = (
    "bm25", "bm25_relative", "query_coverage", "doc_coverage", "claim_coverage", "pairs",
    "figures", "figures_missing", "names", "doc_names_covered", "claimant", "date",
    "rarest_shared", "rank",
)  # fmt: skip
# Fitted on the 800 training tweets (`benchmarks/matching.py --train`), never on dev.
WEIGHTS = {
    "bm25": 0.2516,
    "bm25_relative": -1.3982,
    "query_coverage": 3.6127,
    "doc_coverage": -6.0937,
    "claim_coverage": 3.2264,
    "pairs": 1.0468,
    "figures": 0.4181,
    "figures_missing": -0.2935,
    "names": 0.4989,
    "doc_names_covered": 0.7129,
    "claimant": 0.2150,
    "date": 0.9735,
    "rarest_shared": 0.1533,
    "rank": 1.5690,
}
CALIBRATION = (0.9081, -8.6306)  # confidence = logistic(a * score + c), fitted the same way
# Our own claims' lookup scores fewer candidates and has no headline, so the same score means
# another chance of being right there: its own calibration, fitted on the training tweets'
# lookups with the fact-checks stored as claims (`benchmarks/matching.py --train-similar`).
SIMILAR_CALIBRATION = (0.6429, -6.3713)


def features(query: Query, doc: Doc, stats: Stats, rank: int, best_bm25: float) -> dict[str, float]:
    return {**word_features(query, doc, stats, rank, best_bm25), **rich_features(query, doc, stats)}


def word_features(
    query: Query,
    doc: Doc,
    stats: Stats,
    rank: int,
    best_bm25: float,
    score: float | None = None,
) -> dict[str, float]:
    """The cheap half: sums over the words the two texts share. `score`: the doc's
    `bm25` when the caller has it."""
    values = shared_words(query, doc, stats)
    if score is not None:
        values["bm25"] = score
    values["bm25_relative"] = values["bm25"] / best_bm25 if best_bm25 else 0.0
    values["rank"] = 1 / (1 + rank)
    return values


def shared_words(query: Query, doc: Doc, stats: Stats) -> dict[str, float]:
    """`word_features` but the two that need the other candidates ("bm25_relative",
    "rank", left at 0). One pass over the doc's words, its BM25 included: this runs for
    every candidate of every lookup, and was half the matcher's time in Python."""
    idf = stats.idf
    known = stats.known
    mine = query.lexemes
    query_mass = query.mass(stats)
    length = 0
    doc_mass = shared_mass = claim_mass = claim_shared = rarest = 0.0
    tfs = []
    for t, places in doc.lexemes.items():
        weight = known.get(t)
        if weight is None:
            weight = idf(t)
        doc_mass += weight
        length += len(places)
        in_claim = places[0][1] == "A" or any(w == "A" for _, w in places)
        if in_claim:
            claim_mass += weight
        if t in mine:
            shared_mass += weight
            tfs.append((weight, len(places)))
            if weight > rarest:
                rarest = weight
            if in_claim:
                claim_shared += weight
    # BM25 of the shared words (`bm25`, with the length counted in the same pass).
    norm = K1 * (1 - B + B * length / max(stats.average_length, 1.0))
    score = 0.0
    for weight, tf in tfs:
        score += weight * tf * (K1 + 1) / (tf + norm)
    date = 0.0
    if query.month_year:
        month, year = query.month_year
        lowered = doc.text.lower()
        date = (year in lowered) + (f"{month} {year}" in lowered)
    return {
        "bm25": score,
        "bm25_relative": 0.0,
        "query_coverage": shared_mass / query_mass,
        "doc_coverage": shared_mass / (doc_mass or 1.0),
        "claim_coverage": claim_shared / (claim_mass or 1.0),
        "claimant": bm25(query.claimant, doc.lexemes, stats) if query.claimant else 0.0,
        "date": float(date),
        "rarest_shared": rarest,
        "rank": 0.0,
    }


def rich_features(query: Query, doc: Doc, stats: Stats) -> dict[str, float]:
    """The costly half: phrases, figures (the extraction's facts finder) and names."""
    doc_figures = figures(doc.text)
    doc_names = names(doc.text)
    known = query.names | query.claimant_words
    return {
        "pairs": len(query.pairs & _pairs(doc.lexemes)) / (len(query.pairs) or 1),
        "figures": float(len(query.figures & doc_figures)),
        "figures_missing": 1.0 if doc_figures and not query.figures & doc_figures else 0.0,
        "names": len(query.names & doc_names) / (len(query.names) or 1),
        "doc_names_covered": (
            sum(stats.idf(n) for n in doc_names & known) / (sum(stats.idf(n) for n in doc_names))
            if doc_names
            else 0.5
        ),
    }


def combine(values: Mapping[str, float]) -> float:
    return sum(WEIGHTS[name] * value for name, value in values.items())


def confidence(score: float, calibration: tuple[float, float] = CALIBRATION) -> float:
    a, c = calibration
    return 1 / (1 + math.exp(-(a * score + c)))


def explain(
    values: Mapping[str, float], shared_figures: frozenset[float] = frozenset()
) -> list[str]:
    """The reasons a reviewer reads beside a match, from its strongest contributions."""
    reasons = [f"wording {values['query_coverage']:.0%} shared"]
    if values.get("pairs", 0) > 0:
        reasons.append("same phrases")
    if shared_figures:
        reasons.append("same figure: " + ", ".join(f"{v:g}" for v in sorted(shared_figures)))
    elif values.get("figures", 0):
        reasons.append("same figure")
    if values.get("names", 0) > 0:
        reasons.append("same names")
    if values.get("claimant", 0) > 0:
        reasons.append("same claimant")
    if values.get("date", 0) > 0:
        reasons.append("same period")
    return reasons
