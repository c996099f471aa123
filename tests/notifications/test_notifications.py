"""Notifications: in the app and by e-mail, delivered to a real SMTP server started here."""

from typing import Any

import pytest
from django.contrib.auth.models import User
from django.db import transaction
from django.test import Client
from django.urls import reverse

from factcheck.claims import services
from factcheck.notifications.models import Kind, Notification
from factcheck.notifications.services import preference_set
from factcheck.notifications.tasks import deliver_events_task
from tests.clients import api_client
from tests.conftest import Inbox
from tests.factories import ClaimFactory, ensure_source, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(reviewer: User, other_reviewer: User, editor: User, other_editor: User) -> None:
    for person in (reviewer, other_reviewer, editor, other_editor):
        person.email = f"{person.username}@desk.example"
        person.save()


def kinds(user: User) -> list[str]:
    return sorted(Notification.objects.filter(recipient=user).values_list("kind", flat=True))


def test_an_assignment_reaches_the_assignee_in_the_app_and_by_email(
    inbox: Inbox, people: None, reviewer: User, editor: User, django_capture_on_commit_callbacks
) -> None:
    claim = ClaimFactory(statement="More than 10,000 troops took part")
    with django_capture_on_commit_callbacks(execute=True):
        services.claim_assign(claim=claim, actor=editor, assignee=reviewer)
    note = Notification.objects.get(recipient=reviewer)
    assert note.kind == Kind.ASSIGNED and "edna assigned you" in note.text
    [mail] = inbox.to("rita@desk.example")
    assert "assigned" in mail["Subject"]
    assert claim.get_absolute_url() in mail.get_payload()
    assert inbox.to("edna@desk.example") == []  # the actor hears nothing of their own act


def test_taking_a_claim_yourself_tells_nobody(
    inbox: Inbox, people: None, reviewer: User, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        services.claim_take(claim=ClaimFactory(), actor=reviewer)
    assert Notification.objects.count() == 0 and inbox.messages == []


def test_one_event_is_delivered_once_however_often_its_task_runs(
    inbox: Inbox, people: None, reviewer: User, editor: User, django_capture_on_commit_callbacks
) -> None:
    claim = ClaimFactory()
    with django_capture_on_commit_callbacks(execute=False) as queued:
        services.claim_assign(claim=claim, actor=editor, assignee=reviewer)
    for callback in queued * 3:  # a redelivered task, or the callback run again
        callback()
    event = {
        "kind": "assigned",
        "claim_id": claim.pk,
        "recipient_ids": [reviewer.pk],
        "actor_id": editor.pk,
        "key": f"assigned:{claim.pk}:2",
    }
    deliver_events_task.delay([event])
    assert Notification.objects.filter(recipient=reviewer).count() == 1
    assert len(inbox.to("rita@desk.example")) == 1


def test_a_bulk_assignment_tells_the_assignee_of_each_claim_through_one_queued_job(
    inbox: Inbox, people: None, reviewer: User, editor: User, django_capture_on_commit_callbacks
) -> None:
    claims = [ClaimFactory(statement=f"Claim number {i}") for i in range(3)]
    with django_capture_on_commit_callbacks(execute=False) as queued:
        services.claims_bulk(
            claim_ids=[c.pk for c in claims], actor=editor, action="assign", assignee=reviewer
        )
    assert len(queued) == 1  # one delivery for the batch, not one per claim
    queued[0]()
    notes = Notification.objects.filter(recipient=reviewer, kind=Kind.ASSIGNED)
    assert sorted(notes.values_list("claim_id", flat=True)) == sorted(c.pk for c in claims)
    assert len(inbox.to("rita@desk.example")) == 3


def test_a_change_that_rolls_back_notifies_nobody(
    inbox: Inbox, people: None, reviewer: User, editor: User, django_capture_on_commit_callbacks
) -> None:
    claim = ClaimFactory()

    def assign_then_fail() -> None:
        with transaction.atomic():
            services.claim_assign(claim=claim, actor=editor, assignee=reviewer)
            raise RuntimeError("the request failed after the assignment")

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError):
        assign_then_fail()
    assert Notification.objects.count() == 0 and inbox.messages == []


