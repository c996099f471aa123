"""The values the extractor returns: plain frozen dataclasses with JSON-able dicts."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

# After Full Fact's typology, plus `event` and `statement` (DESIGN.md section 6).
CLAIM_TYPES: tuple[str, ...] = (
    "quantity",
    "superlative",
    "causal",
    "prediction",
    "rule",
    "event",
    "statement",
    "personal_experience",
    "other",
)


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int

    def to_dict(self) -> dict[str, int]:
        return {"start": self.start, "end": self.end}


@dataclass(frozen=True)
class Fact:
    kind: str
    text: str
    start: int
    end: int
    qualifier: str | None = None
    value: float | None = None
    unit: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "qualifier": self.qualifier,
            "value": self.value,
            "unit": self.unit,
        }


@dataclass(frozen=True)
class Claim:
    start: int
    end: int
    text: str
    type: str
    claimant: str | None
    score: float
    reasons: tuple[str, ...]
    facts: tuple[Fact, ...]
    statement: str
    # Where the same sentence appears again in the text (a headline echoed in the lead).
    extra_spans: tuple[Span, ...] = ()
    claimant_kind: str | None = None  # "person" or "organisation" when the name tells

    def to_dict(self) -> dict[str, Any]:
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "type": self.type,
            "claimant": self.claimant,
            "claimant_kind": self.claimant_kind,
            "score": self.score,
            "reasons": list(self.reasons),
            "statement": self.statement,
            "facts": [fact.to_dict() for fact in self.facts],
            "extra_spans": [span.to_dict() for span in self.extra_spans],
        }


@dataclass(frozen=True, slots=True)
class Extraction:
    claims: list[Claim]
    sentences: list[Span]
    boilerplate: list[Span]

    def to_dict(self) -> dict[str, Any]:
        return {
            "claims": [claim.to_dict() for claim in self.claims],
            "sentences": [span.to_dict() for span in self.sentences],
            "boilerplate": [span.to_dict() for span in self.boilerplate],
        }


# Extraction makes thousands of facts and claims. A frozen dataclass's generated __init__
# sets each field through object.__setattr__, which made up a tenth of the run time; these
# build the same immutable objects in one step.
_new = object.__new__
_set = object.__setattr__


def make_fact(
    kind: str,
    text: str,
    start: int,
    end: int,
    qualifier: str | None = None,
    value: float | None = None,
    unit: str | None = None,
) -> Fact:
    fact = _new(Fact)
    _set(
        fact,
        "__dict__",
        {
            "kind": kind,
            "text": text,
            "start": start,
            "end": end,
            "qualifier": qualifier,
            "value": value,
            "unit": unit,
        },
    )
    return fact


def make_claim(
    start: int,
    end: int,
    text: str,
    type: str,
    claimant: str | None,
    score: float,
    reasons: tuple[str, ...],
    facts: tuple[Fact, ...],
    statement: str,
    claimant_kind: str | None = None,
) -> Claim:
    claim = _new(Claim)
    _set(
        claim,
        "__dict__",
        {
            "start": start,
            "end": end,
            "text": text,
            "type": type,
            "claimant": claimant,
            "score": score,
            "reasons": reasons,
            "facts": facts,
            "statement": statement,
            "extra_spans": (),
            "claimant_kind": claimant_kind,
        },
    )
    return claim


def with_extra_spans(claim: Claim, spans: tuple[Span, ...]) -> Claim:
    """The same claim, found again at spans."""
    copy = _new(Claim)
    _set(copy, "__dict__", {**claim.__dict__, "extra_spans": spans})
    return copy
