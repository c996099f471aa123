"""/api/v1/claims/{id}/sources/ and /api/v1/sources/{id}/: evidence, listed and added."""

import pytest

from factcheck.claims import services
from factcheck.claims.models import Claim, Source
from tests.factories import SourceFactory

pytestmark = pytest.mark.django_db


def add(client, claim, data):
    return client.post(f"/api/v1/claims/{claim.pk}/sources/", data, format="json")


def test_reviewer_adds_a_source_and_its_snapshot_is_queued(
    as_reviewer, claim, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks() as callbacks:
        response = add(
            as_reviewer,
            claim,
            {
                "url": "https://mod.example.gov/zapad",
                "title": "Ministry release",
                "stance": "refutes",
                "published_on": "2021-09-10",
                "excerpt": "About 6,400 troops.",
            },
        )
    assert response.status_code == 201
    data = response.json()
    assert data["stance"] == "refutes"
    assert data["added_by"] == "rita"
    assert data["snapshot_status"] == "pending"
    assert data["published_on"] == "2021-09-10"
    assert response["Location"] == f"/api/v1/sources/{data['id']}/"
    assert len(callbacks) == 1
    claim.refresh_from_db()
    assert claim.status == Claim.Status.CHECKING


@pytest.mark.parametrize(
    ("payload", "where"),
    [
        ({"url": "not a url"}, "detail"),
        ({"url": "file:///etc/passwd"}, "detail"),
        ({"url": "https://example.org/x", "stance": "maybe"}, "stance"),
        ({"url": "https://example.org/x", "published_on": "10/09/2021"}, "published_on"),
        ({}, "url"),
    ],
)
def test_bad_sources_are_refused(as_reviewer, claim, payload, where) -> None:
    response = add(as_reviewer, claim, payload)
    assert response.status_code == 400
    data = response.json()
    assert where == "detail" or where in data["errors"]
    assert not Source.objects.exists()


def test_the_same_source_twice_is_refused(as_reviewer, claim) -> None:
    assert add(as_reviewer, claim, {"url": "https://example.org/a"}).status_code == 201
    again = add(as_reviewer, claim, {"url": "https://example.org/a"})
    assert again.status_code == 400
    assert "already attached" in again.json()["detail"]


def test_a_dismissed_claim_takes_no_sources(as_reviewer, editor, claim) -> None:
    services.claim_dismiss(claim=claim, actor=editor, reason="Not checkable.")
    response = add(as_reviewer, claim, {"url": "https://example.org/a"})
    assert response.status_code == 400
    assert response.json()["code"] == "workflow"


def test_a_data_consumer_cannot_add_or_list_sources(as_consumer, claim) -> None:
    assert add(as_consumer, claim, {"url": "https://example.org/a"}).status_code == 403
    assert as_consumer.get(f"/api/v1/claims/{claim.pk}/sources/").status_code == 403


def test_sources_of_an_unknown_claim_are_a_404(as_reviewer) -> None:
    assert as_reviewer.get("/api/v1/claims/424242/sources/").status_code == 404
    assert add(as_reviewer, Claim(pk=424242), {"url": "https://example.org/a"}).status_code == 404


def test_list_gives_the_claims_sources_only(as_reviewer, claim) -> None:
    mine = SourceFactory.create_batch(2, claim=claim)
    SourceFactory()
    data = as_reviewer.get(f"/api/v1/claims/{claim.pk}/sources/").json()
    assert [s["id"] for s in data["results"]] == [s.pk for s in mine]


def test_a_source_read_is_not_modified_until_its_snapshot_lands(as_reviewer) -> None:
    source = SourceFactory()
    url = f"/api/v1/sources/{source.pk}/"
    etag = as_reviewer.get(url)["ETag"]
    assert as_reviewer.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304
    # The worker archives the page without a new version; the ETag still changes.
    Source.objects.filter(pk=source.pk).update(
        snapshot_status=Source.SnapshotStatus.OK, http_status=200
    )
    response = as_reviewer.get(url, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200
    assert response.json()["http_status"] == 200
