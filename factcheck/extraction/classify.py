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

from factcheck.extraction import checks
from factcheck.extraction.claimants import Attribution, kind_of
from factcheck.extraction.english import (
    APPEAL,
    AUTHOR,
    BROKEN_OFF,
    CONDITION,
    ENGLISH,
    FIRST_OR_SECOND,
    HOW,
    IMPERSONAL_SUBJECT,
    ON_RECORD,
    PAST,
    PERSONAL,
    QUESTION,
    QUOTE_MARKS,
    QUOTING,
    RANK,
    RESTART,
    SPEAKER,
    TOLD_BY,
    WEAK_MODALS,
    Cues,
)
from factcheck.extraction.lexicon import (
    GROUP_NOUNS,
)
from factcheck.extraction.records import Claim, Fact, Span, make_claim
from factcheck.extraction.score import (
    BARE_EVENT,
    MEASURED_WORD,
    YOU,
    lowered_by,
    names_someone,
    worth,
)
from factcheck.extraction.statements import worded

# Below this score a claim is proposed as low priority: on the ClaimBuster debate sentences
# (25% check-worthy) the claims at or above it are about 65% check-worthy and hold 73% of them.
LOW_PRIORITY_BELOW = 0.11
NUMERIC = frozenset(("quantity", "percentage", "money", "duration"))


