"""The extraction pipeline: boilerplate, sentences, facts, claimants, classification."""

from __future__ import annotations

import re
from dataclasses import replace

from factcheck.extraction import (
    boilerplate,
    claimants,
    classify,
    english,
    facts,
    quotations,
    sentences,
    speakers,
)
from factcheck.extraction.es import claimants as es_claimants
from factcheck.extraction.es import facts as es_facts
from factcheck.extraction.es import rules as es_rules
from factcheck.extraction.language import rules_for
from factcheck.extraction.lexicon import words_of
from factcheck.extraction.records import Claim, Extraction, Span, with_extra_spans
from factcheck.extraction.statements import worded


def extract(text: str, language: str = "en") -> Extraction:
    """Extract the check-worthy claims of an article, with offsets into text.

    language is the text's ISO 639-1 code (`detect_language` finds it): it picks the rules,
    Spanish ("es") or English (any other language, until it has rules of its own).
    """
    spanish = rules_for(language) == "es"
    text_lines = list(sentences.lines(text))
    spans = sentences.split(text, text_lines)
    transcript = speakers.find(text, spans)
    spans, datelines = _without_prefixes(text, spans, transcript)
    # Each rule runs only on sentences holding one of its trigger words: index them once.
    all_words = [words_of(text[span.start : span.end]) for span in spans]
    furniture = boilerplate.find(text, spans, all_words, text_lines)
    if transcript.headings:
        furniture = _merged([*furniture, *transcript.headings])
    if spanish:
        furniture = _merged([*furniture, *es_rules.furniture(text, text_lines, spans)])
    article, words = _outside(spans, all_words, furniture)
    context = es_claimants.SpanishContext() if spanish else claimants.Context()
    attributions: list[claimants.Attribution | None] = []
    subjects: list[str | None] = []
    find_claimant = es_claimants.find if spanish else claimants.find
    for span, vocabulary in zip(article, words, strict=True):
        subjects.append(None if spanish else claimants.subject_of(text, span, context))
        attributions.append(find_claimant(text, span, context, vocabulary))
    attributions = quotations.inherit_in_quotes(text, article, attributions)
    attributions = quotations.from_embedded_posts(text, article, attributions)
    # A speaker telling what someone else said ("The minister stated ...") makes a claim
    # about a statement, whatever the statement itself is about.
    reported = [False] * len(article)
    if transcript.starts:
        # In a transcript the claimant is whoever speaks the turn; a named questioner's
        # turn or an unnamed one keeps what the sentence itself says. So does a speaker's
        # report of another person's words ("the Prime Minister said that ..."): what is
        # checked is what that person said. An institution's announcement cited by a speaker
        # stays the speaker's claim, offered as fact.
        for i, span in enumerate(article):
            own = attributions[i]
            reported[i] = own is not None
            speaker = transcript.speaker_at(span.start)
            if speaker and not (
                own and own.how in ("said", "pronoun") and _someone_else(own, speaker)
            ):
                attributions[i] = claimants.Attribution(speaker, span.start, span.start, "speaker")
    cues = es_rules.CUES if spanish else english.ENGLISH
    claims: list[Claim] = []
    for span, attribution, vocabulary, subject, told in zip(
        article, attributions, words, subjects, reported, strict=True
    ):
        if spanish:
            found_facts = es_facts.find(text, span.start, span.end, vocabulary)
        else:
            found_facts = facts.find(text, span.start, span.end, vocabulary)
        found = classify.claim(
            text, span, found_facts, attribution, vocabulary, subject, told, cues=cues
        )
        if found is not None:
            claims.append(found)
    return Extraction(
        claims=_without_repeats(text, claims),
        sentences=spans,
        boilerplate=_merged([*furniture, *datelines]) if datelines else furniture,
    )


def _someone_else(attribution: claimants.Attribution, speaker: str) -> bool:
    """Whether an attribution names a person other than the turn's speaker."""
    name = attribution.claimant
    same = name in speaker or speaker in name  # "Ola Halvorsen" speaks as "Halvorsen"
    return claimants.kind_of(name) in ("person", "unknown") and not same


def _without_prefixes(
    text: str, spans: list[Span], transcript: speakers.Transcript
) -> tuple[list[Span], list[Span]]:
    """Sentences without a speaker's label or a dateline before them, and the datelines cut.

    'BIDEN: We created ...' is Biden's claim 'We created ...'; 'LONDON (Agency) - Prices ...'
    is the claim 'Prices ...', its dateline furniture.
    """
    labels = {label.start: label.end for label in transcript.labels}
    kept: list[Span] = []
    cut: list[Span] = []
    for span in spans:
        start = labels.get(span.start, span.start)
        if not transcript.starts and (span.start == 0 or text[span.start - 1] in "\r\n"):
            start = boilerplate.dateline(text, start, span.end)
            if start != span.start:
                # Measured within the sentence: text[:start] would copy the article so far.
                cut.append(Span(span.start, span.start + len(text[span.start : start].rstrip())))
        kept.append(Span(start, span.end) if span.start < start < span.end else span)
    return kept, cut


