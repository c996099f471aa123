"""Find who makes a claim: "according to X", "X said", "..., X announced", "said X".

News attributes claims in a few fixed shapes, all built around a reporting verb
or "according to". The claimant is the noun phrase next to it, cleaned of
articles and auxiliaries; a document ("a 2022 study in the Emergency Medicine
Journal", "the ministry's latest forecast") is traced to whoever published it.
A pronoun claimant ("it said in a statement", "she says") is resolved to the
last claimant or named person of the matching kind, which is why a `Context`
travels through the article in reading order; so are "the agency" (any organisation)
and "the bureau" (one whose name says bureau), and an acronym is spelled out from the
organisation it abbreviates, so that one claimant goes by one name through an article.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from factcheck.extraction.lexicon import (
    ANY_ORGANISATION,
    APPOSITIVE,
    BE,
    DOCUMENTS,
    GROUP_NOUNS,
    LEADING,
    NOT_BEFORE_VERB,
    NOT_IN_NAME,
    NOT_NAME_END,
    OPENER_WORDS,
    ORG_NOUNS,
    PERSON_TITLES,
    POSSESSIVES,
    PRONOUNS,
    QUALIFIED_BY,
    REPORTING_VERBS,
    SPEECH_VERBS,
    TRAILING,
    alternation,
)
from factcheck.extraction.records import Span

VERB = re.compile(rf"\b{alternation(REPORTING_VERBS)}\b")
ACCORDING = re.compile(r"\baccording\s+to\s+", re.IGNORECASE)
# Where a noun phrase ends: punctuation, or a word that starts a new clause. A full stop
# inside a sentence belongs to an abbreviation ("Dr. Priya Raman"), so it does not end one.
PHRASE = re.compile(
    r"(?:[^,.;:!?()\"\u201c\u201d]|\.(?=\S|\s+\w)){1,80}?"
    r"(?=\s*(?:[,;:!?()\"\u201c\u201d]|\.?\s*$)"
    r"|\s+(?:which|who|that|while|but|and\ (?:said|says|added)|as\ well\ as)\b)"
)
_DOCUMENTS = alternation(DOCUMENTS)
# "a 2022 study in the Emergency Medicine Journal", "a summary published by the department":
# the source of the last document named, so "results of a trial published in The Lancet"
# are The Lancet's.
DOCUMENT = re.compile(
    rf"^(?:.*\s)?{_DOCUMENTS}\s+(?:[\w.]+\s+){{0,4}}?(?:in|by|from|of|at)\s+(?P<source>.+)$",
    re.IGNORECASE,
)
# "the ministry's latest forecast", "its annual report"
OWNER = re.compile(
    rf"^(?:(?P<owner>.+?)['\u2019]s?|(?P<pronoun>its|their|his|her))\s+(?:\w+\s+)?"
    rf"{_DOCUMENTS}$",
    re.IGNORECASE,
)
_LOOK_BACK = 160  # characters: room for a long name and an inserted clause
AGE_AFTER_NAME = re.compile(r",\s*\d{1,3}$")
# The marks that separate clauses: the claimant is in the clause after the last one.
CLAUSE_BREAKS = tuple(',;:()"\u201c\u201d\u2014')
# Verbs whose object is the audience, not the speaker: "X told reporters".
AUDIENCE_VERBS = frozenset(("told", "tells", "tell"))
# "said that", "said on Monday that", "wrote, and I quote,": what ends an attribution.
THAT = re.compile(
    r"(?:\s+(?:on\s+)?\w+day|\s+yesterday|\s+today)?\s+that\b|,?\s+(?:and\s+I\s+)?quote\b,?"
)
# Between a subject and its verb: an acronym in brackets, a day ("The Bureau (NB) on Monday
# said"), which would otherwise be taken for the claimant.
WHEN_AFTER_SUBJECT = re.compile(
    r"(?:\s*\([A-Z][A-Za-z]{1,7}\))?(?:\s+(?:on|last|this|earlier|late)\s+\w+day"
    r"|\s+(?:yesterday|today|earlier|also))*$"
)
# How a WHEN_AFTER_SUBJECT ends, if there is one: the test that spares its search.
WHEN_ENDS = ("day", ")", "earlier", "also")
QUOTE_MARK = re.compile('["\u201c\u201d]')


def has_quote_mark(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] holds a QUOTE_MARK: three str.find calls, a third of a search."""
    return (
        text.find('"', start, end) >= 0
        or text.find("\u201c", start, end) >= 0
        or text.find("\u201d", start, end) >= 0
    )


