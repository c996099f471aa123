"""The trie-shaped alternation that every word list is compiled into."""

import re

from hypothesis import given
from hypothesis import strategies as st

from factcheck.extraction.lexicon import alternation, triggers, words_of

WORDS = st.lists(
    st.text("abcde ", min_size=1, max_size=6).map(str.strip).filter(bool), min_size=1, max_size=12
)


@given(WORDS, st.text("abcde ", max_size=6))
def test_an_alternation_matches_exactly_its_phrases(phrases: list[str], other: str) -> None:
    pattern = re.compile(rf"{alternation(phrases)}")
    for phrase in phrases:
        assert pattern.fullmatch(phrase)
    # A space in a phrase stands for any run of white space.
    normalised = {" ".join(phrase.split()) for phrase in phrases}
    expected = other == other.strip() and " ".join(other.split()) in normalised
    assert bool(pattern.fullmatch(other)) == expected


def test_a_capitalised_alternation_also_matches_at_the_start_of_a_sentence() -> None:
    pattern = re.compile(alternation(["last year"], capitalised=True))
    assert pattern.fullmatch("Last year")
    assert pattern.fullmatch("last  year")
    assert not pattern.fullmatch("LAST YEAR")


def test_the_trigger_of_a_phrase_is_a_word_it_cannot_match_without() -> None:
    assert triggers(["a ban on", "due to", "will"]) == {"ban", "due", "will"}


def test_the_word_index_holds_lower_case_words_and_suffix_markers() -> None:
    assert words_of("The Ministry’s troops WON’T stay; they'll go. The largest moved.") == {
        "the",
        "ministry's",
        "ministry",
        "troops",
        "won't",
        "stay",
        "they'll",
        "go",
        "largest",
        "moved",
        "-'ll",
        "-est",
        "-ed",
        # and the parts around an apostrophe, which a rule's \b also sees as words
        "s",
        "won",
        "t",
        "they",
        "ll",
    }
