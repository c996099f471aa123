"""propose(): what the rules make of a passage a reviewer selected by hand."""

from factcheck.extraction import propose

# Made up for these tests.
TEXT = (
    "Mayor Anna Lind opened the new bridge on Tuesday.\n\n"
    "“The bridge carries 30,000 cars a day, twice the old one,” she said.\n\n"
    "'We will finish the tunnel by 2030,' he said.\n\n"
    "What a day it was!\n"
)


def span(words: str) -> tuple[int, int]:
    start = TEXT.index(words)
    return start, start + len(words)


def test_a_quote_loses_its_marks_and_attribution_tail_and_gets_the_speaker() -> None:
    quote = "“The bridge carries 30,000 cars a day, twice the old one,” she said."
    claim = propose(TEXT, *span(quote))
    assert claim.statement == "The bridge carries 30,000 cars a day, twice the old one."
    assert claim.claimant == "Mayor Anna Lind"
    assert claim.type == "quantity"


def test_a_selection_cut_inside_the_quote_is_trimmed_the_same_way() -> None:
    claim = propose(TEXT, *span("The bridge carries 30,000 cars a day, twice the old one,” she"))
    assert claim.statement == "The bridge carries 30,000 cars a day, twice the old one."


def test_an_unresolved_pronoun_tail_is_dropped_and_no_claimant_invented() -> None:
    claim = propose(TEXT, *span("'We will finish the tunnel by 2030,' he said."))
    assert claim.statement == "We will finish the tunnel by 2030."
    assert claim.type == "prediction"


def test_a_passage_with_nothing_to_check_is_proposed_as_other() -> None:
    claim = propose(TEXT, *span("What a day it was!"))
    assert (claim.statement, claim.type, claim.claimant) == ("What a day it was!", "other", None)


def test_a_selection_in_a_spanish_article_is_read_by_the_spanish_rules() -> None:
    text = "La cosecha creció un 6,4% en 2024, según el Consejo Agrario. Nadie lo discutió."
    end = text.index(" Nadie")
    spanish = propose(text, 0, end, language="es")
    assert spanish.claimant == "Consejo Agrario"
    assert spanish.statement == "La cosecha creció un 6,4% en 2024."
    assert [fact.value for fact in spanish.facts if fact.kind == "percentage"] == [6.4]
    assert propose(text, 0, end).claimant is None  # the English rules know no "según"