# Curly and angle quotes as straight ones. Chained str.replace: str.translate with a table
# looks every character up in a dict, fifty times slower on a sentence.
_QUOTES = (
    ("\u201c", '"'),
    ("\u201d", '"'),
    ("\u2018", "'"),
    ("\u2019", "'"),
    ("\u00ab", '"'),
    ("\u00bb", '"'),
)


def _without_repeats(text: str, claims: list[Claim]) -> list[Claim]:
    """One claim per distinct sentence: a repeat (a headline echoed in the lead, a digest
    printed twice) adds its span to the first claim's extra spans."""
    first: dict[str, int] = {}
    extra: dict[int, list[Span]] = {}
    kept: list[Claim] = []
    for claim in claims:
        key = " ".join(claim.text.split())
        if not key.isascii():
            for curly, straight in _QUOTES:
                key = key.replace(curly, straight)
        key = key.strip(" .!\"'").lower()
        if key in first:
            extra.setdefault(first[key], []).append(Span(claim.start, claim.end))
            continue
        first[key] = len(kept)
        kept.append(claim)
    for index, spans in extra.items():
        kept[index] = with_extra_spans(kept[index], tuple(spans))
    return kept


def _merged(spans: list[Span]) -> list[Span]:
    """Spans in text order, overlapping ones joined."""
    merged: list[Span] = []
    for span in sorted(spans, key=lambda s: s.start):
        if merged and span.start <= merged[-1].end:
            merged[-1] = Span(merged[-1].start, max(merged[-1].end, span.end))
        else:
            merged.append(span)
    return merged


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


# How far back propose() reads to know who "he" or "it" is: a few paragraphs.
PROPOSE_CONTEXT_CHARS = 4000


def propose(text: str, start: int, end: int, language: str = "en") -> Claim:
    """What the rules make of a passage a reviewer selected, even one they would not pick.

    The passage is read as one sentence, with the sentences before it read for the
    claimants that its pronouns point back to: the statement loses its stray quote marks
    and attribution tail ("...," he said), and gets the type and claimant the extractor
    gives such a sentence ("other" and none when it finds no claim in it). language picks
    the rules, as for `extract`.
    """
    spanish = rules_for(language) == "es"
    context = es_claimants.SpanishContext() if spanish else claimants.Context()
    find_claimant = es_claimants.find if spanish else claimants.find
    window = max(0, start - PROPOSE_CONTEXT_CHARS)
    for span in sentences.split(text[window:start]):
        before = Span(window + span.start, window + span.end)
        if not spanish:
            claimants.subject_of(text, before, context)
        find_claimant(text, before, context, words_of(text[before.start : before.end]))
    span = Span(start, end)
    vocabulary = words_of(text[start:end])
    subject = None if spanish else claimants.subject_of(text, span, context)
    attribution = find_claimant(text, span, context, vocabulary)
    found_facts = (es_facts if spanish else facts).find(text, start, end, vocabulary)
    cues = es_rules.CUES if spanish else english.ENGLISH
    found = classify.claim(text, span, found_facts, attribution, vocabulary, subject, cues=cues)
    if found is None:
        found = Claim(
            start=start,
            end=end,
            text=text[start:end],
            type="other",
            claimant=attribution.claimant if attribution else None,
            score=0.0,
            reasons=(),
            facts=found_facts,
            statement=worded(text, span, attribution, subject),
        )
    return replace(found, statement=_tidy(found.statement) or found.statement)


# A hand selection is cut anywhere: inside a quotation, or through its attribution
# ('...one," she', "...2030,' he said."). What is left of the tail goes, then the quote
# marks at either end that the selection parted from their partner.
_SPEAKER = r"(?:he|she|they|it|we)\b(?:\s+(?:said|says|added|adds|told\s+\w+|explained|noted))?"
_CLOSE = "[\"'\u201d\u2019]"
_CUT_TAIL = re.compile(
    rf"(?:[,;:]\s*{_CLOSE}?\s*{_SPEAKER}|{_CLOSE}\s*{_SPEAKER}|[,;:]\s*{_CLOSE})[.\s]*$"
)
_PAIRS = (('"', '"'), ("'", "'"), ("\u201c", "\u201d"), ("\u2018", "\u2019"))


def _tidy(statement: str) -> str:
    body = _CUT_TAIL.sub("", statement.strip()).strip(" ,;:")
    for opening, closing in _PAIRS:
        same = opening == closing
        if (same and body.count(opening) % 2) or (
            not same and body.count(opening) > body.count(closing)
        ):
            body = body.removeprefix(opening) if body.startswith(opening) else body
        if (same and body.count(closing) % 2) or (
            not same and body.count(closing) > body.count(opening)
        ):
            body = body.rstrip(".").removesuffix(closing)
    body = body.strip(" ,;:")
    if not body:
        return ""
    body = body[0].upper() + body[1:]
    return body if body[-1] in ".!?" else body + "."