def claim(
    text: str,
    sentence: Span,
    facts: tuple[Fact, ...],
    attribution: Attribution | None,
    words: frozenset[str],
    subject: str | None = None,
    reported: bool = False,
    cues: Cues = ENGLISH,
) -> Claim | None:
    """The claim a sentence makes, or None when it makes none worth checking.

    subject is who a leading "It"/"He"/"She" refers to, so that the statement reads alone;
    reported says that a transcript's speaker tells what someone else said.

    words is words_of() the sentence, the index that lets cues skip their patterns.
    """
    gates = cues.gates.open(words)
    if cues.always:
        gates |= cues.always
    kinds = [fact.kind for fact in facts]
    # "One" is mostly a pronoun or a way of speaking ("one thing we know", "no one", "the
    # number one culprit"): alone, it is no figure that makes a sentence checkable.
    counted = [fact for fact in facts if not _one(text, fact)]
    # A transcript's speaker says who makes a claim, but unlike "according to" or "said" it is
    # no sign that the sentence reports something: every sentence of a turn has a speaker.
    sourced = attribution is not None and attribution.how != "speaker"
    found = _cues(text, sentence, attribution, gates, cues)
    compared = None
    if "comparison" in gates:
        compared = cues.comparison.search(text, sentence.start, sentence.end)
    # What has nothing to check goes first: most sentences of prose, and the cheapest test.
    if not counted and not sourced and not compared and set(found) <= {"statement"}:
        return None  # nothing to check but, at most, an aim with no one behind it
    if (
        cues.english
        and not (counted or sourced or compared)
        and (
            _only_about_speaker(text, sentence, found, gates)
            or _only_foretold(text, sentence, found, gates)
            # The speaker's own promise ("I will ...") is a programme, whatever it tells of
            # beside, and so is a belief ("I don't think ...") or what ought to be ("we have
            # to ...") unless it gives a cause, which can be checked ("..., because the port
            # lost its trade"): with no figure to hold them to, nothing to check.
            or lowered_by(text, sentence, gates, ("promise",))
            or ("causal" not in found and lowered_by(text, sentence, gates, ("belief", "ought")))
            or _hypothetical_or_addressed(text, sentence, found, gates)
        )
    ):
        return None
    statement = worded(text, sentence, attribution, subject)
    if (
        ("?" in statement and QUESTION.search(statement) and not cues.reported.search(statement))
        or ("command" in gates and cues.call_to_action.match(statement))
        or ("appeal" in gates and APPEAL.search(statement))
        or BROKEN_OFF.search(statement.rstrip("."))
    ):
        return None
    # An age ("a 50-year-old man") describes someone, and "one" is mostly a pronoun ("no one
    # has", "that one"): neither is a figure to check.
    numeric = sum(
        fact.kind in NUMERIC
        and not fact.text.endswith("old")
        and not (fact.kind == "quantity" and fact.value == 1)
        for fact in facts
    )
    if not (numeric or "superlative" in kinds or sourced) and (
        statement.endswith("!")
        or ("--" in statement and RESTART.search(statement))
        or (len(statement) < 120 and cues.courtesy.match(statement))
        or ("opinion" in gates and cues.opinion.search(statement))
        or ("normative" in gates and "rule" not in found and cues.normative.search(statement))
    ):
        return None  # an exclamation, a judgement or a "should" with nothing to check

    reasons = [f"{fact.kind}: {fact.text}" for fact in facts]
    if attribution is not None:
        reasons.append(f"attributed to {attribution.claimant}{HOW.get(attribution.how, '')}")
    for kind, cue in found.items():
        reasons.append(f"{kind.replace('_', ' ')} cue: {cue}")
    if compared:
        reasons.append(f"comparison: {compared.group()}")
    score = worth(text, sentence, kinds, numeric, sourced, found, gates, reasons, bool(compared))
    if (
        cues.english
        and attribution is None
        and score <= BARE_EVENT  # what both rules below ask first, and most claims are above
        and (
            (not (counted or compared) and _aside(text, sentence, found, gates))
            or (not numeric and _hedged_view(text, sentence, gates, score))
        )
        and not _told_by_someone(text, sentence, gates)
    ):
        return None
    present = set(found)
    if numeric or (compared and not _done_by_someone(text, compared)):
        # A figure, or a change in one ("an increase was recorded", "lending continued to
        # fall"); not something a person or thing does ("research that increases the risk").
        present.add("quantity")
    if "superlative" in kinds:
        present.add("superlative")
    if attribution is not None:
        present.add("statement")
    if attribution is not None and attribution.how == "speaker" and len(present) > 2:
        # Everyone in a transcript says "I": what else the sentence does says more.
        present.discard("personal_experience")
    if found.get("prediction", "").lower() in WEAK_MODALS and len(present) > 1:
        # "could be diagnosed", "said it would be": a possibility or reported speech, not a
        # forecast; whatever else the sentence does says more about what to check.
        present.discard("prediction")
    if (
        attribution is not None
        and attribution.how == "speaker"
        and QUOTING.search(text, sentence.start, sentence.end)
    ):
        reported = True  # "and I quote, ...": the speaker reads out someone else's words
    if reported:
        # "The minister stated he wanted ...", "She said that she will ...": what is checked
        # is that it was said, not the event or the forecast it tells of.
        present -= {"event", "prediction", "personal_experience"}
        present.add("statement")
    kind = "other"
    for ranked in RANK:
        if ranked in present:
            kind = ranked
            break
    return make_claim(
        start=sentence.start,
        end=sentence.end,
        text=text[sentence.start : sentence.end],
        type=kind,
        claimant=attribution.claimant if attribution else None,
        claimant_kind=_claimant_kind(attribution),
        score=score,
        reasons=tuple(reasons),
        facts=facts,
        statement=statement,
    )


