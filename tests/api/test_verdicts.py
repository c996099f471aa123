"""/api/v1/verdicts/: draft, change, submit, approve, send back; the four-eyes rule holds."""

import pytest

from factcheck.api import etag_for
from factcheck.claims import services
from factcheck.claims.models import Claim, Verdict
from tests.api.conftest import rating
from tests.clients import api_client
from tests.factories import ClaimFactory, ensure_source

pytestmark = pytest.mark.django_db


def draft(client, claim, **extra):
    data = {"claim": claim.pk, "rating": "false", "summary": "Fewer took part.", **extra}
    return client.post("/api/v1/verdicts/", data, format="json")


def act(client, verdict_id, name, etag, data=None):
    headers = {} if etag is None else {"HTTP_IF_MATCH": etag}
    return client.post(f"/api/v1/verdicts/{verdict_id}/{name}/", data, format="json", **headers)


def test_reviewer_drafts_a_verdict(as_reviewer, claim) -> None:
    response = draft(as_reviewer, claim, explanation="The ministry said 6,400.")
    assert response.status_code == 201
    data = response.json()
    assert (data["state"], data["rating"], data["rating_label"]) == ("draft", "false", "False")
    assert data["author"] == "rita"
    assert response["Location"] == f"/api/v1/verdicts/{data['id']}/"
    claim.refresh_from_db()
    assert claim.status == Claim.Status.CHECKING


def test_a_second_draft_for_the_same_claim_points_at_the_open_one(as_reviewer, claim) -> None:
    first = draft(as_reviewer, claim).json()
    again = draft(as_reviewer, claim, summary="Other words.")
    assert again.status_code == 400
    assert f"/api/v1/verdicts/{first['id']}/" in again.json()["detail"]
    assert Verdict.objects.get().summary == "Fewer took part."


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({"summary": "x" * 80}, "no more than 74 characters"),
        ({"summary": "  "}, "Summary cannot be empty."),
        ({"summary": "two\nlines"}, "single line"),
    ],
)
def test_summaries_follow_the_claimreview_rules(as_reviewer, claim, extra, message) -> None:
    response = draft(as_reviewer, claim, **extra)
    assert response.status_code == 400
    data = response.json()
    assert message in " ".join([data["detail"], *data.get("errors", {}).get("summary", [])])


def test_unknown_rating_or_claim_is_a_400_naming_the_field(as_reviewer, claim) -> None:
    assert "rating" in draft(as_reviewer, claim, rating="sort-of").json()["errors"]
    response = as_reviewer.post(
        "/api/v1/verdicts/", {"claim": 999999, "rating": "false", "summary": "No."}, format="json"
    )
    assert "claim" in response.json()["errors"]


def test_a_data_consumer_cannot_draft(as_consumer, claim) -> None:
    assert draft(as_consumer, claim).status_code == 403


def test_patching_a_draft_needs_if_match_and_keeps_other_fields(as_reviewer, claim) -> None:
    created = draft(as_reviewer, claim, explanation="Because.")
    url = f"/api/v1/verdicts/{created.json()['id']}/"
    assert as_reviewer.patch(url, {"rating": "mixed"}, format="json").status_code == 428
    response = as_reviewer.patch(
        url, {"rating": "mixed"}, format="json", HTTP_IF_MATCH=created["ETag"]
    )
    assert response.status_code == 200
    data = response.json()
    assert (data["rating"], data["summary"], data["explanation"]) == (
        "mixed",
        "Fewer took part.",
        "Because.",
    )
    stale = as_reviewer.patch(
        url, {"summary": "Again."}, format="json", HTTP_IF_MATCH=created["ETag"]
    )
    assert stale.status_code == 412
    assert stale.json()["changes"]["summary"] == {"yours": "Again.", "current": "Fewer took part."}


