"""Find the checkable facts inside a sentence: numbers with their units, dates, superlatives.

Each kind is a regular expression over the original text, so every fact keeps
exact offsets. Kinds are tried from the most specific (money, percentages,
dates, durations) to the most general (a bare number), and a stretch of text
already claimed by one fact is not reused by a later one: "Feb. 12" is a date,
not the quantity 12.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from factcheck.extraction.lexicon import IRREGULAR_PLURALS, NOT_SUPERLATIVE, NOT_UNIT, REFERRING
from factcheck.extraction.records import Fact

WORD_VALUES: dict[str, float] = {
    word: float(value)
    for value, word in enumerate((
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
        "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
        "nineteen",
    ))
}
WORD_VALUES.update(
    {word: float(10 * (i + 2)) for i, word in enumerate(
        ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"))}
)
WORD_VALUES.update({"dozen": 12.0, "hundred": 100.0, "thousand": 1e3, "twice": 2.0, "thrice": 3.0})
SCALES: dict[str, float] = {
    "hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
    "k": 1e3, "m": 1e6, "mn": 1e6, "bn": 1e9,
}
ORDINALS: dict[str, float] = {
    "half": 2, "halves": 2, "third": 3, "quarter": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10,
}

_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_UNITS = "one|two|three|four|five|six|seven|eight|nine"
NUMWORD = (
    rf"(?:(?:{_TENS})(?:-(?:{_UNITS}))?|{_UNITS}|zero|ten|eleven|twelve|thirteen|fourteen"
    r"|fifteen|sixteen|seventeen|eighteen|nineteen|a\ dozen|dozens|hundreds|thousands|millions)"
)
DIGITS_CORE = r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
# Not inside a model name or code ("Su-30SM", "COVID-19", "24/7") or a time ("10:30").
DIGITS = rf"(?<![\w.,/:-]){DIGITS_CORE}"
NUMBER = rf"(?:{DIGITS}|\b{NUMWORD})"
SCALE = r"(?:(?:\s+|-)(?:hundred|thousand|million|billion|trillion)\b|(?:bn|mn|m|k)\b)"
QUALIFIER = (
    r"(?:\b(?P<q>(?:more|fewer|less)\s+than|over|under|about|around|roughly|approximately"
    r"|nearly|almost|up\s+to|at\s+least|at\s+most|as\s+(?:many|much|few|little)\s+as|close\s+to"
    r"|just\s+(?:over|under)|well\s+(?:over|under)|an\s+estimated|some)\s+)?"
)
YEAR = r"(?:1[89]|20)\d\d"
_FLAGS = re.IGNORECASE | re.VERBOSE

MONEY_SYMBOL = re.compile(
    rf"{QUALIFIER}(?P<u>(?-i:[A-Z]{{0,3}})[$\u20ac\u00a3\u00a5\u20bd\u20b9])\s?(?P<n>{DIGITS_CORE})"
    rf"(?P<s>{SCALE})?",
    _FLAGS,
)
MONEY_WORD = re.compile(
    rf"{QUALIFIER}(?P<n>{NUMBER})(?P<s>{SCALE})?\s+"
    r"(?P<u>dollars|euros|pounds(?:\ sterling)?|rubles|roubles|yuan|yen|rupees|francs|pesos)\b",
    _FLAGS,
)
PERCENTAGE = re.compile(
    rf"{QUALIFIER}(?P<n>{NUMBER})\s?(?P<u>%|percent(?:age\ points?)?\b|per\ cent\b|pct\b)",
    _FLAGS,
)
DATE = re.compile(
    rf"""(?:\b(?P<q>(?i:since|until|till|by|before|after|from))\s+)?(?:
        (?-i:(?:January|February|March|April|June|July|August|September|October|November|December)
             (?:\s+\d{{1,2}}(?:st|nd|rd|th)?\b)?
           | (?:May|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?\s+\d{{1,2}}\b)
             (?:,?\s+{YEAR}\b)?
      | \b\d{{1,2}}\s+(?-i:January|February|March|April|May|June|July|August|September|October
             |November|December)(?:\s+{YEAR}\b)?
      | \b(?-i:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b
      | \b(?i:(?:last|next|this|earlier\ this|later\ this)\s+(?:year|month|week|weekend|winter
             |spring|summer|autumn|fall|season|decade|century)
           | (?:a|an|one|{_UNITS}|\d+)\s+(?:year|month|week|day|decade)s?\s+(?:ago|earlier|later)
           | yesterday|today|tomorrow)\b
      | \b\d{{1,2}}:\d\d(?:\s?(?i:[ap]\.?m\b\.?))?
      | \bthe\s+(?:1[89]|20)?\d0s\b
      | (?P<pre>\b(?i:in|of|during|through|between|and|to|early|late|mid)\s+)?
        (?P<y>{YEAR})\b(?![.,]\d)
    )""",
    re.VERBOSE,
)
DURATION = re.compile(
    rf"{QUALIFIER}(?P<n>{NUMBER})(?:-|\s+)(?P<u>seconds?|minutes?|hours?|days?|weeks?|months?"
    r"|years?|decades?|century|centuries)\b(?:-(?:long|old))?",
    _FLAGS,
)
FRACTION = re.compile(
    rf"{QUALIFIER}\b(?P<n>(?:a|one|{_UNITS})[\s-](?:half|halves|thirds?|quarters?|fifths?|sixths?"
    r"|sevenths?|eighths?|ninths?|tenths?)|half)\b",
    _FLAGS,
)
RATIO = re.compile(rf"{QUALIFIER}(?P<n>{NUMBER})\s+in\s+(?:every\s+)?(?P<d>{NUMBER})\b", _FLAGS)
MULTIPLE = re.compile(
    rf"{QUALIFIER}(?:(?P<n>{NUMBER})\s+times\b|\b(?P<t>twice|thrice)\b)", _FLAGS
)
QUANTITY = re.compile(
    rf"{QUALIFIER}(?P<n>{DIGITS}(?:\s?[-\u2013]\s?\d+(?:\.\d+)?)?|\b{NUMWORD})(?P<s>{SCALE})?"
    r"(?![\w%\u00b0]|:\d)(?!-\w)",
    _FLAGS,
)
SUPERLATIVE = re.compile(
    r"""\bfor\ the\ first\ time(?:\ ever|\ in\ (?:[\w'\u2019]+\ ){0,3}?history)?
      | \b(?:first[-\ ]ever|never\ before|unprecedented|all-time\ (?:high|low|record))\b
      | \bthe\ (?:first|only|last)(?:\ [\w'\u2019-]+){1,5}?\ to\ (?-i:[a-z]+)\b
      | \b(?:a|an|new|another)\ record\b(?!\ (?:of|label|company|store|shows?|showed))
      | \brecord[-\ ](?:highs?|lows?|breaking|setting)\b
      | \b(?:the|its|their|his|her|our|my|your|[\w]+['\u2019]s)\s+
        (?:(?:second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|\d+(?:st|nd|rd|th))[-\ ])?
        (?P<sup>(?-i:(?:most|least)\ [a-z]+|[a-z]+est|worst))\b
        (?:\ (?:ever|on\ record|in\ (?:(?:the|its|their|[\w]+['\u2019]s)\s+){0,2}history))?
    """,
    _FLAGS,
)

UNIT_WORDS = re.compile(
    r"\s+(?:(?:more|additional|extra|new|fewer)\s+)?(?P<w1>[a-z][a-z'\u2019-]*)"
    r"(?:\s+(?P<w2>[a-z][a-z'\u2019-]*))?"
)
PREVIOUS_WORD = re.compile(r"(\w+)\W*$")
SCALED = re.compile(
    r"(?P<num>.*?\S)[\s-]*(?P<scale>hundred|thousand|million|billion|trillion|bn|mn|m|k)"
)


def find(text: str, start: int, end: int) -> tuple[Fact, ...]:
    """The facts in text[start:end], in text order."""
    taken = bytearray(end - start)
    facts: list[Fact] = []
    for kind, pattern, build in _FINDERS:
        for match in pattern.finditer(text, start, end):
            fact = build(kind, match, text, end)
            if fact is None or taken.find(1, fact.start - start, fact.end - start) != -1:
                continue
            taken[fact.start - start : fact.end - start] = b"\x01" * (fact.end - fact.start)
            facts.append(fact)
    return tuple(sorted(facts, key=lambda fact: fact.start))


def number_value(words: str) -> float | None:
    """The value of "10,000", "31 million", "twenty-five", "a dozen"; None when unclear."""
    words = words.lower().replace(",", "").strip()
    scale = 1.0
    if scaled := SCALED.fullmatch(words):
        words, scale = scaled.group("num"), SCALES[scaled.group("scale")]
    try:
        return float(words) * scale
    except ValueError:
        pass
    words = words.removeprefix("a ")
    tens, _, unit = words.partition("-")
    if unit and tens in WORD_VALUES and unit in WORD_VALUES:
        return (WORD_VALUES[tens] + WORD_VALUES[unit]) * scale
    value = WORD_VALUES.get(words)
    return None if value is None else value * scale


def _qualifier(match: re.Match[str]) -> str | None:
    q = match.group("q")
    return " ".join(q.lower().split()) if q else None


def _plain(kind: str, match: re.Match[str], text: str, end: int) -> Fact | None:
    value: float | None = None
    unit: str | None = None
    groups = match.groupdict()
    if groups.get("n"):
        value = number_value(groups["n"] + (groups.get("s") or ""))
    if groups.get("u"):
        unit = " ".join(groups["u"].split())
        unit = unit.lower() if unit[-1].isalpha() else unit
    return Fact(kind, match.group(), match.start(), match.end(), _qualifier(match), value, unit)


def _date(kind: str, match: re.Match[str], text: str, end: int) -> Fact | None:
    start = match.start()
    if match.group("y"):
        # A year alone is a date only after a preposition: not in "Zapad/Interaction 2021".
        if not match.group("q") and not match.group("pre"):
            return None
        if match.group("pre"):
            start = match.start("y")
    year = re.search(YEAR, match.group())
    value = float(year.group()) if year else None
    return Fact(kind, text[start : match.end()], start, match.end(), _qualifier(match), value, None)


def _superlative(kind: str, match: re.Match[str], text: str, end: int) -> Fact | None:
    if match.group("sup") and match.group("sup") in NOT_SUPERLATIVE:
        return None
    return Fact(kind, match.group(), match.start(), match.end())


def _fraction(kind: str, match: re.Match[str], text: str, end: int) -> Fact | None:
    words = match.group("n").lower().replace("-", " ").split()
    if words == ["half"]:
        # A bare "half" counts only as an amount: "by half", "nearly half", "half of".
        if not match.group("q") and _previous_word(text, match.start()) != "by" and not (
            text.startswith(" of", match.end())
        ):
            return None
        value = 0.5
    else:
        numerator = 1.0 if words[0] in ("a", "one") else WORD_VALUES[words[0]]
        value = numerator / ORDINALS[words[1].removesuffix("s")]
    return Fact(kind, match.group(), match.start(), match.end(), _qualifier(match), value, None)


def _ratio(kind: str, match: re.Match[str], text: str, end: int) -> Fact | None:
    top, bottom = number_value(match.group("n")), number_value(match.group("d"))
    if not top or not bottom:
        return None
    return _with_unit(kind, match, text, end, top / bottom, match.start())


def _multiple(kind: str, match: re.Match[str], text: str, end: int) -> Fact | None:
    value = number_value(match.group("n") or match.group("t"))
    return Fact(kind, match.group(), match.start(), match.end(), _qualifier(match), value, "times")


def _quantity(kind: str, match: re.Match[str], text: str, end: int) -> Fact | None:
    number = match.group("n")
    is_word = not number[0].isdigit()
    if re.fullmatch(YEAR, number) and not match.group("q") and not match.group("s"):
        return None  # a bare year is a date, or part of a name ("Interaction 2021")
    if is_word and _previous_word(text, match.start()) in REFERRING:
        return None  # "the two countries" refers back; it does not count anything
    fact = _with_unit(kind, match, text, end, number_value(number + (match.group("s") or "")),
                      match.start())
    if is_word and fact.unit is None:
        return None  # "one of the", "one-off": a number word without a unit is not a count
    return fact


def _with_unit(kind: str, match: re.Match[str], text: str, end: int, value: float | None,
               start: int) -> Fact:
    stop, unit = match.end(), None
    words = UNIT_WORDS.match(text, stop, end)
    if words and words.group("w1") not in NOT_UNIT:
        w1, w2 = words.group("w1"), words.group("w2")
        stop, unit = words.end("w1"), w1
        # "police officers", "registered nurse", but "troops took" stops at the noun.
        plural = w1.endswith("s") or w1 in IRREGULAR_PLURALS
        if w2 and w2 not in NOT_UNIT and not w2.endswith("ed") and (not plural or w2.endswith("s")):
            stop, unit = words.end("w2"), f"{w1} {w2}"
    return Fact(kind, text[start:stop], start, stop, _qualifier(match), value, unit)


def _previous_word(text: str, position: int) -> str:
    found = PREVIOUS_WORD.search(text, max(0, position - 30), position)
    return found.group(1).lower() if found else ""


_Builder = Callable[[str, "re.Match[str]", str, int], Fact | None]
_FINDERS: tuple[tuple[str, re.Pattern[str], _Builder], ...] = (
    ("superlative", SUPERLATIVE, _superlative),
    ("money", MONEY_SYMBOL, _plain),
    ("money", MONEY_WORD, _plain),
    ("percentage", PERCENTAGE, _plain),
    ("date", DATE, _date),
    ("duration", DURATION, _plain),
    ("quantity", FRACTION, _fraction),
    ("quantity", RATIO, _ratio),
    ("quantity", MULTIPLE, _multiple),
    ("quantity", QUANTITY, _quantity),
)

