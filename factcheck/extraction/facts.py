"""Find the checkable facts inside a sentence: numbers with their units, dates, superlatives.

Every fact is a regular expression match over the original text, so it keeps exact
offsets. Numbers are found first as anchors (a figure, a number word, a currency
sign); each anchor is then read by one pattern, where what follows the number (a
currency, "%", a period, "times", "in every") says what it measures, and a qualifier
such as "more than" is looked up just before it. Superlatives and dates come first,
and a stretch of text already taken by one fact is not reused: "Feb. 12" is a date,
not the quantity 12.
"""

from __future__ import annotations

import re

from factcheck.extraction.dates import (
    DATE_RULES,
    DAY_WORDS,
    DIGIT_DATES,
    MONTH_WORDS,
    WEEKDAY_WORDS,
    YEAR,
)
from factcheck.extraction.lexicon import (
    CURRENCIES,
    DATE_PREPOSITIONS,
    FRACTIONS,
    IRREGULAR_PLURALS,
    JUDGING_SUPERLATIVES,
    MULTIPLIED,
    NOT_SUPERLATIVE,
    NOT_UNIT,
    NUMBER_WORDS,
    ORDINALS,
    PERIODS,
    QUALIFIERS,
    REFERRING,
    SCALES,
    SEASONS,
    VAGUE_NUMBERS,
    Gates,
    alternation,
    words_of,
)
from factcheck.extraction.records import Fact, make_fact

_I = re.IGNORECASE | re.VERBOSE
DIGITS = r"\d(?:\d{0,2}(?:,\d{3})+|\d*)(?:\.\d+)?"
NUMWORD = rf"\b{alternation([*NUMBER_WORDS, *VAGUE_NUMBERS], capitalised=True)}\b"
# A figure not inside a model name or code ("Su-30SM", "COVID-19", "24/7") or a time.
NUMBER = rf"(?:(?<![\w.,/:$-]){DIGITS}|{NUMWORD})"
SCALE = r"(?:(?:\s+|-)(?:hundred|thousand|million|billion|trillion)\b|(?:bn|mn|m|k)\b)"
YEAR_ONLY = re.compile(YEAR)
PERIOD = alternation(PERIODS)

# Where a number can start. Figures and currency signs are found with one character class
# (the fastest scan the regex engine has); number words only in sentences that hold one.
FIGURE = re.compile(r"[\d$\u20ac\u00a3\u00a5\u20bd\u20b9][\d,.]*")
NOT_BEFORE_FIGURE = frozenset(".,/:$-")
SIGNS = frozenset("$\u20ac\u00a3\u00a5\u20bd\u20b9")
OPENING_MARKS = frozenset("([\"'\u201c\u2018")
NUMBER_WORD = re.compile(rf"{NUMWORD}|\b{alternation(('twice', 'thrice'), True)}\b")
QUALIFIER_ENDS = frozenset(phrase.split()[-1] for phrase in QUALIFIERS)
QUALIFIER_BEFORE = re.compile(rf"\b(?P<q>{alternation(QUALIFIERS)})\s+$", re.IGNORECASE)
CURRENCY_CODE_BEFORE = re.compile(r"(?<![A-Za-z])[A-Z]{1,3}$")

# Read at an anchor: money after a currency sign, or a number and what it measures.
MONEY_SIGN = re.compile(
    rf"(?P<u>[$\u20ac\u00a3\u00a5\u20bd\u20b9])\s?(?P<n>{DIGITS})(?P<s>{SCALE})?"
)
MEASURE = re.compile(
    rf"""(?P<t>{alternation(("twice", "thrice"), capitalised=True)})\b
      | (?P<n>{DIGITS}(?:[-\u2013]\d+(?:\.\d+)?)?|{NUMWORD})(?P<s>{SCALE})?
        (?: \s+(?P<currency>{alternation(CURRENCIES)})\b
          | \s?(?P<percent>%|percent(?:age\ points?)?\b|per\ cent\b|pct\b)
          | (?:-|\s+)(?P<period>{PERIOD})\b(?:-(?:long|old))?
          | [\s-](?P<fraction>{alternation(FRACTIONS)})\b
          | \s+in\s+(?:every\s+)?(?P<per>{NUMBER})\b
          | \s+(?P<times>times)\b
          | \s?(?P<degrees>\u00b0\s?[CF]|[CF])\b
        )?""",
    re.VERBOSE,
)
# What may follow a bare count: not a letter or sign ("5G", "30%"), a time ("10:30"), or a
# hyphenated word ("one-off").
COUNT_END = re.compile(r"(?![\w%\u00b0]|:\d|-\w|\s?[ap]\.?m\b)")  # nor a clock time ("7 p.m.")
# A fraction whose numerator is not a number word: "a fifth", "half".
ARTICLE_FRACTION = re.compile(
    rf"\b(?:a[\s-](?P<f>{alternation(FRACTIONS)})|(?P<half>half))\b", re.IGNORECASE
)

