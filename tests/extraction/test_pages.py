"""Real pages: furniture by its shape, datelines, repeats, statements that read alone."""

import pytest

from factcheck.extraction import Span, extract
from factcheck.extraction.classify import LOW_PRIORITY_BELOW

STORY = "The harbour board said it handled 41,000 containers in 2025, up 12% on the year before."


def boilerplate(text: str) -> list[str]:
    return [text[span.start : span.end] for span in extract(text).boilerplate]


@pytest.mark.parametrize(
    "line",
    [
        "Your browser is out of date and some features may not work.",
        "Thu, April 2, 2026",
        "14 MARCH 2026",
        "Fri 3 Apr 2026 09.41 BST",
        "11:45 am",
        "Aired April 2, 2026 - 20:00 ET",
        "Harbour cranes idle as strike enters second week 03:17",
        "61\u00b0 F",
        "1.",
        "(2)",
        "Container Traffic",
        "You might also like.",
        "You may occasionally receive promotional content from the Daily Tide.",
        "Look back over our coverage of the port strike.",
        "This article is more than 6 years old",
        "4 mins to read",
        "Home > Business > Shipping",
        "Share: Email | Print",
        "Containers handled by quarter, 2025 (Source: Harbour Board)",
        "Mayor Ana Ruiz speaking at the terminal opening on Friday.",
        "What the strike means for you:",
        "Annual Report of the Harbour Board for the Year",
        "[Applause]",
        "(CROSSTALK)",
        "Riverton, Apr 2: The mayor praised the harbour crews on Friday, calling them...",
        "Cup final: Riverton striker admits to surprise at the early goal",
        "Cranes stand idle at the container terminal on Friday. Photo: Ana Costa",
    ],
)
def test_page_furniture_is_boilerplate_by_its_shape_and_never_a_claim(line: str) -> None:
    text = f"{line}\n{STORY}"
    result = extract(text)
    assert boilerplate(text) == [line]
    assert [claim.text for claim in result.claims] == [STORY]


def test_a_drop_cap_letter_on_its_own_line_is_furniture() -> None:
    text = "T\nhe harbour board handled 41,000 containers in 2025."
    assert boilerplate(text) == ["T"]


@pytest.mark.parametrize(
    "dateline",
    [
        "RIVERTON (Tide Wire) - ",
        "RIVERTON, April 2 (TW) -- ",
        "Riverton, Apr 2: ",
        "PORT ELLIS \u2014 ",
        "RIVERTON: ",
    ],
)
def test_a_dateline_is_cut_from_the_claim_and_greyed_out(dateline: str) -> None:
    text = f"{dateline}{STORY}"
    [claim] = extract(text).claims
    assert claim.text == STORY
    assert text[claim.start : claim.end] == claim.text
    assert boilerplate(text) == [dateline.strip()]
    assert claim.claimant == "harbour board"


def test_a_capitalised_sentence_opening_is_not_taken_for_a_dateline() -> None:
    text = "Harbour Board figures show 41,000 containers were handled in 2025."
    [claim] = extract(text).claims
    assert claim.start == 0


def test_a_repeated_sentence_is_one_claim_with_extra_spans() -> None:
    headline = "Harbour handled 41,000 containers in 2025"
    text = f"{headline}\n{STORY}\nThe strike cost $3 million.\n\u201c{headline}.\u201d"
    result = extract(text)
    first, *others = [claim for claim in result.claims if "41,000" in claim.text]
    assert first.text == headline
    second = text.rindex(headline)
    quoted = Span(second - 1, second + len(headline) + 2)  # the sentence with its quotes
    assert first.extra_spans == (quoted,)
    assert [claim.text for claim in others] == [STORY]
    assert first.to_dict()["extra_spans"] == [{"start": quoted.start, "end": quoted.end}]


def test_a_leading_pronoun_subject_is_named_in_the_statement_and_the_span_stays_exact() -> None:
    text = (
        "The harbour board said on Monday that 41,000 containers were handled.\n"
        "It had hired 300 dockers to clear the backlog, the board said.\n"
        "Port director Ana Ruiz opened the terminal in 2024.\n"
        "She said it cost $40 million.\n"
        "It is likely that 12 more cranes will arrive."
    )
    claims = extract(text).claims
    statements = [claim.statement for claim in claims]
    assert statements[0] == "41,000 containers were handled."
    assert statements[1] == "The harbour board had hired 300 dockers to clear the backlog."
    assert "It is likely that 12 more cranes will arrive." in statements
    for claim in claims:
        assert text[claim.start : claim.end] == claim.text