# Two to four capitalised words: "Jo Li", "Agriculture Minister Pavel Dobrev".
_FULL_NAME = r"(?P<name>[A-Z][\w'\u2019-]+(?:\s+[A-Z][\w'\u2019-]+){1,3})"
# A name just before the comma that opens an appositive: "..., Jo Li, the minister said".
NAME_BEFORE_TITLE = re.compile(rf"(?:^|[,:;(]\s*){_FULL_NAME},$")
NAMED_SUBJECT = re.compile(rf"[\"'\u201c\u2018]?{_FULL_NAME}\s+[a-z]")


class Attribution(NamedTuple):
    """Who made a claim, where the attribution is in the text, and how it was found."""

    claimant: str
    start: int  # the words that attribute, so that a statement can be worded without them
    end: int
    how: str


@dataclass(slots=True)
class Context:
    """The last claimants seen, for resolving pronouns."""

    person: str | None = None
    organisation: str | None = None
    anyone: str | None = None

    def remember(self, name: str) -> None:
        kind = kind_of(name)
        if kind in ("person", "unknown"):
            self.person = name
        if kind in ("organisation", "unknown"):
            self.organisation = name
        self.anyone = name

    def spelled_out(self, name: str) -> str | None:
        """The organisation named before whose initials name is: "NBS" after "National
        Bureau of Statistics (NBS)", so that one claimant goes by one name."""
        full = self.organisation
        if full is None or not ACRONYM.fullmatch(name):
            return None
        initials = "".join(word[0] for word in full.split() if word[:1].isupper())
        return full if initials == name else None

    def resolve(self, pronoun: str) -> str | None:
        if pronoun in ("he", "she"):
            return self.person
        if pronoun == "it":
            return self.organisation
        return self.anyone


@lru_cache(maxsize=4096)  # a claimant's name recurs through an article
def kind_of(name: str) -> str:
    """ "person", "organisation", "group", or "unknown" for a lone name ("Becker", "Kommersant")."""
    words = [w.strip(".,'\u2019").lower().removesuffix("'s") for w in name.split()]
    if any(w in PERSON_TITLES for w in words[:-1]) and name.split()[-1][:1].isupper():
        return "person"  # "Council member Tom Becker", "Agriculture Minister Pavel Dobrev"
    if words[-1] in PERSON_TITLES and "of" not in words:
        return "person"  # "the board chair", not "Office of the President"
    if any(w in ORG_NOUNS for w in words):
        return "organisation"
    if words[-1] in GROUP_NOUNS:
        return "group"
    if sum(1 for w in name.split() if w[:1].isupper()) >= 2 and not name.isupper():
        return "person"
    return "unknown"


ACRONYM = re.compile(r"[A-Z]{2,6}")
SUBJECT_PRONOUN = re.compile(r"(?:He|She|It)\s")


def subject_of(text: str, sentence: Span, context: Context) -> str | None:
    """Whom a sentence's opening "He", "She" or "It" refers to, from the names seen before."""
    pronoun = SUBJECT_PRONOUN.match(text, sentence.start, sentence.end)
    return context.resolve(pronoun.group().strip().lower()) if pronoun else None


def find(text: str, sentence: Span, context: Context, words: frozenset[str]) -> Attribution | None:
    """The claimant of one sentence; remembers it (and named subjects) in context.

    words is words_of() the sentence: without "according" or a reporting verb there is no
    attribution to look for.
    """
    attribution = None
    if "according" in words:
        attribution = _according_to(text, sentence, context)
    if attribution is None and not words.isdisjoint(REPORTING_VERBS):
        attribution = _reporting_verb(text, sentence, context)
    if attribution is not None:
        full = context.spelled_out(attribution.claimant)
        if full is not None:
            attribution = attribution._replace(claimant=full)
        if attribution.how != "pronoun":
            context.remember(attribution.claimant)
    else:
        subject = NAMED_SUBJECT.match(text, sentence.start, sentence.end)
        if (
            subject
            and subject.group("name").split()[0] not in OPENER_WORDS
            and (kind_of(subject.group("name")) == "person")
        ):
            context.person = subject.group("name")
    return attribution


def _according_to(text: str, sentence: Span, context: Context) -> Attribution | None:
    found = ACCORDING.search(text, sentence.start, sentence.end)
    if found is None:
        return None
    phrase = PHRASE.match(text, found.end(), sentence.end)
    if phrase is None:
        return None
    name = _clean(phrase.group(), context)
    if name is None:
        return None
    return according_to(text, sentence, name, found.start(), phrase.end())


def according_to(text: str, sentence: Span, name: str, start: int, end: int) -> Attribution:
    """An "according to X" attribution from start to end, with the comma that joins it to
    the claim ("According to X, ..." or "..., according to X")."""
    if text.startswith(",", end):
        end += 1
    elif text[sentence.start : start].rstrip().endswith(","):
        start = text.rindex(",", sentence.start, start)
    return Attribution(name, start, end, "according to")


