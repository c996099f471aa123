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

# Line breaks are the characters of str.splitlines(), so that a "line" means what Python means
# by it. A line here is its content, from the first to the last character that is not space.
LINE_BREAK = re.compile(r"[\r\n\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
LINE = re.compile(r"\S(?:[^\r\n\x0b\x0c\x1c-\x1e\x85\u2028\u2029]*\S)?")
OPENERS = "\"'\u201c\u2018\u00ab([#\u00bf\u00a1"
# A full stop, question or exclamation mark (with closing quotes or brackets), the space
# after it, and the next word, which decides whether a sentence ends there.
END = re.compile(
    r"(?P<stop>[.!?\u2026]+)(?P<closers>[\"'\u201d\u2019\u00bb)\]]*)"
    r"(?=(?P<space>\s+)[\"'\u201c\u2018\u00ab(\[#\u00bf\u00a1]*(?P<next>\w[\w'\u2019-]*))"
)
# A full stop with no space after it, between a word and a capitalised one: text scraped
# with its paragraph breaks lost ("... the Aemet.But there ...", '... (Aemet)."The airport').
GLUED = re.compile(
    r"\.(?<=[a-z\u00df-\u00ff)]\.)(?=[\"\u201c]?[A-Z\u00c0-\u00de][a-z\u00df-\u00ff]+\b)"
)
ACRONYM_OR_INITIAL = re.compile(r"(?:[A-Za-z]\.)+[A-Za-z]|[A-Z]")


def lines(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of the content of each line that is not blank."""
    for line in LINE.finditer(text):
        yield line.span()


def split(text: str, text_lines: list[tuple[int, int]] | None = None) -> list[Span]:
    """Sentence spans of the whole text, stripped of surrounding white space.

    text_lines is lines(text), when the caller has it already."""
    spans: list[Span] = []
    glued = GLUED.search(text) is not None  # one scan; most texts have none
    for line_start, line_end in lines(text) if text_lines is None else text_lines:
        position = line_start
        ends = _sentence_ends(text, line_start, line_end)
        if glued and GLUED.search(text, line_start, line_end):
            ends = iter(sorted([*ends, *_glued_ends(text, line_start, line_end)]))
        for end, following in ends:
            spans.append(Span(position, end))
            position = following
        spans.append(Span(position, line_end))
    return spans


def _sentence_ends(text: str, line_start: int, line_end: int) -> Iterator[tuple[int, int]]:
    """(end of a sentence, start of the next) for each sentence end in the line."""
    for match in END.finditer(text, line_start, line_end):
        following = match.group("next")
        if not following[0].isupper():
            continue
        if match.group("stop") == ".":
            before = text[max(line_start, match.start() - 20) : match.start()].rsplit(None, 1)
            token = before[-1].lstrip(OPENERS) if before else ""
            if token in ABBREVIATIONS:
                continue
            if (token in MAYBE_FINAL or ACRONYM_OR_INITIAL.fullmatch(token)) and (
                following not in OPENER_WORDS
            ):
                continue
        yield match.end("closers"), match.end("space")


def _glued_ends(text: str, line_start: int, line_end: int) -> Iterator[tuple[int, int]]:
    for match in GLUED.finditer(text, line_start, line_end):
        before = text[max(line_start, match.start() - 20) : match.start()].rsplit(None, 1)
        token = before[-1].lstrip(OPENERS) if before else ""
        if token not in ABBREVIATIONS and not ACRONYM_OR_INITIAL.fullmatch(token):
            yield match.end(), match.end()  # not "Dr.Smith", "10 a.m.Tomorrow"
