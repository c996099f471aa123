"""The audit trail: every change to claims, sources and verdicts is recorded with who, when
and what, whichever door it came through; people read it in the UI and the admin; nobody
can change it through either."""

from collections.abc import Callable
from typing import Any

import pytest
from django.contrib import admin
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from factcheck.api import etag_for
from factcheck.claims import services
from factcheck.claims.models import Claim, Source, Verdict
from factcheck.fetch import FetchRefused
from tests.clients import api_client, web_client
from tests.factories import ClaimFactory, SourceFactory, ensure_source

pytestmark = pytest.mark.django_db


def admin_claim_form(claim: Claim, **changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "statement": claim.statement,
        "type": claim.type,
        "claimant": claim.claimant,
        "assignee": claim.assignee_id or "",
        "loaded_version": claim.version,
    }
    for prefix in ("sources", "verdicts", "comments"):
        data |= {f"{prefix}-TOTAL_FORMS": 0, f"{prefix}-INITIAL_FORMS": 0}
    return data | changes


EDITS: dict[str, Callable[[User, Claim], Any]] = {
    "web": lambda user, claim: web_client(user).post(
        reverse("claim_edit", args=[claim.pk]),
        {"statement": "Edited statement.", "type": claim.type, "claimant": "", "version": 1},
    ),
    "api": lambda user, claim: api_client(user).patch(
        f"/api/v1/claims/{claim.pk}/",
        {"statement": "Edited statement."},
        format="json",
        HTTP_IF_MATCH=etag_for(claim),
    ),
    "admin": lambda user, claim: web_client(user).post(
        reverse("admin:claims_claim_change", args=[claim.pk]),
        admin_claim_form(claim, statement="Edited statement."),
    ),
}


@pytest.mark.parametrize("door", EDITS)
def test_a_claim_edit_through_any_door_is_recorded_with_who_when_and_what(
    door: str, editor: User
) -> None:
    editor.is_staff = True
    editor.save()
    claim = ClaimFactory(statement="Original statement.")
    before = timezone.now()
    response = EDITS[door](editor, claim)
    assert response.status_code in (200, 302)
    record = claim.history.first()
    assert record.history_type == "~"
    assert record.history_user == editor
    assert before <= record.history_date <= timezone.now()
    delta = record.diff_against(record.prev_record)
    assert {(c.field, c.old, c.new) for c in delta.changes} >= {
        ("statement", "Original statement.", "Edited statement.")
    }


def test_the_whole_verdict_workflow_through_the_api_names_each_person(
    reviewer: User, editor: User
) -> None:
    claim = ClaimFactory()
    ensure_source(claim)
    author, approver = api_client(reviewer), api_client(editor)
    draft = author.post(
        "/api/v1/verdicts/",
        {"claim": claim.pk, "rating": "false", "summary": "Fewer."},
        format="json",
    )
    pk = draft.json()["id"]
    submitted = author.post(f"/api/v1/verdicts/{pk}/submit/", HTTP_IF_MATCH=draft["ETag"])
    approver.post(f"/api/v1/verdicts/{pk}/approve/", HTTP_IF_MATCH=submitted["ETag"])
    steps = [
        (r.history_type, r.state, r.history_user)
        for r in Verdict.history.filter(id=pk).order_by("history_date", "history_id")
    ]
    assert steps == [
        ("+", "draft", reviewer),
        ("~", "submitted", reviewer),
        ("~", "published", editor),
    ]
    claim_steps = [
        (r.status, r.history_user) for r in claim.history.order_by("history_date", "history_id")
    ]
    assert claim_steps[-3:] == [
        ("checking", reviewer),
        ("awaiting_approval", reviewer),
        ("published", editor),
    ]


def test_sources_are_recorded_when_added_edited_archived_and_deleted(
    reviewer: User, editor: User
) -> None:
    editor.is_staff = True
    editor.save()
    claim = ClaimFactory()
    web_client(reviewer).post(
        reverse("source_add", args=[claim.pk]),
        {"url": "https://evidence.example/a", "stance": "refutes"},
    )
    source = claim.sources.get()
    web_client(editor).post(
        reverse("admin:claims_source_change", args=[source.pk]),
        {
            "title": "Ministry figures",
            "publisher": "",
            "published_on": "",
            "excerpt": "",
            "stance": "refutes",
            "loaded_version": 1,
        },
    )
    # The worker's archive attempt (its job is queued on commit, which never comes here).
    services.source_snapshot_failed(source_id=source.pk, error=FetchRefused("Refused."))
    delete = reverse("admin:claims_source_delete", args=[source.pk])
    web_client(editor).post(delete, {"post": "yes"})
    records = [
        (r.history_type, r.history_user, r.history_change_reason or "")
        for r in Source.history.filter(id=source.pk).order_by("history_date", "history_id")
    ]
    assert records == [
        ("+", reviewer, ""),
        ("~", editor, ""),
        ("~", None, services.SNAPSHOT_REASON),
        ("-", editor, ""),
    ]
    assert Source.history.filter(id=source.pk, title="Ministry figures").exists()