def _reporting_verb(text: str, sentence: Span, context: Context) -> Attribution | None:
    quoted: list[int] | None = None
    for verb in VERB.finditer(text, sentence.start, sentence.end):
        if quoted is None:
            quoted = _quoted(text, sentence)
        if bisect_right(quoted, verb.start()) % 2:
            continue  # a verb inside a quotation is part of what is quoted
        # A claimant sits just before its verb; a bounded look back keeps this linear.
        base = max(sentence.start, verb.start() - _LOOK_BACK)
        prefix = text[base : verb.start()].rstrip()
        words = prefix.split()
        if words and words[-1].lower() in BE and verb.group().endswith("ing"):
            # "were expecting" is active, only "were expected" passive.
            prefix = prefix[: len(prefix) - len(words.pop())].rstrip()
        elif words and words[-1].lower() in NOT_BEFORE_VERB:
            continue  # passive ("exports are expected to fall") or a noun ("an estimated 300")
        attribution = None
        if words:
            attribution = _before_verb(text, sentence, verb, base, prefix, words, context)
        # After a quotation or a clause the verb comes first: '"...," said Pavel Dobrev.'
        if attribution is None and (not words or prefix[-1] in ',"\u201d'):
            attribution = _inverted(text, sentence, verb, context)
        if attribution is not None:
            return attribution
    return None


def _quoted(text: str, sentence: Span) -> list[int]:
    """Boundaries of quoted stretches, flattened: [open, close, open, close, ...].

    A quotation may open in an earlier sentence ('B," she said.') or close in a later one.
    A straight quote right after a letter closes; anywhere else it opens.
    """
    bounds: list[int] = []
    for mark in QUOTE_MARK.finditer(text, sentence.start, sentence.end):
        position, char = mark.start(), mark.group()
        previous = text[position - 1] if position > sentence.start else " "
        closes = char == "\u201d" or (char == '"' and not (previous.isspace() or previous in "(["))
        if len(bounds) % 2:
            if char != "\u201c":
                bounds.append(position + 1)
        elif not closes:
            bounds.append(position)
        elif not bounds:
            bounds += [sentence.start, position + 1]
    if len(bounds) % 2:
        bounds.append(sentence.end)
    return bounds


def _inverted(
    text: str, sentence: Span, verb: re.Match[str], context: Context
) -> Attribution | None:
    """'..., said Agriculture Minister Pavel Dobrev.'"""
    if verb.group() in AUDIENCE_VERBS:
        return None  # "told AFP", "told reporters": whom it was said to
    phrase = PHRASE.match(text, verb.end(), sentence.end)
    if phrase is None:
        return None
    name = _clean(phrase.group(), context)
    if name is None:
        return None
    start = text.rfind(",", max(sentence.start, verb.start() - 3), verb.start())
    return Attribution(name, verb.start() if start < 0 else start, phrase.end(), "said")


def _before_verb(
    text: str,
    sentence: Span,
    verb: re.Match[str],
    base: int,
    prefix: str,
    words: list[str],
    context: Context,
) -> Attribution | None:
    """'The Russian military said', '..., the ministry added', '"...," she says'."""
    while words and words[-1].lower() in TRAILING:
        prefix = prefix[: len(prefix) - len(words.pop())].rstrip()
    if prefix.endswith(WHEN_ENDS):
        prefix = WHEN_AFTER_SUBJECT.sub("", prefix)
    prefix = _drop_appositive(prefix)
    clause_start = max(map(prefix.rfind, CLAUSE_BREAKS)) + 1
    phrase = prefix[clause_start:]
    named = _described(prefix, clause_start, phrase)
    pronoun = phrase.strip().lower()
    if named is not None:
        clause_start, phrase = named.start("name"), named.group("name")
        name, how = phrase, "said"
    elif pronoun in PRONOUNS:
        name, how = context.resolve(pronoun), "pronoun"
    else:
        name, how = _clean(phrase, context), "said"
    if name is None:
        return None
    start = base + clause_start + (len(phrase) - len(phrase.lstrip()))
    return Attribution(name, start, _clause_end(text, sentence, verb, start), how)


def _described(prefix: str, clause_start: int, phrase: str) -> re.Match[str] | None:
    """The name that a person's description follows, when the description's closing comma
    was left out: 'Jo Li, the new health minister said' (a name with "May" or "Will" in it
    is taken as it is)."""
    words = phrase.lower().split()
    if not words or words[0] not in ("the", "a") or PERSON_TITLES.isdisjoint(words):
        return None
    named = NAME_BEFORE_TITLE.search(prefix, 0, clause_start)
    if named is None or named.group("name").split()[0] in OPENER_WORDS:
        return None
    return named


