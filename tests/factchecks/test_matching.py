"""Matching a new text against imported fact-checks: paraphrases, noisy posts, figures."""

import io

import pytest

from factcheck import matchtext
from factcheck.factchecks.matching import factchecks_matching
from factcheck.factchecks.services import factchecks_import

pytestmark = pytest.mark.django_db

# Made-up fact-checks, in the shape of a publisher's archive (id, claim, title).
ARCHIVE_ROWS = [
    (
        "1",
        "The town of Eastbrook banned dogs from all public parks in March 2023.",
        "Did Eastbrook Ban Dogs From Its Parks?",
    ),
    (
        "2",
        "Senator Mara Quinn said solar panels cause more cancer than cigarettes.",
        "Did Mara Quinn Say Solar Panels Cause Cancer?",
    ),
    (
        "3",
        "A photograph shows a shark swimming on a flooded highway after Hurricane Ilse.",
        "Shark on a Flooded Highway?",
    ),
    (
        "4",
        "The national debt grew by 40 billion dollars in the first month of the new government.",
        "Debt Up $40 Billion in a Month?",
    ),
    (
        "5",
        "The national debt grew by 12 billion dollars in the first month of the new government.",
        "Debt Up $12 Billion in a Month?",
    ),
    (
        "6",
        "Drinking hot water with lemon cures seasonal flu within two days.",
        "Does Hot Lemon Water Cure the Flu?",
    ),
    (
        "7",
        "A video shows a bear opening a car door in a supermarket parking lot.",
        "Bear Opens Car Door?",
    ),
    (
        "8",
        "The city council of Westford voted to rename Main Street after a football player.",
        "Westford Renames Main Street?",
    ),
]
ARCHIVE = "\tvclaim\ttitle\n" + "".join("\t".join(row) + "\n" for row in ARCHIVE_ROWS)


@pytest.fixture
def archive() -> None:
    factchecks_import(source=io.BytesIO(ARCHIVE.encode()), publisher="Archive Desk")


def best(text: str, **kwargs: object) -> str:
    matches = factchecks_matching(text=text, **kwargs)  # type: ignore[arg-type]
    assert matches, f"nothing matched {text!r}"
    return matches[0][0].external_id


def test_a_paraphrase_finds_the_fact_check(archive) -> None:
    assert best("Dogs are no longer allowed in any park in Eastbrook since last spring.") == "1"
    assert best("Is it true lemon in hot water gets rid of the flu in 48 hours?") == "6"


def test_a_noisy_post_finds_the_fact_check_behind_its_links_handles_and_hashtags(archive) -> None:
    post = (
        "Unbelievable!!! #SharkOnTheHighway after #HurricaneIlse https://t.co/AbCd1234 "
        "pic.twitter.com/xYz987 via @StormWatchers \u2014 Weather Fan (@wxfan99) September 3, 2023"
    )
    assert best(post) == "3"


def test_the_figure_decides_between_two_fact_checks_of_the_same_wording(archive) -> None:
    assert best("In its first month the new government added $40 billion to the debt.") == "4"
    assert best("In its first month the new government added $12 billion to the debt.") == "5"


def test_the_posts_author_is_matched_as_the_claimant(archive) -> None:
    post = "Solar is worse for your health than smoking. \u2014 Mara Quinn (@SenQuinn) May 2, 2024"
    matches = factchecks_matching(text=post)
    assert matches[0][0].external_id == "2"
    assert "same claimant" in matches[0][1].reasons


def test_a_match_is_confident_and_unrelated_text_is_not(archive) -> None:
    found = factchecks_matching(text="Eastbrook banned dogs from its public parks in March 2023.")
    assert found[0][0].external_id == "1"
    assert found[0][1].confidence >= 0.5
    unrelated = factchecks_matching(text="The orchestra will tour four countries next year.")
    assert all(ranked.confidence < 0.5 for _, ranked in unrelated)


def test_the_sqlite_fallback_ranks_the_same_best_match(archive) -> None:
    for text in (
        "Dogs are no longer allowed in any park in Eastbrook since last spring.",
        "Video: bear opens a car in a supermarket car park",
        "Westford council renames Main Street after a footballer",
    ):
        assert best(text, in_python=True) == best(text)


def test_cleaning_keeps_words_and_sets_the_signature_apart() -> None:
    cleaned = matchtext.clean(
        "Vote #DefundTheCBC now @JaneDoe42 https://t.co/x pic.twitter.com/abc "
        "\u2014 John Smith (@jsmith) January 6, 2020"
    )
    assert cleaned.text == "Vote Defund The CBC now Jane Doe 42"
    assert cleaned.claimant == "John Smith"
    assert matchtext.month_year("Hello \u2014 A B (@ab) January 6, 2020") == ("january", "2020")
    assert matchtext.figures("More than 10,000 troops and 12% of voters") == {10000.0, 12.0}
