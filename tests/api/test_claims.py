"""/api/v1/claims/: filters, paging, ETags, and changes under If-Match through the services."""

from datetime import timedelta

import pytest
from django.utils import timezone

from factcheck.api import etag_for
from factcheck.claims import services
from factcheck.claims.models import Claim
from tests.api.conftest import publish, rating
from tests.factories import ArticleFactory, ClaimFactory

pytestmark = pytest.mark.django_db


def patch(client, claim, data, etag=None):
    headers = {} if etag is None else {"HTTP_IF_MATCH": etag}
    return client.patch(f"/api/v1/claims/{claim.pk}/", data, format="json", **headers)


# Reading


def test_list_gives_claims_oldest_first_in_cursor_pages(as_reviewer) -> None:
    claims = ClaimFactory.create_batch(3)
    first = as_reviewer.get("/api/v1/claims/?page_size=2").json()
    assert [c["id"] for c in first["results"]] == [claims[0].pk, claims[1].pk]
    second = as_reviewer.get(first["next"]).json()
    assert [c["id"] for c in second["results"]] == [claims[2].pk]
    assert second["previous"] is not None


def test_page_size_is_capped(as_reviewer) -> None:
    ClaimFactory.create_batch(3)
    response = as_reviewer.get("/api/v1/claims/?page_size=100000")
    assert response.status_code == 200
    assert len(response.json()["results"]) == 3


@pytest.fixture
def assorted(reviewer, editor, other_reviewer):
    article = ArticleFactory()
    quantity = ClaimFactory(article=article, type=Claim.Type.QUANTITY)
    event = ClaimFactory(type=Claim.Type.EVENT, start=1)
    services.claim_assign(claim=event, actor=editor, assignee=other_reviewer)
    publish(quantity, author=reviewer, approver=editor, slug="false")
    dismissed = ClaimFactory(type=Claim.Type.OTHER)
    services.claim_dismiss(claim=dismissed, actor=editor, reason="Opinion.")
    return {"quantity": quantity, "event": event, "dismissed": dismissed, "article": article}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("status=published", ["quantity"]),
        ("status=dismissed", ["dismissed"]),
        ("type=event", ["event"]),
        ("rating=false", ["quantity"]),
        ("rating=true", []),
        ("assignee=ravi", ["event"]),
        ("status=checking&type=event", ["event"]),
    ],
)
def test_list_filters(as_reviewer, assorted, query, expected) -> None:
    data = as_reviewer.get(f"/api/v1/claims/?{query}").json()
    assert [c["id"] for c in data["results"]] == [assorted[name].pk for name in expected]


def test_list_filters_by_article(as_reviewer, assorted) -> None:
    data = as_reviewer.get(f"/api/v1/claims/?article={assorted['article'].pk}").json()
    assert [c["id"] for c in data["results"]] == [assorted["quantity"].pk]


def test_updated_since_takes_a_date_or_a_time(as_reviewer, assorted) -> None:
    Claim.objects.filter(pk=assorted["event"].pk).update(
        updated_at=timezone.now() - timedelta(days=30)
    )
    since = (timezone.now() - timedelta(days=1)).date().isoformat()
    data = as_reviewer.get(f"/api/v1/claims/?updated_since={since}").json()
    assert assorted["event"].pk not in [c["id"] for c in data["results"]]
    assert len(data["results"]) == 2
    moment = (timezone.now() - timedelta(days=40)).isoformat()
    data = as_reviewer.get("/api/v1/claims/", {"updated_since": moment}).json()
    assert len(data["results"]) == 3


@pytest.mark.parametrize(
    "query", ["status=maybe", "type=rumour", "updated_since=yesterday", "article=x"]
)
def test_bad_filter_values_are_a_400(as_reviewer, query) -> None:
    response = as_reviewer.get(f"/api/v1/claims/?{query}")
    assert response.status_code == 400
    assert response.json()["code"] == "invalid"
    assert query.split("=")[0] in response.json()["errors"]


def test_detail_carries_the_version_etag_and_honours_if_none_match(as_reviewer, claim) -> None:
    response = as_reviewer.get(f"/api/v1/claims/{claim.pk}/")
    assert response.status_code == 200
    assert response["ETag"] == etag_for(claim)
    assert response.json()["version"] == claim.version
    cached = as_reviewer.get(f"/api/v1/claims/{claim.pk}/", HTTP_IF_NONE_MATCH=response["ETag"])
    assert cached.status_code == 304
    assert cached["ETag"] == response["ETag"]