def test_an_unresolved_attribution_tail_is_left_out_of_the_statement() -> None:
    [claim] = extract('"We moved 41,000 containers last year," he said.').claims
    assert claim.statement == "We moved 41,000 containers last year."
    assert claim.text.endswith("he said.")


def test_a_quotation_continued_in_the_next_paragraph_keeps_its_speaker() -> None:
    text = (
        '"The port moved 41,000 containers in 2025," harbour master Jo Lind said.\n'
        '"That was the busiest year on record. Volumes rose 12% after the new berth opened."'
    )
    claims = extract(text).claims
    assert [claim.claimant for claim in claims] == ["harbour master Jo Lind"] * 3


def test_a_title_for_a_person_named_before_resolves_to_the_person() -> None:
    text = (
        "President Ana Ruiz opened the new berth in Port Ellis on Monday.\n"
        "The President said the berth cost $40 million and would create 300 jobs."
    )
    claims = extract(text).claims
    assert claims[-1].claimant == "President Ana Ruiz"
    assert claims[-1].claimant_kind == "person"


def test_the_claimant_kind_says_person_or_organisation() -> None:
    text = (
        "The container volume rose 12% in 2025, the Harbour Board said.\n"
        "Volumes will fall 5% next year, said port director Ana Ruiz."
    )
    kinds = [claim.claimant_kind for claim in extract(text).claims]
    assert kinds == ["organisation", "person"]


def test_the_score_ranks_figures_and_events_above_beliefs_and_promises() -> None:
    text = (
        "Unemployment rose from 4.1% to 5.3% between 2023 and 2025, the statistics office said.\n"
        "The government cut the harbour budget by $40 million last year.\n"
        "I think we will cut unemployment by 2% in 2027, because we care.\n"
        # Someone's promise (with nobody saying it, a hedged view under the line is no claim).
        "We will build a new harbour for the workers of Port Ellis in 2030, she said.\n"
    )
    figures, event, belief, promise = extract(text).claims
    assert figures.score > event.score > belief.score > promise.score
    assert promise.score < LOW_PRIORITY_BELOW <= event.score
    assert any(reason.startswith("belief: I think") for reason in belief.reasons)
    assert any(reason.startswith("promise: We will") for reason in promise.reasons)


def test_whom_something_was_told_to_is_not_the_claimant() -> None:
    text = (
        "Ana Ruiz, spokeswoman for the harbour board, told the Tide Wire that 41,000 "
        "containers were handled in 2025."
    )
    [claim] = extract(text).claims
    assert claim.claimant == "Ana Ruiz"


def test_a_quoted_paragraph_after_an_attributed_one_is_the_same_speakers() -> None:
    text = (
        "Harbour master Jo Lind said the new berth would open in May.\n"
        '"The two new cranes will double what we can handle by 2027."'
    )
    claims = extract(text).claims
    assert [claim.claimant for claim in claims] == ["Harbour master Jo Lind"] * 2


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("An increase was recorded in the price of bread and rice.", "quantity"),
        ("Harbour lending continued to fall in the spring.", "quantity"),
        ("One of the dockers tripped and fell while running for the gate.", "event"),
        ("Dredging that increases the depth of the channel was approved in May.", "event"),
    ],
)
def test_a_change_in_a_measure_is_a_quantity_even_without_a_figure(text: str, kind: str) -> None:
    [claim] = extract(text).claims
    assert claim.type == kind


def test_what_someone_is_charged_with_causing_is_not_a_causal_claim() -> None:
    [claim] = extract("The docker was charged with causing harm to a guard in May.").claims
    assert claim.type == "event"


@pytest.mark.parametrize("time", ["7 p.m.", "7pm", "11 am"])
def test_a_clock_time_is_not_a_quantity(time: str) -> None:
    [claim] = extract(f"The ferry left the harbour at {time} on Friday.").claims
    assert "quantity" not in [fact.kind for fact in claim.facts]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("The new ferry is scheduled to sail on Monday.", "prediction"),
        ("The harbour board said dockers were going to visit the berth on Monday.", "statement"),
    ],
)
def test_a_timetable_is_a_prediction_and_a_past_plan_is_not(text: str, kind: str) -> None:
    [claim] = extract(text).claims
    assert claim.type == kind
