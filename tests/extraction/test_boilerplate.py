"""What is not the article is cut, returned as spans, and never becomes a claim."""

import pytest

from factcheck.extraction import extract

ARTICLE = "The council approved a budget of $412 million on Tuesday."


def boilerplate(text: str) -> list[str]:
    return [text[span.start : span.end] for span in extract(text).boilerplate]


@pytest.mark.parametrize(
    "line",
    [
        "Sign up for our newsletter",
        "Get the latest local news delivered to your inbox every morning.",
        "Read more: How the transit authority plans to cut 40% of delays",
        "Related: Why irrigation projects stalled for 15 years",
        "Share this article",
        "Photo: A farmer inspects dry soil near Dalmore. (Ana Costa/Reuters)",
        "Copyright 2026 Plains Daily. All rights reserved.",
        "By Maria Lopez and Tom Hughes",
        "Updated: Nov. 3, 2025 14:05 GMT",
        "We use cookies to improve your experience. Accept all cookies",
        "Support independent journalism: donate today and help us keep our reporting free.",
        "This interview has been edited and condensed for clarity.",
        "Reporting by Maria Lopez; Editing by Tom Hughes",
        "Editor's note: An earlier version of this article misstated 2 figures.",
        "Readers like you make our journalism possible. Please consider a donation.",
        "Listen to this article",
        "Published 14 July 2025",
        "Tue, March 30, 2021",
        "Date of hearing: 4 May 2019",
        "Aired June 2, 2020 - 19:00 ET",
        "Residents queue for water in Dalmore on Tuesday. REUTERS/Ana Costa",
        "Ana Costa/Reuters",
        "Traffic on a London street | Getty Images",
        "Jane Doe is a reporter for the Gazette covering health and science.",
        "Contact the author at jane.doe@example.com",
        "Topics: Budget, Transport",
        "Story continues below advertisement",
        "Most popular",
    ],
)
def test_publisher_furniture_is_boilerplate_and_not_a_claim(line: str) -> None:
    text = f"{ARTICLE}\n{line}\n"
    assert boilerplate(text) == [line]
    assert [claim.text for claim in extract(text).claims] == [ARTICLE]


def test_a_donation_appeal_is_cut_as_one_block_while_it_addresses_the_reader() -> None:
    text = (
        f"{ARTICLE}\nA Message from The Daily:\nDear readers,\n"
        "We are facing unprecedented challenges. The authorities fined us $2 million.\n"
        "Your support, no matter how small, makes a difference.\nRemind me later."
    )
    appeal = text[text.index("A Message") :]
    assert boilerplate(text) == [appeal]
    assert [claim.text for claim in extract(text).claims] == [ARTICLE]


def test_news_that_mentions_a_newsletter_or_shares_is_not_boilerplate() -> None:
    text = (
        "Share prices fell 5% after the newsletter reported losses.\n"
        "By the end of the year, the company had cut 300 jobs."
    )
    assert boilerplate(text) == []
    assert len(extract(text).claims) == 2


def test_a_furniture_sentence_inside_a_paragraph_is_cut_alone() -> None:
    text = f"{ARTICLE} Sign up for our daily newsletter to get updates."
    assert boilerplate(text) == ["Sign up for our daily newsletter to get updates."]


@pytest.mark.parametrize(
    "sentence",
    [
        "Ukraine wants to become a member of the European Union by 2030.",
        "Residents were asked to give blood today after the crash injured 40 people.",
        "Users can download the app from Monday, the company said.",
    ],
)
def test_news_that_uses_the_words_of_an_appeal_is_not_boilerplate(sentence: str) -> None:
    text = f"{ARTICLE} {sentence}"
    assert boilerplate(text) == []


@pytest.mark.parametrize(
    "sentence",
    [
        "The port reopened on Monday.",
        "Talks resume on Friday.",
        "The ferry sails at 9:30 am.",
        "Polls close in May 2027.",
    ],
)
def test_a_short_sentence_with_a_date_on_its_own_line_is_not_a_date_line(sentence: str) -> None:
    # A date line is a date or time alone, perhaps after a label; a sentence ends with one.
    text = f"{ARTICLE}\n{sentence}\n"
    assert boilerplate(text) == []
