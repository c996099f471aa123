"""For any text, extraction returns and every span points at exactly its text."""

from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.extraction import extract

# Characters and fragments that exercise the rules, so that random text reaches them.
NEWS_ALPHABET = st.sampled_from([
    *"abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.,;:!?%$€£-'\"()\n\r",
    "\u201c", "\u201d", "\u2019", "\u2028", " said ", " according to ", " more than ",
    " million ", " the largest ", " percent", "U.S.", "Dr. ", " she says", " it said",
    "Read more:", "Dear readers,", " will ", " because ", " law ", " must ",
])
TEXT = st.one_of(st.text(), st.lists(NEWS_ALPHABET, max_size=200).map("".join))


@given(TEXT)
@settings(max_examples=400, deadline=None)
def test_every_span_matches_its_text_for_any_input(text: str) -> None:
    result = extract(text)
    for claim in result.claims:
        assert text[claim.start : claim.end] == claim.text
        assert 0.0 <= claim.score <= 1.0
        for fact in claim.facts:
            assert text[fact.start : fact.end] == fact.text
            assert claim.start <= fact.start <= fact.end <= claim.end
    for span in [*result.sentences, *result.boilerplate]:
        assert 0 <= span.start < span.end <= len(text)
        assert not text[span.start].isspace() and not text[span.end - 1].isspace()
    starts = [span.start for span in result.sentences]
    assert starts == sorted(starts)
