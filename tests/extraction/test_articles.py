"""Whole articles in styles beyond the dev set: wire copy, explainers, local news, opinion.

The articles in data/ are made up for these tests. For each, a few sentences whose claim
type and claimant are known, and sentences that must never become claims.
"""

from pathlib import Path

import pytest

from factcheck.extraction import Claim, extract

DATA = Path(__file__).parent / "data"

# article -> [(words of the sentence, type, words of the claimant or None)]
CLAIMS = {
    "air-pollution-study.txt": [
        ("2.4 million adults", "quantity", None),
        ("Researchers at Imperial College London found", "causal", "Imperial College"),
        ("She added that the effect", "quantity", "Priya Raman"),
        ("has pledged to halve", "prediction", "government"),
    ],
    "car-free-island.txt": [
        ("has banned petrol cars since 1961", "rule", None),
        ("I need my truck", "personal_experience", "Jon Ek"),
        ("has doubled since 2010", "quantity", "council data"),
    ],
    "city-marathon.txt": [
        ("the largest field in the race's 41-year history", "superlative", "organisers"),
        ("He told reporters he had trained", "quantity", "Peter Mwangi"),
        ("Next year's race will take place", "prediction", "organisers"),
    ],
    "eu-data-fine.txt": [
        ("companies can be fined up to 4%", "rule", None),
        ("according to its annual report", "quantity", "Nordata"),
        ("officials told reporters in Brussels", "quantity", "officials"),
    ],
    "heatwave-power.txt": [
        ("all-time high of 61.2 gigawatts", "superlative", None),
        ("blamed for at least 12 deaths", "causal", "health authorities"),
        ("She said the plants would be the largest", "superlative", "Laura Conti"),
    ],
    "inflation.txt": [
        ("the lowest rate since 2021", "superlative", "Office for National Statistics"),
        ("the main driver of the decline", "causal", "Office for National Statistics"),
        ("Tens of thousands of households", "quantity", "Debt Advice Now"),
    ],
    "mill-closure.txt": [
        ("About 800 workers will lose their jobs", "prediction", "Amalgamated Workers Union"),
        ("Energy now makes up 40 percent", "quantity", "Dana Price"),
        ("legally required to consult staff", "rule", None),
    ],
    "rail-upgrade.txt": [
        ("It will cut journey times", "prediction", "Adams"),
        ("The report found that delays", "quantity", "National Audit Office"),
        ("a 2023 analysis by the think tank", "statement", "Transport Futures"),
    ],
    "rsv-vaccine.txt": [
        ("reduced hospital admissions among adults over 60", "quantity", "New England Journal"),
        ("It is the first RSV vaccine", "superlative", None),
        ("The drug maker, Nuvira, said", "prediction", "Nuvira"),
    ],
}

NOT_CLAIMS = {
    "air-pollution-study.txt": ["It is shocking", "What can you do?", "Sign up to our free"],
    "bus-opinion.txt": ["This is a question of priorities", "We should demand", "Maria Santos is"],
    "car-free-island.txt": ["The island that wants", "How am I supposed", "is beautiful"],
    "city-marathon.txt": ["What an incredible day", "Follow our live blog", "Photo by"],
    "eu-data-fine.txt": ["Will other companies", "We use cookies", "Reporting by"],
    "heatwave-power.txt": ["Do you have air conditioning", "What a summer", "Click here"],
    "jewellery-robbery.txt": ["Anyone with information", "Stay safe out there"],
    "mill-closure.txt": ["Why did nobody", "We should all support", "Share your thoughts"],
    "minimum-wage-explainer.txt": ["Who is affected?", "Will prices go up?", "Subscribe to"],
    "rsv-vaccine.txt": ["Readers like you", "Editor's note"],
    "spain-wildfire.txt": ["Watch: Drone footage"],
}


def claims_of(name: str) -> list[Claim]:
    with (DATA / name).open(encoding="utf-8", newline="") as handle:
        return extract(handle.read()).claims


@pytest.mark.parametrize(
    ("name", "words", "kind", "claimant"),
    [(name, *expected) for name, claims in CLAIMS.items() for expected in claims],
)
def test_known_claims_have_their_type_and_claimant(
    name: str, words: str, kind: str, claimant: str | None
) -> None:
    [claim] = [claim for claim in claims_of(name) if words in claim.text]
    assert claim.type == kind
    if claimant is None:
        assert claim.claimant is None
    else:
        assert claim.claimant is not None and claimant in claim.claimant


@pytest.mark.parametrize(
    ("name", "words"),
    [(name, words) for name, sentences in NOT_CLAIMS.items() for words in sentences],
)
def test_questions_opinions_appeals_and_furniture_never_become_claims(
    name: str, words: str
) -> None:
    assert not [claim for claim in claims_of(name) if words in claim.text]
