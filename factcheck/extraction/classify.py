"""Decide whether a sentence is a checkable claim, its type, and how check-worthy it is.

A sentence is dropped when it asks, urges or only judges (a question, a call to
action, an opinion with no number and no source behind it), and when nothing in
it can be checked. Otherwise every cue found becomes a reason, each reason adds
a fixed weight to the score, and the type is the highest-ranked cue present:
a rule or a superlative says more about what to check than the numbers in it,
a number more than the bare fact that something happened.
"""

from __future__ import annotations

import re

from factcheck.extraction.claimants import Attribution, kind_of
from factcheck.extraction.lexicon import BEFORE_ADJECTIVE, GROUP_NOUNS, NOT_PAST
from factcheck.extraction.records import Claim, Fact, Span

NUMERIC = frozenset(("quantity", "percentage", "money", "duration"))
_I = re.IGNORECASE | re.VERBOSE

CUES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("rule", re.compile(
        r"""\b(?:banned|bans|outlawed|prohibited|prohibits|illegal|unlawful|mandatory|compulsory
          |legally\ (?:required|obliged|bound)|required\ by\ law|a\ ban\ on)\b
          # A law or rule named together with what it obliges, allows or forbids.
          | \b(?:laws?|legislation|regulations?|rules|statutes?|acts?|treat(?:y|ies)|constitution
              |ordinances?|bylaws?|directives?|codes?)\b
            (?=.*?\b(?:must|cannot|can't|can|may|shall|required|allowed|permitted|obliged
                     |entitled|forbidden|have\ to|has\ to)\b)""", _I)),
    ("causal", re.compile(
        r"""\b(?:because(?:\ of)?|due\ to|owing\ to|thanks\ to|as\ a\ result(?:\ of)?|caused|causing
          |causes|cause\ of|led\ to|leads?\ to|leading\ to|resulted\ in|results?\ in|result\ of
          |triggered|triggers|sparked|linked\ to|blamed\ (?:on|for)|driven\ by|fuell?ed\ by
          |contributed\ to|contributes\ to|responsible\ for
          |(?:pushed|pushes|drove|drives)\ (?:up|down)
          |(?:made|makes|make)\ [\w\s]{1,30}?\ (?:more|less)\ likely)\b""", _I)),
    ("prediction", re.compile(
        r"""\b(?:will|won't|shall|would|could|might|(?-i:may)|going\ to|(?:is|are)\ set\ to
          |expects?|expected\ to|predicts?|predicted|projected|plans?\ to|planning
          |intends?\ to|promised?|promises|pledged?|vowed?|hinted
          |in\ the\ future|by\ (?:the\ end\ of\ )?(?:20\d\d|next))\b|'ll\b""", _I)),
    ("personal_experience", re.compile(r"\b(?:I|I'm|I've|my|me|we|we've|our|us|he|she|his|her)\b")),
    ("event", re.compile(
        r"""\b(?:has|have|had)\ (?:(?:\w+ly|not|never|already|also|just|been)\ )*
              (?:[a-z]+ed|risen|fallen|grown|taken|given|seen|begun|shown|known|done|gone|made|won
              |lost|held|left|paid|sold|built|spent|brought|bought|become|come|hit|cut|set|struck
              |sent|met|kept|led|run|broken|chosen|driven|spoken|stolen|written|thrown|fled|fought)\b
          | \b(?:was|were)\ (?:\w+ly\ )?[a-z]+ed\b
          | (?<=\w\ )(?:[a-z]{3,}ed|rose|fell|won|lost|took|began|met|held|sent|came|went|gave|paid
              |spent|sold|bought|built|grew|struck|broke|ran|fled|flew|fought|became|beat|chose
              |drew|drove|shot|spoke|stole|threw|wrote)\b""", re.VERBOSE)),
    ("statement", re.compile(
        r"\b(?:aims?\ to|aimed\ to|objectives?|goals?\ (?:is|are|was)|seeks?\ to|sought\ to"
        r"|wants?\ to|hopes?\ to)\b", _I)),
)
# What a cue's type is worth towards check-worthiness.
WEIGHTS = {"rule": 0.2, "causal": 0.2, "prediction": 0.1, "event": 0.1,
           "personal_experience": 0.05, "statement": 0.05}
RANK = ("rule", "superlative", "causal", "prediction", "quantity", "personal_experience", "event",
        "statement")

