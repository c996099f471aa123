"""Every write to notifications, and the events that make them.

The claims services call `queue_event` inside their transaction; the event's task runs
after the commit (never for a rolled-back change) and `event_deliver` writes at most one
notification per person and event key, so a task run twice tells nobody twice.
"""

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.auth.models import User
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from factcheck.claims.models import Claim
from factcheck.i18n import user_language
from factcheck.jobs.services import job_enqueue
from factcheck.notifications.models import Kind, Notification, Preference


@dataclass(frozen=True)
class Event:
    kind: str
    claim_id: int
    recipient_ids: tuple[int, ...]
    actor_id: int | None
    key: str

    def as_task_args(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "claim_id": self.claim_id,
            "recipient_ids": list(self.recipient_ids),
            "actor_id": self.actor_id,
            "key": self.key,
        }


def queue_events(events: list[Event]) -> None:
    """Queue the events' delivery for after the commit: one task for the batch."""
    from factcheck.notifications.tasks import deliver_events_task

    batch = [event.as_task_args() for event in events if event.recipient_ids]
    if batch:
        # Through the outbox: a notification is not lost to a broker outage either.
        job_enqueue(task=deliver_events_task, args=[batch])


def on_workflow_event(
    sender: Any,
    *,
    kind: str,
    actor: Any,
    events: list[tuple[int, list[int], str]],
    **kwargs: Any,
) -> None:
    """Receiver of `factcheck.claims.signals.workflow_event`: its events in one batch."""
    actor_id = actor.pk if getattr(actor, "is_authenticated", False) else None
    queue_events([Event(kind, pk, tuple(to), actor_id, key) for pk, to, key in events])


def _text(kind: str, claim: Claim, actor: User | None) -> str:
    """The notification in the active language (the recipient's: see `event_deliver`)."""
    who = actor.get_username() if actor else _("Someone")
    statement = claim.statement if len(claim.statement) <= 120 else claim.statement[:119] + "…"
    text = {
        Kind.ASSIGNED: _("%(who)s assigned you: %(statement)s"),
        Kind.MENTIONED: _("%(who)s mentioned you on: %(statement)s"),
        Kind.SENT_BACK: _("%(who)s sent back your verdict on: %(statement)s"),
        Kind.AWAITING: _("A verdict awaits your approval: %(statement)s"),
        Kind.PUBLISHED: _("%(who)s published your verdict on: %(statement)s"),
        Kind.SEEN_AGAIN: _("A claim you checked was seen again: %(statement)s"),
    }[Kind(kind)]
    return (text % {"who": who, "statement": statement})[:300]


def event_deliver(
    *, kind: str, claim_id: int, recipient_ids: list[int], actor_id: int | None, key: str
) -> list[int]:
    """Write the event's notifications (those not written already) and send the e-mails
    not sent yet, each as its recipient chose. Returns the notifications it wrote."""
    claim = Claim.objects.filter(pk=claim_id).first()
    if claim is None:
        return []
    actor = User.objects.filter(pk=actor_id).first() if actor_id else None
    off_in_app = set(
        Preference.objects.filter(user_id__in=recipient_ids, kind=kind, in_app=False).values_list(
            "user_id", flat=True
        )
    )
    recipients = User.objects.in_bulk(recipient_ids)
    written = []
    for recipient_id in recipient_ids:
        if recipient_id == actor_id or recipient_id in off_in_app:
            continue
        if (recipient := recipients.get(recipient_id)) is None:
            continue
        # Written once, in the recipient's language: the list shows the stored text.
        with translation.override(user_language(recipient)):
            text = _text(kind, claim, actor)
        try:
            with transaction.atomic():
                notification = Notification.objects.create(
                    recipient_id=recipient_id,
                    kind=kind,
                    claim=claim,
                    actor=actor,
                    text=text,
                    key=key,
                )
        except IntegrityError:
            continue  # delivered by an earlier run of this task
        written.append(notification.pk)
    # Also those an earlier run wrote but could not mail (the task retries on OSError).
    unsent = Notification.objects.filter(
        key=key, recipient_id__in=recipient_ids, emailed_at__isnull=True
    ).values_list("pk", flat=True)
    for pk in unsent:
        notification_email_send(notification_id=pk)
    return written


def notification_email_send(*, notification_id: int) -> bool:
    """Send the notification by e-mail once, if its recipient wants e-mail of this kind
    and has an address. The row is claimed before sending, so two runs send one mail."""
    with transaction.atomic():
        notification = (
            Notification.objects.select_for_update()
            .select_related("recipient")
            .filter(pk=notification_id, emailed_at__isnull=True)
            .first()
        )
        if notification is None or not notification.recipient.email:
            return False
        opted_out = Preference.objects.filter(
            user=notification.recipient, kind=notification.kind, email=False
        ).exists()
        if opted_out:
            return False
        link = settings.SITE_URL.rstrip("/") + reverse("notification_list")
        if notification.claim_id:
            link = settings.SITE_URL.rstrip("/") + reverse(
                "claim_detail", args=[notification.claim_id]
            )
        # A worker has no request, so no language: the recipient's own is activated.
        with translation.override(user_language(notification.recipient)):
            send_mail(
                subject=f"[{settings.ORGANISATION_NAME}] {Kind(notification.kind).label}",
                message=f"{notification.text}\n\n{link}\n",
                from_email=None,
                recipient_list=[notification.recipient.email],
            )
        notification.emailed_at = timezone.now()
        notification.save(update_fields=["emailed_at"])
    return True


@transaction.atomic
def notifications_mark_read(*, user: User, ids: list[int] | None = None) -> int:
    """Mark the person's notifications read: those named, or all."""
    unread = Notification.objects.for_user(user).unread()
    if ids is not None:
        unread = unread.filter(pk__in=ids)
    return unread.update(read_at=timezone.now())


@transaction.atomic
def preference_set(*, user: User, kind: str, in_app: bool, email: bool) -> Preference:
    if kind not in Kind.values:
        raise ValueError(f"Unknown kind {kind!r}.")
    preference, _created = Preference.objects.update_or_create(
        user=user, kind=kind, defaults={"in_app": in_app, "email": email}
    )
    return preference