def test_list_responses_carry_an_etag_too(as_reviewer, claim) -> None:
    response = as_reviewer.get("/api/v1/claims/")
    assert response["ETag"]
    again = as_reviewer.get("/api/v1/claims/", HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304


def test_unknown_claim_is_a_404(as_reviewer) -> None:
    assert as_reviewer.get("/api/v1/claims/987654/").status_code == 404


# Changing


def test_editing_without_if_match_is_a_428_and_changes_nothing(as_reviewer, claim) -> None:
    response = patch(as_reviewer, claim, {"statement": "New wording."})
    assert response.status_code == 428
    assert "If-Match" in response.json()["detail"]
    claim.refresh_from_db()
    assert claim.statement != "New wording."


def test_if_match_star_matches_the_current_version(as_reviewer, claim) -> None:
    """RFC 9110: `If-Match: *` matches whatever version is current."""
    response = patch(as_reviewer, claim, {"statement": "New wording."}, etag="*")
    assert response.status_code == 200
    claim.refresh_from_db()
    assert (claim.statement, claim.version) == ("New wording.", 2)


def test_reviewer_edits_with_the_current_etag(as_reviewer, claim) -> None:
    etag = as_reviewer.get(f"/api/v1/claims/{claim.pk}/")["ETag"]
    response = patch(
        as_reviewer,
        claim,
        {"statement": "More than 10,000 troops took part.", "type": "quantity", "claimant": "TASS"},
        etag,
    )
    assert response.status_code == 200
    data = response.json()
    assert data["statement"] == "More than 10,000 troops took part."
    assert data["claimant"] == "TASS"
    assert data["status"] == "checking"  # work on a new claim starts its check
    claim.refresh_from_db()
    assert response["ETag"] == etag_for(claim) != etag
    assert claim.history.first().history_user.username == "rita"


def test_a_stale_etag_is_a_412_naming_what_changed(as_reviewer, reviewer, claim) -> None:
    stale = etag_for(claim)
    services.claim_update(
        claim=claim, actor=reviewer, expected_version=claim.version, claimant="Kommersant"
    )
    response = patch(as_reviewer, claim, {"claimant": "TASS", "type": "quantity"}, stale)
    assert response.status_code == 412
    data = response.json()
    assert data["code"] == "conflict"
    assert data["changes"] == {"claimant": {"yours": "TASS", "current": "Kommersant"}}
    claim.refresh_from_db()
    assert response["ETag"] == etag_for(claim)
    assert claim.claimant == "Kommersant"


def test_an_etag_of_another_object_is_a_412(as_reviewer, claim) -> None:
    other = ClaimFactory(start=2)
    response = patch(as_reviewer, claim, {"claimant": "TASS"}, etag_for(other))
    assert response.status_code == 412
    assert "GET it again" in response.json()["detail"]


def test_an_empty_change_with_a_stale_etag_is_still_a_412(as_reviewer, reviewer, claim) -> None:
    stale = etag_for(claim)
    services.claim_update(claim=claim, actor=reviewer, expected_version=None, claimant="X")
    assert patch(as_reviewer, claim, {}, stale).status_code == 412


def test_bad_values_are_a_400_with_the_field(as_reviewer, claim) -> None:
    response = patch(as_reviewer, claim, {"type": "rumour"}, etag_for(claim))
    assert response.status_code == 400
    assert "type" in response.json()["errors"]


def test_an_empty_statement_is_refused_by_the_service(as_reviewer, claim) -> None:
    response = patch(as_reviewer, claim, {"statement": "   "}, etag_for(claim))
    assert response.status_code == 400
    assert response.json()["detail"] == "Statement cannot be empty."


def test_editor_dismisses_with_a_reason_and_restores(as_editor, claim) -> None:
    response = patch(
        as_editor, claim, {"status": "dismissed", "dismiss_reason": "Opinion."}, etag_for(claim)
    )
    assert response.status_code == 200
    assert response.json()["status"] == "dismissed"
    assert response.json()["dismiss_reason"] == "Opinion."
    restored = patch(as_editor, claim, {"status": "new"}, response["ETag"])
    assert restored.status_code == 200
    assert restored.json()["status"] == "new"


def test_dismissing_needs_a_reason(as_editor, claim) -> None:
    response = patch(as_editor, claim, {"status": "dismissed"}, etag_for(claim))
    assert response.status_code == 400
    assert "reason" in response.json()["detail"]


def test_reviewer_cannot_reopen_and_nothing_of_the_request_is_saved(
    as_reviewer, claim, editor
) -> None:
    claim = services.claim_dismiss(claim=claim, actor=editor, reason="Opinion.")
    response = patch(
        as_reviewer, claim, {"statement": "Reworded.", "status": "new"}, etag_for(claim)
    )
    assert response.status_code == 403
    assert "permission to reopen" in response.json()["detail"]
    claim.refresh_from_db()
    assert claim.statement != "Reworded."
    assert claim.status == Claim.Status.DISMISSED


def test_reviewer_takes_a_claim_and_dismisses_it_with_a_reason(
    as_reviewer, claim, reviewer
) -> None:
    response = patch(as_reviewer, claim, {"assignee": "rita"}, etag_for(claim))
    assert response.status_code == 200, response.content
    assert response.json()["assignee"] == "rita"
    claim.refresh_from_db()
    response = patch(
        as_reviewer,
        claim,
        {"status": "dismissed", "dismiss_reason": "Opinion."},
        etag_for(claim),
    )
    assert response.status_code == 200, response.content
    claim.refresh_from_db()
    assert (claim.status, claim.dismiss_reason) == (Claim.Status.DISMISSED, "Opinion.")


def test_reviewer_cannot_assign_a_claim_to_someone_else(as_reviewer, claim, editor) -> None:
    response = patch(as_reviewer, claim, {"assignee": "edna"}, etag_for(claim))
    assert response.status_code == 403
    assert "for editors" in response.json()["detail"]
    claim.refresh_from_db()
    assert claim.assignee is None


@pytest.mark.parametrize("status", ["awaiting_approval", "published", "checking"])
def test_workflow_statuses_cannot_be_set_directly(as_editor, claim, status) -> None:
    response = patch(as_editor, claim, {"status": status}, etag_for(claim))
    assert response.status_code == 400
    assert response.json()["code"] == "workflow"


def test_editor_assigns_a_reviewer_and_unassigns(as_editor, claim, other_reviewer) -> None:
    response = patch(as_editor, claim, {"assignee": "ravi"}, etag_for(claim))
    assert response.status_code == 200
    assert response.json()["assignee"] == "ravi"
    cleared = patch(as_editor, claim, {"assignee": None}, response["ETag"])
    assert cleared.json()["assignee"] is None


def test_reviewer_cannot_assign(as_reviewer, claim, other_reviewer) -> None:
    assert patch(as_reviewer, claim, {"assignee": "ravi"}, etag_for(claim)).status_code == 403


def test_assigning_an_unknown_user_is_a_400(as_editor, claim) -> None:
    response = patch(as_editor, claim, {"assignee": "nobody"}, etag_for(claim))
    assert response.status_code == 400
    assert "assignee" in response.json()["errors"]


def test_a_published_claim_cannot_be_edited(as_reviewer, published) -> None:
    claim = published.claim
    claim.refresh_from_db()
    response = patch(as_reviewer, claim, {"statement": "Other."}, etag_for(claim))
    assert response.status_code == 400
    assert "publish a correction" in response.json()["detail"]


def test_put_is_not_offered(as_reviewer, claim) -> None:
    response = as_reviewer.put(f"/api/v1/claims/{claim.pk}/", {}, format="json")
    assert response.status_code == 405


def test_rating_filter_ignores_superseded_verdicts(as_reviewer, reviewer, editor, claim) -> None:
    from tests.api.conftest import correct

    publish(claim, author=reviewer, approver=editor, slug="false")
    correct(claim, author=reviewer, approver=editor, slug="mostly-false")
    assert rating("mostly-false")
    by_old = as_reviewer.get("/api/v1/claims/?rating=false").json()["results"]
    by_new = as_reviewer.get("/api/v1/claims/?rating=mostly-false").json()["results"]
    assert (by_old, [c["id"] for c in by_new]) == ([], [claim.pk])


def test_rating_filter_ignores_a_withdrawn_verdicts_rating(
    as_reviewer, reviewer, editor, claim
) -> None:
    verdict = publish(claim, author=reviewer, approver=editor, slug="false")
    by_rating = "/api/v1/claims/?rating=false"
    assert [c["id"] for c in as_reviewer.get(by_rating).json()["results"]] == [claim.pk]
    services.verdict_unpublish(verdict=verdict, actor=editor, reason="The figures were wrong.")
    assert as_reviewer.get(by_rating).json()["results"] == []
    assert claim.pk in [c["id"] for c in as_reviewer.get("/api/v1/claims/").json()["results"]]