def _clause_end(text: str, sentence: Span, verb: re.Match[str], start: int) -> int:
    """Where the attribution ends: after "said (that)", or at the end for a trailing one."""
    tail = text[verb.end() : sentence.end].rstrip().rstrip(".!?\"'\u201d\u2019")
    if start > sentence.start and "," not in tail and len(tail.split()) <= 6:
        return verb.end() + len(tail)  # "..., the ministry said on Wednesday."
    if start > sentence.start or verb.group() not in SPEECH_VERBS:
        return start  # mid-sentence, or the verb carries the claim: cut nothing
    that = THAT.match(text, verb.end(), sentence.end)
    return that.end() if that else verb.end()


def _drop_appositive(prefix: str) -> str:
    """The subject before an inserted clause, age or name, ending at the verb.

    'Tom Becker, who voted against the plan,' -> 'Tom Becker'
    'Smith, 45,' -> 'Smith'
    'The drug maker, Nuvira,' -> 'Nuvira' (a name in apposition names the claimant best)
    """
    while prefix.endswith(","):
        inner = prefix[:-1]
        comma = inner.rfind(", ")  # not the comma of "3,000"
        inserted = inner[comma + 1 :].split()
        if comma < 0 or not inserted:
            return prefix
        if (
            inserted[0].lower() in APPOSITIVE
            or (len(inserted) == 1 and inserted[0].isdigit())
            or (inserted[0].islower() and _names_claimants(inserted[0]))
        ):  # "..., who ...,", "..., 45,", "Ana Ruiz, spokeswoman for the college,"
            prefix = inner[:comma]
        elif len(inserted) <= 4 and all(word[:1].isupper() for word in inserted):
            return " ".join(inserted)
        else:
            return prefix
        if AGE_AFTER_NAME.search(prefix):  # "Fisherman Jon Ek, 61, who has lived ..."
            prefix = prefix[: prefix.rfind(",")]
    return prefix


def _clean(phrase: str, context: Context) -> str | None:
    """A claimant from a noun phrase, or None when the phrase cannot be one."""
    words = phrase.split()
    if not DOCUMENTS.isdisjoint(phrase.lower().split()):
        phrase = " ".join(words)
        document = DOCUMENT.match(phrase)
        if document:
            phrase = document.group("source")
        owner = OWNER.match(phrase)
        if owner and owner.group("pronoun"):
            return context.resolve(POSSESSIVES[owner.group("pronoun").lower()])
        if owner:
            phrase = owner.group("owner")
        words = phrase.split()
    lowered = [word.lower() for word in words]
    if len(lowered) == 2 and lowered[0] == "the" and lowered[1] in DOCUMENTS:
        # "The report found": the report of the organisation that was just quoted.
        return context.resolve("it") or words[1]
    # "the bureau said": the organisation named before, if it is one ("Weather Bureau"); a
    # word for any organisation ("the agency", "the company") refers back to whichever it was.
    if (
        2 <= len(words) <= 3
        and lowered[0] == "the"
        and words[-1].islower()
        and lowered[-1] in ORG_NOUNS
        and context.organisation
        and (
            lowered[-1] in context.organisation.lower().split()
            or (lowered[-1] in ANY_ORGANISATION and context.organisation[:1].isupper())
        )
    ):
        return context.organisation
    # "the President said": the person last named with that title ("President Ana Ruiz").
    if (
        len(words) == 2
        and lowered[0] == "the"
        and lowered[1] in PERSON_TITLES
        and context.person
        and lowered[1] in context.person.lower().split()
    ):
        return context.person
    while lowered and lowered[0] in LEADING:
        del words[0], lowered[0]
    if not words or len(words) > 10 or lowered[-1] in NOT_NAME_END:
        return None
    if not NOT_IN_NAME.isdisjoint(lowered) or lowered[0] in PRONOUNS:
        return None
    # A claimant is a name ("Dobrev", "Researchers at Imperial College London") or is headed
    # by a word for people or an institution ("the ministry", "people familiar with the talks").
    last = lowered[-1].rstrip("'\u2019").removesuffix("'s")
    headed = _names_claimants(last) or (
        _names_claimants(lowered[0]) and (len(words) == 1 or lowered[1] in QUALIFIED_BY)
    )
    if not words[-1][:1].isupper() and not headed:
        return None
    return " ".join(words)


def _names_claimants(word: str) -> bool:
    return (
        word in ORG_NOUNS
        or word in GROUP_NOUNS
        or word.removesuffix("s") in ORG_NOUNS
        or f"{word}s" in GROUP_NOUNS
        or word in PERSON_TITLES
    )
