"""How check-worthy a claim is: a score from 0 to 1 with a reason for each cue behind it."""

from __future__ import annotations

import re

from factcheck.extraction.lexicon import MEASURED, alternation
from factcheck.extraction.records import Span

# What a cue's type is worth towards check-worthiness.
WEIGHTS = {
    "rule": 0.2,
    "causal": 0.05,
    "prediction": -0.1,
    "event": 0.1,
    "dated": 0.1,
    "personal_experience": -0.1,
    "statement": 0.05,
}
# What every claim starts from, and what a sentence that only tells that something happened
# (a past event, nothing else) scores.
BASE = 0.1
BARE_EVENT = BASE + WEIGHTS["event"]
# Someone named inside the sentence (not its first word, not "I"): a capitalised word after
# a space after a small letter or a comma, a fact about an actor. The pattern starts at the
# capital, which a scan finds fast, and looks back from there.
ACTOR = re.compile(r"[A-Z](?<=[a-z,;] [A-Z])[a-z]")


def names_someone(text: str, sentence: Span) -> bool:
    """Whether the sentence names someone (see ACTOR) after its first word."""
    return ACTOR.search(text, sentence.start + 2, sentence.end) is not None


MAX_LOWERING = 0.3
MEASURED_WORD = re.compile(rf"\b{alternation(MEASURED)}\b", re.IGNORECASE)
YOU = re.compile(r"\b[Yy]ou\b")
# What lowers check-worthiness: a belief, a promise, an ought (see worth).
LOWERING: tuple[tuple[str, re.Pattern[str], float], ...] = (
    (
        "belief",
        re.compile(
            r"\b(?:I|[Ww]e)\s+(?:really\s+|just\s+|do\s+|don't\s+|still\s+)?"
            r"(?:think|believe|feel|guess|hope|suppose|want|wish)\b|\bin\s+my\s+(?:opinion|view)\b"
            r"|\bI['\u2019]m\s+(?:sure|convinced|confident)\b"
        ),
        0.3,
    ),
    (
        "promise",
        re.compile(
            r"\b(?:I|[Ww]e)(?:['\u2019]ll|\s+will|\s+shall|['\u2019]re\s+going\s+to|['\u2019]m\s+going\s+to"
            r"|\s+are\s+going\s+to|\s+am\s+going\s+to)\b"
        ),
        0.15,
    ),
    (
        "ought",
        re.compile(r"\b(?:should|must|ought\s+to|need\s+to|needs\s+to|have\s+to|got\s+to)\b"),
        0.15,
    ),
)


def lowered_by(text: str, sentence: Span, gates: set[str], labels: tuple[str, ...]) -> bool:
    """Whether one of the lowerings named in labels ("belief", "promise") is in the sentence."""
    return any(
        label in labels and label in gates and pattern.search(text, sentence.start, sentence.end)
        for label, pattern, _ in LOWERING
    )


def worth(
    text: str,
    sentence: Span,
    kinds: list[str],
    numeric: int,
    sourced: bool,
    found: dict[str, str],
    gates: set[str],
    reasons: list[str],
    compared: bool,
) -> float:
    """How check-worthy a claim is, from 0 to 1: what a desk would pick first.

    Figures (more for money and percentages), comparisons, causes, attributed facts, past
    events and named actors raise it; a speaker's own belief ("I think"), a promise ("we
    will") or what ought to be ("we must") lowers it, as does a very short sentence: these
    are opinions and plans, not facts anyone can check. Each lowering adds a reason.
    """
    score = BASE
    if numeric:
        score += 0.3 + 0.05 * min(numeric - 1, 2)
    if "money" in kinds or "percentage" in kinds:
        score += 0.1
    if "superlative" in kinds:
        score += 0.1
    if "date" in kinds or "duration" in kinds:
        score += 0.1
    if sourced:
        score += 0.15
    score += sum(WEIGHTS[kind] for kind in found)
    if compared:
        score += 0.1
    if names_someone(text, sentence):
        score += 0.07
    measured = None
    if "measured" in gates:
        measured = MEASURED_WORD.search(text, sentence.start, sentence.end)
    if measured:
        reasons.append(f"measured: {measured.group()}")
        score += 0.1
    lowering = 0.0
    for label, pattern, weight in LOWERING:
        if label in gates:
            lowered = pattern.search(text, sentence.start, sentence.end)
            if lowered:
                reasons.append(f"{label}: {lowered.group()}")
                lowering += weight
    # However hedged, a figure stays a figure: hedges lower the score by MAX_LOWERING at most.
    score -= min(lowering, MAX_LOWERING)
    # At most eight parts: enough to tell, without splitting a long sentence into all its words.
    if len(text[sentence.start : sentence.end].split(None, 7)) < 8:
        score -= 0.1  # a very short sentence is mostly an aside
    if "address" in gates and YOU.search(text, sentence.start, sentence.end):
        score -= 0.05  # talking to someone, not about something
    return round(min(max(score, 0.0), 1.0), 2)
