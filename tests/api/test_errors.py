"""Bad input never answers 500, and every API error has the documented JSON shape."""

import base64
from urllib.parse import urlencode

import pytest
from django.test import Client

from tests.api.conftest import body

pytestmark = pytest.mark.django_db


def assert_error_shape(response, status: int, code: str | None = None) -> dict:
    assert response.status_code == status, response.content[:300]
    assert response["Content-Type"].startswith("application/json")
    data = body(response)
    assert isinstance(data["detail"], str) and data["detail"]
    assert isinstance(data["code"], str) and data["code"]
    if code is not None:
        assert data["code"] == code
    return data


def test_deeply_nested_json_is_a_400(as_reviewer, claim) -> None:
    nested = "[" * 100_000 + "]" * 100_000
    response = as_reviewer.post("/api/v1/articles/", nested, content_type="application/json")
    assert "errors" in assert_error_shape(response, 400, "parse_error")


@pytest.mark.parametrize(
    "cursor",
    [
        "not-a-cursor",
        base64.b64encode(b"p=abc").decode(),
        base64.b64encode(b"p=1&r=x&o=99999999999999999999").decode(),
        base64.b64encode(b"p=99999999999999999999999999").decode(),
        base64.b64encode(b"p=\x00").decode(),
    ],
)
def test_a_tampered_cursor_is_a_400(as_reviewer, claim, cursor) -> None:
    response = as_reviewer.get("/api/v1/claims/?" + urlencode({"cursor": cursor}))
    assert_error_shape(response, 400, "invalid_cursor")


@pytest.mark.parametrize(
    "since",
    [
        "0001-01-01T00:00:00+01:00",
        "9999-12-31T23:59:59-01:00",
        "2024-01-01T00:00:00+99:00",
        "2024-13-01",
    ],
)
@pytest.mark.parametrize(
    "url",
    ["/api/v1/verdicts/export.json", "/api/v1/verdicts/export.csv", "/api/v1/claimreview.jsonld"],
)
def test_an_out_of_range_since_is_a_400_before_streaming(as_consumer, published, url, since):
    response = as_consumer.get(url, {"since": since})
    if response.status_code == 200:
        b"".join(response.streaming_content)
    data = assert_error_shape(response, 400, "invalid")
    assert list(data["errors"]) == ["since"]


@pytest.mark.parametrize(
    "url",
    ["/api/v1/verdicts/export.json", "/api/v1/verdicts/export.csv", "/api/v1/claimreview.jsonld"],
)
def test_a_since_with_an_offset_postgresql_refuses_still_streams_whole(
    as_consumer, published, url
) -> None:
    """+23:59 is a valid ISO 8601 offset; PostgreSQL allows at most 15:59, and the query
    used to fail only after the 200 had been sent."""
    response = as_consumer.get(url, {"since": "2000-01-01T00:00:00+23:59"})
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode()
    assert published.claim.statement in text


@pytest.mark.parametrize("since", ["0001-01-01T00:00:00+01:00", "9999-12-31T23:59:59-01:00"])
def test_an_out_of_range_updated_since_is_a_400(as_reviewer, claim, since) -> None:
    response = as_reviewer.get("/api/v1/claims/", {"updated_since": since})
    assert_error_shape(response, 400)


def test_an_oversized_body_is_a_413(as_reviewer, claim, settings) -> None:
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    response = as_reviewer.patch(
        f"/api/v1/claims/{claim.pk}/", {"statement": "x" * 5000}, format="json"
    )
    assert_error_shape(response, 413, "request_too_large")


def test_unknown_api_address_is_a_json_404(as_reviewer) -> None:
    assert_error_shape(as_reviewer.get("/api/v1/nothing-here/"), 404)


def test_an_unexpected_failure_in_an_api_view_is_a_logged_json_500(
    as_reviewer, monkeypatch, caplog
) -> None:
    from factcheck.claims.api import ClaimViewSet

    def broken(self):
        raise RuntimeError("the disk is on fire")

    monkeypatch.setattr(ClaimViewSet, "get_queryset", broken)
    response = as_reviewer.get("/api/v1/claims/")
    data = assert_error_shape(response, 500, "server_error")
    assert "fire" not in data["detail"]  # nothing internal is shown to the client
    assert any(
        record.levelname == "ERROR" and record.exc_info and "fire" in str(record.exc_info[1])
        for record in caplog.records
    )


def test_a_failure_before_the_api_view_is_a_json_500_too(reviewer, monkeypatch) -> None:
    from django_htmx.middleware import HtmxMiddleware

    def broken(self, request):
        raise RuntimeError("a middleware failed")

    monkeypatch.setattr(HtmxMiddleware, "__call__", broken)
    client = Client(raise_request_exception=False)
    assert_error_shape(client.get("/api/v1/claimreview.jsonld"), 500, "server_error")
    page = client.get("/login/")  # the site keeps its HTML error page
    assert page.status_code == 500
    assert page["Content-Type"].startswith("text/html")


def test_a_bad_host_is_a_json_400_under_the_api() -> None:
    response = Client().get("/api/v1/claimreview.jsonld", HTTP_HOST="evil.example")
    assert_error_shape(response, 400, "bad_request")


def test_a_body_past_the_limit_is_a_413_for_articles_too(as_reviewer, settings) -> None:
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    response = as_reviewer.post("/api/v1/articles/", {"text": "word " * 1000}, format="json")
    assert_error_shape(response, 413, "request_too_large")


def test_the_schema_documents_413_400_and_500(anon) -> None:
    schema = anon.get("/api/schema/?format=json").json()
    patch = schema["paths"]["/api/v1/claims/{id}/"]["patch"]["responses"]
    assert {"400", "413", "500"} <= set(patch)
    listing = schema["paths"]["/api/v1/claims/{id}/sources/"]["get"]["responses"]
    assert {"400", "500"} <= set(listing) and "413" not in listing


def test_too_many_query_fields_stay_a_400_in_the_json_shape(as_reviewer, settings) -> None:
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 5
    response = as_reviewer.get("/api/v1/claims/?" + "&".join(f"f{n}=1" for n in range(10)))
    assert_error_shape(response, 400, "parse_error")


def test_a_nul_character_in_a_looked_up_value_is_a_400_not_a_500(as_reviewer, claim) -> None:
    response = as_reviewer.post(
        "/api/v1/verdicts/",
        {"claim": claim.pk, "rating": "fa\x00lse", "summary": "No."},
        format="json",
    )
    assert response.status_code == 400
    assert response.json()["code"] == "parse_error"
