"""Who makes each claim: 'according to X', 'X said', trailing attributions, pronouns."""

import pytest

from factcheck.extraction import extract


def claimants(text: str) -> list[str | None]:
    return [claim.claimant for claim in extract(text).claims]


@pytest.mark.parametrize(
    ("text", "claimant"),
    [
        (
            "According to the Kommersant business daily, troops will use 300 tanks.",
            "Kommersant business daily",
        ),
        (
            "Exports fell 5%, according to the agriculture ministry's latest forecast.",
            "agriculture ministry",
        ),
        (
            "Fares rise to $2.75, according to a summary published by the finance department.",
            "finance department",
        ),
        (
            "Russia and China have kicked off drills, the Russian Defense Ministry announced Monday.",  # noqa: E501
            "Russian Defense Ministry",
        ),
        (
            "The Russian military said that it had dispatched fighters to the drill ground.",
            "Russian military",
        ),
        ('"This is a budget for working families," Ruiz told reporters outside City Hall.', "Ruiz"),
        ("Tom Becker, as you may know, said that the port handled 41,000 boxes.", "Tom Becker"),
        (
            "Waits have been linked to deaths, a 2022 study in the Emergency Medicine Journal found.",  # noqa: E501
            "Emergency Medicine Journal",
        ),
        (
            "Council member Tom Becker, who voted against the plan, said fares rose 20%.",
            "Council member Tom Becker",
        ),
        (
            '"Cleaner air could prevent 900 cases," said lead author Dr. Priya Raman.',
            "lead author Dr. Priya Raman",
        ),
        ("The government has promised to recruit 50,000 more nurses by 2029.", "government"),
        (
            "The drug maker, Nuvira, said it expected approval for 3 doses by the end of the year.",
            "Nuvira",
        ),
        ("Admissions fell 52%, according to results of a trial published in The Lancet.", "Lancet"),
        (
            "Fisherman Jon Ek, 61, who has lived here all his life, says the plan will cost 40 jobs.",  # noqa: E501
            "Fisherman Jon Ek",
        ),
        ("Jane Doe, a spokeswoman for Acme, said sales rose 4% in March.", "Jane Doe"),
        ("Prices rose 5% last year, said Tom Smith.", "Tom Smith"),
        (
            "People familiar with the matter said the deal was worth $3 billion.",
            "People familiar with the matter",
        ),
        ("Smith, 45, told the court he had lost 3 jobs since 2020.", "Smith"),
        ("The company, which employs 3,000 people, said profits had doubled.", "company"),
        (
            "Ticket sales have fallen 20% since 2019, the theatre's director said.",
            "theatre's director",
        ),
    ],
)
def test_claimant_is_found_in_the_usual_shapes_of_attribution(text: str, claimant: str) -> None:
    assert claimants(text) == [claimant]


def test_it_said_in_a_statement_refers_back_to_the_previous_claimant() -> None:
    text = (
        "The Russian military said that it had dispatched 40 fighters.\n"
        '"The objectives are to strengthen cooperation," it said in a statement.'
    )
    assert claimants(text) == ["Russian military", "Russian military"]


def test_she_refers_back_to_the_person_named_as_subject() -> None:
    text = (
        "Hannah Okafor has worked as a nurse for 14 years.\n"
        "Last winter she worked 22 night shifts in a row, she says."
    )
    assert claimants(text)[-1] == "Hannah Okafor"


def test_an_unattributed_quotation_takes_the_claimant_of_the_quotation_beside_it() -> None:
    text = '"Times are hard," Ruiz told reporters. "Nobody who relies on the bus will pay more."'
    assert claimants(text) == ["Ruiz", "Ruiz"]


def test_passive_and_noun_uses_of_reporting_verbs_are_not_attributions() -> None:
    text = (
        "Exports are expected to fall by half, the ministry added.\n"
        "Pollution causes an estimated 29,000 deaths a year, Public Health England has estimated."
    )
    assert claimants(text) == ["ministry", "Public Health England"]


def test_member_states_and_other_nouns_are_not_reporting_verbs() -> None:
    text = "Under EU rules, member states must keep reserves of at least 5% of peak load."
    assert claimants(text) == [None]


def test_its_report_is_attributed_to_the_organisation_named_before() -> None:
    text = (
        "The company said it would appeal the ruling.\n"
        "Its revenue rose 12% last year, according to its annual report."
    )
    assert claimants(text) == ["company", "company"]


