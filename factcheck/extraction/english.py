"""The English cues: the words and patterns that make a sentence a claim of each type, or
no claim (a question, a call to action, an opinion), gathered in `ENGLISH` for classify.py.
Another language brings its own `Cues` (es/rules.py)."""

import re
from typing import NamedTuple

from factcheck.extraction.lexicon import (
    AIMS,
    BANS,
    CAUSES,
    COMMAND_VERBS,
    COMMANDS,
    COURTESIES,
    FILLERS,
    FIRST_AND_SECOND,
    FIRST_PERSON,
    FUTURES,
    LAWS,
    MEASURED,
    NORMATIVES,
    OBLIGATIONS,
    OPINIONS,
    PARTICIPLES,
    PAST_TENSES,
    RECORD,
    SPEECH_VERBS,
    Gates,
    alternation,
    triggers,
)

# Pronouns that make a quoted claim the speaker's own experience, and the writer's own "I".
# In a person's words: "I", "we", or "he"/"she" as the subject right after the attribution
# ("said she had never seen") or opening the sentence; not a "he" met later in the sentence,
# who is someone else ("police said officers fired, but he continued").
# Each starts with a look-ahead at the first letters its words can have: without it, every
# position of a sentence would try all the look-behinds (three times slower).
PERSONAL = re.compile(
    r"(?=[IMmWwOouSsHh])"
    r"(?:\b(?:I|I'm|I've|I\u2019m|I\u2019ve|[Mm]y|me|[Ww]e|[Ww]e've|[Oo]ur|us)\b"
    r"|(?:(?<=said\ )|(?<=says\ )|(?<=that\ )|(?<=\.\ )|(?<=\n)|(?<=^)|(?<=\u201c)|(?<=\"))"
    r"(?:[Ss]he|[Hh]e)\b)"
)
AUTHOR = re.compile(r"(?=[IMm])\b(?:I|I'm|I've|[Mm]y|me)\b")
CUES: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "rule",
        re.compile(
            rf"""\b(?:{alternation(BANS, capitalised=True)}\b
          # A law or rule named together with what it obliges, allows or forbids.
          | {alternation(LAWS, capitalised=True)}\b(?=.*?\b{alternation(OBLIGATIONS)}\b))""",
            re.VERBOSE,
        ),
    ),
    (
        "causal",
        re.compile(
            rf"\b(?:{alternation(CAUSES, capitalised=True)}\b"
            r"|(?:made|makes|make)\s[\w\s]{1,30}?\s(?:more|less)\s+likely\b)"
        ),
    ),
    ("prediction", re.compile(rf"\b{alternation(FUTURES)}\b|['\u2019]ll\b")),
    ("personal_experience", PERSONAL),
    # Every branch starts with a small letter: the look-ahead rejects other words at once.
    (
        "event",
        re.compile(
            rf"""\b(?=[a-z])(?:(?:has|have|had)\s(?:(?:\w+ly|not|never|already|also|just|been)\s)*
                 (?:[a-z]+ed|{alternation(PARTICIPLES)})
              | (?:was|were)\s(?:(?:\w+ly|not|never)\s)?[a-z]+ed
              | [a-z]{{3,}}ed|{alternation(PAST_TENSES)})\b""",
            re.VERBOSE,
        ),
    ),
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
        "more",
        "less",
        "fewer",
        "higher",
        "lower",
        "increase",
        "increased",
        "increases",
        "decrease",
        "decreased",
        "decreases",
        "rise",
        "rose",
        "risen",
        "fall",
        "fell",
        "fallen",
        "doubled",
        "tripled",
        "halved",
        "cut",
        "cuts",
        "up",
        "down",
        "continue",
        "continues",
        "continued",
        "continuing",
    ),
    measured=MEASURED,
    address=("you",),
    aside=FIRST_AND_SECOND,
    record=RECORD,
    told=SPEECH_VERBS,
    conditional=("if",),
    belief=(
        "think",
        "believe",
        "feel",
        "guess",
        "hope",
        "suppose",
        "want",
        "wish",
        "opinion",
        "view",
        "sure",
        "convinced",
        "confident",
    ),
    promise=("i'll", "we'll", "will", "shall", "going"),
    ought=("should", "must", "ought", "need", "needs", "have", "got"),
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
# A verb in the past, however weak ("was", "did", "argued"): what a sentence tells happened.
PAST = re.compile(r"\b(?:was|were|had|did|[a-z]{3,}ed)\b")
# A condition: "if ...".
CONDITION = re.compile(r"\b[Ii]f\b")
# The speaker or the listener anywhere in a sentence: "I", "my", "we", "our", "you" ...
FIRST_OR_SECOND = re.compile(r"\b(?:I|[Mm]y|me|[Ww]e|[Oo]ur|us|[Yy]ou|[Yy]our)\b")
# Something on the public record: "the bill", "I vetoed", "the Patriot Act".
ON_RECORD = re.compile(rf"\b{alternation(RECORD, capitalised=True)}\b")
# Someone else telling it, named or not: "..., she said", "they told the council".
TOLD_BY = re.compile(rf"\b(?:[Hh]e|[Ss]he|[Tt]hey)\s+{alternation(SPEECH_VERBS)}\b")
QUOTE_MARKS = ('"', "\u201c", "\u201d")
# A sentence whose subject is a pronoun that names no one who acts ("And it will ...", "They're
# going to ...", "That would ..."), after the fillers a spoken sentence opens with.
IMPERSONAL_SUBJECT = re.compile(
    r"\W*(?:(?:And|But|So|Now|Well|Yes|No|Oh)\b[\s,]*)*(?:[Ii]t|[Tt]hat|[Tt]his|[Tt]hey|[Tt]here)\b"
)
# The speaker as a subject: "I", "we" (and "I'm", "we've").
SPEAKER = re.compile(r"\b(?:I|[Ww]e)\b")
RANK = (
    "rule",
    "superlative",
    "causal",
    "prediction",
    "quantity",
    "personal_experience",
    "event",
    "statement",
)

WEAK_MODALS = frozenset(("would", "could", "might", "may"))
HOW = {
    "pronoun": " (pronoun resolved)",
    "quote": " (same quotation)",
    "speaker": " (speaker)",
    "post": " (embedded post)",
}
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


ENGLISH = Cues(
    CUES,
    GATES,
    frozenset(),
    CALL_TO_ACTION,
    COURTESY,
    OPINION,
    NORMATIVE,
    COMPARISON,
    REPORTED,
    english=True,
)
