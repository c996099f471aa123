"""Transcripts: each turn's claims are its speaker's; labels, headings and stage directions
are not claims."""

import pytest

from factcheck.extraction import extract


def claimants(text: str) -> list[tuple[str | None, str]]:
    return [(claim.claimant, claim.text) for claim in extract(text).claims]


@pytest.mark.parametrize(
    ("first", "second", "who_first", "who_second"),
    [
        ("HALVORSEN:", "OKAFOR:", "Halvorsen", "Okafor"),
        ("MODERATOR (Lena Brandt):", "SEN. OKAFOR:", "Lena Brandt", "Okafor"),
        ("[00:12:31] Mira Halvorsen:", "[00:13:02] Tom Okafor:", "Mira Halvorsen", "Tom Okafor"),
        ("Mr Halvorsen:", "Ms Okafor:", "Halvorsen", "Okafor"),
        ("The DEPUTY MINISTER:", "The CHAIRMAN:", "Deputy Minister", "Chairman"),
        (
            "Mira Halvorsen, Harbour Minister:",
            "Tom Okafor, Opposition:",
            "Mira Halvorsen",
            "Tom Okafor",
        ),
    ],
)
def test_labelled_turns_give_their_claims_to_the_speaker(
    first: str, second: str, who_first: str, who_second: str
) -> None:
    text = (
        f"{first} We moved 41,000 containers in 2025, up 12% on the year before.\n"
        "The new berth cost $40 million.\n"
        f"{second} Freight rates rose 30% over the same period.\n"
        f"{first} Dock wages went up by 4% in 2025.\n"
    )
    result = extract(text)
    assert [(c.claimant, c.claimant_kind) for c in result.claims] == [
        (who_first, "person"),
        (who_first, "person"),
        (who_second, "person"),
        (who_first, "person"),
    ]
    # The label is not part of the claim, and the span stays exact.
    assert result.claims[0].text.startswith("We moved")
    for claim in result.claims:
        assert text[claim.start : claim.end] == claim.text


def test_a_label_in_the_middle_of_a_line_starts_a_new_turn() -> None:
    text = (
        "HALVORSEN: Did freight rise?    OKAFOR: Freight rates rose 30% in 2025.\n"
        "HALVORSEN: Dock wages went up by 4% in 2025.\n"
    )
    assert claimants(text) == [
        ("Okafor", "Freight rates rose 30% in 2025."),
        ("Halvorsen", "Dock wages went up by 4% in 2025."),
    ]


def test_questions_and_answers_go_to_the_person_the_briefing_is_named_after() -> None:
    text = (
        "Harbour Minister Mira Halvorsen's Regular Press Briefing on April 2, 2026\n"
        "The minister will visit Port Ellis from April 12 to 14.\n"
        "Q: Did the strike cost the port money?\n"
        "A: The strike cost the port $3 million in lost fees.\n"
        "Q: The union says 300 dockers lost their jobs in 2025. Is that right?\n"
        "A: That is wrong. The number of dockers rose by 40 in 2025.\n"
    )
    result = dict((text, who) for who, text in claimants(text))
    assert result["The minister will visit Port Ellis from April 12 to 14."] == "Mira Halvorsen"
    assert result["The strike cost the port $3 million in lost fees."] == "Mira Halvorsen"
    assert result["The number of dockers rose by 40 in 2025."] == "Mira Halvorsen"
    # The interviewer is nobody in particular: what the question reports keeps its own source.
    assert result["The union says 300 dockers lost their jobs in 2025."] == "union"


def test_initials_stand_for_the_name_with_those_initials() -> None:
    text = (
        "Full transcript: Lena Brandt's interview with Tom Okafor\n"
        "LB: You voted for the harbour levy three times in 2024.\n"
        "TO: I voted for it twice, and the levy raised $12 million.\n"
        "LB: The levy rose 8% in 2025.\n"
    )
    assert [who for who, _ in claimants(text)] == ["Lena Brandt", "Tom Okafor", "Lena Brandt"]


def test_repeated_heading_lines_name_the_speaker_of_the_lines_below() -> None:
    text = (
        "Mira Halvorsen Labour, Minister of Harbours\n"
        "Mr. Speaker, container traffic rose 12% in 2025.\n"
        "Over 300 new jobs have been created since March 2024.\n"
        "Tom Okafor Greens, Port Ellis North\n"
        "Mr. Speaker, freight rates went up by 30% in the same year.\n"
        "Mira Halvorsen Labour, Minister of Harbours\n"
        "Dock wages went up by 4% in 2025.\n"
    )
    result = extract(text)
    assert [claim.claimant for claim in result.claims] == [
        "Mira Halvorsen",
        "Mira Halvorsen",
        "Tom Okafor",
        "Mira Halvorsen",
    ]
    headings = [text[span.start : span.end] for span in result.boilerplate]
    assert "Tom Okafor Greens, Port Ellis North" in headings


