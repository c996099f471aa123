"""Decide whether a sentence is a checkable claim, its type, and how check-worthy it is.

A sentence is dropped when it asks, urges or only judges (a question, a call to
action, an opinion with no number and no source behind it), and when nothing in
it can be checked. Otherwise every cue found becomes a reason, each reason adds
a fixed weight to the score, and the type is the highest-ranked cue present:
a rule or a superlative says more about what to check than the numbers in it,
a number more than the bare fact that something happened.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from factcheck.extraction import checks
from factcheck.extraction.claimants import Attribution, kind_of
from factcheck.extraction.lexicon import (
    AIMS,
    BANS,
    CAUSES,
    COMMAND_VERBS,
    COMMANDS,
    COURTESIES,
    FILLERS,
    FIRST_PERSON,
    FUTURES,
    GROUP_NOUNS,
    LAWS,
    MEASURED,
    NORMATIVES,
    OBLIGATIONS,
    OPINIONS,
    PARTICIPLES,
    PAST_TENSES,
    Gates,
    alternation,
    triggers,
)
from factcheck.extraction.records import Claim, Fact, Span, make_claim
from factcheck.extraction.score import worth
from factcheck.extraction.statements import worded

# Below this score a claim is proposed as low priority: on the ClaimBuster debate sentences
# (25% check-worthy) the claims at or above it are about 60% check-worthy and hold 75% of them.
LOW_PRIORITY_BELOW = 0.11
NUMERIC = frozenset(("quantity", "percentage", "money", "duration"))

# Pronouns that make a quoted claim the speaker's own experience, and the writer's own "I".
# In a person's words: "I", "we", or "he"/"she" as the subject right after the attribution
# ("said she had never seen") or opening the sentence; not a "he" met later in the sentence,
# who is someone else ("police said officers fired, but he continued").
PERSONAL = re.compile(
    r"\b(?:I|I'm|I've|I\u2019m|I\u2019ve|[Mm]y|me|[Ww]e|[Ww]e've|[Oo]ur|us)\b"
    r"|(?:(?<=said\ )|(?<=says\ )|(?<=that\ )|(?<=\.\ )|(?<=\n)|(?<=^)|(?<=\u201c)|(?<=\"))"
    r"(?:[Ss]he|[Hh]e)\b"
)
AUTHOR = re.compile(r"\b(?:I|I'm|I've|[Mm]y|me)\b")
CUES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("rule", re.compile(
        rf"""\b(?:{alternation(BANS, capitalised=True)}\b
          # A law or rule named together with what it obliges, allows or forbids.
          | {alternation(LAWS, capitalised=True)}\b(?=.*?\b{alternation(OBLIGATIONS)}\b))""",
        re.VERBOSE)),
    ("causal", re.compile(
        rf"\b(?:{alternation(CAUSES, capitalised=True)}\b"
        r"|(?:made|makes|make)\s[\w\s]{1,30}?\s(?:more|less)\s+likely\b)")),
    ("prediction", re.compile(rf"\b{alternation(FUTURES)}\b|['\u2019]ll\b")),
    ("personal_experience", PERSONAL),
    # Every branch starts with a small letter: the look-ahead rejects other words at once.
    ("event", re.compile(
        rf"""\b(?=[a-z])(?:(?:has|have|had)\s(?:(?:\w+ly|not|never|already|also|just|been)\s)*
                 (?:[a-z]+ed|{alternation(PARTICIPLES)})
              | (?:was|were)\s(?:(?:\w+ly|not|never)\s)?[a-z]+ed
              | [a-z]{{3,}}ed|{alternation(PAST_TENSES)})\b""", re.VERBOSE)),
    ("statement", re.compile(rf"\b{alternation(AIMS, capitalised=True)}\b")),
)
# A cue's pattern runs only on a sentence holding one of its trigger words.
GATES = Gates(
    rule=triggers(BANS) | LAWS,
    causal=triggers(CAUSES) | {"made", "makes", "make"},
    prediction=triggers(FUTURES) | {"-'ll"},
    personal_experience=triggers(FIRST_PERSON),
    event=frozenset(("has", "have", "had", "was", "were", "-ed")) | PAST_TENSES,
    statement=triggers(AIMS),
    opinion=triggers(OPINIONS),
    normative=triggers(NORMATIVES),
    command=triggers(COMMANDS) | COMMAND_VERBS,
    appeal=("anyone", "asked", "urged", "encouraged", "invited"),
    comparison=(
        "more", "less", "fewer", "higher", "lower", "increase", "increased", "increases",
        "decrease", "decreased", "decreases", "rise", "rose", "risen", "fall", "fell", "fallen",
        "doubled", "tripled", "halved", "cut", "cuts", "up", "down",
        "continue", "continues", "continued", "continuing",
    ),
    measured=MEASURED,
    address=("you",),
    belief=("think", "believe", "feel", "guess", "hope", "suppose", "want", "wish", "opinion",
            "view", "sure", "convinced", "confident"),
    promise=("i'll", "we'll", "will", "shall", "going"),
    ought=("should", "must", "ought", "need", "needs", "have"),
)
# A comparison over time or between things: what a figure is checked against.
COMPARISON = re.compile(
    r"\b(?:(?:more|less|fewer|higher|lower)\s+than|(?:increas|decreas)(?:e|ed|es)\b"
    # "rose"/"fell" measure something only with a size or an end point ("fell by 2%", "rose
    # to a record", "continued to fall in May"), not "tripped and fell while running".
    r"|(?:rise|rose|risen|fall|fell|fallen)(?=\s+(?:by|to|from|in|sharply|slightly|steadily)\b)"
    r"|continu(?:e|es|ed|ing)\s+to\s+(?:rise|fall|grow|increase|decrease|decline|climb|drop)"
    r"|doubled|tripled|halved|cut|cuts|(?:up|down)\s+from)\b"
)
RANK = ("rule", "superlative", "causal", "prediction", "quantity", "personal_experience", "event",
        "statement")

WEAK_MODALS = frozenset(("would", "could", "might", "may"))
HOW = {"pronoun": " (pronoun resolved)", "quote": " (same quotation)", "speaker": " (speaker)",
       "post": " (embedded post)"}
QUESTION = re.compile(r"\?[\"'\u201d\u2019)\s]*$")
_OPENING = rf"""^[\s"'\u201c\u2018(]*(?:{alternation(FILLERS)}\b[\s,]+)?"""
CALL_TO_ACTION = re.compile(
    rf"""{_OPENING}(?:{alternation(COMMANDS)}\b
      | {alternation(COMMAND_VERBS)}
        \s+(?:us|our|this|the|your|me|now|today|here|up|it|them|in|more|a|an|to|for\ (?:us|free))\b
    )""",
    re.IGNORECASE | re.VERBOSE,
)
OPINION = re.compile(rf"\b{alternation(OPINIONS, capitalised=True)}\b")
# A request to the reader inside a sentence: "Anyone with information is asked to call ..."
APPEAL = re.compile(
    r"^[Aa]nyone\s+with\s+(?:any\s+)?information\b"
    r"|\b(?:is|are)\s+(?:asked|urged|encouraged|invited)\s+to\s+(?:call|contact|email|come\s+forward)\b"
)
# "I really appreciate ...", "We'd like to ...", "I'm Ana Ruiz.", "Welcome to ...", "Good evening".
COURTESY = re.compile(
    rf"""{_OPENING}(?:[A-Z]\w+(?:\ [A-Z]\w+)?,\ )?  # "Governor, welcome ..."
      (?:(?:I|we)(?:['\u2019](?:m|ll|d)|\ (?:will|also|just|really|do|would))*
          \ (?:\w+ly\ )?{alternation(COURTESIES)}\b
      | I['\u2019]m\ [A-Z]\w+(?:\ [A-Z]\w+)*(?:,|\W*$)
      | (?:thank\ you|thanks|welcome|good\ (?:morning|afternoon|evening))\b)""",
    re.IGNORECASE | re.VERBOSE,
)
# A sentence broken off by an interruption: "You get one person--".
BROKEN_OFF = re.compile(r"(?:--|\u2014|\u2026|\.\.\.)[\s\"'\u201d]*$")
# A question that puts someone's claim to them: "... retract your statement, where you claim
# that the agency never paid for it?" The claim inside is worth checking.
REPORTED = re.compile(
    r"\b(?:you|he|she|they)\s+(?:claim|claimed|claims|said|say|says|stated|told\s+\w+)\s+that\b"
)
# A speaker marking someone else's words: 'promised, quote, "insurance for all"', "I quote".
QUOTING = re.compile(r"\bI\s+quote\b|\bquote\b(?=[\s,:]*[\"\u201c])")
# A speaker breaking off mid-word and starting again: "I have to-- Well, now ...".
RESTART = re.compile(r"\w--\s")
NORMATIVE = re.compile(rf"\b{alternation(NORMATIVES, capitalised=True)}\b")


class Cues(NamedTuple):
    """A language's cues: its type patterns, the gates that let them run, and what drops a
    sentence (a call to action, a courtesy, an opinion, an ought, a plain question)."""

    types: tuple[tuple[str, re.Pattern[str]], ...]
    gates: Gates
    always: frozenset[str]  # cues no word list can gate: they run on every sentence
    call_to_action: re.Pattern[str]
    courtesy: re.Pattern[str]
    opinion: re.Pattern[str]
    normative: re.Pattern[str]
    comparison: re.Pattern[str]
    reported: re.Pattern[str]
    english: bool  # the English cues' own checks ("the armed forces" is no past tense)


ENGLISH = Cues(CUES, GATES, frozenset(), CALL_TO_ACTION, COURTESY, OPINION, NORMATIVE,
               COMPARISON, REPORTED, english=True)


def claim(text: str, sentence: Span, facts: tuple[Fact, ...], attribution: Attribution | None,
          words: frozenset[str], subject: str | None = None, reported: bool = False,
          cues: Cues = ENGLISH) -> Claim | None:
    """The claim a sentence makes, or None when it makes none worth checking.

    subject is who a leading "It"/"He"/"She" refers to, so that the statement reads alone;
    reported says that a transcript's speaker tells what someone else said.

    words is words_of() the sentence, the index that lets cues skip their patterns.
    """
    statement = worded(text, sentence, attribution, subject)
    gates = cues.gates.open(words)
    if cues.always:
        gates |= cues.always
    if (
        ("?" in statement and QUESTION.search(statement) and not cues.reported.search(statement))
        or ("command" in gates and cues.call_to_action.match(statement))
        or ("appeal" in gates and APPEAL.search(statement))
        or BROKEN_OFF.search(statement.rstrip("."))
    ):
        return None
    kinds = [fact.kind for fact in facts]
    # A transcript's speaker says who makes a claim, but unlike "according to" or "said" it is
    # no sign that the sentence reports something: every sentence of a turn has a speaker.
    sourced = attribution is not None and attribution.how != "speaker"
    # An age ("a 50-year-old man") describes someone, and "one" is mostly a pronoun ("no one
    # has", "that one"): neither is a figure to check.
    numeric = sum(
        fact.kind in NUMERIC and not fact.text.endswith("old")
        and not (fact.kind == "quantity" and fact.value == 1)
        for fact in facts
    )
    found = _cues(text, sentence, attribution, gates, cues)
    if not (numeric or "superlative" in kinds or sourced) and (
        statement.endswith("!")
        or ("--" in statement and RESTART.search(statement))
        or (len(statement) < 120 and cues.courtesy.match(statement))
        or ("opinion" in gates and cues.opinion.search(statement))
        or ("normative" in gates and "rule" not in found and cues.normative.search(statement))
    ):
        return None  # an exclamation, a judgement or a "should" with nothing to check

    reasons = [f"{fact.kind}: {fact.text}" for fact in facts]
    if attribution is not None:
        reasons.append(f"attributed to {attribution.claimant}{HOW.get(attribution.how, '')}")
    for kind, cue in found.items():
        reasons.append(f"{kind.replace('_', ' ')} cue: {cue}")
    compared = None
    if "comparison" in gates:
        compared = cues.comparison.search(text, sentence.start, sentence.end)
    if compared:
        reasons.append(f"comparison: {compared.group()}")
    score = worth(text, sentence, kinds, numeric, sourced, found, gates, reasons, bool(compared))
    if not facts and not sourced and not compared and set(found) <= {"statement"}:
        return None  # nothing to check but, at most, an aim with no one behind it
    present = set(found)
    if numeric or (compared and not _done_by_someone(text, compared)):
        # A figure, or a change in one ("an increase was recorded", "lending continued to
        # fall"); not something a person or thing does ("research that increases the risk").
        present.add("quantity")
    if "superlative" in kinds:
        present.add("superlative")
    if attribution is not None:
        present.add("statement")
    if attribution is not None and attribution.how == "speaker" and len(present) > 2:
        # Everyone in a transcript says "I": what else the sentence does says more.
        present.discard("personal_experience")
    if found.get("prediction", "").lower() in WEAK_MODALS and len(present) > 1:
        # "could be diagnosed", "said it would be": a possibility or reported speech, not a
        # forecast; whatever else the sentence does says more about what to check.
        present.discard("prediction")
    if attribution is not None and attribution.how == "speaker" and QUOTING.search(
            text, sentence.start, sentence.end):
        reported = True  # "and I quote, ...": the speaker reads out someone else's words
    if reported:
        # "The minister stated he wanted ...", "She said that she will ...": what is checked
        # is that it was said, not the event or the forecast it tells of.
        present -= {"event", "prediction", "personal_experience"}
        present.add("statement")
    kind = "other"
    for ranked in RANK:
        if ranked in present:
            kind = ranked
            break
    return make_claim(
        start=sentence.start, end=sentence.end, text=text[sentence.start : sentence.end],
        type=kind, claimant=attribution.claimant if attribution else None,
        claimant_kind=_claimant_kind(attribution),
        score=score, reasons=tuple(reasons), facts=facts, statement=statement,
    )


def _cues(text: str, sentence: Span, attribution: Attribution | None,
          gates: set[str], cues: Cues) -> dict[str, str]:
    """The first cue of each type in the sentence, outside its attribution: type -> words."""
    found: dict[str, str] = {}
    for kind, cue_pattern in cues.types:
        if kind not in gates:
            continue
        if not cues.english:  # the checks below read English words
            for match in cue_pattern.finditer(text, sentence.start, sentence.end):
                if not (attribution and attribution.start <= match.start() < attribution.end):
                    found[kind] = match.group()
                    break
            continue
        pattern = _experience_pattern(attribution) if kind == "personal_experience" else cue_pattern
        if pattern is None:
            continue
        for match in pattern.finditer(text, sentence.start, sentence.end):
            if kind == "event" and not checks.is_event(text, match):
                continue
            if kind == "causal" and (
                checks.is_schedule(text, match) or checks.is_charge(text, match)
            ):
                continue
            if kind == "prediction" and checks.is_past_plan(text, match):
                continue
            if kind == "prediction" and checks.is_promised_thing(text, match):
                if match.group().endswith("ed"):
                    found.setdefault("event", match.group())  # the promise was made
                continue
            if kind == "event" and checks.in_time_clause(text, sentence, match):
                # Still something that happened (it counts towards the score), but the
                # claim is in the main clause: not the sentence's type.
                found.setdefault("dated", match.group())
                continue
            if attribution and attribution.start <= match.start() < attribution.end:
                continue  # "the ministry expects" is who says it, not what is said
            found[kind] = match.group()
            break
    if "event" in found:
        found.pop("dated", None)
    return found


def _experience_pattern(attribution: Attribution | None) -> re.Pattern[str] | None:
    """What marks a personal experience: the writer's own "I", or any first or third person
    pronoun in what a person is quoted as saying ("she says she lost two-thirds")."""
    if attribution is None or attribution.how == "speaker":
        return AUTHOR  # in a transcript, as in an article, "I" is the speaker's own
    if kind_of(attribution.claimant) in ("person", "unknown") and (
        attribution.claimant.lower() not in GROUP_NOUNS
    ):
        return PERSONAL
    return None


def _done_by_someone(text: str, match: re.Match[str]) -> bool:
    before = text[max(0, match.start() - 12) : match.start()].split()
    return bool(before) and before[-1].lower() in DOERS


DOERS = frozenset("that which who they we you i he she it".split())


def _claimant_kind(attribution: Attribution | None) -> str | None:
    """"person" or "organisation" when the claimant's name tells (a speaker is a person)."""
    if attribution is None:
        return None
    kind = kind_of(attribution.claimant)
    if kind == "organisation":
        return kind
    if kind == "person" or attribution.how == "speaker":
        return "person"
    return None