def test_full_workflow_through_the_api(as_reviewer, as_other_editor, claim) -> None:
    ensure_source(claim)
    created = draft(as_reviewer, claim)
    verdict_id = created.json()["id"]
    submitted = act(as_reviewer, verdict_id, "submit", created["ETag"])
    assert submitted.status_code == 200
    assert submitted.json()["state"] == "submitted"
    approved = act(as_other_editor, verdict_id, "approve", submitted["ETag"])
    assert approved.status_code == 200
    data = approved.json()
    assert (data["state"], data["approver"]) == ("published", "eddie")
    assert data["published_at"]
    claim.refresh_from_db()
    assert claim.status == Claim.Status.PUBLISHED


def test_submit_and_approve_need_if_match(as_reviewer, as_editor, claim) -> None:
    ensure_source(claim)
    created = draft(as_reviewer, claim)
    verdict_id = created.json()["id"]
    assert act(as_reviewer, verdict_id, "submit", None).status_code == 428
    submitted = act(as_reviewer, verdict_id, "submit", created["ETag"])
    assert act(as_editor, verdict_id, "approve", None).status_code == 428
    assert act(as_editor, verdict_id, "approve", created["ETag"]).status_code == 412
    assert act(as_editor, verdict_id, "approve", submitted["ETag"]).status_code == 200


def test_an_editor_cannot_approve_a_verdict_they_drafted(editor, claim) -> None:
    ensure_source(claim)
    as_editor = api_client(editor)
    created = draft(as_editor, claim)
    submitted = act(as_editor, created.json()["id"], "submit", created["ETag"])
    response = act(as_editor, created.json()["id"], "approve", submitted["ETag"])
    assert response.status_code == 403
    assert "did not write it" in response.json()["detail"]
    assert Verdict.objects.get().state == Verdict.State.SUBMITTED


def test_an_editor_who_changed_the_draft_cannot_approve_it(as_reviewer, editor, claim) -> None:
    ensure_source(claim)
    as_editor = api_client(editor)
    created = draft(as_reviewer, claim)
    url = f"/api/v1/verdicts/{created.json()['id']}/"
    changed = as_editor.patch(
        url, {"summary": "Edited by edna."}, format="json", HTTP_IF_MATCH=created["ETag"]
    )
    submitted = act(as_reviewer, created.json()["id"], "submit", changed["ETag"])
    assert act(as_editor, created.json()["id"], "approve", submitted["ETag"]).status_code == 403


def test_a_reviewer_cannot_approve(as_reviewer, other_reviewer, claim) -> None:
    ensure_source(claim)
    created = draft(api_client(other_reviewer), claim)
    submitted = act(api_client(other_reviewer), created.json()["id"], "submit", created["ETag"])
    response = act(as_reviewer, created.json()["id"], "approve", submitted["ETag"])
    assert response.status_code == 403


def test_approving_a_draft_is_a_workflow_error(as_reviewer, as_editor, claim) -> None:
    created = draft(as_reviewer, claim)
    response = act(as_editor, created.json()["id"], "approve", created["ETag"])
    assert response.status_code == 400
    assert response.json()["code"] == "workflow"


def test_editor_sends_a_verdict_back_with_a_note(as_reviewer, as_editor, claim) -> None:
    ensure_source(claim)
    created = draft(as_reviewer, claim)
    submitted = act(as_reviewer, created.json()["id"], "submit", created["ETag"])
    empty = act(as_editor, created.json()["id"], "send-back", submitted["ETag"], {"note": ""})
    assert empty.status_code == 400
    response = act(
        as_editor, created.json()["id"], "send-back", submitted["ETag"], {"note": "Cite it."}
    )
    assert response.status_code == 200
    assert response.json()["state"] == "draft"
    claim.refresh_from_db()
    assert (claim.status, claim.return_note) == (Claim.Status.CHECKING, "Cite it.")


def test_a_correction_is_a_new_version_with_a_note(as_reviewer, published) -> None:
    claim = published.claim
    missing_note = draft(as_reviewer, claim, rating="mostly-false", summary="Corrected.")
    assert missing_note.status_code == 400
    assert "correction note" in missing_note.json()["detail"]
    response = draft(
        as_reviewer, claim, rating="mostly-false", summary="Corrected.", correction_note="Typo."
    )
    assert response.status_code == 201
    assert response.json()["number"] == 2
    assert Verdict.objects.get(pk=published.pk).state == Verdict.State.PUBLISHED


