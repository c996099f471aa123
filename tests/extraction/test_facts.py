"""Facts inside a sentence: numbers with qualifier and unit, money, dates, superlatives."""

import pytest

from factcheck.extraction import Fact
from factcheck.extraction.facts import find


def facts(text: str) -> list[Fact]:
    return list(find(text, 0, len(text)))


def only(text: str, kind: str) -> Fact:
    [fact] = [fact for fact in facts(text) if fact.kind == kind]
    return fact


def test_a_quantity_keeps_its_qualifier_value_and_unit() -> None:
    fact = only("More than 10,000 troops are taking part.", "quantity")
    assert (fact.text, fact.qualifier, fact.value, fact.unit) == (
        "More than 10,000 troops",
        "more than",
        10000.0,
        "troops",
    )


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("harvest about 31 million tonnes of wheat", 31e6, "tonnes"),
        ("would add 120 police officers and", 120.0, "police officers"),
        ("to recruit 50,000 more nurses by 2029", 50000.0, "nurses"),
        ("one in four nursing posts was vacant", 0.25, "nursing posts"),
        ("she had lost two-thirds of her crop", 2 / 3, None),
        ("droughts about three times more likely", 3.0, "times"),
        ("at least one registered nurse for every eight patients", 1.0, "registered nurse"),
        ("Tens of thousands of households are behind on bills", None, "households"),
        ("This is the third robbery on King Street this year.", 3.0, "robbery"),
        ("Traffic on the island has doubled since 2010.", 2.0, "times"),
        ("temperatures of up to 42C were making it worse", 42.0, "\u00b0C"),
    ],
)
def test_quantities_in_words_figures_fractions_and_ratios(
    text: str, value: float | None, unit: str | None
) -> None:
    fact = facts(text)[0]
    assert fact.kind == "quantity"
    assert fact.value == (None if value is None else pytest.approx(value))
    assert fact.unit == unit


@pytest.mark.parametrize(
    ("text", "kind", "value"),
    [
        ("The new line would bring a million passengers a year.", "quantity", 1e6),
        ("The dredging cost a billion dollars.", "money", 1e9),
        ("Forty-two thousand Canadians crossed by ferry.", "quantity", 42e3),
        ("We lost two hundred Atlantic trawlers.", "quantity", 200.0),
    ],
)
def test_a_large_number_in_words_is_a_figure_whatever_follows_it(
    text: str, kind: str, value: float
) -> None:
    assert only(text, kind).value == value


@pytest.mark.parametrize(
    "text",
    ["The word everyone used that year was billion.", "Two of them came back, one Norwegian."],
)
def test_a_scale_alone_or_a_small_number_word_without_a_noun_is_no_figure(text: str) -> None:
    assert not facts(text)


def test_percentages_and_money_are_their_own_kinds() -> None:
    found = facts("Fares rose from $2.25 to £3bn, by more than 3% and 0.4 percentage points.")
    assert [(f.kind, f.text, f.value) for f in found] == [
        ("money", "$2.25", 2.25),
        ("money", "£3bn", 3e9),
        ("percentage", "more than 3%", 3.0),
        ("percentage", "0.4 percentage points", 0.4),
    ]


def test_dates_and_durations() -> None:
    found = facts("Since 2005 the five-day drills ran for six months from March 1 until Feb. 12.")
    assert [(f.kind, f.text) for f in found] == [
        ("date", "Since 2005"),
        ("duration", "five-day"),
        ("duration", "six months"),
        ("date", "from March 1"),
        ("date", "until Feb. 12"),
    ]
    assert found[0].qualifier == "since"
    assert found[0].value == 2005.0


@pytest.mark.parametrize(
    "text",
    [
        "Zapad/Interaction 2021 comes amid the withdrawal.",
        "It dispatched Su-30SM fighters and COVID-19 teams.",
        "The two countries relied on one-off grants, one of the largest sources.",
        "The meeting starts at 10:30.",
        '"I do not know what to do," said mill worker Tom Reed, 52.',
    ],
)
def test_names_codes_and_references_are_not_quantities(text: str) -> None:
    assert not [fact for fact in facts(text) if fact.kind == "quantity"]


@pytest.mark.parametrize(
    ("text", "superlative"),
    [
        ("troops will use them for the first time in history.", "for the first time in history"),
        (
            "a budget of $412 million, the largest in the city's history,",
            "the largest in the city's history",
        ),
        ("the world's fifth-largest wheat exporter", "world's fifth-largest"),
        ("the first in the state to limit rent rises", "the first in the state to limit"),
        ("the most expensive project", "the most expensive"),
    ],
)
def test_superlatives_and_firsts(text: str, superlative: str) -> None:
    assert only(text, "superlative").text == superlative


def test_words_ending_in_est_are_not_all_superlatives() -> None:
    text = "The latest forecast raised interest in the west, at least for the rest of us."
    assert not [fact for fact in facts(text) if fact.kind == "superlative"]


@pytest.mark.parametrize(
    "text",
    [
        "It was the hardest decision of his life.",
        "Our harbour has the finest sailors anywhere, and the best fishermen.",
        "Bringing the ferry back is the most important thing we can do.",
    ],
)
def test_a_superlative_that_judges_is_no_fact(text: str) -> None:
    assert not [fact for fact in facts(text) if fact.kind == "superlative"]


@pytest.mark.parametrize(
    ("text", "superlative"),
    [
        ("It was the best harvest in the country.", "the best"),
        ("Port Ellis has the best record by far.", "the best"),
        ("The port saw the greatest loss since the war.", "the greatest"),
    ],
)
def test_a_judging_superlative_ranked_in_a_field_is_a_fact(text: str, superlative: str) -> None:
    assert only(text, "superlative").text == superlative


def test_fact_offsets_are_absolute_in_the_text() -> None:
    text = "Intro. The vote was 7-2 on Tuesday."
    for fact in find(text, 7, len(text)):
        assert text[fact.start : fact.end] == fact.text
