"""Dates in a sentence: the patterns behind the date facts.

Four families: dates that start with a digit ("12 March 2024", "10:30 am", "the 1990s", a
year) are read at the figures facts.py has found; the others (month names, weekdays, "last
winter", "two years ago", "yesterday") run only when their trigger words are in the sentence.
"""

from __future__ import annotations

import re

from factcheck.extraction.lexicon import NUMBER_WORDS, SEASONS, alternation

YEAR = r"(?:1[89]|20)\d\d"
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")
_MONTH_ABBREVIATIONS = ("Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct",
                        "Nov", "Dec")
_WEEKDAYS = tuple(day + "day" for day in ("Mon", "Tues", "Wednes", "Thurs", "Fri", "Satur", "Sun"))
DIGIT_DATES = re.compile(
    rf"""\d(?:\d?\s+{alternation(_MONTHS)}(?:\s+{YEAR}\b)?
          | \d?:\d\d(?:\s?[ap]\.?m\b\.?)?
          | \d{{0,2}}0s\b
          | (?P<y>\d\d\d)\b(?![.,]\d))""",
    re.VERBOSE,
)
MONTH_DATES = re.compile(
    rf"""{alternation(m for m in _MONTHS if m != "May")}(?:\s+\d{{1,2}}(?:st|nd|rd|th)?\b)?
           (?:,?\s+{YEAR}\b)?
      | {alternation(("May", *_MONTH_ABBREVIATIONS))}\.?\s+\d{{1,2}}\b(?:,?\s+{YEAR}\b)?""",
    re.VERBOSE,
)
WEEKDAYS = re.compile(rf"{alternation(_WEEKDAYS)}\b")
# Dates relative to the article: "last winter", "two years ago", "yesterday".
THIS_SEASON = re.compile(
    rf"\b{alternation(('last', 'next', 'this', 'earlier this', 'later this'), capitalised=True)}"
    rf"\s+{alternation(SEASONS)}\b"
)
AGO = re.compile(
    rf"\b(?:{alternation(('a', 'an', *NUMBER_WORDS), capitalised=True)}|\d+)"
    r"\s+(?:year|month|week|day|decade)s?\s+(?:ago|earlier|later)\b"
)
DAY_WORDS = ("yesterday", "today", "tomorrow")
NEAR_DAYS = re.compile(rf"\b{alternation(DAY_WORDS, capitalised=True)}\b")
MONTH_WORDS = frozenset(m.lower() for m in (*_MONTHS, *_MONTH_ABBREVIATIONS))
WEEKDAY_WORDS = frozenset(d.lower() for d in _WEEKDAYS)
DATE_RULES = (("month_dates", MONTH_DATES), ("weekdays", WEEKDAYS),
              ("this_season", THIS_SEASON), ("ago", AGO), ("near_days", NEAR_DAYS))
