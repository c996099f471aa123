"""The desk's figures in the API: editors and tokens given the permission, nobody else."""

from typing import Any

import pytest
from django.contrib.auth.models import Permission, User

from factcheck.insight.figures import CHART_SLUGS
from tests.clients import api_client
from tests.factories import make_user
from tests.insight.conftest import Desk

pytestmark = pytest.mark.django_db

FORTNIGHT_QUERY = {"from": "2026-03-02", "to": "2026-03-15"}


def test_an_editor_reads_every_chart_of_a_period(fortnight: Desk) -> None:
    response = api_client(fortnight.edna).get("/api/v1/insight/", FORTNIGHT_QUERY)
    assert response.status_code == 200
    body: dict[str, Any] = response.json()
    assert body["period"] == {"start": "2026-03-02", "end": "2026-03-15"}
    assert [chart["slug"] for chart in body["charts"]] == list(CHART_SLUGS)
    flow = body["charts"][0]
    assert len(flow["labels"]) == 14
    extracted = next(s for s in flow["series"] if s["name"] == "Extracted")
    assert sum(extracted["values"]) == 6  # c1, c2, c4, c5, c6, c7
    assert extracted["values"][0] == 3 and extracted["values"][7] == 3  # the 2nd and the 9th
    assert response.has_header("ETag")


def test_one_chart_by_its_slug(fortnight: Desk) -> None:
    response = api_client(fortnight.edna).get("/api/v1/insight/work-per-person/", FORTNIGHT_QUERY)
    assert response.status_code == 200
    body = response.json()
    assert body["labels"] == ["rita", "edna", "eddie", "ravi"]
    assert body["series"][0] == {
        "name": "Claims taken",
        "colour": body["series"][0]["colour"],
        "values": [2, 1, 0, 1],
        "below": False,
    }
    seen = api_client(fortnight.edna).get("/api/v1/insight/seen-most-often/", FORTNIGHT_QUERY)
    assert seen.json()["notes"][1] == {"name": "Rating", "values": ["Mostly true", "Not checked"]}


def test_a_token_given_the_permission_reads_the_figures(fortnight: Desk) -> None:
    partner = make_user("research-desk", None)
    partner.user_permissions.add(Permission.objects.get(codename="view_insight"))
    assert api_client(partner).get("/api/v1/insight/").status_code == 200


@pytest.mark.parametrize("role", ["Reviewer", None])
def test_reviewers_and_data_consumers_are_refused(role: str | None) -> None:
    user = make_user("someone", role)
    response = api_client(user).get("/api/v1/insight/")
    assert response.status_code == 403
    assert response.json()["code"] == "permission_denied"
    assert api_client(user).get("/api/v1/insight/claims-in-out/").status_code == 403


def test_an_anonymous_client_must_authenticate() -> None:
    assert api_client(None).get("/api/v1/insight/").status_code == 401


def test_a_bad_period_is_a_400_that_says_why(editor: User) -> None:
    response = api_client(editor).get(
        "/api/v1/insight/", {"from": "2026-03-15", "to": "2026-03-02"}
    )
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid"
    assert "is after the To date" in body["detail"]
    bad_date = api_client(editor).get("/api/v1/insight/claims-in-out/", {"from": "soon"})
    assert bad_date.status_code == 400
    assert bad_date.json()["errors"]["from"] == [
        "Enter a date as YYYY-MM-DD (for example 2026-03-31)."
    ]


def test_an_unknown_chart_is_a_404(editor: User) -> None:
    response = api_client(editor).get("/api/v1/insight/no-such-chart/")
    assert response.status_code == 404
    assert "claims-in-out" in response.json()["detail"]


def test_the_schema_documents_the_insight_endpoints(editor: User) -> None:
    client = api_client(editor)
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/json").json()
    listing = schema["paths"]["/api/v1/insight/"]["get"]
    assert {p["name"] for p in listing["parameters"]} >= {"period", "from", "to"}
    assert {"200", "400", "401", "403"} <= set(listing["responses"])
    chart = schema["paths"]["/api/v1/insight/{slug}/"]["get"]
    assert "404" in chart["responses"]
    assert "ChartInPeriod" in schema["components"]["schemas"]