def test_the_whole_workflow_tells_each_person_what_concerns_them(
    inbox: Inbox,
    people: None,
    reviewer: User,
    editor: User,
    other_editor: User,
    rating_false: Any,
    django_capture_on_commit_callbacks,
) -> None:
    claim = ClaimFactory()
    ensure_source(claim)
    with django_capture_on_commit_callbacks(execute=True):
        verdict = services.verdict_save_draft(
            claim=claim, actor=reviewer, rating=rating_false, summary="Fewer."
        )
        verdict = services.verdict_submit(verdict=verdict, actor=reviewer)
    assert kinds(editor) == kinds(other_editor) == ["awaiting"]
    with django_capture_on_commit_callbacks(execute=True):
        verdict = services.verdict_send_back(verdict=verdict, actor=editor, note="Source?")
    assert kinds(reviewer) == ["sent_back"]
    with django_capture_on_commit_callbacks(execute=True):
        verdict = services.verdict_submit(verdict=verdict, actor=reviewer)
        services.verdict_approve(verdict=verdict, actor=editor)
    assert kinds(reviewer) == ["published", "sent_back"]
    repeat = ClaimFactory(statement="Over 10,000 troops took part")
    with django_capture_on_commit_callbacks(execute=True):
        services.claim_mark_duplicate(claim=repeat, actor=other_editor, original=claim)
    assert kinds(reviewer) == ["published", "seen_again", "sent_back"]
    assert len(inbox.to("rita@desk.example")) == 3
    assert len(inbox.to("eddie@desk.example")) == 2  # awaiting, twice (two submissions)


def test_a_mention_through_the_api_notifies_and_the_api_lists_and_marks_read(
    inbox: Inbox,
    people: None,
    reviewer: User,
    other_reviewer: User,
    django_capture_on_commit_callbacks,
) -> None:
    claim = ClaimFactory()
    author = api_client(reviewer)
    with django_capture_on_commit_callbacks(execute=True):
        response = author.post(
            f"/api/v1/claims/{claim.pk}/comments/",
            {"body": "@ravi can you check the figure? (cc @nobody-here)"},
            format="json",
        )
    assert response.status_code == 201, response.content
    assert author.get(f"/api/v1/claims/{claim.pk}/comments/").json()["results"][0]["body"]
    ravi = api_client(other_reviewer)
    listed = ravi.get("/api/v1/notifications/").json()["results"]
    assert [(n["kind"], n["unread"], n["actor"]) for n in listed] == [("mentioned", True, "rita")]
    assert len(inbox.to("ravi@desk.example")) == 1
    assert ravi.post("/api/v1/notifications/read/", {}, format="json").json() == {"marked": 1}
    assert ravi.get("/api/v1/notifications/").json()["results"][0]["unread"] is False
    assert api_client(reviewer).get("/api/v1/notifications/").json()["results"] == []


def test_each_kind_can_be_switched_off_in_the_app_or_by_email(
    inbox: Inbox, people: None, reviewer: User, editor: User, django_capture_on_commit_callbacks
) -> None:
    preference_set(user=reviewer, kind="assigned", in_app=True, email=False)
    with django_capture_on_commit_callbacks(execute=True):
        services.claim_assign(claim=ClaimFactory(), actor=editor, assignee=reviewer)
    assert kinds(reviewer) == ["assigned"] and inbox.messages == []
    preference_set(user=reviewer, kind="assigned", in_app=False, email=True)
    with django_capture_on_commit_callbacks(execute=True):
        services.claim_assign(claim=ClaimFactory(), actor=editor, assignee=reviewer)
    assert kinds(reviewer) == ["assigned"]


def test_the_header_counts_unread_notifications_and_the_list_marks_them_read(
    client: Client, reviewer: User, editor: User, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        services.comment_add(claim=ClaimFactory(), actor=editor, body="Over to you, @rita.")
    client.force_login(reviewer)
    page = client.get(reverse("dashboard")).content.decode()
    assert 'data-unread="1"' in page and "Notifications" in page
    badge = client.get(reverse("notification_count"), headers={"HX-Request": "true"})
    assert b'data-unread="1"' in badge.content and b"<html" not in badge.content
    listing = client.get(reverse("notification_list")).content.decode()
    assert "edna mentioned you" in listing
    client.post(reverse("notifications_read"))
    assert 'data-unread="0"' in client.get(reverse("dashboard")).content.decode()


def test_a_mention_of_someone_off_the_desk_tells_them_nothing(
    reviewer: User, django_capture_on_commit_callbacks
) -> None:
    outsider = make_user("carl", email="carl@partner.example")
    with django_capture_on_commit_callbacks(execute=True):
        services.comment_add(claim=ClaimFactory(), actor=reviewer, body="@carl see this?")
    assert not Notification.objects.filter(recipient=outsider).exists()