HOW = {"pronoun": " (pronoun resolved)", "quote": " (same quotation)"}
QUESTION = re.compile(r"\?[\"'\u201d\u2019)\s]*$")
CALL_TO_ACTION = re.compile(
    r"""^[\s"'\u201c\u2018(]*(?:
        (?:please|sign\ up|subscribe|donate|download|register|click|tap|don't|do\ not|let's
          |let\ us|make\ sure|take\ action|check\ out|find\ out|remember\ to|stand\ with)\b
      | (?:join|follow|share|read|watch|listen|support|help|contact|visit|get|try|learn|discover
          |tell|send|email|give|act|vote)
        \s+(?:us|our|this|the|your|me|now|today|here|up|it|them|in|more|a|an|to|for\ (?:us|free))\b
    )""",
    _I,
)
OPINION = re.compile(
    r"""\b(?:I\ (?:think|believe|feel|guess|suppose)|in\ my\ (?:view|opinion)|admire|admirable
        |painful|impossible|shameful|disgraceful|outrageous|ridiculous|absurd|wonderful|terrible
        |awful|horrible|tragic|sad|heartbreaking|inspiring|amazing|remarkable|brilliant|excellent
        |beautiful|ugly|stupid|foolish|unacceptable|unfair|unjust|appalling|deplorable|laudable
        |commendable|encouraging|disappointing|worrying|troubling|scandalous|hypocritical
        |pathetic|fantastic|incredible|deserves?|shocking|disgusting|brave|courageous)\b""",
    _I,
)


def claim(text: str, sentence: Span, facts: tuple[Fact, ...],
          attribution: Attribution | None) -> Claim | None:
    """The claim a sentence makes, or None when it makes none worth checking."""
    statement = _statement(text, sentence, attribution)
    if QUESTION.search(statement) or CALL_TO_ACTION.search(statement):
        return None
    numeric = [fact for fact in facts if fact.kind in NUMERIC]
    superlative = [fact for fact in facts if fact.kind == "superlative"]
    if not numeric and not superlative and attribution is None and OPINION.search(statement):
        return None

    reasons: list[str] = []
    score = 0.1
    for fact in facts:
        reasons.append(f"{fact.kind}: {fact.text}")
    if numeric:
        score += 0.3 + 0.05 * min(len(numeric) - 1, 2)
    if superlative:
        score += 0.25
    if any(fact.kind in ("date", "duration") for fact in facts):
        score += 0.1
    if attribution is not None:
        reasons.append(f"attributed to {attribution.claimant}{HOW.get(attribution.how, '')}")
        score += 0.15

    found = dict(_cues(text, sentence, attribution))
    for kind, cue in found.items():
        reasons.append(f"{kind.replace('_', ' ')} cue: {cue}")
        score += WEIGHTS[kind]
    if attribution is not None:
        found.setdefault("statement", attribution.claimant)
    if numeric:
        found["quantity"] = numeric[0].text
    if superlative:
        found["superlative"] = superlative[0].text
    if not reasons:
        return None
    kind = next((k for k in RANK if k in found), "other")
    return Claim(
        start=sentence.start, end=sentence.end, text=text[sentence.start : sentence.end],
        type=kind, claimant=attribution.claimant if attribution else None,
        score=round(min(score, 1.0), 2), reasons=tuple(reasons), facts=facts, statement=statement,
    )


def _cues(text: str, sentence: Span, attribution: Attribution | None) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    for kind, pattern in CUES:
        if kind == "personal_experience" and (
            attribution is None or kind_of(attribution.claimant) not in ("person", "unknown")
            or attribution.claimant.lower() in GROUP_NOUNS
        ):
            continue
        for match in pattern.finditer(text, sentence.start, sentence.end):
            if kind == "event" and not _is_event(text, match):
                continue
            if attribution and attribution.clause.start <= match.start() < attribution.clause.end:
                continue  # "the ministry expects" is who says it, not what is said
            found.append((kind, match.group()))
            break
    return found


def _is_event(text: str, match: re.Match[str]) -> bool:
    words = match.group().split()
    if words[-1] in NOT_PAST:
        return False
    if len(words) > 1:
        return True
    # A bare past tense needs a subject right before it, not an article or a preposition
    # ("the armed forces", "of unprocessed wheat") and not a be-verb ("are not convinced").
    before = text[max(0, match.start() - 20) : match.start()].split()
    return bool(before) and before[-1].lower() not in BEFORE_ADJECTIVE


def _statement(text: str, sentence: Span, attribution: Attribution | None) -> str:
    """The sentence without its attribution and outer quotation marks."""
    if attribution is None:
        parts = [text[sentence.start : sentence.end]]
    else:
        parts = [text[sentence.start : attribution.clause.start],
                 text[attribution.clause.end : sentence.end]]
    body = " ".join(filter(None, (" ".join(part.split()).strip(_LOOSE) for part in parts)))
    if not body:
        return " ".join(text[sentence.start : sentence.end].split())
    body = body[0].upper() + body[1:]
    return body if body[-1] in ".!?" else body + "."


# Left over at the edges once an attribution is cut: '"..., " she said.' -> '...'
_LOOSE = " ,;:.\"\u201c\u201d"
