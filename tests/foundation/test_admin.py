"""The admin is usable on its own and keeps the workflow rules."""

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from factcheck.claims import services
from factcheck.claims.models import Claim, Rating, Verdict
from tests.factories import ClaimFactory, SourceFactory, ensure_source

pytestmark = pytest.mark.django_db


@pytest.fixture
def claim() -> Claim:
    claim = ClaimFactory()
    SourceFactory(claim=claim)
    return claim


@pytest.mark.parametrize("model", ["article", "claim", "source", "verdict", "rating", "comment"])
def test_every_model_has_a_changelist_with_search(admin_client: Client, claim, model) -> None:
    app = "articles" if model == "article" else "claims"
    response = admin_client.get(reverse(f"admin:{app}_{model}_changelist"), {"q": "troops"})
    assert response.status_code == 200


def test_article_page_shows_its_claims_inline(admin_client: Client, claim) -> None:
    response = admin_client.get(reverse("admin:articles_article_change", args=[claim.article.pk]))
    assert response.status_code == 200
    assert claim.statement in response.content.decode()


def test_claim_page_shows_sources_and_verdict_versions_and_history(
    admin_client: Client, claim, reviewer, rating_false
) -> None:
    services.verdict_save_draft(claim=claim, actor=reviewer, rating=rating_false, summary="No.")
    page = admin_client.get(reverse("admin:claims_claim_change", args=[claim.pk])).content.decode()
    assert "A source" in page and "No." in page
    history = admin_client.get(reverse("admin:claims_claim_history", args=[claim.pk]))
    assert history.status_code == 200


def test_editing_a_claim_in_the_admin_goes_through_the_service(
    admin_client: Client, admin_user: User, claim
) -> None:
    url = reverse("admin:claims_claim_change", args=[claim.pk])
    admin_client.post(
        url,
        {
            "statement": "Edited in the admin.",
            "type": "quantity",
            "claimant": "Ministry",
            "assignee": "",
            "loaded_version": 1,
            "sources-TOTAL_FORMS": 0,
            "sources-INITIAL_FORMS": 0,
            "verdicts-TOTAL_FORMS": 0,
            "verdicts-INITIAL_FORMS": 0,
            "comments-TOTAL_FORMS": 0,
            "comments-INITIAL_FORMS": 0,
        },
    )
    claim.refresh_from_db()
    assert claim.statement == "Edited in the admin."
    assert claim.version == 2
    assert claim.history.first().history_user == admin_user


def test_admin_approval_keeps_the_four_eyes_rule(
    admin_client: Client, admin_user: User, claim
) -> None:
    verdict = services.verdict_save_draft(
        claim=claim, actor=admin_user, rating=Rating.objects.get(slug="true"), summary="Yes."
    )
    ensure_source(verdict.claim)
    services.verdict_submit(verdict=verdict, actor=admin_user)
    response = admin_client.post(
        reverse("admin:claims_verdict_changelist"),
        {"action": "approve_and_publish", "_selected_action": [verdict.pk], "post": "yes"},
        follow=True,
    )
    assert "did not write it" in response.content.decode()
    verdict.refresh_from_db()
    assert verdict.state == Verdict.State.SUBMITTED


def test_history_cannot_be_reverted_through_the_admin(
    admin_client: Client, claim, reviewer
) -> None:
    services.claim_update(claim=claim, actor=reviewer, expected_version=1, statement="Changed.")
    record = claim.history.last()
    url = reverse("admin:claims_claim_simple_history", args=[claim.pk, record.history_id])
    page = admin_client.get(url).content.decode()
    assert 'value="Revert' not in page
    admin_client.post(url, {"statement": "Reverted."})
    claim.refresh_from_db()
    assert claim.statement == "Changed."