FIRSTS = re.compile(
    r"""\bfor\ the\ first\ time(?:\ ever|\ in\ (?:[\w'\u2019]+\ ){0,3}?history)?
      | \b(?:first[-\ ]ever|never\ before|unprecedented|all-time\ (?:high|low|record))\b
      | \bthe\ (?:first|only|last)(?:\ [\w'\u2019-]+){1,5}?\ to\ (?-i:[a-z]+)\b
      | \b(?:a|an|new|another)\ record\b(?!\ (?:of|label|company|store|shows?|showed))
      | \brecord[-\ ](?:highs?|lows?|breaking|setting)\b""",
    _I,
)
FIRST_WORDS = frozenset(("first", "never", "unprecedented", "all", "only", "last", "record"))
SUPERLATIVE_WORDS = frozenset(("-est", "most", "least", "worst"))
SUPERLATIVES = re.compile(
    r"""\b(?:the|its|their|his|her|our|my|your|\w+['\u2019]s)\s+
        (?:(?:second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|\d+(?:st|nd|rd|th))[-\ ])?
        (?P<sup>(?-i:(?:most|least)\ [a-z]+|[a-z]+est|worst))\b
        (?:\ (?:ever|on\ record|in\ (?:(?:the|its|their|\w+['\u2019]s)\s+){0,2}history))?
    """,
    _I,
)
# What makes a judging superlative a ranking that can be checked: the field it ranks in ("the
# best harvest in the region", "the finest record among them", "the best by far").
RANKED_AMONG = re.compile(
    r"(?:\s+[\w-]+){0,3}?\s+(?:(?:in|among|of)\s+(?:the\s+|all\s+)?(?:[A-Z]\w*|world|country"
    r"|nation|history|state|states|countries|nations|region|city)\b|by\s+far\b|since\b)"
)
GATES = Gates(
    firsts=FIRST_WORDS,
    superlatives=SUPERLATIVE_WORDS,
    month_dates=MONTH_WORDS,
    weekdays=WEEKDAY_WORDS,
    this_season=SEASONS,
    ago=("ago", "earlier", "later"),
    near_days=DAY_WORDS,
    number_words=(*NUMBER_WORDS, *VAGUE_NUMBERS, "twice", "thrice"),
    fractions=FRACTIONS,
    ordinals=ORDINALS,
    multiplied=MULTIPLIED,
)
ORDINAL = re.compile(rf"\b[Tt]he\s+(?P<n>{alternation(ORDINALS)})\s+(?P<u>[a-z]+)\b")
# After a rank these name a part or a time, not what is counted: "the second half".
NOT_COUNTED = PERIODS | {"half", "quarter", "time", "round", "place", "largest", "biggest"}
MULTIPLY = re.compile(rf"\b{alternation(MULTIPLIED, capitalised=True)}\b")

UNIT_WORDS = re.compile(
    r"\s+(?:(?:more|additional|extra|new|fewer)\s+)?(?P<w1>[a-z][a-z'\u2019-]*)"
    r"(?:\s+(?P<w2>[a-z][a-z'\u2019-]*))?"
)
AGE = re.compile(r"[A-Z][\w'\u2019-]+,\s+$")
VAGUE_OF = re.compile(rf"\s+of(?:\s+{alternation(VAGUE_NUMBERS)}\s+of)?(?=\s)")
PREVIOUS_WORD = re.compile(r"(\w+)\W*$")
SCALED = re.compile(
    r"(?P<num>.*?\S)[\s-]*(?P<scale>hundred|thousand|million|billion|trillion|bn|mn|m|k)"
)
ORDINAL_VALUES = {
    "half": 2,
    "halves": 2,
    "third": 3,
    "quarter": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
}


