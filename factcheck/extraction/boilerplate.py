"""Find the text around an article that is not the article.

Pasted or scraped articles carry the publisher's furniture: appeals for money,
newsletter and share prompts, links to other stories, photo captions, bylines,
cookie notices and copyright lines. None of it is a claim the article makes,
so it is cut before claims are looked for, and returned so the UI can grey it out.

Two levels: a line (paragraph) that opens with or is made of such a cue is cut
whole; a donation appeal ("A Message from ...", "Dear readers,") is cut together
with the lines that follow it for as long as they keep addressing the reader.
Sentences inside ordinary paragraphs are checked for the strongest cues only.
"""

from __future__ import annotations

from collections.abc import Iterator

from factcheck.extraction.records import Span
from factcheck.extraction.sentences import lines
from factcheck.extraction.shapes import (
    _SHORT,
    ANYWHERE,
    ANYWHERE_GATES,
    APPEAL_GOES_ON,
    APPEAL_START,
    CAPTION,
    CREDIT,
    CREDIT_END,
    DASH_THEN_SPACE,
    DATE_LINE,
    DATE_WORD,
    DATELINE,
    DURATION_END,
    EMBED_CREDIT,
    FIRST_WORD,
    HASHTAG,
    KICKER,
    LABEL_STUB,
    LINE_START,
    NAVIGATION,
    OPENING_WORDS,
    SOURCE_END,
    STAGE,
    STUB,
    TEASER_END,
    TITLE_SMALL_WORDS,
    WHOLE_LINE,
)


def dateline(text: str, start: int, end: int) -> int:
    """Where a sentence's claim starts once a dateline opening it is cut: start if none."""
    if text.startswith("#", start):  # a hashtag kicker: "#Jobs | Unemployment fell ..."
        tag = HASHTAG.match(text, start, end)
        return tag.end() if tag else start
    stop = min(end, start + 80)
    # Every dateline ends in a dash or a colon and a space: most sentences have neither
    # near their start, and a hyphen inside "five-day" is no such end (DATELINE backtracks).
    if (
        text.find("-", start, stop) < 0
        and text.find(":", start, stop) < 0
        and (text.find("\u2014", start, stop) < 0 and text.find("\u2013", start, stop) < 0)
    ) or DASH_THEN_SPACE.search(text, start, stop) is None:
        return start
    found = DATELINE.match(text, start, stop)
    if found is None:
        return start
    place = found.group("place")
    # "BRUSSELS -", "Riverton, Sept 15 -", "LONDON (Agency) -", Spanish "Chilpancingo.\u2014".
    if (
        found.group("date")
        or found.group("agency")
        or (place.isupper() and len(place) > 2)
        or (place.endswith(".") and not found.group().rstrip().endswith(":"))
    ):
        return found.end()
    return start


def find(
    text: str,
    sentences: list[Span],
    words: list[frozenset[str]],
    text_lines: list[tuple[int, int]] | None = None,
) -> list[Span]:
    """Boilerplate spans, in text order, each stripped of surrounding white space.

    words[i] is words_of() sentences[i]; text_lines is lines(text), when the caller has it.
    """
    cut: list[tuple[int, int]] = []
    in_appeal = False
    for content in lines(text) if text_lines is None else text_lines:
        chunk = text[content[0] : content[1]]
        first = FIRST_WORD.match(chunk)
        word = first.group(1).lower() if first else ""
        opening = word in OPENING_WORDS or word.isdigit() or "\u00a9" in chunk[:3]
        in_appeal = bool(
            (opening and APPEAL_START.search(chunk)) or (in_appeal and APPEAL_GOES_ON.search(chunk))
        )
        if in_appeal or _is_furniture(chunk, opening):
            cut.append(content)
    # Sentences are checked one by one, so a prompt at the end of a paragraph goes alone.
    for sentence, vocabulary in zip(sentences, words, strict=True):
        if sentence.end - sentence.start > _SHORT:
            continue
        if text[sentence.start] in "[(" and STAGE.fullmatch(text, sentence.start, sentence.end):
            cut.append((sentence.start, sentence.end))  # "[applause]", "(crosstalk)"
            continue
        shapes = ANYWHERE_GATES.open(vocabulary)
        if text.find("@", sentence.start, sentence.end) >= 0:
            shapes.add("address")
        if any(ANYWHERE[shape].search(text, sentence.start, sentence.end) for shape in shapes):
            cut.append((sentence.start, sentence.end))
    # Overlapping or adjacent furniture becomes one span: an appeal greys out as one block.
    merged: list[list[int]] = []
    for start, end in sorted(cut):
        if merged and (start <= merged[-1][1] or not text[merged[-1][1] : start].strip()):
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [Span(start, end) for start, end in merged]


