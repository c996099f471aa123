"""What partners build on: the rating scale, comments, RateLimit-* headers."""

from typing import Any

import pytest
from rest_framework.throttling import ScopedRateThrottle, UserRateThrottle

from factcheck.claims.models import Comment, Rating
from tests.factories import ClaimFactory

pytestmark = pytest.mark.django_db


def test_any_account_reads_the_rating_scale_in_order(as_consumer: Any) -> None:
    response = as_consumer.get("/api/v1/ratings/")
    assert response.status_code == 200
    ratings = response.json()
    assert [r["slug"] for r in ratings] == list(
        Rating.objects.order_by("order", "id").values_list("slug", flat=True)
    )
    unverifiable = next(r for r in ratings if r["slug"] == "unverifiable")
    assert unverifiable["value"] is None
    assert {"label", "value", "colour", "description"} <= set(ratings[0])
    assert response["ETag"]


def test_anonymous_callers_do_not_get_the_scale(anon: Any) -> None:
    assert anon.get("/api/v1/ratings/").status_code == 401


def test_a_reviewer_comments_on_a_claim_and_lists_the_comments(
    as_reviewer: Any, as_editor: Any, claim: Any
) -> None:
    url = f"/api/v1/claims/{claim.pk}/comments/"
    first = as_reviewer.post(url, {"body": "The ministry's figure is 9,000."}, format="json")
    assert first.status_code == 201
    assert first.json()["author"] == "rita"
    as_editor.post(url, {"body": "Check the satellite photos <b>too</b>."}, format="json")
    listed = as_reviewer.get(url).json()["results"]
    assert [c["body"] for c in listed] == [
        "The ministry's figure is 9,000.",
        "Check the satellite photos <b>too</b>.",
    ]
    assert [c["author"] for c in listed] == ["rita", "edna"]


def test_an_empty_comment_is_a_400_and_stores_nothing(as_reviewer: Any, claim: Any) -> None:
    url = f"/api/v1/claims/{claim.pk}/comments/"
    response = as_reviewer.post(url, {"body": "   "}, format="json")
    assert response.status_code == 400
    assert response.json()["code"] == "invalid"
    assert not Comment.objects.exists()


def test_a_data_consumer_cannot_read_or_write_comments(as_consumer: Any, claim: Any) -> None:
    url = f"/api/v1/claims/{claim.pk}/comments/"
    assert as_consumer.get(url).status_code == 403
    assert as_consumer.post(url, {"body": "Hi"}, format="json").status_code == 403
    assert not Comment.objects.exists()


def test_comments_of_a_missing_claim_are_a_404(as_reviewer: Any, db: None) -> None:
    assert as_reviewer.get("/api/v1/claims/999999/comments/").status_code == 404


def test_every_throttled_answer_carries_ratelimit_headers(
    as_reviewer: Any, monkeypatch: Any
) -> None:
    monkeypatch.setattr(UserRateThrottle, "THROTTLE_RATES", {"user": "3/hour"})
    ClaimFactory()
    remaining = []
    for _ in range(3):
        response = as_reviewer.get("/api/v1/claims/")
        assert response["RateLimit-Limit"] == "3"
        assert 0 < int(response["RateLimit-Reset"]) <= 3600
        remaining.append(int(response["RateLimit-Remaining"]))
    assert remaining == [2, 1, 0]
    refused = as_reviewer.get("/api/v1/claims/")
    assert refused.status_code == 429
    assert refused["RateLimit-Remaining"] == "0"
    assert int(refused["RateLimit-Reset"]) > 0


def test_the_anonymous_feed_reports_its_limit_too(anon: Any) -> None:
    response = anon.get("/api/v1/claimreview.jsonld")
    assert response.status_code == 200
    assert int(response["RateLimit-Limit"]) > 0
    assert int(response["RateLimit-Remaining"]) == int(response["RateLimit-Limit"]) - 1
    assert "RateLimit-Remaining" in response["Access-Control-Expose-Headers"]


def test_the_tightest_limit_is_the_one_reported(as_consumer: Any, monkeypatch: Any) -> None:
    monkeypatch.setattr(
        ScopedRateThrottle, "THROTTLE_RATES", {"user": "100/hour", "export": "2/hour"}
    )
    monkeypatch.setattr(UserRateThrottle, "THROTTLE_RATES", {"user": "100/hour"})
    response = as_consumer.get("/api/v1/verdicts/export.json")
    assert (response["RateLimit-Limit"], response["RateLimit-Remaining"]) == ("2", "1")


def test_pages_outside_the_api_have_no_ratelimit_headers(client: Any, db: None) -> None:
    assert "RateLimit-Limit" not in client.get("/fact-checks/")
