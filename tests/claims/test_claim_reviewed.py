"""The reviewer's short claim (`claim_reviewed`): proposed, written, required to publish,
and what ClaimReview's `claimReviewed` says, while the page shows the full statement."""

from typing import Any

import lxml.html
import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from factcheck.claims import services
from factcheck.claims.claimreview import ScaleBounds, claim_review, published_verdicts
from factcheck.claims.models import Claim, Verdict
from factcheck.claims.services import WorkflowError, public_record_fingerprint
from tests.clients import api_client
from tests.factories import ClaimFactory, ensure_source

pytestmark = pytest.mark.django_db

LONG = (
    "Employment Minister Anna Berg said unemployment fell to its lowest level in twenty "
    "years last spring, after the new training scheme began"
)
SHORT = "Unemployment is at a twenty-year low"


@pytest.fixture
def claim() -> Claim:
    claim = ClaimFactory(statement=LONG, claimant="Anna Berg")
    ensure_source(claim)  # a verdict is submitted only with its evidence
    return claim


def draft(claim: Claim, actor: Any, rating: Any, **extra: Any) -> Verdict:
    return services.verdict_save_draft(
        claim=claim, actor=actor, rating=rating, summary="It rose.", **extra
    )


def test_a_new_draft_proposes_the_short_claim_from_the_statement(claim, reviewer, rating_false):
    verdict = draft(claim, reviewer, rating_false)
    assert 0 < len(verdict.claim_reviewed) <= 75
    assert verdict.claim_reviewed.endswith("…")
    assert LONG.startswith(verdict.claim_reviewed[:-1])


def test_the_reviewers_short_claim_is_claim_reviewed_and_the_page_shows_the_statement(
    client: Client, claim, reviewer, editor, rating_false
) -> None:
    verdict = draft(claim, reviewer, rating_false, claim_reviewed=SHORT)
    services.verdict_submit(verdict=verdict, actor=reviewer)
    services.verdict_approve(verdict=verdict, actor=editor)
    review = claim_review(published_verdicts().get(pk=verdict.pk), bounds=ScaleBounds.current())
    assert review["claimReviewed"] == SHORT
    page = lxml.html.fromstring(client.get(reverse("claim_public", args=[claim.pk])).content)
    assert page.xpath("string(//h1)") == LONG
    assert page.xpath("//meta[@property='og:title']/@content") == [f"Fact check: {SHORT}"]


def test_saving_again_without_a_short_claim_keeps_the_one_written(claim, reviewer, rating_false):
    verdict = draft(claim, reviewer, rating_false, claim_reviewed=SHORT)
    verdict = draft(claim, reviewer, rating_false, expected_version=verdict.version)
    assert verdict.claim_reviewed == SHORT


def test_a_verdict_without_a_short_claim_cannot_be_submitted(claim, reviewer, rating_false):
    verdict = draft(claim, reviewer, rating_false, claim_reviewed="  ")
    with pytest.raises(WorkflowError, match="short claim reviewed"):
        services.verdict_submit(verdict=verdict, actor=reviewer)
    verdict.refresh_from_db()
    assert verdict.state == Verdict.State.DRAFT


@pytest.mark.parametrize(
    ("text", "message"), [("x" * 76, "at most 75"), ("two\nlines", "single line")]
)
def test_the_short_claim_is_one_line_of_at_most_75_characters(
    claim, reviewer, rating_false, text: str, message: str
) -> None:
    with pytest.raises(ValidationError, match=message):
        draft(claim, reviewer, rating_false, claim_reviewed=text)
    assert not Verdict.objects.exists()


def test_the_short_claim_is_part_of_the_public_record_fingerprint(claim, reviewer, rating_false):
    verdict = draft(claim, reviewer, rating_false, claim_reviewed=SHORT)
    before = public_record_fingerprint(verdict)
    verdict.claim_reviewed = "Something else"
    assert public_record_fingerprint(verdict) != before


def test_the_verdict_form_offers_the_short_claim_prefilled(client: Client, claim, reviewer):
    client.force_login(reviewer)
    page = lxml.html.fromstring(client.get(reverse("claim_detail", args=[claim.pk])).content)
    (field,) = page.xpath("//input[@name='claim_reviewed']")
    label = page.xpath(f"//label[@for='{field.get('id')}']")[0].text_content()
    assert label.startswith("Claim reviewed (short)")
    assert field.get("maxlength") == "75"
    assert LONG.startswith(field.get("value")[:-1])


def test_the_form_saves_the_short_claim_written(client: Client, claim, reviewer, rating_false):
    client.force_login(reviewer)
    client.post(
        reverse("verdict_save", args=[claim.pk]),
        {
            "rating": rating_false.pk,
            "summary": "It rose.",
            "claim_reviewed": SHORT,
            "action": "draft",
        },
    )
    assert Verdict.objects.get().claim_reviewed == SHORT


def test_the_api_reads_and_writes_claim_reviewed(claim, reviewer) -> None:
    api = api_client(reviewer)
    created = api.post(
        "/api/v1/verdicts/",
        {"claim": claim.pk, "rating": "false", "summary": "No.", "claim_reviewed": SHORT},
        format="json",
    )
    assert created.status_code == 201
    assert created.json()["claim_reviewed"] == SHORT
    too_long = api.patch(
        f"/api/v1/verdicts/{created.json()['id']}/",
        {"claim_reviewed": "x" * 76},
        format="json",
        HTTP_IF_MATCH=created["ETag"],
    )
    assert too_long.status_code == 400
    assert "claim_reviewed" in too_long.json()["errors"]


def test_the_schema_states_the_lengths_the_server_enforces(client: Client) -> None:
    schema = client.get("/api/schema/", {"format": "json"}).json()
    components = schema["components"]["schemas"]
    for name in ("VerdictDraftRequest", "PatchedVerdictUpdateRequest"):
        properties = components[name]["properties"]
        assert properties["summary"]["maxLength"] == services.SUMMARY_MAX_CHARS
        assert properties["claim_reviewed"]["maxLength"] == 75
