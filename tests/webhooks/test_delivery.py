"""Webhooks through a real Celery worker on Redis to a local HTTP receiver, whose signature
check is the one README tells partners to write."""

import hashlib
import hmac
import json
import time
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client

from factcheck.claims.models import Claim
from factcheck.webhooks import services
from factcheck.webhooks.models import Delivery, Subscriber
from tests.api.conftest import correct, publish
from tests.factories import ClaimFactory, make_user
from tests.localweb import LocalWeb, Reply

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]

SECRET = "a-partner-secret"


def verify_like_readme(secret: str, headers: Any, body: bytes) -> dict[str, Any]:
    """README, Webhooks, "Verifying an event": the partner's side, step by step."""
    fields = dict(part.split("=", 1) for part in headers["Factcheck-Signature"].split(","))
    timestamp = int(fields["t"])
    assert abs(time.time() - timestamp) <= 300, "outside the replay window"
    expected = hmac.new(
        secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256
    ).hexdigest()
    assert hmac.compare_digest(expected, fields["v1"]), "bad signature"
    event = json.loads(body)
    assert event["id"] == headers["Factcheck-Delivery"]
    return event


HOOK = "/hooks/factcheck"


def answered(*statuses: int) -> list[Reply]:
    """A partner's endpoint answering each POST with the next status, then 200 for good."""
    return [
        Reply(status=status, body=f"answered {status}", content_type="text/plain")
        for status in (*statuses, 200)
    ]


@pytest.fixture
def receiver(settings: Any, web: LocalWeb, allow_local: None) -> LocalWeb:
    settings.WEBHOOK_RETRY_SECONDS = 0.2
    web.add(HOOK, *answered())
    return web


def settled(*, count: int, timeout: float = 30) -> list[Delivery]:
    """The deliveries once `count` of them are no longer pending."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        done = list(Delivery.objects.exclude(status=Delivery.Status.PENDING).order_by("id"))
        if len(done) >= count:
            return done
        time.sleep(0.1)
    pytest.fail(f"deliveries still pending: {list(Delivery.objects.values('status', 'error'))}")


@pytest.fixture
def claim(reviewer: User) -> Claim:
    return ClaimFactory(claimant="The ministry")


def test_a_published_verdict_is_delivered_signed_and_verifiable(
    worker: Any, receiver: LocalWeb, reviewer: User, editor: User, claim: Claim
) -> None:
    Subscriber.objects.create(name="Partner", url=receiver.url(HOOK), secret=SECRET)
    verdict = publish(claim, author=reviewer, approver=editor, summary="Fewer took part.")
    (delivery,) = settled(count=1)
    assert (delivery.status, delivery.attempts, delivery.response_status) == ("delivered", 1, 200)
    assert delivery.response_body == "answered 200"
    (headers, body) = receiver.received(HOOK)[0]
    event = verify_like_readme(SECRET, headers, body)
    assert headers["Factcheck-Event"] == "verdict.published"
    assert event["type"] == "verdict.published"
    assert event["data"]["verdict_id"] == verdict.pk
    assert event["data"]["url"].endswith(f"/fact-checks/{claim.pk}/")
    assert event["data"]["claim_review"]["reviewRating"]["alternateName"] == "False"
    with pytest.raises(AssertionError, match="bad signature"):
        verify_like_readme("another-secret", headers, body)
    with pytest.raises(AssertionError, match="bad signature"):
        verify_like_readme(SECRET, headers, body.replace(b"False", b"True!"))


def test_a_correction_is_its_own_event(
    worker: Any, receiver: LocalWeb, reviewer: User, editor: User, claim: Claim
) -> None:
    publish(claim, author=reviewer, approver=editor)
    Subscriber.objects.create(name="Partner", url=receiver.url(HOOK), secret=SECRET)
    correct(claim, author=reviewer, approver=editor, slug="mixed", note="New figures.")
    (delivery,) = settled(count=1)
    event = verify_like_readme(SECRET, *receiver.received(HOOK)[0])
    assert (delivery.event, event["type"]) == ("verdict.corrected", "verdict.corrected")
    assert event["data"]["version"] == 2
    assert event["data"]["correction_note"] == "New figures."


def test_a_failing_receiver_is_retried_with_backoff_until_it_answers(
    worker: Any, receiver: LocalWeb, reviewer: User, editor: User, claim: Claim
) -> None:
    receiver.add(HOOK, *answered(503, 502))
    Subscriber.objects.create(name="Partner", url=receiver.url(HOOK), secret=SECRET)
    publish(claim, author=reviewer, approver=editor)
    (delivery,) = settled(count=1)
    assert (delivery.status, delivery.attempts) == ("delivered", 3)
    ids = {json.loads(body)["id"] for _, body in receiver.received(HOOK)}
    assert len(ids) == 1  # the same event each time: the receiver can dedupe


def test_a_subscriber_that_keeps_failing_is_paused_and_gets_nothing_more(
    worker: Any, receiver: LocalWeb, reviewer: User, editor: User, settings: Any
) -> None:
    settings.WEBHOOK_MAX_ATTEMPTS = 2
    settings.WEBHOOK_PAUSE_AFTER = 2
    receiver.add(HOOK, *answered(*[500] * 10))
    subscriber = Subscriber.objects.create(name="Partner", url=receiver.url(HOOK), secret=SECRET)
    for n in range(2):
        publish(ClaimFactory(start=n), author=reviewer, approver=editor)
        settled(count=n + 1)
    failed = list(Delivery.objects.order_by("id"))
    assert [(d.status, d.attempts, d.response_status) for d in failed] == [("failed", 2, 500)] * 2
    assert "Gave up after 2 attempts" in failed[0].error
    subscriber.refresh_from_db()
    assert subscriber.paused_at is not None
    assert "2 failed deliveries in a row" in subscriber.paused_reason
    publish(ClaimFactory(start=5), author=reviewer, approver=editor)
    assert Delivery.objects.count() == 2
    services.subscriber_resume(subscriber=subscriber)
    subscriber.refresh_from_db()
    assert (subscriber.paused_at, subscriber.consecutive_failures) == (None, 0)


def test_a_refused_answer_ends_the_delivery_at_once(
    worker: Any, receiver: LocalWeb, reviewer: User, editor: User, claim: Claim
) -> None:
    receiver.add(HOOK, *answered(410))
    Subscriber.objects.create(name="Partner", url=receiver.url(HOOK), secret=SECRET)
    publish(claim, author=reviewer, approver=editor)
    (delivery,) = settled(count=1)
    assert (delivery.status, delivery.attempts, delivery.response_status) == ("failed", 1, 410)
    assert "410" in delivery.error


def test_deliveries_and_answers_are_visible_in_the_admin(
    worker: Any, receiver: LocalWeb, reviewer: User, editor: User, claim: Claim
) -> None:
    subscriber = Subscriber.objects.create(
        name="Partner desk", url=receiver.url(HOOK), secret=SECRET
    )
    publish(claim, author=reviewer, approver=editor)
    (delivery,) = settled(count=1)
    admin = Client()
    admin.force_login(make_user("ada", is_staff=True, is_superuser=True))
    listing = admin.get("/admin/webhooks/delivery/").content.decode()
    assert "verdict.published" in listing and "Delivered" in listing
    page = admin.get(f"/admin/webhooks/delivery/{delivery.pk}/change/").content.decode()
    assert "answered 200" in page
    assert str(delivery.event_id) in page
    inline = admin.get(f"/admin/webhooks/subscriber/{subscriber.pk}/change/").content.decode()
    assert "verdict.published" in inline
