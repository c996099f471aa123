"""The statement of a claim: its sentence worded to be understood alone.

The attribution ("the ministry said that", ", he said") and outer quotation marks are cut,
and a leading pronoun is named: "It had dispatched ..." becomes "The Russian military had
dispatched ..." when the article named it before, or when the sentence's own claimant is what
the pronoun stands for. The claim's quote and span stay the text's own.
"""

from __future__ import annotations

import re

from factcheck.extraction.claimants import Attribution, kind_of
from factcheck.extraction.records import Span


def worded(
    text: str, sentence: Span, attribution: Attribution | None, subject: str | None = None
) -> str:
    """The sentence without its attribution and outer quotation marks, its pronoun subject
    named: what a reader understands without the article around it."""
    if attribution is None or attribution.start == attribution.end:
        body = text[sentence.start : sentence.end].strip(_LOOSE)
        if attribution is None:
            # '..., he said.' with no one to resolve "he" to: still not part of the claim.
            # The tail is short: searching only the end keeps this from trying every comma.
            unresolved = UNRESOLVED_TAIL.search(body, max(0, len(body) - 40))
            if unresolved is not None:
                body = body[: unresolved.start()].strip(_LOOSE)
    else:
        head = text[sentence.start : attribution.start].strip(_LOOSE)
        tail = text[attribution.end : sentence.end].strip(_LOOSE)
        body = f"{head} {tail}" if head and tail else head or tail
    if not body:
        return text[sentence.start : sentence.end]
    body = body[0].upper() + body[1:]
    if attribution is not None and attribution.how != "speaker" and (
        attribution.start == sentence.start < attribution.end
    ):
        # "The Russian military said that it had dispatched ...": once the attribution is
        # cut, the reported clause's pronoun is its claimant when their kinds agree.
        subject = _claimant_as(body, attribution.claimant) or subject
    if subject:
        pronoun = PRONOUN_SUBJECT.match(body)
        if pronoun:
            named = _with_article(subject)
            body = named[0].upper() + named[1:] + body[pronoun.end() :]
    return body if body[-1] in ".!?" else body + "."


# Which claimants a reported clause's pronoun can stand for.
AGREES = {"He": ("person", "unknown"), "She": ("person", "unknown"),
          "It": ("organisation", "unknown"), "They": ("group", "organisation")}


def _claimant_as(body: str, claimant: str) -> str | None:
    """The claimant, when the pronoun opening the reported clause can stand for it."""
    pronoun = body.split(None, 1)[0] if body else ""
    if pronoun in AGREES and kind_of(claimant) in AGREES[pronoun]:
        return claimant
    return None


def _with_article(name: str) -> str:
    """A claimant as a sentence's subject: "the Russian military", "Ana Ruiz"."""
    return name if name.split()[-1][:1].isupper() else f"the {name}"


# A subject pronoun opening a sentence, not the empty "it" of "It is likely ...".
PRONOUN_SUBJECT = re.compile(
    r"^(?:He|She|They|It(?!['\u2019]s|\s+(?:is|was|will|would|may|might|could|can|has\s+been"
    r"|had\s+been|seems?|seemed|appears?|appeared|remains?|remained|takes?|took|makes?)\b))"
    r"(?=\s+[a-z])"
)
UNRESOLVED_TAIL = re.compile(
    r"[,\"\u201d\s]+(?:he|she|they|it|we)\s+(?:said|says|added|adds|told\s+\w+|explained|noted)"
    r"[.\s]*$"
)


# Left over at the edges once an attribution is cut: '"..., " she said.' -> '...'
_LOOSE = " ,;:.\"\u201c\u201d"
