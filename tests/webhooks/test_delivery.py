"""Webhooks through a real Celery worker on Redis to a local HTTP receiver, whose signature
check is the one README tells partners to write."""

import hashlib
import hmac
import json
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client

from factcheck.claims.models import Claim
from factcheck.webhooks import services
from factcheck.webhooks.models import Delivery, Subscriber
from tests.api.conftest import correct, publish
from tests.factories import ClaimFactory

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]

PORTS = range(7600, 7700)
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


class Receiver:
    """A partner's endpoint: answers each POST with the next status in `statuses`."""

    def __init__(self) -> None:
        self.received: list[tuple[dict[str, str], bytes]] = []
        self.statuses: list[int] = []
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers["Content-Length"]))
                receiver.received.append((dict(self.headers), body))
                status = receiver.statuses.pop(0) if receiver.statuses else 200
                self.send_response(status)
                self.send_header("Content-Type", "text/plain")
                self.end_headers()
                self.wfile.write(f"answered {status}".encode())

            def log_message(self, *args: Any) -> None:
                pass

        for port in PORTS:
            try:
                self.server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
                break
            except OSError:
                continue
        else:
            pytest.fail("no free port in 7600-7699")
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hooks/factcheck"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def receiver(settings: Any) -> Iterator[Receiver]:
    settings.WEBHOOK_RETRY_SECONDS = 0.2
    server = Receiver()
    settings.FETCH_ALLOWED_PRIVATE_HOSTS = [f"127.0.0.1:{server.server.server_address[1]}"]
    yield server
    server.close()


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
    worker: Any, receiver: Receiver, reviewer: User, editor: User, claim: Claim
) -> None:
    Subscriber.objects.create(name="Partner", url=receiver.url, secret=SECRET)
    verdict = publish(claim, author=reviewer, approver=editor, summary="Fewer took part.")
    (delivery,) = settled(count=1)
    assert (delivery.status, delivery.attempts, delivery.response_status) == ("delivered", 1, 200)
    assert delivery.response_body == "answered 200"
    (headers, body) = receiver.received[0]
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
    worker: Any, receiver: Receiver, reviewer: User, editor: User, claim: Claim
) -> None:
    publish(claim, author=reviewer, approver=editor)
    Subscriber.objects.create(name="Partner", url=receiver.url, secret=SECRET)
    correct(claim, author=reviewer, approver=editor, slug="mixed", note="New figures.")
    (delivery,) = settled(count=1)
    event = verify_like_readme(SECRET, *receiver.received[0])
    assert (delivery.event, event["type"]) == ("verdict.corrected", "verdict.corrected")
    assert event["data"]["version"] == 2
    assert event["data"]["correction_note"] == "New figures."


def test_a_failing_receiver_is_retried_with_backoff_until_it_answers(
    worker: Any, receiver: Receiver, reviewer: User, editor: User, claim: Claim
) -> None:
    receiver.statuses = [503, 502]
    Subscriber.objects.create(name="Partner", url=receiver.url, secret=SECRET)
    publish(claim, author=reviewer, approver=editor)
    (delivery,) = settled(count=1)
    assert (delivery.status, delivery.attempts) == ("delivered", 3)
    ids = {json.loads(body)["id"] for _, body in receiver.received}
    assert len(ids) == 1  # the same event each time: the receiver can dedupe


def test_a_subscriber_that_keeps_failing_is_paused_and_gets_nothing_more(
    worker: Any, receiver: Receiver, reviewer: User, editor: User, settings: Any
) -> None:
    settings.WEBHOOK_MAX_ATTEMPTS = 2
    settings.WEBHOOK_PAUSE_AFTER = 2
    receiver.statuses = [500] * 10
    subscriber = Subscriber.objects.create(name="Partner", url=receiver.url, secret=SECRET)
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
    worker: Any, receiver: Receiver, reviewer: User, editor: User, claim: Claim
) -> None:
    receiver.statuses = [410]
    Subscriber.objects.create(name="Partner", url=receiver.url, secret=SECRET)
    publish(claim, author=reviewer, approver=editor)
    (delivery,) = settled(count=1)
    assert (delivery.status, delivery.attempts, delivery.response_status) == ("failed", 1, 410)
    assert "410" in delivery.error


def test_deliveries_and_answers_are_visible_in_the_admin(
    worker: Any, receiver: Receiver, reviewer: User, editor: User, claim: Claim
) -> None:
    subscriber = Subscriber.objects.create(name="Partner desk", url=receiver.url, secret=SECRET)
    publish(claim, author=reviewer, approver=editor)
    (delivery,) = settled(count=1)
    admin = Client()
    admin.force_login(User.objects.create_superuser("ada", password="ada-pass-123"))
    listing = admin.get("/admin/webhooks/delivery/").content.decode()
    assert "verdict.published" in listing and "Delivered" in listing
    page = admin.get(f"/admin/webhooks/delivery/{delivery.pk}/change/").content.decode()
    assert "answered 200" in page
    assert str(delivery.event_id) in page
    inline = admin.get(f"/admin/webhooks/subscriber/{subscriber.pk}/change/").content.decode()
    assert "verdict.published" in inline