def test_stage_directions_and_courtesies_are_not_claims() -> None:
    text = (
        "HALVORSEN: Thank you, Chair. I really appreciate the invitation.\n"
        "OKAFOR: Let me finish. Freight rates rose 30% in 2025. [Applause]\n"
        "(CROSSTALK)\n"
        "HALVORSEN: You get one chance--\n"
        "OKAFOR: I have to-- Well, now you are rewriting what happened.\n"
        "HALVORSEN: We expect the talks to deepen ties between the two ports.\n"
        "OKAFOR: I'm Tom Okafor, and dock wages went up by 4% in 2025.\n"
    )
    result = extract(text)
    assert [claim.text for claim in result.claims] == [
        "Freight rates rose 30% in 2025.",
        "I'm Tom Okafor, and dock wages went up by 4% in 2025.",
    ]
    greyed = " ".join(text[span.start : span.end] for span in result.boilerplate)
    assert "[Applause]" in greyed
    assert "(CROSSTALK)" in greyed


def test_one_caption_kicker_does_not_make_an_article_a_transcript() -> None:
    text = (
        "DRY DOCK: The harbour board handled 41,000 containers in 2025.\n"
        "Freight rates rose 30% in 2025, the board said.\n"
    )
    assert [who for who, _ in claimants(text)] == [None, "board"]


def test_no_speaker_in_an_ordinary_article() -> None:
    text = (
        "The harbour board handled 41,000 containers in 2025.\n"
        "Correction: An earlier version misstated the year.\n"
        "Freight rates rose 30%, port director Ana Ruiz said.\n"
    )
    assert [who for who, _ in claimants(text)] == [None, "port director Ana Ruiz"]


def test_a_question_that_puts_a_claim_to_someone_is_kept_and_a_plain_question_is_not() -> None:
    text = (
        "HALVORSEN: Will you withdraw your statement of March 3, where you claimed that the "
        "board never paid for the cranes?\n"
        "OKAFOR: Will you answer the question?\n"
        "HALVORSEN: The board paid $40 million for the cranes in 2024.\n"
    )
    assert [who for who, _ in claimants(text)] == ["Halvorsen", "Halvorsen"]
    assert claimants(text)[0][1].startswith("Will you withdraw")


def test_a_speakers_i_yields_to_what_else_the_sentence_does() -> None:
    turns = (
        "HALVORSEN: Can I remind you that you voted for the levy in 2024.\n"
        "OKAFOR: I think the levy is too high.\n"
        "HALVORSEN: I know my own town.\n"
    )
    first = extract(turns).claims[0]
    assert (first.claimant, first.type) == ("Halvorsen", "event")
    article = "Can I remind you that you voted for the levy in 2024."
    assert [claim.type for claim in extract(article).claims] == ["personal_experience"]


def test_a_speaker_telling_what_another_person_said_gives_that_persons_claim() -> None:
    """What is checked is what the person said; an institution's announcement that a
    speaker cites stays the speaker's claim, offered as fact."""
    text = (
        "HALVORSEN: The harbour minister had stated he wanted every berth rebuilt.\n"
        "OKAFOR: The port authority announced that it will hire 300 dockers.\n"
        'HALVORSEN: The board chair wrote, and I quote, "the berths have failed inspections".\n'
        "OKAFOR: We rebuilt four berths in 2025.\n"
    )
    claims = extract(text).claims
    assert [(claim.claimant, claim.type) for claim in claims] == [
        ("harbour minister", "statement"),
        ("Okafor", "quantity"),
        ("board chair", "statement"),
        ("Okafor", "quantity"),
    ]
    assert claims[2].statement == "The berths have failed inspections."


def test_a_speaker_reporting_their_own_words_stays_the_claimant() -> None:
    text = (
        "HALVORSEN: Ola Halvorsen said in 2024 that the port handled 41,000 containers.\n"
        "OKAFOR: I said the levy rose 12% in 2025.\n"
        "HALVORSEN: The levy rose 3% in 2025.\n"
    )
    assert [claim.claimant for claim in extract(text).claims] == [
        "Halvorsen",
        "Okafor",
        "Halvorsen",
    ]


def test_a_speaker_label_in_capitals_with_accents_names_the_speaker() -> None:
    text = (
        "MODERADORA: Buenas noches y bienvenidos al debate.\n"
        "NÚÑEZ: El paro bajó al 8,2% durante mi mandato.\n"
        "RAMOS: Falso. El paro subió un 1,5% en 2024.\n"
    )
    claims = extract(text, language="es").claims
    assert [claim.claimant for claim in claims] == ["Núñez", "Ramos"]
