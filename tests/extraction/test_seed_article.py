"""The running example of DESIGN.md: the Moscow Times article on Zapad/Interaction 2021."""

from pathlib import Path

import pytest

from factcheck.extraction import Claim, extract

SEED = Path(__file__).resolve().parents[2] / "factcheck" / "demo" / "zapad-interaction-2021.txt"
SHARED_SEED = Path("/work/shared/seeds/zapad-interaction-2021.txt")
APPEAL = "A Message from The Moscow Times:"
# Every checkable statement of the article, by its opening words, with who made it (None: the
# paper itself). The context sentence ("Zapad/Interaction 2021 comes amid ...") is not one.
CHECKABLE = [
    ("Russia and China have kicked off", "Russian Defense Ministry"),
    ("More than 10,000 troops are taking part", None),
    ("According to the Kommersant business daily", "Kommersant business daily"),
    ("The Russian military said that it had dispatched", "Russian military"),
    ("\u201cThe objectives of the exercise", "Russian military"),
    ("The drills also aim to", None),
    ("Russia and China have carried out", None),
    ("The sides have stepped up cooperation", None),
    ("President Vladimir Putin has hinted", "President Vladimir Putin"),
    ("Following Zapad/Interaction 2021", None),
]


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


@pytest.mark.skipif(not SHARED_SEED.exists(), reason="the shared seed is not on this machine")
def test_the_demo_copy_is_the_seed_article(text: str) -> None:
    assert SHARED_SEED.read_text(encoding="utf-8") == text


def test_every_checkable_statement_is_a_claim_and_nothing_else(claims: list[Claim]) -> None:
    found = [
        (opening, claim.claimant)
        for claim in claims
        for opening, _ in CHECKABLE
        if claim.text.startswith(opening)
    ]
    assert found == CHECKABLE
    assert len(claims) == len(CHECKABLE)


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
    # Its sentences would be claims on their own: the appeal is cut as a block, not by luck.
    inside = extract(text[appeal:]).claims
    assert inside == []
    alone = extract(text[text.index("We are facing") : text.index("These actions")]).claims
    assert alone, "a sentence of the appeal read alone is a claim, so the block cut matters"


def test_the_donation_appeal_is_boilerplate_up_to_remind_me_later(text: str) -> None:
    [appeal] = extract(text).boilerplate
    assert text[appeal.start : appeal.end].startswith(APPEAL)
    assert text[appeal.start : appeal.end].endswith("Remind me later.")
