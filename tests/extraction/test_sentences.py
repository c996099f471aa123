"""Sentence splitting keeps exact offsets and knows the habits of news text."""

import pytest

from factcheck.extraction.sentences import split


def sentences(text: str) -> list[str]:
    return [text[span.start : span.end] for span in split(text)]


def test_a_line_break_ends_a_headline_without_a_full_stop() -> None:
    text = "Drought cuts harvest\nFarmers expect less wheat. Prices rose."
    assert sentences(text) == ["Drought cuts harvest", "Farmers expect less wheat.", "Prices rose."]


@pytest.mark.parametrize(
    "text",
    [
        "The withdrawal of U.S.-led forces from Afghanistan began.",
        "It had dispatched Su-30SM fighters to the drill ground.",
        "The council will meet on Feb. 12 to vote.",
        "Dr. Priya Raman and Mr. Jones work at St. Brigid's Hospital.",
        "Prices rose 2.5 percent in the U.S. economy last year.",
        "Inflation, e.g. in food prices, stayed high.",
    ],
)
def test_abbreviations_decimals_and_model_names_do_not_end_a_sentence(text: str) -> None:
    assert sentences(text) == [text]


def test_a_quotation_with_its_attribution_after_it_stays_one_sentence() -> None:
    text = '"We have enough grain," Dobrev said. "There will be no shortages."'
    assert sentences(text) == [
        '"We have enough grain," Dobrev said.',
        '"There will be no shortages."',
    ]


def test_a_question_in_a_quotation_followed_by_a_pronoun_stays_one_sentence() -> None:
    text = '"Is that sustainable?" she asked.'
    assert sentences(text) == [text]


def test_an_abbreviation_at_the_end_of_a_sentence_ends_it_before_a_typical_opener() -> None:
    text = "Sanctions were imposed by the U.S. The talks collapsed."
    assert sentences(text) == ["Sanctions were imposed by the U.S.", "The talks collapsed."]


def test_offsets_point_into_text_with_windows_line_breaks_and_surrounding_space() -> None:
    text = "  First line.\r\n\r\nSecond one!  Third?\u2028Fourth"
    spans = split(text)
    assert [text[s.start : s.end] for s in spans] == [
        "First line.", "Second one!", "Third?", "Fourth",
    ]
    assert spans[0].start == 2


def test_a_full_stop_with_no_space_after_it_still_ends_a_sentence_between_words() -> None:
    text = 'The port grew 12% (Harbour Board)."The berth is new. It cost $40 million.Next year'
    pieces = [text[span.start : span.end] for span in split(text)]
    assert pieces == ["The port grew 12% (Harbour Board).", '"The berth is new.',
                      "It cost $40 million.", "Next year"]
    abbreviated = "Call Dr.Smith at 10 a.m.Tomorrow"
    assert [abbreviated[s.start : s.end] for s in split(abbreviated)] == [abbreviated]