def test_a_sentence_without_attribution_has_no_claimant() -> None:
    assert claimants("More than 10,000 troops are taking part in the drills.") == [None]


@pytest.mark.parametrize(
    ("text", "statement"),
    [
        (
            "The harbour board said that it had hired 300 dockers.",
            "The harbour board had hired 300 dockers.",
        ),
        ("Ana Ruiz said she had moved 41,000 containers.", "Ana Ruiz had moved 41,000 containers."),
        (
            "Officials said they had found 12 cracked cranes.",
            "Officials had found 12 cracked cranes.",
        ),
        # "it" cannot stand for a person: the pronoun is someone else's, left as it is.
        ("Ana Ruiz said it cost $40 million.", "It cost $40 million."),
        (
            "The harbour board said it is likely that 12 cranes will arrive.",
            "It is likely that 12 cranes will arrive.",
        ),
    ],
)
def test_the_pronoun_of_a_reported_clause_is_its_claimant_when_their_kinds_agree(
    text: str, statement: str
) -> None:
    [claim] = extract(text).claims
    assert claim.statement == statement
    assert claim.text == text


def test_a_quotation_over_several_sentences_is_the_speakers_but_not_a_source_it_cites() -> None:
    text = (
        '"We moved 41,000 containers in 2025. According to the port survey, 300 dockers work '
        'nights. That is the most since 1990," said harbour master Ana Ruiz.'
    )
    assert claimants(text) == ["harbour master Ana Ruiz", "port survey", "harbour master Ana Ruiz"]


def test_an_embedded_post_is_its_authors_and_its_credit_line_is_furniture() -> None:
    text = (
        "The port reopened to container ships after the storm.\n"
        "#Freight | Volumes rose 12% in May to 41,000 containers. #Ports pic.twitter.com/abc123\n"
        "\u2014 Harbour Board (@harbourboard) June 2, 2025\n"
    )
    result = extract(text)
    [claim] = [claim for claim in result.claims if "41,000" in claim.text]
    assert claim.claimant == "Harbour Board"
    assert claim.text == "Volumes rose 12% in May to 41,000 containers."
    grey = "\n".join(text[span.start : span.end] for span in result.boilerplate)
    for furniture in ("#Freight |", "#Ports pic.twitter.com/abc123", "\u2014 Harbour Board"):
        assert furniture in grey


@pytest.mark.parametrize(
    "text",
    [
        "We've said the port handled 41,000 containers in 2025.",
        "I\u2019ll tell you that the port handled 41,000 containers in 2025.",
        "They'd argued that the port handled 41,000 containers in 2025.",
    ],
)
def test_a_pronoun_with_its_verb_is_not_a_claimant(text: str) -> None:
    [claim] = extract(text).claims
    assert claim.claimant is None


def test_an_acronym_is_the_organisation_it_abbreviates() -> None:
    text = (
        "The Harbour Traffic Authority said on Monday that 41,000 containers passed in May.\n"
        "The HTA said imports rose 12% over the month."
    )
    assert claimants(text) == ["Harbour Traffic Authority", "Harbour Traffic Authority"]


@pytest.mark.parametrize(
    ("second", "claimant"),
    [
        # A word for any organisation refers back to the one named before ...
        ("Imports rose 12% in May, the statistics agency said.", "Harbour Traffic Authority"),
        ("The company said imports rose 12% in May.", "Harbour Traffic Authority"),
        # ... a word for one kind of organisation only to one of that kind.
        ("Imports rose 12% in May, the finance ministry said.", "finance ministry"),
    ],
)
def test_the_agency_is_the_organisation_named_before(second: str, claimant: str) -> None:
    first = "The Harbour Traffic Authority said that 41,000 containers passed in May.\n"
    assert claimants(first + second) == ["Harbour Traffic Authority", claimant]


def test_a_progressive_reporting_verb_is_active() -> None:
    assert claimants("Economists were expecting the port to handle 41,000 containers.") == [
        "Economists"
    ]
    assert claimants("Exports were expected to fall by 5% in 2025.") == [None]


def test_a_name_before_its_description_is_the_claimant_when_the_comma_is_missing() -> None:
    text = (
        "Before the vote in Oslo, Jo May, the new harbour minister said that 41,000 "
        "containers passed in May."
    )
    assert claimants(text) == ["Jo May"]
    # A place before the description is no name.
    assert claimants("In Oslo, the harbour minister said that 41,000 containers passed.") == [
        "harbour minister"
    ]
