"""Ranking, sort options, the low-priority group, the extra filters and full-text search,
through the claim list page and the API (one FilterSet behind both)."""

from datetime import timedelta
from typing import Any

import lxml.html
import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from factcheck.claims.models import SEARCH_DOCUMENT, Claim, normalise_figures
from tests.clients import api_client
from tests.factories import ArticleFactory, ClaimFactory

pytestmark = pytest.mark.django_db

LIST = reverse("claim_list")


def rows(response: Any) -> list[str]:
    tree = lxml.html.fromstring(response.content.decode())
    return [a.text_content() for a in tree.xpath("//td[@class='claim-cell']/a")]


def api_statements(client: Any, **params: Any) -> list[str]:
    response = client.get("/api/v1/claims/", params)
    assert response.status_code == 200, response.content
    return [claim["statement"] for claim in response.json()["results"]]


def claim(statement: str, score: float = 0.5, **fields: Any) -> Claim:
    return ClaimFactory(statement=statement, quote=statement, score=score, **fields)


def aged(target: Claim, days: int) -> Claim:
    Claim.objects.filter(pk=target.pk).update(created_at=timezone.now() - timedelta(days=days))
    return target


@pytest.fixture
def ranked_claims() -> None:
    aged(claim("Old and strong", 0.9), 3)
    aged(claim("Old and weak", 0.4), 2)
    claim("Fresh and middling", 0.6)
    claim("Fresh and strong", 0.9)


def test_the_claim_list_puts_the_most_check_worthy_first_then_the_newest(
    client: Client, reviewer, ranked_claims
) -> None:
    client.force_login(reviewer)
    assert rows(client.get(LIST)) == [
        "Fresh and strong",
        "Old and strong",
        "Fresh and middling",
        "Old and weak",
    ]


@pytest.mark.parametrize(
    ("ordering", "first", "last"),
    [
        ("-created", "Fresh and strong", "Old and strong"),
        ("created", "Old and strong", "Fresh and strong"),
        ("score", "Old and weak", "Fresh and strong"),
    ],
)
def test_each_sort_option_orders_the_page_and_the_api_alike(
    client: Client, reviewer, ranked_claims, ordering, first, last
) -> None:
    client.force_login(reviewer)
    page = rows(client.get(LIST, {"ordering": ordering}))
    assert (page[0], page[-1]) == (first, last)
    api = api_statements(api_client(reviewer), ordering=ordering)
    assert api == page


def test_the_api_pages_through_a_score_ordering_without_overlap_or_gap(reviewer) -> None:
    for i in range(7):
        claim(f"Claim {i}", score=[0.2, 0.5, 0.5, 0.5, 0.9, 0.9, 0.1][i])
    api = api_client(reviewer)
    seen: list[str] = []
    response = api.get("/api/v1/claims/", {"ordering": "-score", "page_size": 2}).json()
    while True:
        seen += [c["statement"] for c in response["results"]]
        if not response["next"]:
            break
        response = api.get(response["next"]).json()
    assert sorted(seen) == sorted(f"Claim {i}" for i in range(7))
    scores = [Claim.objects.get(statement=s).score for s in seen]
    assert scores == sorted(scores, reverse=True)


def test_an_unknown_sort_is_refused_by_the_api_and_ignored_by_the_page(
    client: Client, reviewer, ranked_claims
) -> None:
    response = api_client(reviewer).get("/api/v1/claims/", {"ordering": "popularity"})
    assert response.status_code == 400
    assert "ordering" in response.json()["errors"]
    client.force_login(reviewer)
    assert rows(client.get(LIST, {"ordering": "popularity"}))[0] == "Fresh and strong"


def test_low_priority_machine_claims_are_folded_apart_from_new(client: Client, reviewer) -> None:
    # The extraction marks the claims it scores below CLAIM_LOW_PRIORITY_BELOW.
    claim("A key figure", 0.8)
    claim("A photo caption", 0.1, low_priority=True)
    claim("A reviewer's own", 0.1, origin=Claim.Origin.HUMAN)
    client.force_login(reviewer)
    tree = lxml.html.fromstring(client.get(reverse("dashboard")).content.decode())
    new = tree.xpath("//section[contains(@class, 'queue-new')]")[0].text_content()
    low = tree.xpath("//section[contains(@class, 'queue-low_priority')]")[0]
    assert "A key figure" in new and "A reviewer's own" in new
    assert "A photo caption" not in new
    assert low.xpath(".//details") and "A photo caption" in low.text_content()
    assert rows(client.get(LIST, {"queue": "low_priority"})) == ["A photo caption"]
    assert sorted(rows(client.get(LIST, {"queue": "new"}))) == ["A key figure", "A reviewer's own"]