def _is_furniture(line: str, opening: bool) -> bool:
    """A line of furniture; opening says whether its first word can start such a line."""
    if opening and LINE_START.search(line):
        return True
    if len(line) > _SHORT:
        return False
    if opening and WHOLE_LINE.search(line):
        return True
    if _has_shape(line):
        return True
    if line.endswith(")") and CREDIT_END.search(line):
        return True
    if EMBED_CREDIT.match(line):
        return True  # the "— Name (@handle) date" line under an embedded post
    # A credit needs its slash, bar or "Photo:" near the end: a cheap test first.
    return any(mark in line[-60:] for mark in "/|:") and CREDIT.search(line) is not None


def _is_title(line: str) -> bool:
    """A title in title case: "Annual Report of the Harbour Board (Part 2)"."""
    # isalpha() settles most words at once; the generator only words with punctuation.
    words = [
        word for word in line.split() if word.isalpha() or any(char.isalpha() for char in word)
    ]
    return len(words) >= 3 and all(
        word.lower() in TITLE_SMALL_WORDS or not word.lstrip("(\"'\u201c\u2018")[:1].islower()
        for word in words
    )


def _tokens(line: str) -> Iterator[str]:
    """The white-space separated tokens of line; a caller stopping within the first eight
    does not pay for splitting the rest of a long line."""
    head = line.split(None, 8)
    if len(head) < 9:
        yield from head
        return
    yield from head[:8]
    yield from head[8].split()


def _few_words(line: str) -> bool:
    """Whether line may be a STUB: four words starting or ending in a letter rule it out,
    which a long sentence shows in its first few words (STUB itself backtracks over them)."""
    letters = 0
    for token in _tokens(line):
        if token[0].isalpha() or token[-1].isalpha():
            letters += 1
            if letters > 3:
                return False
    return True


def _has_shape(line: str) -> bool:
    """Furniture by shape alone: a date, a stub, a label, a running time, a menu, a caption."""
    final = line[-1] in '.!?\u2026"\u201d'
    if (
        _few_words(line)
        and STUB.match(line)
        and (not final or not any(char.isalpha() for char in line))
    ):
        return True  # "53° F", "Food Index", and "1." but not "Yes."
    if len(line) <= 60 and DATE_LINE.match(line) and DATE_WORD.search(line):
        return True
    if line[-1] == ":" and len(line) <= 60 and LABEL_STUB.match(line):
        return True
    if (line[-1].isdigit() or line[-1] == ")") and DURATION_END.search(line):
        return True
    if not final and len(line) <= 80 and NAVIGATION.search(line):
        return True
    if not final and _is_title(line):
        return True
    if line[0] in "[(" and STAGE.fullmatch(line):
        return True
    if line.endswith(("...", "\u2026")) and len(line) <= 300 and TEASER_END.search(line):
        return True
    if not final and len(line) <= 150 and KICKER.match(line):
        return True
    if line.endswith(")") and SOURCE_END.search(line):
        return True
    return CAPTION.match(line) is not None
