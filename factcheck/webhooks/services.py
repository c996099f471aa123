"""Webhooks: the public record's events, signed and POSTed to the partners' addresses.

An event (publish, correction, unpublish) records one `Delivery` per receiving subscriber
in the transaction that changed the record (an outbox: nothing is lost if the broker is
down), and a task per delivery is queued on commit. A delivery is POSTed through the safe
fetcher (`factcheck.fetch.post`), every attempt's answer kept; network trouble, 408, 429 and
5xx are retried with backoff, other answers end it. A subscriber whose deliveries fail for
good `WEBHOOK_PAUSE_AFTER` times in a row is paused until an admin resumes it.
"""

import json
import time
import uuid
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from factcheck.claims.claimreview import (
    ScaleBounds,
    claim_review,
    public_page_url,
    published_verdicts,
)
from factcheck.claims.exports import other_appearances
from factcheck.claims.models import Verdict
from factcheck.claims.signals import UNPUBLISHED
from factcheck.fetch import FetchError, FetchPolicy, TemporaryFetchError, post
from factcheck.jobs.services import job_enqueue
from factcheck.webhooks.models import Delivery, Subscriber
from factcheck.webhooks.signing import HEADER, signature_header

RETRY_STATUSES = frozenset({408, 425, 429})


class DeliveryRetry(Exception):
    """This attempt failed in a way worth another try (network, 408, 429, 5xx)."""


def event_data(verdict: Verdict, event: str) -> dict[str, Any]:
    """What a partner needs to update its copy: ids, the page, the rating, the ClaimReview."""
    data: dict[str, Any] = {
        "claim_id": verdict.claim_id,
        "verdict_id": verdict.pk,
        "version": verdict.number,
        "url": public_page_url(verdict.claim_id),
    }
    if event == UNPUBLISHED:
        return data | {"reason": verdict.withdraw_reason}
    loaded = published_verdicts().get(pk=verdict.pk)
    review = claim_review(
        loaded,
        bounds=ScaleBounds.current(),
        appearances=other_appearances([verdict.claim_id]).get(verdict.claim_id),
    )
    return data | {
        "rating": {"slug": loaded.rating.slug, "label": loaded.rating.label},
        "claim_reviewed": review["claimReviewed"],
        "summary": loaded.summary,
        "correction_note": loaded.correction_note,
        "published_at": loaded.published_at.isoformat() if loaded.published_at else None,
        "claim_review": review,
    }


def webhook_events_record(
    sender: Any, *, verdict: Verdict, event: str, **kwargs: Any
) -> list[Delivery]:
    """Receiver of `claims.signals.public_record_changed`: one delivery per subscriber."""
    subscribers = list(Subscriber.objects.receiving())
    if not subscribers:
        return []
    data = event_data(verdict, event)
    created = timezone.now().isoformat()
    deliveries = []
    for subscriber in subscribers:
        event_id = uuid.uuid4()
        body = {"id": str(event_id), "type": event, "created": created, "data": data}
        deliveries.append(
            Delivery.objects.create(
                subscriber=subscriber,
                event_id=event_id,
                event=event,
                payload=json.dumps(body, ensure_ascii=False, separators=(",", ":")),
            )
        )
    from factcheck.webhooks.tasks import deliver_webhook_task

    # Through the outbox, like every job: an event is never lost to a broker outage.
    for delivery in deliveries:
        job_enqueue(task=deliver_webhook_task, args=[delivery.pk])
    return deliveries


