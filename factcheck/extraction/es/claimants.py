"""Who makes a claim in Spanish: "según X", "de acuerdo con X", "X afirmó que", "..., informó
la policía", "Desde el Gobierno subrayaron que", and a subject left out ("Agregó que ...").

The shapes are those of `factcheck/extraction/claimants.py`, in Spanish word order. A claimant
is a name (a capitalised word in it) or a phrase headed by a word for people or institutions
("la policía", "las autoridades"); a document ("los primeros reportes de la Onemi") is traced to
whoever published it, and "el organismo" or "el reporte" to the organisation named before.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from factcheck.extraction.claimants import Attribution, Context, according_to
from factcheck.extraction.es.lexicon import (
    ACCORDING,
    DOCUMENTS,
    GROUP_NOUNS,
    IRREGULAR_PAST,
    LEADING,
    NOT_BEFORE_VERB,
    NOT_IN_NAME,
    ORGANISATION_WORDS,
    PRONOUNS,
    REPORTING_VERBS,
    TITLES,
)
from factcheck.extraction.lexicon import alternation
from factcheck.extraction.records import Span

# Python's \b knows accented letters: "informó" is one word.
VERB = re.compile(rf"\b(?:{alternation(REPORTING_VERBS, capitalised=True)})\b")
ACCORDING_TO = re.compile(rf"\b(?:{alternation(ACCORDING, capitalised=True)})\s+")
# A noun phrase: up to a comma, a clause word or the end. A full stop inside belongs to an
# abbreviation or an acronym ("p.p.", "EE. UU.").
PHRASE = re.compile(
    r"(?:[^,.;:!?\"\u201c\u201d\u00ab\u00bb]|\.(?=\S|\s+\w)){1,100}?"
    r"(?=\s*(?:[,;:!?\"\u201c\u201d\u00ab\u00bb]|\.?\s*$)"
    r"|\s+(?:que|quien|quienes|donde|cuando|y\s+(?:dijo|agregó|añadió)"
    r"|es|son|fue|fueron|era|eran|está|están|tiene|tienen|hay)\b)"
)
# After "según" a verb may come first: "según informó este viernes la Agencia Estatal ...".
SAID_WHEN = re.compile(
    rf"(?:{alternation(REPORTING_VERBS)})(?:\s+(?:este|esta|el|la)\s+\w+|\s+(?:ayer|hoy))?\s+"
)
# "explicó a Servimedia Delia Gutiérrez": whom it was said to comes first.
AUDIENCE = re.compile(r"a\s+(?:la\s+|el\s+|los\s+|las\s+)?\w+\s+(?=[A-Z\u00c0-\u00de])")
APPOSITION = re.compile(rf",\s+({alternation(TITLES)})\b")
THAT = re.compile(r"\s+que\b")
# Not brackets: in Spanish news they hold the acronym of the subject ("El INDEC (...) informó").
CLAUSE_BREAKS = tuple(",;:\"\u201c\u201d\u00ab\u00bb\u2014")
# A time before the subject: "este martes el gobierno", "ayer la policía".
WHEN = re.compile(r"^(?:(?:este|esta|el\s+pasado|la\s+pasada)\s+\w+|ayer|hoy|anoche)\s+",
                  re.IGNORECASE)
# A name with its acronym: "el Departamento Administrativo Nacional de Estadística (Dane)".
ACRONYM_NAME = re.compile(
    r"[A-Z\u00c0-\u00de]\w+(?:\s+(?:de|del|de\s+la|y|para|[A-Z\u00c0-\u00de]\w+))*"
    r"\s+\((?P<acronym>[A-Z][A-Za-z]{1,8})\)"
)


def find(text: str, sentence: Span, context: Context, words: frozenset[str]) -> Attribution | None:
    """The claimant of one Spanish sentence; remembers it (and acronym names) in context."""
    attribution = None
    if "según" in words or "acuerdo" in words or "conforme" in words:
        attribution = _according_to(text, sentence, context)
    if attribution is None and not words.isdisjoint(REPORTING_VERBS):
        attribution = _reporting_verb(text, sentence, context)
    if attribution is not None and attribution.how != "pronoun":
        _remember(context, attribution.claimant)
    named = ACRONYM_NAME.search(text, sentence.start, sentence.end)
    if named and attribution is None and not ORGANISATION_WORDS.isdisjoint(
        named.group().lower().split()
    ):  # "el Departamento Administrativo Nacional de Estadística (Dane) entregó ..."
        name = named.group().split(None, 1)
        if name[0].lower() in LEADING and len(name) > 1:
            del name[0]  # "El Departamento ..." -> "Departamento ..."
        context.organisation = context.anyone = " ".join(name)
    return attribution


@dataclass(slots=True)
class SpanishContext(Context):
    """The last claimants seen, and whom each title was last given to ("portavoz": "Ana Ruiz")."""

    titles: dict[str, str] = field(default_factory=dict)


def _remember(context: Context, name: str) -> None:
    """Remember a claimant as an organisation when its words say so ("Instituto ...", an
    acronym), else as a person: the English test reads "Instituto Nacional" as a name."""
    words = name.split()
    titled = any(word.lower() in TITLES for word in words) and any(
        word[:1].isupper() for word in words
    )  # "portavoz Marta Ruiz"
    if titled and isinstance(context, SpanishContext) and words[0].lower() in TITLES:
        context.titles[words[0].lower()] = name  # "ministro Tomás Ibarra"
    if not titled and any(word.lower() in ORGANISATION_WORDS or word.lower() in GROUP_NOUNS
                          or (len(word) > 2 and word.strip("()").isupper()) for word in words):
        context.organisation = name
    else:
        context.person = name
    context.anyone = name


def _according_to(text: str, sentence: Span, context: Context) -> Attribution | None:
    found = ACCORDING_TO.search(text, sentence.start, sentence.end)
    if found is None:
        return None
    position = found.end()
    said = SAID_WHEN.match(text, position, sentence.end)
    if said:
        position = said.end()
    phrase = PHRASE.match(text, position, sentence.end)
    if phrase is None:
        return None
    name = _clean(phrase.group(), context)
    if name is None:
        return None
    return according_to(text, sentence, name, found.start(), phrase.end())


def _reporting_verb(text: str, sentence: Span, context: Context) -> Attribution | None:
    for verb in VERB.finditer(text, sentence.start, sentence.end):
        prefix = text[max(sentence.start, verb.start() - 160) : verb.start()].rstrip()
        clause = prefix[max(map(prefix.rfind, CLAUSE_BREAKS)) + 1 :].strip()
        if clause and clause.split()[-1].lower() in NOT_BEFORE_VERB:
            continue  # "tras la denuncia": a noun, not a verb
        if clause:
            name = _clean(clause, context)
            if name is not None:
                start = verb.start() - len(prefix) + prefix.rfind(clause)
                return Attribution(name, start, _clause_end(text, sentence, verb), "said")
        elif prefix[-1:] in (",", "\"", "\u201d", "\u00bb") or verb.start() == sentence.start:
            after = verb.end()
            while text[after : after + 1].isspace():
                after += 1
            audience = AUDIENCE.match(text, after, sentence.end)
            phrase = PHRASE.match(text, audience.end() if audience else after, sentence.end)
            name = _clean(phrase.group(), context) if phrase else None
            if name is not None and phrase is not None:
                title = APPOSITION.match(text, phrase.end(), sentence.end)
                if title and isinstance(context, SpanishContext):
                    context.titles[title.group(1).lower()] = name  # "Ana Ruiz, portavoz de ..."
                start = text.rfind(",", sentence.start, verb.start())
                return Attribution(name, verb.start() if start < 0 else start, phrase.end(), "said")
            if verb.start() == sentence.start and context.anyone:
                # "Agregó que ...": Spanish leaves out a subject it has just named.
                return Attribution(context.anyone, verb.start(), _clause_end(text, sentence, verb),
                                   "pronoun")
    return None


def _clause_end(text: str, sentence: Span, verb: re.Match[str]) -> int:
    """After "X afirmó que", the claim starts; the attribution ends there."""
    that = THAT.match(text, verb.end(), sentence.end)
    return that.end() if that else verb.end()


def _clean(phrase: str, context: Context) -> str | None:
    """A claimant from a Spanish noun phrase, or None when the phrase cannot be one."""
    words = WHEN.sub("", phrase.strip().rstrip(".")).split()
    definite = bool(words) and words[0].lower() in ("el", "la")
    while words and words[0].lower() in LEADING:
        del words[0]
    if not words or len(words) > 10:
        return None
    lowered = [word.lower() for word in words]
    if lowered[0] in PRONOUNS:
        return context.resolve("he" if PRONOUNS[lowered[0]] == "person" else "they")
    if not NOT_IN_NAME.isdisjoint(lowered) or any(
        word.endswith("ó") or word in IRREGULAR_PAST or word in REPORTING_VERBS
        for word in lowered
    ):
        return None  # a clause with a verb in it, not a name
    if lowered[0] in DOCUMENTS:
        # "los primeros reportes de la Onemi" -> "Onemi"; "el reporte" -> who published it.
        for index, word in enumerate(lowered):
            if word in ("de", "del") and index + 1 < len(words):
                return _clean(" ".join(words[index + 1 :]), context)
        if definite:  # "el reporte", "el estudio": the one just named, if any
            return context.organisation
        return " ".join(words)  # "registros oficiales"
    titles = context.titles if isinstance(context, SpanishContext) else {}
    if definite and lowered[0] in titles:
        return titles[lowered[0]]  # "la portavoz de la Aemet": the spokeswoman named so before
    if len(words) <= 2 and words[0].islower() and lowered[0] in ORGANISATION_WORDS and (
        context.organisation
    ):
        return context.organisation  # "el organismo", "la entidad oficial"
    named = any(word[:1].isupper() for word in words)
    if not named and lowered[0] not in GROUP_NOUNS and lowered[-1] not in GROUP_NOUNS:
        return None
    return " ".join(words)
