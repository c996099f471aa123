"""The extraction pipeline: boilerplate, sentences, facts, claimants, classification."""

from __future__ import annotations

from factcheck.extraction import boilerplate, claimants, classify, facts, sentences
from factcheck.extraction.lexicon import words_of
from factcheck.extraction.records import Claim, Extraction, Span


def extract(text: str) -> Extraction:
    """Extract the check-worthy claims of an article, with offsets into text."""
    spans = sentences.split(text)
    # Each rule runs only on sentences holding one of its trigger words: index them once.
    all_words = [words_of(text[span.start : span.end]) for span in spans]
    furniture = boilerplate.find(text, spans, all_words)
    article, words = _outside(spans, all_words, furniture)
    context = claimants.Context()
    attributions = [
        claimants.find(text, span, context, vocabulary)
        for span, vocabulary in zip(article, words, strict=True)
    ]
    attributions = claimants.inherit_in_quotes(text, article, attributions)
    claims: list[Claim] = []
    for span, attribution, vocabulary in zip(article, attributions, words, strict=True):
        found_facts = facts.find(text, span.start, span.end, vocabulary)
        found = classify.claim(text, span, found_facts, attribution, vocabulary)
        if found is not None:
            claims.append(found)
    return Extraction(claims=claims, sentences=spans, boilerplate=furniture)


def _outside(
    spans: list[Span], words: list[frozenset[str]], furniture: list[Span]
) -> tuple[list[Span], list[frozenset[str]]]:
    """The sentences (and their words) that do not lie in boilerplate, in text order."""
    kept: list[Span] = []
    kept_words: list[frozenset[str]] = []
    index = 0
    for span, vocabulary in zip(spans, words, strict=True):
        while index < len(furniture) and furniture[index].end <= span.start:
            index += 1
        if index < len(furniture) and furniture[index].start < span.end:
            continue
        kept.append(span)
        kept_words.append(vocabulary)
    return kept, kept_words
