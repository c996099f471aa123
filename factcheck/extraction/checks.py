"""Checks on the English type cues: when a match of a cue's pattern is not that cue.

"the armed forces" holds no past tense, nor does "won't" or "wanted to" (an aim), "is due to
open" no cause, "they were going to" no forecast, "promised "insurance for all"" no forecast
but a promise made, and a past tense in "since they last met, ..." only dates the main clause.
"""

from __future__ import annotations

import re

from factcheck.extraction.lexicon import AIMED, BE, BEFORE_ADJECTIVE, NOT_PAST
from factcheck.extraction.records import Span


def is_past_plan(text: str, match: re.Match[str]) -> bool:
    """ "they were going to visit the stadium": a plan told in the past, not a forecast."""
    before = text[max(0, match.start() - 6) : match.start()].split()
    return match.group() == "going to" and bool(before) and before[-1].lower() in ("was", "were")


PROMISES = frozenset(("promised", "promise", "promises", "pledged", "pledge", "vowed", "vow"))
PROMISE_OF_ACT = re.compile(r"\s+(?:to|that)\b")


def is_promised_thing(text: str, match: re.Match[str]) -> bool:
    """ "promised "insurance for everybody"": a promise made, of a thing; only "promised to
    hire" or "pledged that ... will" tells of something to come."""
    return match.group() in PROMISES and not PROMISE_OF_ACT.match(text, match.end())


# A clause that only dates the main one: "since members last came", "after the plant closed".
TIME_CLAUSE = re.compile(
    r"(?:^|[,;]\s*|\s)(?:since|after|before|until|when|while|once)\s+[^,;]*$", re.IGNORECASE
)


TIME_WORDS = ("since", "after", "before", "until", "when", "while", "once")


def in_time_clause(text: str, sentence: Span, match: re.Match[str]) -> bool:
    """A past tense that dates the main clause ("since they last came, there have been ...")
    tells when, not what happened."""
    if len(match.group().split()) != 1:
        return False
    before = text[max(sentence.start, match.start() - 60) : match.start()]
    # Most past tenses have none of the words before them: a substring test spares the
    # pattern, which tries every position. (Not ASCII: the pattern's case rules decide.)
    if before.isascii():
        lowered = before.lower()
        if not any(word in lowered for word in TIME_WORDS):
            return False
    return TIME_CLAUSE.search(before) is not None


def is_charge(text: str, match: re.Match[str]) -> bool:
    """ "charged with causing harm", "accused of causing": what someone is accused of."""
    before = text[max(0, match.start() - 6) : match.start()].split()
    return bool(before) and before[-1].lower() in ("with", "of")


def is_schedule(text: str, match: re.Match[str]) -> bool:
    """ "is due to open" is a date in a timetable, not a cause."""
    before = text[max(0, match.start() - 8) : match.start()].split()
    return match.group() == "due to" and bool(before) and before[-1].lower() in BE


DATED = re.compile(r"\s+(?:yesterday|today|last\s+(?:week|month|year)|on\s+[A-Z][a-z]+day)\b")
NEGATED = ("'t", "\u2019t")


def is_event(text: str, match: re.Match[str]) -> bool:
    words = match.group().split()
    if words[-1] in NOT_PAST or text.startswith(NEGATED, match.end()):
        return False  # nor is "won't" the past tense "won"
    if len(words) > 1:
        return True
    if DATED.match(text, match.end()):
        return True  # "..., published yesterday, ...": done on a day, whatever comes before
    if words[0] in AIMED and text.startswith(" to ", match.end()):
        return False  # "we wanted to keep the ferry": an aim or a need, not a deed
    # A bare past tense needs a subject right before it, not an article or a preposition
    # ("the armed forces", "of unprocessed wheat") and not a be-verb ("are not convinced").
    before = text[max(0, match.start() - 20) : match.start()]
    words = before.split()
    subject = words[-1].replace("\u2019", "'").removesuffix("'s") if words else ""
    return (
        before.endswith(" ")
        and bool(words)
        and subject.isalpha()
        and (words[-1].lower() not in BEFORE_ADJECTIVE)
    )
