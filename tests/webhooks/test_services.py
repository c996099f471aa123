"""Webhook rules without a worker: the outbox row, refused addresses, the signature."""

import json
import time
from typing import Any

import pytest
from django.db import transaction

from factcheck.webhooks import services
from factcheck.webhooks.models import Delivery, Subscriber
from factcheck.webhooks.signing import signature_header, verify
from tests.api.conftest import publish
from tests.factories import ClaimFactory

pytestmark = pytest.mark.django_db


def test_publishing_records_one_delivery_per_receiving_subscriber(
    reviewer: Any, editor: Any, django_capture_on_commit_callbacks: Any
) -> None:
    Subscriber.objects.create(name="A", url="https://a.example.org/hook")
    Subscriber.objects.create(name="Off", url="https://b.example.org/hook", is_active=False)
    with django_capture_on_commit_callbacks(execute=False) as queued:
        publish(ClaimFactory(), author=reviewer, approver=editor)
    (delivery,) = Delivery.objects.all()
    assert (delivery.subscriber.name, delivery.status) == ("A", "pending")
    from factcheck.webhooks.tasks import deliver_webhook_task

    # Other work is queued on the same commit (notifications); one job is the delivery's.
    sends = [c for c in queued if getattr(c.func, "__self__", None) == deliver_webhook_task]
    assert [c.args for c in sends] == [(delivery.pk,)]


def test_no_delivery_survives_a_rolled_back_publication(reviewer: Any, editor: Any) -> None:
    Subscriber.objects.create(name="A", url="https://a.example.org/hook")
    claim = ClaimFactory()

    def publish_then_fail() -> None:
        with transaction.atomic():
            publish(claim, author=reviewer, approver=editor)
            raise RuntimeError("the request failed after publishing")

    with pytest.raises(RuntimeError):
        publish_then_fail()
    assert not Delivery.objects.exists()


def test_a_subscriber_on_a_private_address_is_refused_not_called(
    reviewer: Any, editor: Any, django_capture_on_commit_callbacks: Any
) -> None:
    Subscriber.objects.create(name="Inside", url="http://127.0.0.1:7699/hook")
    with django_capture_on_commit_callbacks(execute=False):
        publish(ClaimFactory(), author=reviewer, approver=editor)
    delivery = services.webhook_deliver(delivery_id=Delivery.objects.get().pk)
    assert delivery.status == "failed"
    assert delivery.attempts == 1
    assert "127.0.0.1" in delivery.error


def test_the_signature_holds_only_for_the_same_secret_body_and_a_recent_time() -> None:
    body = b'{"id":"1"}'
    now = int(time.time())
    header = signature_header("s3cret", now, body)
    assert verify("s3cret", header, body, now=now)
    assert not verify("other", header, body, now=now)
    assert not verify("s3cret", header, body + b" ", now=now)
    assert not verify("s3cret", header, body, now=now + 301)  # a replay after the window
    assert not verify("s3cret", "garbage", body, now=now)


def test_unpublishing_is_an_event_with_its_reason(
    reviewer: Any, editor: Any, django_capture_on_commit_callbacks: Any
) -> None:
    from factcheck.claims import services as claim_services

    Subscriber.objects.create(name="A", url="https://a.example.org/hook")
    with django_capture_on_commit_callbacks(execute=False):
        verdict = publish(ClaimFactory(), author=reviewer, approver=editor)
        claim_services.verdict_unpublish(verdict=verdict, actor=editor, reason="Forged source.")
    published, unpublished = Delivery.objects.order_by("id")
    assert (published.event, unpublished.event) == ("verdict.published", "verdict.unpublished")
    data = json.loads(unpublished.payload)["data"]
    assert (data["verdict_id"], data["reason"]) == (verdict.pk, "Forged source.")
