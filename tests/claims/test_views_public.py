"""The public fact-check page: readable without login, with its ClaimReview JSON-LD."""

import json
import re

import lxml.html
import pytest
from django.test import Client
from django.urls import reverse

from factcheck.claims import services
from factcheck.claims.claimreview import ScaleBounds, claim_review, published_verdicts
from factcheck.claims.models import Claim
from tests.factories import ClaimFactory, ensure_source

pytestmark = pytest.mark.django_db


@pytest.fixture
def published_claim(reviewer, editor, rating_false) -> Claim:
    claim = ClaimFactory(claimant="The ministry </script><script>alert(1)</script>")
    services.source_add(
        claim=claim,
        actor=reviewer,
        url="https://mod.example.org/x",
        title="MoD release",
        excerpt="12,800 servicemen",
        stance="refutes",
    )
    verdict = services.verdict_save_draft(
        claim=claim,
        actor=reviewer,
        rating=rating_false,
        summary="Fewer than 10,000.",
        explanation="The ministry's own figure is 9,000.",
    )
    ensure_source(verdict.claim)
    services.verdict_submit(verdict=verdict, actor=reviewer)
    services.verdict_approve(verdict=verdict, actor=editor)
    return claim


def test_anyone_reads_a_published_verdict_without_logging_in(
    client: Client, published_claim: Claim
) -> None:
    response = client.get(reverse("claim_public", args=[published_claim.pk]))
    assert response.status_code == 200
    text = lxml.html.fromstring(response.content.decode()).text_content()
    for expected in (
        published_claim.statement,
        "False",
        "Fewer than 10,000.",
        "The ministry's own figure is 9,000.",
        "MoD release",
        "12,800 servicemen",
    ):
        assert expected in text


def test_the_page_embeds_the_claimreview_json_ld(client: Client, published_claim: Claim) -> None:
    response = client.get(reverse("claim_public", args=[published_claim.pk]))
    tree = lxml.html.fromstring(response.content.decode())
    scripts = tree.xpath("//script[@type='application/ld+json']")
    assert len(scripts) == 1
    verdict = published_verdicts().get(claim=published_claim)
    expected = claim_review(verdict, bounds=ScaleBounds.current())
    assert json.loads(scripts[0].text) == expected
    assert expected["url"].endswith(reverse("claim_public", args=[published_claim.pk]))
    nonce = re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"]).group(1)
    assert scripts[0].get("nonce") == nonce


def test_a_claimant_cannot_break_out_of_the_json_ld(client: Client, published_claim) -> None:
    content = client.get(reverse("claim_public", args=[published_claim.pk])).content.decode()
    assert "</script><script>alert(1)" not in content
    assert "\\u003C/script\\u003E\\u003Cscript\\u003Ealert(1)" in content


def test_an_unpublished_claim_has_no_public_page(client: Client, db) -> None:
    claim = ClaimFactory()
    assert client.get(reverse("claim_public", args=[claim.pk])).status_code == 404
