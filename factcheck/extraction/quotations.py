"""Who says a sentence that names no one: the quotation it is part of, or the post it is from.

A long quotation runs over several sentences, or several paragraphs, with one attribution; an
embedded social-media post is followed by its author's credit line.
"""

from __future__ import annotations

from factcheck.extraction.claimants import QUOTE_MARK, Attribution, has_quote_mark
from factcheck.extraction.records import Span
from factcheck.extraction.sentences import LINE_BREAK
from factcheck.extraction.shapes import EMBED_CREDIT


def inherit_in_quotes(
    text: str, sentences: list[Span], found: list[Attribution | None]
) -> list[Attribution | None]:
    """Give an unattributed quotation the claimant of the quotation next to it.

    '"This is a budget for working families," Ruiz told reporters. "Nobody ... will pay more."'
    Inside a paragraph the quotation next to it may come before or after; a paragraph that
    opens with a quotation continues the quotation of the paragraph before, as news writes a
    long quote over several paragraphs with one attribution.
    """
    result = list(found)
    # A quotation over several sentences is its attribution's: '"A. B. C," said X.' gives
    # A and B to X, before any neighbour's attribution is considered.
    members: dict[int, list[int]] = {}
    for i, group in enumerate(_quotations(text, sentences)):
        if group is not None:
            members.setdefault(group, []).append(i)
    for indexes in members.values():
        # Not a source the quotation itself cites ("According to the survey, ...").
        said = [
            found_at
            for found_at in (result[i] for i in indexes)
            if found_at is not None and found_at.how not in ("speaker", "according to")
        ]
        if said:
            for i in indexes:
                if result[i] is None:
                    start = sentences[i].start
                    result[i] = Attribution(said[-1].claimant, start, start, "quote")
    for i, sentence in enumerate(sentences):
        if result[i] is not None or not has_quote_mark(text, sentence.start, sentence.end):
            continue
        for j in (i - 1, i + 1):
            if not 0 <= j < len(sentences):
                continue
            neighbour, other = result[j], sentences[j]
            first, second = sorted((sentence, other), key=lambda span: span.start)
            same_paragraph = LINE_BREAK.search(text, first.end, second.start) is None
            continues = j == i - 1 and text[sentence.start] in '"\u201c'
            if (
                neighbour is not None
                and neighbour.how != "speaker"
                # In its paragraph, next to a quotation; or opening the paragraph after
                # one attributed to someone ('Ruiz said ... \n "The port ..."').
                and ((same_paragraph and has_quote_mark(text, other.start, other.end)) or continues)
            ):
                result[i] = Attribution(neighbour.claimant, sentence.start, sentence.start, "quote")
                break
    return result


def from_embedded_posts(
    text: str, sentences: list[Span], found: list[Attribution | None]
) -> list[Attribution | None]:
    """Give the sentences of an embedded post the author its credit line names:
    "Unemployment fell to 4%." then "— Statistics Office (@stats) May 2, 2024"."""
    if "(@" not in text:
        return found
    authors = [(m.start(), m.group("name")) for m in EMBED_CREDIT.finditer(text)]
    result = list(found)
    for i, sentence in enumerate(sentences):
        if result[i] is None:
            for start, name in authors:
                if start > sentence.end and text.count("\n", sentence.end, start) == 1:
                    result[i] = Attribution(name, sentence.start, sentence.start, "post")
    return result


def _quotations(text: str, sentences: list[Span]) -> list[int | None]:
    """For each sentence, which quotation it is part of when one runs over several sentences
    of a paragraph (opened in one, closed in a later one), else None."""
    groups: list[int | None] = [None] * len(sentences)
    group: int | None = None
    count = 0
    for i, sentence in enumerate(sentences):
        if group is not None and LINE_BREAK.search(text, sentences[i - 1].end, sentence.start):
            group = None  # a new paragraph: the rule above carries a quotation over
        inside = group is not None
        if not inside and not has_quote_mark(text, sentence.start, sentence.end):
            continue
        state = inside
        for mark in QUOTE_MARK.finditer(text, sentence.start, sentence.end):
            state = mark.group() == "\u201c" or (mark.group() == '"' and not state)
        if inside or state:
            if not inside:
                count += 1
                group = count
            groups[i] = group
        if not state:
            group = None
    return groups
