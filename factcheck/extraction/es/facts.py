"""Facts in Spanish text: figures written the Spanish way, dates and superlatives.

A full stop groups thousands and a comma marks decimals ("10.000", "1,5", "31,3%"); a scale
word may follow ("375 mil", "32 millones", "un millón de"); "%", "por ciento" and "puntos
porcentuales" make a percentage, a currency a sum of money. Dates are "12 de marzo de 2024",
"marzo de 2024", "en 2017", "el pasado martes", "ayer"; superlatives "el mayor", "la más
baja", "por primera vez", "récord" (not "histórico": "casos históricos" are only old ones).
As in English, no two facts overlap and each keeps its exact offsets.
"""

from __future__ import annotations

import re

from factcheck.extraction.es.lexicon import CURRENCIES, MONTHS, NUMBER_WORDS, SCALES, WEEKDAYS
from factcheck.extraction.lexicon import alternation
from factcheck.extraction.records import Fact, make_fact

_FIGURE = r"\d{1,3}(?:[.\u2019']\d{3})+(?:,\d+)?|\d+(?:[,.]\d+)?"
_WORD = alternation(NUMBER_WORDS, capitalised=True)
_SCALE = r"(?:\s+(?:mil\s+millones|mil|millones|millón|billones)\b)"
NUMBER = re.compile(
    rf"""(?P<sign>(?:US)?\$\s?)?(?P<n>{_FIGURE}|\b(?:un|una)(?={_SCALE})|\b{_WORD}\b)(?P<s>{_SCALE})?
    (?: \s?(?P<percent>%|por\s+ciento\b|puntos?\s+porcentuales?\b)
      | (?:\s+de)?\s+(?P<currency>{alternation(CURRENCIES)})\b
      | (?:\s+de)?\s+(?P<unit>[a-z\u00e1\u00e9\u00ed\u00f3\u00fa\u00f1\u00ba\u00b0]+)
    )?""",
    re.VERBOSE,
)
_MONTH = alternation(MONTHS, capitalised=True)
DATE = re.compile(
    rf"""\b\d{{1,2}}\s+de\s+{_MONTH}(?:\s+de(?:l)?\s+\d{{4}})?
      | \b{_MONTH}\s+(?:de(?:l)?\s+)?\d{{4}}
      | \b(?:en|desde|hasta|de|del|entre)\s+(?:el\s+año\s+)?(?:19|20)\d\d\b
      | \b(?:el\s+)?(?:pasado\s+|próximo\s+|este\s+)?{alternation(WEEKDAYS)}(?:\s+pasado)?\b
      | \b(?:ayer|hoy|anoche|mañana)\b""",
    re.VERBOSE,
)
SUPERLATIVE = re.compile(
    r"""\b(?:el|la|los|las|lo)\s+(?:\w+\s+)?(?:más|menos)\s+\w+
      | \b(?:el|la|los|las|su|sus)\s+(?:mayor|menor|peor|mejor|máxim[oa]|mínim[oa])(?:es)?\b
      | \bpor\s+primera\s+vez\b | \brécords?\b | \bsin\s+precedentes\b""",
    re.VERBOSE | re.IGNORECASE,
)
# A unit word that does not name what is counted.
NOT_UNIT = frozenset(
    "a al de del el la los las en y o que por para con sin un una se su sus es son fue "
    "mientras frente entre respecto".split()
)


def find(text: str, start: int, end: int) -> tuple[Fact, ...]:
    """The facts in text[start:end], in text order."""
    taken = bytearray(end - start)
    found: list[Fact] = []

    def add(kind: str, begin: int, stop: int, value: float | None = None,
            unit: str | None = None) -> None:
        if begin < stop and taken.find(1, begin - start, stop - start) == -1:
            taken[begin - start : stop - start] = b"\x01" * (stop - begin)
            found.append(make_fact(kind, text[begin:stop], begin, stop, None, value, unit))

    for match in SUPERLATIVE.finditer(text, start, end):
        add("superlative", match.start(), match.end())
    for match in DATE.finditer(text, start, end):
        add("date", match.start(), match.end())
    for match in NUMBER.finditer(text, start, end):
        number, stop = match.group("n"), match.end("s") if match.group("s") else match.end("n")
        if match.start("n") > start and text[match.start("n") - 1].isalnum():
            continue  # "COVID-19", "G20"
        value = number_value(number, match.group("s"))
        if match.group("sign") or match.group("currency"):
            add("money", match.start(), match.end(), value, match.group("currency") or "$")
        elif match.group("percent"):
            add("percentage", match.start(), match.end(), value, "%")
        elif match.group("unit") and match.group("unit") not in NOT_UNIT:
            add("quantity", match.start(), match.end(), value, match.group("unit"))
        elif number[0].isdigit() and not (len(number) == 4 and number[:2] in ("19", "20")):
            add("quantity", match.start(), stop, value)
    return tuple(sorted(found, key=lambda fact: fact.start))


def number_value(number: str, scale: str | None = None) -> float | None:
    """The value of "10.000", "1,5", "375 mil", "cuatro"; None when unclear."""
    word = number.lower()
    if word in NUMBER_WORDS:
        value: float | None = NUMBER_WORDS[word]
    elif word in ("un", "una"):
        value = 1.0
    else:
        digits = word.replace("\u2019", ".").replace("'", ".")
        if "," in digits or digits.count(".") > 1 or re.fullmatch(r"\d+\.\d{3}", digits):
            digits = digits.replace(".", "").replace(",", ".")
        try:
            value = float(digits)
        except ValueError:
            value = None
    if value is not None and scale:
        value *= SCALES.get(" ".join(scale.split()), 1.0)
    return value
