"""The reader's segments: plain, claim and boilerplate pieces cut from the article text."""

import random

from hypothesis import given
from hypothesis import strategies as st

from factcheck.articles.highlight import ClaimSpan, in_context, segments

BODY = "Troops gathered. More than 10,000 took part. Donate now to support us."


def test_segments_put_each_claim_in_place_between_plain_text() -> None:
    start = BODY.index("More")
    end = BODY.index("part.") + 5
    parts = segments(BODY, [ClaimSpan(7, start, end, "checking")])
    assert [(p.text, p.claim_id, p.status) for p in parts] == [
        ("Troops gathered. ", None, ""),
        ("More than 10,000 took part.", 7, "checking"),
        (" Donate now to support us.", None, ""),
    ]
    assert parts[1].first


def test_boilerplate_is_marked_and_can_hold_a_claim() -> None:
    grey_start = BODY.index("Donate")
    parts = segments(BODY, [ClaimSpan(1, grey_start, grey_start + 6)], [[grey_start, len(BODY)]])
    assert [(p.text, p.claim_id, p.boilerplate) for p in parts] == [
        (BODY[:grey_start], None, False),
        ("Donate", 1, True),
        (" now to support us.", None, True),
    ]


def test_overlapping_claims_give_the_shorter_one_the_overlap() -> None:
    long_claim = ClaimSpan(1, 0, 44)
    short_claim = ClaimSpan(2, 17, 44)
    parts = segments(BODY, [long_claim, short_claim])
    assert [(p.start, p.end, p.claim_id, p.also) for p in parts] == [
        (0, 17, 1, ()),
        (17, 44, 2, (1,)),
        (44, len(BODY), None, ()),
    ]


def test_spans_outside_the_text_are_clipped_and_empty_ones_ignored() -> None:
    parts = segments("abc", [ClaimSpan(1, 2, 99), ClaimSpan(2, 5, 9), ClaimSpan(3, 1, 1)])
    assert [(p.text, p.claim_id) for p in parts] == [("ab", None), ("c", 1)]


def test_an_empty_article_has_no_segments() -> None:
    assert segments("", [ClaimSpan(1, 0, 3)]) == []


spans = st.lists(
    st.tuples(st.integers(-5, 80), st.integers(-5, 80), st.sampled_from(["new", "published"])),
    max_size=12,
)
greys = st.lists(st.tuples(st.integers(-5, 80), st.integers(-5, 80)), max_size=4)


@given(body=st.text(max_size=70), raw=spans, grey=greys, seed=st.integers())
def test_segments_always_rebuild_the_text_and_ignore_input_order(body, raw, grey, seed) -> None:
    claims = [ClaimSpan(i + 1, a, b, status) for i, (a, b, status) in enumerate(raw)]
    parts = segments(body, claims, grey)
    assert "".join(p.text for p in parts) == body
    assert all(p.text == body[p.start : p.end] and p.start < p.end for p in parts)
    by_id = {c.id: c for c in claims}
    for part in parts:
        if part.claim_id is not None:
            claim = by_id[part.claim_id]
            assert claim.start <= part.start and part.end <= claim.end
        inside_grey = all(any(a <= i < b for a, b in grey) for i in range(part.start, part.end))
        assert part.boilerplate == inside_grey
    shuffled = claims[:]
    random.Random(seed).shuffle(shuffled)
    assert segments(body, shuffled, grey) == parts


def test_quote_in_context_cuts_at_the_paragraph() -> None:
    body = (
        "First paragraph here.\nThe troops came. More than 10,000 took part. Then.\n"
        "The last paragraph is long."
    )
    start = body.index("More")
    view = in_context(body, start, start + 27, radius=20)
    assert (view.before, view.quote, view.after) == (
        "The troops came. ",
        "More than 10,000 took part.",
        " Then.",
    )
    assert view.cut_before and view.cut_after