def test_filters_by_claimant_score_range_date_range_and_origin(client: Client, reviewer) -> None:
    aged(claim("Ministry figure", 0.9, claimant="The Defence Ministry"), 10)
    claim("Mayor figure", 0.5, claimant="The mayor", origin=Claim.Origin.HUMAN)
    claim("Weak one", 0.2)
    client.force_login(reviewer)
    api = api_client(reviewer)
    today = timezone.localdate()
    cases = [
        ({"claimant": "ministry"}, ["Ministry figure"]),
        ({"score_min": "0.4", "score_max": "0.6"}, ["Mayor figure"]),
        ({"created_before": str(today - timedelta(days=5))}, ["Ministry figure"]),
        ({"created_after": str(today - timedelta(days=1))}, ["Mayor figure", "Weak one"]),
        ({"origin": "human"}, ["Mayor figure"]),
    ]
    for params, expected in cases:
        assert sorted(rows(client.get(LIST, params))) == expected, params
        assert sorted(api_statements(api, **params)) == expected, params


# Search


def test_figures_are_normalised_the_same_three_ways() -> None:
    assert (
        normalise_figures("500,000 and 500 000 and 500\u00a0000") == "500000 and 500000 and 500000"
    )
    assert normalise_figures("in 2019, 500 people") == "in 2019, 500 people"
    assert normalise_figures("1,250,000 troops") == "1250000 troops"


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the demo's fallback is simpler")
@pytest.mark.parametrize("written", ["500000", "500,000", "500 000"])
@pytest.mark.parametrize("searched", ["500000", "500,000", "500 000"])
def test_search_finds_a_figure_however_it_is_written(
    client: Client, reviewer, written, searched
) -> None:
    claim(f"The city paid {written} euros for the statue")
    claim("The city paid 500 euros for the bench")
    client.force_login(reviewer)
    expected = [f"The city paid {written} euros for the statue"]
    assert rows(client.get(LIST, {"q": searched})) == expected
    assert api_statements(api_client(reviewer), q=searched) == expected


@pytest.mark.skipif(connection.vendor != "postgresql", reason="stemming is PostgreSQL's")
def test_search_stems_words_and_needs_every_word(client: Client, reviewer) -> None:
    claim("Vaccines were delivered to every clinic")
    claim("The vaccine trial stopped early")
    claim("Troops were delivered by train")
    client.force_login(reviewer)
    assert sorted(rows(client.get(LIST, {"q": "vaccine"}))) == [
        "The vaccine trial stopped early",
        "Vaccines were delivered to every clinic",
    ]
    assert rows(client.get(LIST, {"q": "vaccine train"})) == []
    assert rows(client.get(LIST, {"q": "vaccines delivering"})) == [
        "Vaccines were delivered to every clinic"
    ]


def test_search_reads_the_claimant_and_the_article_title_with_the_claim(
    client: Client, reviewer
) -> None:
    article = ArticleFactory(title="Zapad exercise coverage")
    claim("Troops took part", article=article)
    claim("Troops marched", claimant="The Zapad press office")
    claim("Troops rested")
    client.force_login(reviewer)
    assert sorted(rows(client.get(LIST, {"q": "zapad troops"}))) == [
        "Troops marched",
        "Troops took part",
    ]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the GIN index is PostgreSQL's")
def test_search_uses_the_gin_index() -> None:
    article = ArticleFactory()
    Claim.objects.bulk_create(
        Claim(article=article, start=i, end=i + 1, quote="q", statement=f"Claim number {i}")
        for i in range(300)
    )
    query = Claim.objects.search("number 7").values("pk")
    sql, params = query.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE claims_claim")
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "claims_claim_search_gin" in plan, plan
    assert "claims_claim." in SEARCH_DOCUMENT  # qualified for queries that join articles