class _Finder:
    """The facts of one sentence, kept apart so that no two overlap."""

    def __init__(self, text: str, start: int, end: int) -> None:
        self.text, self.start, self.end = text, start, end
        self.taken = bytearray(end - start)
        self.facts: list[Fact] = []

    def free(self, start: int, end: int) -> bool:
        return self.taken.find(1, start - self.start, end - self.start) == -1

    def add(self, fact: Fact) -> None:
        if fact.start < fact.end and self.free(fact.start, fact.end):
            self.taken[fact.start - self.start : fact.end - self.start] = b"\x01" * (
                fact.end - fact.start
            )
            self.facts.append(fact)

    def word_before(self, position: int) -> tuple[int, str]:
        """The word just before position, separated from it by spaces only, in lower case,
        with where it starts; ("", position) when there is none."""
        before = self.text[max(self.start, position - 24) : position]
        word = before.rstrip()
        if word == before:
            return position, ""
        cut = word.rfind(" ") + 1  # a sentence holds no line break; a tab is rare enough
        if word[cut : cut + 1] in OPENING_MARKS:  # "(since 2005)"
            cut += 1
        return position - len(before) + cut, word[cut:].lower()

    def qualifier(self, position: int) -> tuple[int, str | None]:
        """Where a quantity starts once its qualifier ("more than") is included."""
        if self.word_before(position)[1] not in QUALIFIER_ENDS:
            return position, None
        found = QUALIFIER_BEFORE.search(self.text, max(self.start, position - 24), position)
        if found is None or not self.free(found.start(), position):
            return position, None
        return found.start(), " ".join(found.group("q").lower().split())


def find(text: str, start: int, end: int, words: frozenset[str] | None = None) -> tuple[Fact, ...]:
    """The facts in text[start:end], in text order; words is words_of(text[start:end])."""
    gates = GATES.open(words_of(text[start:end]) if words is None else words)
    if not gates and FIGURE.search(text, start, end) is None:
        return ()  # no figure and no word any rule starts from: most sentences of prose
    finder = _Finder(text, start, end)
    if "firsts" in gates:
        for match in FIRSTS.finditer(text, start, end):
            finder.add(make_fact("superlative", match.group(), match.start(), match.end()))
    if "superlatives" in gates:
        for match in SUPERLATIVES.finditer(text, start, end):
            sup = match.group("sup")
            if sup not in NOT_SUPERLATIVE and (
                sup.lower() not in JUDGING_SUPERLATIVES
                or RANKED_AMONG.match(text, match.end(), min(end, match.end() + 50))
            ):
                finder.add(make_fact("superlative", match.group(), match.start(), match.end()))
    figures = [m.start() for m in FIGURE.finditer(text, start, end) if _starts_figure(finder, m)]
    for figure in figures:  # dates that start with a digit start at a figure
        digit_date = DIGIT_DATES.match(text, figure, end)
        if digit_date is not None:
            _date(finder, digit_date)
    for rule, dates in DATE_RULES:
        if rule in gates:
            for match in dates.finditer(text, start, end):
                _date(finder, match)
    anchors = figures
    if "number_words" in gates:
        anchors = sorted(figures + [m.start() for m in NUMBER_WORD.finditer(text, start, end)])
    for anchor in anchors:
        if finder.free(anchor, anchor + 1):
            _number(finder, anchor)
    if "ordinals" in gates:
        for match in ORDINAL.finditer(text, start, end):
            unit = match.group("u")
            if unit not in NOT_UNIT and unit not in NOT_COUNTED:
                rank = ORDINALS[match.group("n").lower()]
                finder.add(
                    make_fact(
                        "quantity", match.group(), match.start(), match.end(), value=rank, unit=unit
                    )
                )
    if "multiplied" in gates:
        for match in MULTIPLY.finditer(text, start, end):
            finder.add(
                make_fact(
                    "quantity",
                    match.group(),
                    match.start(),
                    match.end(),
                    value=MULTIPLIED[match.group().lower()],
                    unit="times",
                )
            )
    if "fractions" in gates:
        for match in ARTICLE_FRACTION.finditer(text, start, end):
            _article_fraction(finder, match)
    return tuple(sorted(finder.facts, key=lambda fact: fact.start))


