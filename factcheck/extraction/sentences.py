"""Sentence splitting with exact offsets, tuned for news text.

A line break always ends a sentence: in pasted articles a line is a paragraph,
a headline or a caption, and headlines have no full stop. Inside a line a
sentence ends at . ! ? (plus closing quotes or brackets) followed by space and
a capital letter, unless the full stop belongs to an abbreviation.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from factcheck.extraction.lexicon import ABBREVIATIONS, MAYBE_FINAL, OPENER_WORDS
from factcheck.extraction.records import Span

# The same characters as str.splitlines(), so that a "line" means what Python means by it.
LINE_BREAK = re.compile(r"\r\n?|[\n\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
CLOSERS = "\"'\u201d\u2019\u00bb)]"
END = re.compile(r"(?:[.!?]+|\u2026)[\"'\u201d\u2019\u00bb)\]]*(?=\s)")
OPENERS = "\"'\u201c\u2018\u00ab(["
ACRONYM_OR_INITIAL = re.compile(r"(?:[A-Za-z]\.)+[A-Za-z]|[A-Z]")



def lines(text: str, start: int = 0, end: int | None = None) -> Iterator[Span]:
    """Yield each line of text[start:end], without its line break, empty ones included."""
    stop = len(text) if end is None else end
    position = start
    for brk in LINE_BREAK.finditer(text, start, stop):
        yield Span(position, brk.start())
        position = brk.end()
    yield Span(position, stop)


def split(text: str) -> list[Span]:
    """Sentence spans of the whole text, stripped of surrounding white space."""
    spans: list[Span] = []
    for line in lines(text):
        position = line.start
        for end in _sentence_ends(text, line):
            _append_stripped(text, position, end, spans)
            position = end
        _append_stripped(text, position, line.end, spans)
    return spans


def _sentence_ends(text: str, line: Span) -> Iterator[int]:
    for match in END.finditer(text, line.start, line.end):
        following = _next_word(text, match.end(), line.end)
        if not following or not following[0].isupper():
            continue
        if match.group().rstrip(CLOSERS) == ".":
            token = _token_before(text, line.start, match.start())
            if token in ABBREVIATIONS:
                continue
            if (token in MAYBE_FINAL or ACRONYM_OR_INITIAL.fullmatch(token)) and (
                following not in OPENER_WORDS
            ):
                continue
        yield match.end()


def _next_word(text: str, position: int, stop: int) -> str:
    while position < stop and (text[position].isspace() or text[position] in OPENERS):
        position += 1
    end = position
    while end < stop and (text[end].isalnum() or text[end] in "'\u2019-"):
        end += 1
    return text[position:end]


def _token_before(text: str, line_start: int, dot: int) -> str:
    start = dot
    while start > line_start and not text[start - 1].isspace():
        start -= 1
    return text[start:dot].lstrip(OPENERS)


def _append_stripped(text: str, start: int, end: int, spans: list[Span]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        spans.append(Span(start, end))