def _cues(
    text: str, sentence: Span, attribution: Attribution | None, gates: set[str], cues: Cues
) -> dict[str, str]:
    """The first cue of each type in the sentence, outside its attribution: type -> words."""
    found: dict[str, str] = {}
    for kind, cue_pattern in cues.types:
        if kind not in gates:
            continue
        if not cues.english:  # the checks below read English words
            for match in cue_pattern.finditer(text, sentence.start, sentence.end):
                if not (attribution and attribution.start <= match.start() < attribution.end):
                    found[kind] = match.group()
                    break
            continue
        pattern = _experience_pattern(attribution) if kind == "personal_experience" else cue_pattern
        if pattern is None:
            continue
        for match in pattern.finditer(text, sentence.start, sentence.end):
            if kind == "event" and not checks.is_event(text, match):
                continue
            if kind == "causal" and (
                checks.is_schedule(text, match) or checks.is_charge(text, match)
            ):
                continue
            if kind == "prediction" and checks.is_past_plan(text, match):
                continue
            if kind == "prediction" and checks.is_promised_thing(text, match):
                if match.group().endswith("ed"):
                    found.setdefault("event", match.group())  # the promise was made
                continue
            if kind == "event" and checks.in_time_clause(text, sentence, match):
                # Still something that happened (it counts towards the score), but the
                # claim is in the main clause: not the sentence's type.
                found.setdefault("dated", match.group())
                continue
            if attribution and attribution.start <= match.start() < attribution.end:
                continue  # "the ministry expects" is who says it, not what is said
            found[kind] = match.group()
            break
    if "event" in found:
        found.pop("dated", None)
    return found


# What a sentence can tell of its speaker alone: what they did or went through, what they
# will do, what they aim at. None of it is checkable unless someone or something else is in it.
ABOUT_SPEAKER = frozenset(("personal_experience", "prediction", "statement"))


def _only_about_speaker(text: str, sentence: Span, found: dict[str, str], gates: set[str]) -> bool:
    """Whether a sentence with no figure, source or comparison only tells of its speaker.

    A belief ("I think ...", "I don't believe ...") with no other cue is an opinion, whoever it
    names; "I" or "my" with nothing else ("That's exactly what I did", "I have no quarrel with
    the Senator") is an aside unless it names someone in a sentence about the past ("I was
    the Cabinet's adviser") or with no "I" or "we" in it ("our member Ana Ruiz is leaving"), or
    tells of something statistics measure ("my taxes went up").
    """
    if not set(found) <= ABOUT_SPEAKER:
        return False
    if lowered_by(text, sentence, gates, ("belief",)):
        return True
    return (
        "personal_experience" in found
        and not (names_someone(text, sentence) and _of_others(text, sentence))
        and not ("measured" in gates and MEASURED_WORD.search(text, sentence.start, sentence.end))
    )


# What a sentence can say of what is yet to come besides the forecast itself: who says it, what
# it would cause, what someone aims at. None of it has happened, so none of it can be checked.
FORETOLD = frozenset(("prediction", "personal_experience", "causal", "statement"))


def _only_foretold(text: str, sentence: Span, found: dict[str, str], gates: set[str]) -> bool:
    """Whether a sentence with no figure, source or comparison only tells what will or would be.

    A forecast, a promise or a hypothetical ("we will win", "that would ruin the harbour",
    "the plan may not work") says nothing that can be checked yet; what was foretold can be ("he
    promised to ...", "the bureau predicted ..."), and so can a sentence that also tells of
    something done or of someone named, unless its subject is "it", "that", "this", "they" or
    "there": "it will ruin the Port Ellis ferry" names no one who acts, only what it is
    about (a forecast of what "Ana Ruiz will open" can be checked when she does or does not).
    What statistics measure is no exception ("it will
    hurt trade" has no figure to check against) unless a cause is given for it ("..., because
    the port lost its trade"), which can be checked now.
    """
    cue = found.get("prediction")
    return (
        cue is not None
        and not cue.endswith("ed")
        and set(found) <= FORETOLD
        and not (
            names_someone(text, sentence)
            and not IMPERSONAL_SUBJECT.match(text, sentence.start, sentence.end)
        )
        and not (
            "causal" in found
            and "measured" in gates
            and MEASURED_WORD.search(text, sentence.start, sentence.end)
        )
    )


def _hypothetical_or_addressed(
    text: str, sentence: Span, found: dict[str, str], gates: set[str]
) -> bool:
    """Whether a sentence with no figure, source or comparison is a condition ("if we invest
    ..., that will save money") or talks to "you" ("you have to be careful"), with nothing
    done and nothing statistics measure in it: a hypothetical or advice, not a fact."""
    span = (sentence.start, sentence.end)
    return (
        (
            ("conditional" in gates and CONDITION.search(text, *span) is not None)
            or ("address" in gates and YOU.search(text, *span) is not None)
        )
        and "event" not in found
        and "dated" not in found
        and not ("measured" in gates and MEASURED_WORD.search(text, sentence.start, sentence.end))
    )