def _starts_figure(finder: _Finder, match: re.Match[str]) -> bool:
    """A figure that starts a number: not "30" in "Su-30SM" or "19" in "COVID-19"."""
    position = match.start()
    if position == finder.start or not match.group()[0].isdigit():
        return True
    before = finder.text[position - 1]
    return not (before.isalnum() or before == "_" or before in NOT_BEFORE_FIGURE)


def number_value(words: str) -> float | None:
    """The value of "10,000", "31 million", "twenty-five", "a dozen"; None when unclear."""
    words = words.lower().replace(",", "").strip()
    try:
        return float(words)  # most numbers are plain figures
    except ValueError:
        pass
    scale = 1.0
    if scaled := SCALED.fullmatch(words):
        words, scale = scaled.group("num"), SCALES[scaled.group("scale")]
    try:
        return float(words) * scale
    except ValueError:
        pass
    words = words.removeprefix("a ")
    tens, _, unit = words.partition("-")
    if unit and tens in NUMBER_WORDS and unit in NUMBER_WORDS:
        return (NUMBER_WORDS[tens] + NUMBER_WORDS[unit]) * scale
    value = NUMBER_WORDS.get(words)
    return None if value is None else value * scale


def _date(finder: _Finder, match: re.Match[str]) -> None:
    start, qualifier = match.start(), None
    if match.group()[0].isdigit() and not _starts_figure(finder, match):
        return
    word_start, word = finder.word_before(start)
    preposition = word in DATE_PREPOSITIONS
    if match.lastgroup == "y" and not (preposition and YEAR_ONLY.fullmatch(match.group())):
        return  # a year alone is a date only after a preposition, not in "Interaction 2021"
    if word in _QUALIFYING_PREPOSITIONS:
        start, qualifier = word_start, word
    year = YEAR_ONLY.search(match.group())
    value = float(year.group()) if year else None
    end = match.end()
    finder.add(make_fact("date", finder.text[start:end], start, end, qualifier, value))


_QUALIFYING_PREPOSITIONS = frozenset(("since", "until", "till", "by", "before", "after", "from"))


def _number(finder: _Finder, position: int) -> None:
    text = finder.text
    sign = MONEY_SIGN.match(text, position, finder.end) if text[position] in SIGNS else None
    match = sign or MEASURE.match(text, position, finder.end)
    if match is None or not finder.free(match.start(), match.end()):
        return
    # The last group that matched names what the number measures ("percent", "period", ...);
    # "n" or "s" means nothing follows it.
    measure = "money" if sign is not None else match.lastgroup
    number = match.group("n") or (match.group("t") if sign is None else "") or ""
    if number.lower() in BARE_SCALES and _previous_word(text, position) not in ("a", "an"):
        return  # "a million jobs" is a figure; "the word was billion" is not
    value = number_value(number + (match.group("s") or ""))
    start, qualifier = finder.qualifier(position)
    end = match.end()
    fact: Fact | None = None
    if measure == "money":
        unit = match.group("u")
        code = CURRENCY_CODE_BEFORE.search(text, max(finder.start, position - 3), position)
        if code is not None and qualifier is None:  # "US$5"
            start, unit = code.start(), code.group() + unit
        fact = make_fact("money", text[start:end], start, end, qualifier, value, unit)
    elif measure == "currency":
        fact = make_fact(
            "money", text[start:end], start, end, qualifier, value, match.group("currency").lower()
        )
    elif measure == "percent":
        unit = " ".join(match.group("percent").split())
        fact = make_fact(
            "percentage",
            text[start:end],
            start,
            end,
            qualifier,
            value,
            unit if unit == "%" else unit.lower(),
        )
    elif measure == "period":
        fact = make_fact(
            "duration", text[start:end], start, end, qualifier, value, match.group("period").lower()
        )
    elif measure == "fraction":
        fact = make_fact(
            "quantity",
            text[start:end],
            start,
            end,
            qualifier,
            _fraction_value(number, match.group("fraction")),
        )
    elif measure == "degrees":
        unit = "\u00b0" + match.group("degrees")[-1]
        fact = make_fact("quantity", text[start:end], start, end, qualifier, value, unit)
    elif measure in ("times", "t"):
        fact = make_fact("quantity", text[start:end], start, end, qualifier, value, "times")
    elif measure == "per":
        bottom = number_value(match.group("per"))
        if value and bottom:
            fact = _with_unit(finder, start, end, qualifier, value / bottom)
    else:
        fact = _count(finder, match, start, qualifier, value)
    if fact is not None:
        finder.add(fact)