def test_a_published_verdict_cannot_be_patched(as_reviewer, published) -> None:
    response = as_reviewer.patch(
        f"/api/v1/verdicts/{published.pk}/",
        {"summary": "Rewritten."},
        format="json",
        HTTP_IF_MATCH=etag_for(published),
    )
    assert response.status_code == 400
    assert "no longer open" in response.json()["detail"]
    assert Verdict.objects.count() == 1


def test_list_filters_by_state_rating_and_claim(as_reviewer, published, reviewer) -> None:
    other = ClaimFactory(start=3)
    services.verdict_save_draft(claim=other, actor=reviewer, rating=rating("true"), summary="Yes.")

    def ids(query: str) -> list[int]:
        return [v["id"] for v in as_reviewer.get(f"/api/v1/verdicts/?{query}").json()["results"]]

    assert ids("state=published") == [published.pk]
    assert ids("rating=true") == [Verdict.objects.get(claim=other).pk]
    assert ids(f"claim={published.claim_id}") == [published.pk]
    assert ids("status=published") == [published.pk]
    assert len(ids("")) == 2


def test_a_verdict_shows_with_its_version_etag(as_reviewer, published) -> None:
    response = as_reviewer.get(f"/api/v1/verdicts/{published.pk}/")
    assert response.status_code == 200
    assert response["ETag"] == etag_for(published)
    assert response.json()["approver"] == "edna"


def test_an_editor_unpublishes_a_verdict_with_a_reason(as_editor, claim, reviewer, editor) -> None:
    from tests.api.conftest import publish

    verdict = publish(claim, author=reviewer, approver=editor)
    url = f"/api/v1/verdicts/{verdict.pk}/"
    etag = as_editor.get(url)["ETag"]
    response = act(as_editor, verdict.pk, "unpublish", etag, {"reason": "The source was forged."})
    assert response.status_code == 200
    assert (response.json()["state"], response.json()["withdraw_reason"]) == (
        "withdrawn",
        "The source was forged.",
    )
    claim.refresh_from_db()
    assert claim.status == Claim.Status.CHECKING
    assert as_editor.get(f"/fact-checks/{claim.pk}/").status_code == 404
    feed = b"".join(as_editor.get("/api/v1/claimreview.jsonld").streaming_content)
    assert f"/fact-checks/{claim.pk}/".encode() not in feed


def test_a_reviewer_cannot_unpublish_and_a_reason_is_needed(
    as_reviewer, as_editor, claim, reviewer, editor
) -> None:
    from tests.api.conftest import publish

    verdict = publish(claim, author=reviewer, approver=editor)
    etag = as_editor.get(f"/api/v1/verdicts/{verdict.pk}/")["ETag"]
    assert act(as_reviewer, verdict.pk, "unpublish", etag, {"reason": "x"}).status_code == 403
    assert act(as_editor, verdict.pk, "unpublish", etag, {"reason": " "}).status_code == 400
    verdict.refresh_from_db()
    assert verdict.state == Verdict.State.PUBLISHED


def test_a_since_that_is_not_a_date_is_a_400_even_with_a_percent_sign(as_reviewer) -> None:
    response = as_reviewer.get("/api/v1/verdicts/", {"updated_since": "50% off"})
    assert response.status_code == 400
    assert "'50% off' is not a date" in response.json()["errors"]["updated_since"][0]


def test_q_finds_verdicts_by_the_words_and_figures_of_their_claims(as_reviewer, reviewer, editor):
    from tests.api.conftest import publish
    from tests.factories import ClaimFactory

    vaccines = ClaimFactory(statement="The clinics gave 500,000 vaccines last year.")
    publish(vaccines, author=reviewer, approver=editor)
    publish(ClaimFactory(statement="Bus fares rose twice."), author=reviewer, approver=editor)
    for q in ("vaccine 500000", "500 000 vaccines"):
        found = as_reviewer.get("/api/v1/verdicts/", {"q": q}).json()["results"]
        assert [v["claim"] for v in found] == [vaccines.pk]
