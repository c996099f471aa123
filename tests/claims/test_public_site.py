"""The public site without login: the index, the page's meta tags, sitemap, robots, feed."""

import xml.etree.ElementTree as ET
from typing import Any

import lxml.html
import pytest
from django.test import Client
from django.urls import reverse

from factcheck.claims.models import Claim, Verdict
from tests.api.conftest import correct, publish
from tests.factories import ClaimFactory

pytestmark = pytest.mark.django_db

SITE = "https://checks.example.org"
ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@pytest.fixture(autouse=True)
def site_url(settings: Any) -> None:
    settings.SITE_URL = SITE
    settings.CORRECTIONS_POLICY_URL = "https://checks.example.org/corrections-policy"


def claim_saying(statement: str) -> Claim:
    return ClaimFactory(statement=statement, claimant="The ministry")


@pytest.fixture
def three_published(reviewer: Any, editor: Any) -> list[Verdict]:
    verdicts = []
    for statement, slug in (
        ("Bread prices doubled in a year", "false"),
        ("Unemployment fell to 4 percent", "true"),
        ("The bridge cost 3 billion euros", "false"),
    ):
        claim = claim_saying(statement)
        verdicts.append(publish(claim, author=reviewer, approver=editor, slug=slug, summary="S."))
    return verdicts


def statements(response: Any) -> list[str]:
    tree = lxml.html.fromstring(response.content.decode())
    return [a.text_content() for a in tree.xpath("//li[contains(@class, 'fact-check-item')]/h3/a")]


def test_anyone_reads_the_index_newest_first_without_logging_in(
    client: Client, three_published: list[Verdict]
) -> None:
    response = client.get(reverse("fact_check_index"))
    assert response.status_code == 200
    assert statements(response) == [
        "The bridge cost 3 billion euros",
        "Unemployment fell to 4 percent",
        "Bread prices doubled in a year",
    ]


def test_the_index_leaves_out_claims_not_yet_published(
    client: Client, three_published: list[Verdict]
) -> None:
    claim_saying("A draft nobody approved")
    assert "A draft nobody approved" not in statements(client.get(reverse("fact_check_index")))


def test_the_index_filters_by_rating_and_searches_the_statement(
    client: Client, three_published: list[Verdict]
) -> None:
    url = reverse("fact_check_index")
    assert statements(client.get(url, {"rating": "true"})) == ["Unemployment fell to 4 percent"]
    assert statements(client.get(url, {"q": "BRIDGE billion"})) == [
        "The bridge cost 3 billion euros"
    ]
    assert statements(client.get(url, {"q": "bridge", "rating": "true"})) == []


def test_an_unknown_rating_in_the_index_is_ignored_not_an_error(
    client: Client, three_published: list[Verdict]
) -> None:
    response = client.get(reverse("fact_check_index"), {"rating": "no-such", "page": "x"})
    assert response.status_code == 200
    assert len(statements(response)) == 3


def test_the_index_is_paginated(client: Client, reviewer: Any, editor: Any) -> None:
    for n in range(21):
        publish(claim_saying(f"Claim number {n}"), author=reviewer, approver=editor)
    first = client.get(reverse("fact_check_index"))
    second = client.get(reverse("fact_check_index"), {"page": 2})
    assert len(statements(first)) == 20
    assert statements(second) == ["Claim number 0"]


def test_a_fact_check_page_has_canonical_opengraph_twitter_and_policy_links(
    client: Client, three_published: list[Verdict]
) -> None:
    verdict = three_published[0]
    response = client.get(reverse("claim_public", args=[verdict.claim_id]), HTTP_HOST="testserver")
    tree = lxml.html.fromstring(response.content.decode())
    page_url = f"{SITE}/fact-checks/{verdict.claim_id}/"

    def meta(attribute: str, name: str) -> str:
        (element,) = tree.xpath(f"//meta[@{attribute}='{name}']")
        return element.get("content")

    assert tree.xpath("//link[@rel='canonical']/@href") == [page_url]
    assert meta("property", "og:url") == page_url
    assert meta("property", "og:title") == "Fact check: Bread prices doubled in a year"
    assert meta("property", "og:description") == "False: S."
    assert meta("property", "og:type") == "article"
    assert meta("name", "twitter:card") == "summary"
    assert meta("name", "twitter:title") == "Fact check: Bread prices doubled in a year"
    assert meta("name", "twitter:description") == "False: S."
    policy = tree.xpath("//a[normalize-space()='corrections policy']/@href")
    assert policy == ["https://checks.example.org/corrections-policy"]


