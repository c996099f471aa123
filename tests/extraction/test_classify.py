"""Claim types, check-worthiness with reasons, and what is dropped as not checkable."""

from collections.abc import Callable

import pytest

from factcheck.extraction import extract


def typed(text: str) -> list[tuple[str, str]]:
    return [(claim.type, claim.text) for claim in extract(text).claims]


def spoken(text: str) -> list[tuple[str, str]]:
    """What a named speaker's sentence makes in a transcript (the greetings make nothing)."""
    transcript = f"HALVORSEN: Good evening.\nOKAFOR: Good evening.\nHALVORSEN: {text}\n"
    return [(claim.type, claim.text) for claim in extract(transcript).claims]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        (
            "Under a state law passed in 2019, cities cannot raise taxes by more than 3% a year.",
            "rule",
        ),
        ("Last year, the government banned the export of wheat for six months.", "rule"),
        ("The law requires companies with more than 50 staff to publish pay data.", "rule"),
        ("The fare increase was the steepest in 30 years, Becker said.", "superlative"),
        ("The closures had been caused by staff shortages, Becker said.", "causal"),
        (
            "After its annexation of Crimea in 2014 triggered Western sanctions, ties sank.",
            "causal",
        ),
        ("President Vladimir Putin has hinted at a military alliance in the future.", "prediction"),
        ("Nobody who relies on the bus will pay more, the mayor said.", "prediction"),
        ("Unemployment fell to 4.1% in September, the labor office reported.", "quantity"),
        ("Fares rise from $2.25 to $2.75 from March 1.", "quantity"),
        (
            "Russia and China have kicked off joint military exercises, the ministry announced.",
            "event",
        ),
        ("Farmer Marta Ilieva said she had never seen a spring so dry.", "personal_experience"),
        ("Critics argue that the budget relies too heavily on grants.", "statement"),
        (
            "I have watched the bus get slower every year since I moved here in 2019.",
            "personal_experience",
        ),
        ("Scientists say climate change is raising the risk of fires.", "causal"),
        ("Authorities have opened an investigation into the cause of the fire.", "event"),
    ],
)
def test_claim_type_is_the_strongest_cue_present(text: str, kind: str) -> None:
    assert typed(text) == [(kind, text)]


@pytest.mark.parametrize(
    "text",
    [
        "Is that sustainable?",
        '"Why do nurses leave?" she asked.',
        "It is impossible not to admire her resilience.",
        "It is a painful year for everyone who works the land.",
        "Sign up today and get the full story.",
        "Please tell us what you think.",
        "Her experience is not unusual.",
        "Many residents are not convinced.",
        "The government must act now before it is too late.",
        "What an incredible day for the city!",
        "Sign the petition and tell your representative.",
        "Anyone with information is asked to call police on 101.",
        "The island that wants to ban cars",
        "Only time will tell whether the plan works.",
        "It remains to be seen whether the cuts will be enough.",
    ],
)
def test_questions_opinions_calls_to_action_and_empty_sentences_are_dropped(text: str) -> None:
    assert typed(text) == []


@pytest.mark.parametrize(
    "text",
    ["There is one thing the harbour needs.", "It is the number one problem on the coast."],
)
def test_a_bare_one_is_no_figure_to_check(text: str) -> None:
    assert typed(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Only one ferry runs in winter.",
        "There is not one ferry in winter.",
        "A storm destroyed one trawler in the harbour.",  # one, and a deed
    ],
)
def test_only_one_or_not_one_is_a_count(text: str) -> None:
    assert len(typed(text)) == 1


def test_reasons_name_each_fact_and_the_claimant_and_raise_the_score() -> None:
    plain, attributed = extract(
        "More than 10,000 runners are taking part.\n"
        "More than 10,000 runners are taking part, the ministry said."
    ).claims
    assert plain.reasons == ("quantity: More than 10,000 runners",)
    assert "attributed to ministry" in attributed.reasons
    assert 0 < plain.score < attributed.score <= 1


def test_the_statement_drops_the_attribution_and_the_quotation_marks() -> None:
    [claim] = extract('"There will be no shortages of grain," Dobrev said.').claims
    assert claim.statement == "There will be no shortages of grain."


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Under the harbour code it is a crime to moor a trawler in the marina.", "rule"),
        ("Selling the fuel to minors is against the law in the province.", "rule"),
        ('During the race the mayor promised, quote, "a tram for every district".', "event"),
        ("The mayor has promised to open three tram lines by 2030.", "prediction"),
        ("At the docks, freight volume continues to fall.", "quantity"),
        ("The harbour yearbook for 2024, published yesterday, lists every berth.", "event"),
    ],
)
def test_rules_promises_and_continuing_changes_are_typed_by_what_they_say(
    text: str, kind: str
) -> None:
    assert typed(text) == [(kind, text)]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("The harbour board won't reopen the berth, the paper reported.", "prediction"),
        ("The council wanted to sell the pier in 2019.", "statement"),  # an aim
        ("In March the harbour needed to dredge, the paper reported.", "statement"),
    ],
)
def test_a_negation_or_an_aim_is_no_past_deed(text: str, kind: str) -> None:
    [claim] = extract(text).claims
    assert claim.type == kind
    assert not [reason for reason in claim.reasons if reason.startswith("event cue")]


def test_a_past_tense_that_only_dates_the_main_clause_does_not_make_an_event() -> None:
    [claim] = extract(
        "Since the harbour board last met, there have been signs of a recovery in freight."
    ).claims
    assert claim.type != "event"
    assert "dated cue: met" in claim.reasons


