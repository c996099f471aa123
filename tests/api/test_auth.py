"""Who may call what: tokens and sessions, roles, the public feed, throttling, tokens by command."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from rest_framework.test import APIClient
from rest_framework.throttling import UserRateThrottle

from tests.clients import api_client
from tests.factories import make_user

pytestmark = pytest.mark.django_db

WORKBENCH = [
    "/api/v1/articles/",
    "/api/v1/claims/",
    "/api/v1/verdicts/",
]
TOKEN_EXPORTS = ["/api/v1/verdicts/export.json", "/api/v1/verdicts/export.csv"]


@pytest.mark.parametrize("url", [*WORKBENCH, *TOKEN_EXPORTS, "/api/v1/claims/1/sources/"])
def test_anonymous_client_gets_401_with_a_token_challenge(anon, url) -> None:
    response = anon.get(url)
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"
    assert response.json()["code"] == "not_authenticated"


@pytest.mark.parametrize(
    ("method", "url"),
    [
        ("post", "/api/v1/articles/"),
        ("patch", "/api/v1/claims/1/"),
        ("post", "/api/v1/verdicts/"),
        ("post", "/api/v1/verdicts/1/approve/"),
    ],
)
def test_anonymous_client_cannot_write(anon, method, url) -> None:
    assert getattr(anon, method)(url, {}, format="json").status_code == 401


def test_anonymous_client_reads_the_public_claimreview_feed(anon) -> None:
    response = anon.get("/api/v1/claimreview.jsonld")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/ld+json"


def test_a_wrong_token_is_refused_even_on_the_public_feed(anon) -> None:
    anon.credentials(HTTP_AUTHORIZATION="Token not-a-real-token")
    response = anon.get("/api/v1/claimreview.jsonld")
    assert response.status_code == 401
    assert response.json()["detail"] == "Invalid token."


def test_an_inactive_users_token_stops_working(reviewer) -> None:
    client = api_client(reviewer)
    reviewer.is_active = False
    reviewer.save()
    assert client.get("/api/v1/claims/").status_code == 401


def test_reviewer_reads_with_a_token(as_reviewer) -> None:
    assert as_reviewer.get("/api/v1/claims/").status_code == 200


def test_a_logged_in_session_works_too(reviewer) -> None:
    client = APIClient()
    client.login(username="rita", password="rita-pass-123")
    assert client.get("/api/v1/claims/").status_code == 200


def test_session_writes_need_the_csrf_token(reviewer) -> None:
    client = APIClient(enforce_csrf_checks=True)
    client.login(username="rita", password="rita-pass-123")
    response = client.post("/api/v1/articles/", {"text": "Some text."}, format="json")
    assert response.status_code == 403
    assert "CSRF" in response.json()["detail"]


@pytest.mark.parametrize("url", WORKBENCH)
def test_data_consumer_without_a_role_cannot_read_the_workbench(as_consumer, url) -> None:
    response = as_consumer.get(url)
    assert response.status_code == 403
    assert response.json()["code"] == "permission_denied"


@pytest.mark.parametrize("url", TOKEN_EXPORTS)
def test_data_consumer_downloads_the_exports(as_consumer, url) -> None:
    assert as_consumer.get(url).status_code == 200


def test_throttling_counts_requests_per_token(as_reviewer, as_editor, monkeypatch) -> None:
    monkeypatch.setattr(UserRateThrottle, "THROTTLE_RATES", {"user": "3/hour"})
    for _ in range(3):
        assert as_reviewer.get("/api/v1/claims/").status_code == 200
    refused = as_reviewer.get("/api/v1/claims/")
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) > 0
    assert refused.json()["code"] == "throttled"
    # Another token has its own count.
    assert as_editor.get("/api/v1/claims/").status_code == 200


def test_create_api_token_prints_the_key_of_a_new_token(reviewer) -> None:
    out = StringIO()
    call_command("create_api_token", "rita", stdout=out, stderr=StringIO())
    key = out.getvalue().strip()
    assert len(key) >= 40
    assert client_for_key(key).get("/api/v1/claims/").status_code == 200


def test_create_api_token_never_prints_an_existing_key_again(reviewer) -> None:
    first, again = StringIO(), StringIO()
    call_command("create_api_token", "rita", stdout=first, stderr=StringIO())
    with pytest.raises(CommandError, match=r"already has an API token.*--rotate"):
        call_command("create_api_token", "rita", stdout=again, stderr=StringIO())
    assert again.getvalue() == ""
    assert client_for_key(first.getvalue().strip()).get("/api/v1/claims/").status_code == 200


def test_create_api_token_rotate_prints_a_new_key_and_ends_the_old_one(reviewer) -> None:
    first, rotated = StringIO(), StringIO()
    call_command("create_api_token", "rita", stdout=first, stderr=StringIO())
    call_command("create_api_token", "rita", "--rotate", stdout=rotated, stderr=StringIO())
    assert rotated.getvalue() != first.getvalue()
    assert client_for_key(first.getvalue().strip()).get("/api/v1/claims/").status_code == 401
    assert client_for_key(rotated.getvalue().strip()).get("/api/v1/claims/").status_code == 200


def test_create_api_token_refuses_an_unknown_or_inactive_user(db) -> None:
    with pytest.raises(CommandError, match="no user 'nobody'"):
        call_command("create_api_token", "nobody")
    make_user("gone", is_active=False)
    with pytest.raises(CommandError, match="inactive"):
        call_command("create_api_token", "gone")


def client_for_key(key: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client