def test_without_a_corrections_policy_setting_the_page_links_none(
    client: Client, settings: Any, three_published: list[Verdict]
) -> None:
    settings.CORRECTIONS_POLICY_URL = ""
    response = client.get(reverse("claim_public", args=[three_published[0].claim_id]))
    assert b"corrections policy" not in response.content


def test_the_sitemap_lists_the_index_and_every_published_page_under_site_url(
    client: Client, three_published: list[Verdict]
) -> None:
    claim_saying("Not published")
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    locations = [url.findtext(f"{SITEMAP}loc") for url in root.iter(f"{SITEMAP}url")]
    assert locations == [
        f"{SITE}/fact-checks/",
        *(f"{SITE}/fact-checks/{v.claim_id}/" for v in three_published),
    ]
    lastmods = [url.findtext(f"{SITEMAP}lastmod") for url in root.iter(f"{SITEMAP}url")][1:]
    assert lastmods == [v.published_at.date().isoformat() for v in three_published]


def test_robots_txt_points_at_the_sitemap_and_keeps_crawlers_out_of_the_desk(
    client: Client,
) -> None:
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert f"Sitemap: {SITE}/sitemap.xml" in lines
    assert "Disallow: /admin/" in lines
    assert "Allow: /fact-checks/" in lines


def test_the_atom_feed_lists_published_fact_checks_and_corrections_as_updates(
    client: Client, three_published: list[Verdict], reviewer: Any, editor: Any
) -> None:
    first = three_published[0]
    corrected = correct(first.claim, author=reviewer, approver=editor, slug="true")
    response = client.get(reverse("fact_check_feed"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)
    entries = root.findall(f"{ATOM}entry")
    assert [e.findtext(f"{ATOM}title") for e in entries] == [
        "True: Bread prices doubled in a year",
        "False: The bridge cost 3 billion euros",
        "True: Unemployment fell to 4 percent",
    ]
    link = entries[0].find(f"{ATOM}link").get("href")
    assert link == f"{SITE}/fact-checks/{first.claim_id}/"
    assert (
        entries[0]
        .findtext(f"{ATOM}updated")
        .startswith(corrected.published_at.strftime("%Y-%m-%dT%H:%M"))
    )
    assert entries[0].findtext(f"{ATOM}summary") == "Corrected."


def test_the_brand_link_sends_readers_to_the_index_and_the_desk_to_the_dashboard(
    client: Client, reviewer: Any, three_published: list[Verdict]
) -> None:
    page = reverse("claim_public", args=[three_published[0].claim_id])
    anonymous = lxml.html.fromstring(client.get(page).content.decode())
    assert anonymous.xpath("//a[@class='brand']/@href") == [reverse("fact_check_index")]
    client.force_login(reviewer)
    desk = lxml.html.fromstring(client.get(page).content.decode())
    assert desk.xpath("//a[@class='brand']/@href") == [reverse("dashboard")]


def test_public_pages_keep_the_strict_csp(client: Client, three_published: list[Verdict]) -> None:
    for url in (
        reverse("fact_check_index"),
        reverse("claim_public", args=[three_published[0].claim_id]),
    ):
        response = client.get(url)
        policy = response["Content-Security-Policy"]
        assert "'unsafe-inline'" not in policy
        tree = lxml.html.fromstring(response.content.decode())
        assert not tree.xpath("//*[@style]")
        assert not tree.xpath("//style")
        assert not tree.xpath("//script[not(@src) and not(@type='application/ld+json')]")
