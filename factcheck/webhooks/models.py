import secrets

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy


def new_secret() -> str:
    return secrets.token_urlsafe(32)


class SubscriberQuerySet(models.QuerySet["Subscriber"]):
    def receiving(self) -> "SubscriberQuerySet":
        """Subscribers that get new events: switched on and not paused for failing."""
        return self.filter(is_active=True, paused_at__isnull=True)


class Subscriber(models.Model):
    """A partner's address that receives the public record's events, signed with its secret."""

    name = models.CharField(max_length=200)
    url = models.URLField(
        max_length=2000, help_text=gettext_lazy("https address that receives the events.")
    )
    secret = models.CharField(
        max_length=100,
        default=new_secret,
        help_text=gettext_lazy(
            "Shared with the partner; signs every event (HMAC-SHA256, see README)."
        ),
    )
    is_active = models.BooleanField(default=True)
    paused_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text=gettext_lazy("Set when deliveries kept failing; clear to resume."),
    )
    paused_reason = models.TextField(blank=True)
    consecutive_failures = models.PositiveIntegerField(
        default=0,
        help_text=gettext_lazy("Deliveries that failed for good in a row; success resets it."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = SubscriberQuerySet.as_manager()

    class Meta:
        verbose_name = gettext_lazy("subscriber")
        verbose_name_plural = gettext_lazy("subscribers")
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name


class Delivery(models.Model):
    """One event for one subscriber: the exact body sent, every attempt's answer."""

    class Status(models.TextChoices):
        PENDING = "pending", gettext_lazy("Pending")
        DELIVERED = "delivered", gettext_lazy("Delivered")
        FAILED = "failed", gettext_lazy("Failed")

    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="deliveries")
    event_id = models.UUIDField(
        unique=True, help_text=gettext_lazy("The event's id, for the receiver to dedupe.")
    )
    event = models.CharField(max_length=40)
    payload = models.TextField(help_text=gettext_lazy("The JSON body, exactly as signed and sent."))
    status = models.CharField(max_length=10, choices=Status, default=Status.PENDING, db_index=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    response_status = models.PositiveSmallIntegerField(null=True, blank=True)
    response_body = models.TextField(
        blank=True, help_text=gettext_lazy("The start of the last answer.")
    )
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_attempt_at = models.DateTimeField(null=True, blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = gettext_lazy("delivery")
        ordering = ["-created_at", "-id"]
        verbose_name_plural = gettext_lazy("deliveries")
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="delivered") | Q(delivered_at__isnull=False),
                name="delivery_delivered_has_time",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.event} to {self.subscriber_id} ({self.status})"