@pytest.mark.parametrize("said", [typed, spoken])
@pytest.mark.parametrize(
    "text",
    [
        "That is exactly what I did.",
        "I have always said that this harbour matters to me.",
        "I don't think anybody on the council knew it.",
        "Now, I want to open a new school in every town.",
        "I have no quarrel with Senator Lind on that.",  # named, but only the speaker's view
    ],
)
def test_a_sentence_only_about_its_speaker_is_no_claim(
    said: Callable[[str], list[tuple[str, str]]], text: str
) -> None:
    # What the speaker did or believes, with nobody named, nothing measured, no figure; alone
    # or said by someone named in a transcript.
    assert said(text) == []


@pytest.mark.parametrize("said", [typed, spoken])
@pytest.mark.parametrize(
    "text",
    [
        "We are going to win this race.",
        "That would not solve anything for the families on the coast.",
        "The plan may not work, and it will cause trouble.",
        "And he'll say something different.",
        "It would hurt trade and the harbour's economy.",  # measured, but nothing to check yet
        "If we invest in the harbour, Port Ellis can thrive again.",  # a hypothetical
        "You have to be very careful with the harbour.",  # advice to "you"
        "I will stand up for the workers of Port Ellis.",  # the speaker's promise, to anyone
        "We're going to bring the jobs back to America.",
        "We have to keep working with Congress on the harbour.",  # what ought to be
        "We've got to do better for the harbour.",
        "I do believe that Senator Lind wants the same for the harbour.",  # a belief
        "It will ruin the Port Ellis ferry.",  # a name, but "it" is who acts
        "And they're going to close the Harbour Road bridge.",
        "That would be a disaster for Port Ellis.",
    ],
)
def test_a_forecast_or_promise_with_nothing_to_check_is_no_claim(
    said: Callable[[str], list[tuple[str, str]]], text: str
) -> None:
    # What will or would be, with no figure, no source, nobody named and nothing measured.
    assert said(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "I met Governor Lind at the harbour.",  # someone named
        "My rent went up.",  # something statistics measure
        "I was the adviser of Senator Lind on the harbour.",  # named, in the past
        "Beside me is Ana Ruiz, our member for the harbour.",  # named, and not "I" or "we"
        "I moved here in 2019.",  # a date
        "We will build 300 homes by the harbour.",  # a promise with a figure to hold it to
        "Ana Ruiz will open the harbour's new berth.",  # a forecast of what someone named does
        "She will meet Ana Ruiz at the harbour.",  # she, someone, acts
        "We have to act, because the harbour lost its customers to Port Ellis.",  # a cause
        "If the ferry was late, the company refunded the fare.",  # a condition, and a deed
        "You know, the council closed the harbour.",  # "you", and a deed
        "The ferry company has promised a second boat.",  # what was promised
    ],
)
def test_a_speaker_with_something_to_check_still_makes_a_claim(text: str) -> None:
    # Said by someone named in a transcript: alone, some of these are asides (below).
    assert len(spoken(text)) == 1


@pytest.mark.parametrize(
    "text",
    [
        "I met Governor Lind at the harbour.",
        "My rent went up.",
        "I was the adviser of Senator Lind on the harbour.",
        "Beside me is Ana Ruiz, our member for the harbour.",
        "You know, the council closed the harbour.",
        "We came through a long winter at the harbour.",
    ],
)
def test_an_aside_with_nobody_named_as_saying_it_is_no_claim(text: str) -> None:
    # "I", "we" or "you", no figure, date, cause or record, no more than that something
    # happened: alone it is no claim; in a transcript the speaker can be held to it.
    assert typed(text) == []
    assert len(spoken(text)) == 1


@pytest.mark.parametrize(
    "text",
    [
        "I vetoed the harbour bill.",  # on the public record
        "We supported the ferry amendment.",
        "We closed the berth because the dredging failed.",  # a cause
        "I moved here in 2019.",  # a date
        "We lost 300 jobs at the harbour.",  # a figure
        "Our taxes went up when the harbour closed.",  # something measured that changed
    ],
)
def test_an_aside_with_a_record_a_cause_or_a_fact_is_a_claim(text: str) -> None:
    assert len(typed(text)) == 1


@pytest.mark.parametrize(
    "text",
    [
        "I think it was the worst winter since 1990.",
        "I believe the harbour was the busiest in the country.",
        "We must protect the harbour before the summer of 2030.",
    ],
)
def test_a_hedged_view_under_the_low_priority_line_is_no_claim(text: str) -> None:
    # A belief, promise or ought with no figure and nobody named as saying it.
    assert typed(text) == []
    assert len(typed(f'"{text[:-1]}," said Ana Ruiz.')) == 1  # hers, quoted: a claim


def test_a_hedged_figure_stays_a_claim() -> None:
    assert typed("I think we lost 300 jobs at the harbour.") == [
        ("quantity", "I think we lost 300 jobs at the harbour.")
    ]


@pytest.mark.parametrize(
    "text",
    [
        "'We will finish the tunnel by 2030,' he said.",
        '"In the end we closed the old berth."',
        "They told the council we would keep the ferry until 2030.",
    ],
)
def test_what_someone_said_is_no_aside_even_when_nobody_is_named(text: str) -> None:
    # A quotation or "he said" tells someone's words, whoever he turns out to be.
    assert len(typed(text)) == 1