LARGE = 100
BARE_SCALES = frozenset(("million", "billion", "trillion"))


def _count(
    finder: _Finder, match: re.Match[str], start: int, qualifier: str | None, value: float | None
) -> Fact | None:
    """A bare number: a quantity if it counts something."""
    number = match.group("n")
    if not COUNT_END.match(finder.text, match.end(), finder.end):
        return None
    year = len(number) == 4 and YEAR_ONLY.fullmatch(number)
    if year and qualifier is None and not match.group("s"):
        return None  # a bare year is a date, or part of a name ("Interaction 2021")
    if number[0].isdigit():
        fact = _with_unit(finder, start, match.end(), qualifier, value)
        if fact.unit is None and AGE.search(finder.text, max(finder.start, start - 40), start):
            return None  # an age after a name: "said mill worker Tom Reed, 52."
        return fact
    if _previous_word(finder.text, match.start()) in REFERRING:
        return None  # "the two countries" refers back; it does not count anything
    fact = _with_unit(finder, start, match.end(), qualifier, value)
    # A number word counts something when it names what ("two countries"; not "one of the",
    # "one-off"), or when it is large: "Forty-two thousand Canadians", "two hundred".
    return fact if fact.unit is not None or (value or 0) >= LARGE else None


def _article_fraction(finder: _Finder, match: re.Match[str]) -> None:
    if match.group("half"):
        # A bare "half" is an amount only as "by half", "nearly half", "half of".
        start, qualifier = finder.qualifier(match.start())
        by = _previous_word(finder.text, match.start()) == "by"
        if qualifier is None and not by and not finder.text.startswith(" of", match.end()):
            return
        value = 0.5
    else:
        start, qualifier = finder.qualifier(match.start())
        value = _fraction_value("a", match.group("f"))
    end = match.end()
    finder.add(make_fact("quantity", finder.text[start:end], start, end, qualifier, value))


def _fraction_value(numerator: str, ordinal: str) -> float:
    top = 1.0 if numerator.lower() in ("a", "one") else NUMBER_WORDS.get(numerator.lower(), 1.0)
    return top / ORDINAL_VALUES[ordinal.lower().removesuffix("s")]


def _with_unit(
    finder: _Finder, start: int, stop: int, qualifier: str | None, value: float | None
) -> Fact:
    """A quantity with the noun it counts: "120 police officers", "22 night shifts"."""
    unit = None
    if finder.text[start:stop].split()[-1].lower() in VAGUE_NUMBERS:
        vague = VAGUE_OF.match(finder.text, stop, finder.end)
        if vague is not None:
            stop = vague.end()  # "tens of thousands of households" counts households
    words = UNIT_WORDS.match(finder.text, stop, finder.end)
    if words and words.group("w1") not in NOT_UNIT:
        w1, w2 = words.group("w1"), words.group("w2")
        stop, unit = words.end("w1"), w1
        # "police officers", "registered nurse", but "troops took" stops at the noun.
        plural = w1.endswith("s") or w1 in IRREGULAR_PLURALS
        if w2 and w2 not in NOT_UNIT and not w2.endswith("ed") and (not plural or w2.endswith("s")):
            stop, unit = words.end("w2"), f"{w1} {w2}"
    return make_fact("quantity", finder.text[start:stop], start, stop, qualifier, value, unit)


def _previous_word(text: str, position: int) -> str:
    found = PREVIOUS_WORD.search(text, max(0, position - 30), position)
    return found.group(1).lower() if found else ""