def webhook_deliver(*, delivery_id: int) -> Delivery:
    """One attempt. Raises `DeliveryRetry` (after recording the attempt) when another try
    may succeed; ends the delivery as failed when it cannot."""
    retry: str | None = None
    with transaction.atomic():
        # Locked for the attempt, so a redelivered task never sends the event twice at once.
        delivery = (
            Delivery.objects.select_for_update().select_related("subscriber").get(pk=delivery_id)
        )
        if delivery.status != Delivery.Status.PENDING:
            return delivery  # done already: a task that ran twice
        subscriber = delivery.subscriber
        if not subscriber.is_active or subscriber.paused_at is not None:
            delivery.status = Delivery.Status.FAILED
            delivery.error = _("Not sent: the subscriber is paused or switched off.")
            delivery.save(update_fields=["status", "error"])
            return delivery
        body = delivery.payload.encode()
        headers = {
            "Content-Type": "application/json; charset=utf-8",
            "Factcheck-Event": delivery.event,
            "Factcheck-Delivery": str(delivery.event_id),
            HEADER: signature_header(subscriber.secret, int(time.time()), body),
        }
        delivery.attempts += 1
        delivery.last_attempt_at = timezone.now()
        fields = ["attempts", "last_attempt_at", "response_status", "response_body", "error"]
        try:
            answer = post(
                subscriber.url, body, FetchPolicy.from_settings(settings), headers=headers
            )
        except TemporaryFetchError as exc:
            delivery.response_status, delivery.response_body, delivery.error = None, "", str(exc)
            retry = str(exc)
        except FetchError as exc:  # refused: the address is not a public one, or not valid
            delivery.response_status, delivery.response_body = None, ""
            delivery.save(update_fields=fields)
            return _give_up(delivery, str(exc))
        else:
            delivery.response_status = answer.status
            delivery.response_body = answer.body.decode("utf-8", errors="replace")[:2000]
            delivery.error = ""
            if 200 <= answer.status < 300:
                delivery.status = Delivery.Status.DELIVERED
                delivery.delivered_at = timezone.now()
                delivery.save(update_fields=[*fields, "status", "delivered_at"])
                Subscriber.objects.filter(pk=subscriber.pk).update(consecutive_failures=0)
                return delivery
            reason = _("The receiver answered %(status)s.") % {
                "status": f"{answer.status} {answer.reason}".strip()
            }
            if answer.status >= 500 or answer.status in RETRY_STATUSES:
                delivery.error = reason
                retry = reason
            else:
                delivery.save(update_fields=fields)
                return _give_up(delivery, reason)
        delivery.save(update_fields=fields)
    raise DeliveryRetry(retry)


def webhook_delivery_give_up(*, delivery_id: int, error: str) -> Delivery:
    """The last retry failed too."""
    with transaction.atomic():
        delivery = (
            Delivery.objects.select_for_update().select_related("subscriber").get(pk=delivery_id)
        )
        if delivery.status != Delivery.Status.PENDING:
            return delivery
        return _give_up(delivery, error)


def _give_up(delivery: Delivery, error: str) -> Delivery:
    delivery.status = Delivery.Status.FAILED
    delivery.error = error[:2000]
    delivery.save(update_fields=["status", "error"])
    Subscriber.objects.filter(pk=delivery.subscriber_id).update(
        consecutive_failures=F("consecutive_failures") + 1
    )
    subscriber = Subscriber.objects.select_for_update().get(pk=delivery.subscriber_id)
    if (
        subscriber.paused_at is None
        and subscriber.consecutive_failures >= settings.WEBHOOK_PAUSE_AFTER
    ):
        subscriber.paused_at = timezone.now()
        subscriber.paused_reason = (
            _("Paused after %(count)s failed deliveries in a row; the last: %(error)s")
            % {"count": subscriber.consecutive_failures, "error": error}
        )[:2000]
        subscriber.save(update_fields=["paused_at", "paused_reason", "updated_at"])
    return delivery


@transaction.atomic
def subscriber_resume(*, subscriber: Subscriber) -> Subscriber:
    """An admin fixed the receiver: new events go to it again (missed ones are not resent)."""
    locked = Subscriber.objects.select_for_update().get(pk=subscriber.pk)
    locked.paused_at = None
    locked.paused_reason = ""
    locked.consecutive_failures = 0
    locked.save(update_fields=["paused_at", "paused_reason", "consecutive_failures", "updated_at"])
    return locked
