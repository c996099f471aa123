"""The running example of DESIGN.md: the Moscow Times article on Zapad/Interaction 2021."""

from pathlib import Path

import pytest

from factcheck.extraction import Claim, extract

SEED = Path(__file__).resolve().parents[2] / "factcheck" / "demo" / "zapad-interaction-2021.txt"
APPEAL = "A Message from The Moscow Times:"


@pytest.fixture(scope="module")
def text() -> str:
    with SEED.open(encoding="utf-8", newline="") as handle:
        return handle.read()


@pytest.fixture(scope="module")
def claims(text: str) -> list[Claim]:
    return extract(text).claims


def claim_with(claims: list[Claim], words: str) -> Claim:
    [found] = [claim for claim in claims if words in claim.text]
    return found


def test_troop_count_is_a_quantity_claim(claims: list[Claim]) -> None:
    claim = claim_with(claims, "More than 10,000 troops")
    assert claim.type == "quantity"
    assert "quantity: More than 10,000 troops" in claim.reasons
    troops = next(fact for fact in claim.facts if fact.kind == "quantity")
    assert (troops.qualifier, troops.value, troops.unit) == ("more than", 10000.0, "troops")


def test_first_use_of_chinese_weapons_is_a_superlative_attributed_to_kommersant(
    claims: list[Claim],
) -> None:
    claim = claim_with(claims, "Chinese-made weapons")
    assert claim.type == "superlative"
    assert claim.claimant is not None and "Kommersant" in claim.claimant
    assert "superlative: for the first time in history" in claim.reasons


def test_putin_alliance_hint_is_a_prediction_by_putin(claims: list[Claim]) -> None:
    claim = claim_with(claims, "military alliance")
    assert claim.type == "prediction"
    assert claim.claimant is not None and "Putin" in claim.claimant


def test_statement_pronoun_is_resolved_to_the_russian_military(claims: list[Claim]) -> None:
    claim = claim_with(claims, "it said in a statement")
    assert claim.claimant == "Russian military"


def test_nothing_from_the_donation_appeal_is_a_claim(text: str, claims: list[Claim]) -> None:
    appeal = text.index(APPEAL)
    assert all(claim.end <= appeal for claim in claims)


def test_the_donation_appeal_is_boilerplate_up_to_remind_me_later(text: str) -> None:
    [appeal] = extract(text).boilerplate
    assert text[appeal.start : appeal.end].startswith(APPEAL)
    assert text[appeal.start : appeal.end].endswith("Remind me later.")