@pytest.mark.parametrize("model", ["claim", "source", "verdict"])
def test_the_admin_shows_each_objects_history_with_who_changed_what(
    admin_client: Client, reviewer: User, rating_false, model: str
) -> None:
    claim = ClaimFactory()
    source = SourceFactory(claim=claim)
    services.claim_update(claim=claim, actor=reviewer, expected_version=1, claimant="TASS")
    services.source_update(source=source, actor=reviewer, expected_version=1, title="TASS wire")
    verdict = services.verdict_save_draft(
        claim=claim, actor=reviewer, rating=rating_false, summary="Fewer."
    )
    ensure_source(verdict.claim)
    services.verdict_submit(verdict=verdict, actor=reviewer)
    obj = {"claim": claim, "source": source, "verdict": verdict}[model]
    page = admin_client.get(reverse(f"admin:claims_{model}_history", args=[obj.pk]))
    assert page.status_code == 200
    text = page.content.decode()
    assert "rita" in text
    changed = {"claim": "TASS", "source": "TASS wire", "verdict": "submitted"}[model]
    assert changed in text


def test_the_claim_page_shows_who_changed_what_in_its_history(
    client: Client, reviewer: User
) -> None:
    claim = ClaimFactory(statement="Original statement.")
    services.claim_update(
        claim=claim, actor=reviewer, expected_version=1, statement="Edited statement."
    )
    client.force_login(reviewer)
    page = client.get(claim.get_absolute_url()).content.decode()
    history = page[page.index('id="history"') :]
    assert "rita" in history
    assert "Original statement." in history and "Edited statement." in history


def test_no_history_model_is_registered_in_the_admin() -> None:
    registered = {model._meta.object_name for model in admin.site._registry}
    assert not {name for name in registered if name.startswith("Historical")}


def test_the_admin_has_no_address_for_history_rows(admin_client: Client) -> None:
    for name in ("historicalclaim", "historicalsource", "historicalverdict"):
        assert admin_client.get(f"/admin/claims/{name}/").status_code == 404


@pytest.mark.parametrize("model", ["claim", "source"])
def test_a_past_version_cannot_be_saved_back_through_the_admin(
    admin_client: Client, reviewer: User, model: str
) -> None:
    claim = ClaimFactory(statement="Original statement.")
    source = SourceFactory(claim=claim, title="Original title")
    services.claim_update(
        claim=claim, actor=reviewer, expected_version=1, statement="Current statement."
    )
    services.source_update(source=source, actor=reviewer, expected_version=1, title="Current")
    obj = claim if model == "claim" else source
    first = obj.history.last()
    records = obj.history.count()
    # Everything the form needs to be valid, with the past version's values and number.
    data = (
        admin_claim_form(first.instance)
        if model == "claim"
        else {"title": "Original title", "stance": "context", "loaded_version": 1}
    )
    data["loaded_version"] = type(obj).objects.get(pk=obj.pk).version
    url = reverse(f"admin:claims_{model}_simple_history", args=[obj.pk, first.history_id])
    response = admin_client.post(url, data)
    assert response.status_code == 403
    obj.refresh_from_db()
    assert getattr(obj, "statement" if model == "claim" else "title").startswith("Current")
    assert obj.history.count() == records
    assert admin_client.get(url).status_code == 200  # reading it is fine


def test_a_verdict_has_no_editable_field_in_the_admin(
    admin_client: Client, reviewer, rating_false
) -> None:
    claim = ClaimFactory()
    verdict = services.verdict_save_draft(
        claim=claim, actor=reviewer, rating=rating_false, summary="Fewer."
    )
    page = admin_client.get(reverse("admin:claims_verdict_change", args=[verdict.pk]))
    form = page.context["adminform"].form
    assert not [name for name in form.fields if name != "loaded_version"]