def _one(text: str, fact: Fact) -> bool:
    """Whether a fact is a bare "one": not "only one" or "not one", which count."""
    if fact.kind != "quantity" or fact.value != 1 or fact.qualifier is not None:
        return False
    before = text[max(0, fact.start - 6) : fact.start].split()
    return not (before and before[-1].lower() in ("only", "not"))


def _aside(text: str, sentence: Span, found: dict[str, str], gates: set[str]) -> bool:
    """Whether a sentence with no figure, date or comparison, and nobody named as saying it,
    is an aside: the speaker talking of themselves or to the listener ("I", "we", "you") with
    no cause and nothing on the public record, saying no more than that something happened
    (the caller asks first that it scores no higher than a bare past event). "I met Ana Ruiz
    at the harbour", "we came through hard times", "you know, it was a long night": nobody to
    hold to it, and nothing a record could check. "I vetoed the harbour bill" can be checked,
    whoever says it."""
    span = (sentence.start, sentence.end)
    return (
        "causal" not in found
        and "aside" in gates
        and FIRST_OR_SECOND.search(text, *span) is not None
        and not ("record" in gates and ON_RECORD.search(text, *span))
    )


def _told_by_someone(text: str, sentence: Span, gates: set[str]) -> bool:
    """Whether a sentence with no claimant found tells what someone said all the same: a
    quotation, or "he said" with nobody named before to say who he is."""
    quoted = any(text.find(mark, sentence.start, sentence.end) != -1 for mark in QUOTE_MARKS)
    return quoted or (
        "told" in gates and TOLD_BY.search(text, sentence.start, sentence.end) is not None
    )


def _hedged_view(text: str, sentence: Span, gates: set[str], score: float) -> bool:
    """Whether a sentence with no figure, and nobody named as saying it, is a belief, a
    promise or an ought ("I think", "we will", "we must") that scores under the low-priority
    line: a view or a programme, whatever date or superlative it holds ("I think it was the
    worst winter since 1990"). A figure stays a figure, however hedged."""
    return score < LOW_PRIORITY_BELOW and lowered_by(
        text, sentence, gates, ("belief", "promise", "ought")
    )


def _of_others(text: str, sentence: Span) -> bool:
    """Whether a sentence naming someone tells more than the speaker's present view of them:
    something past, or someone else as its subject (only "my"/"our" of the speaker in it)."""
    return bool(
        PAST.search(text, sentence.start, sentence.end)
        or not SPEAKER.search(text, sentence.start, sentence.end)
    )


def _experience_pattern(attribution: Attribution | None) -> re.Pattern[str] | None:
    """What marks a personal experience: the writer's own "I", or any first or third person
    pronoun in what a person is quoted as saying ("she says she lost two-thirds")."""
    if attribution is None or attribution.how == "speaker":
        return AUTHOR  # in a transcript, as in an article, "I" is the speaker's own
    if kind_of(attribution.claimant) in ("person", "unknown") and (
        attribution.claimant.lower() not in GROUP_NOUNS
    ):
        return PERSONAL
    return None


def _done_by_someone(text: str, match: re.Match[str]) -> bool:
    before = text[max(0, match.start() - 12) : match.start()].split()
    return bool(before) and before[-1].lower() in DOERS


DOERS = frozenset("that which who they we you i he she it".split())


def _claimant_kind(attribution: Attribution | None) -> str | None:
    """ "person" or "organisation" when the claimant's name tells (a speaker is a person)."""
    if attribution is None:
        return None
    kind = kind_of(attribution.claimant)
    if kind == "organisation":
        return kind
    if kind == "person" or attribution.how == "speaker":
        return "person"
    return None
