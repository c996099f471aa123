"""What the desk tells a person: in the app (a list and a count) and by e-mail."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy

from factcheck.claims.models import Claim

User = settings.AUTH_USER_MODEL


class Kind(models.TextChoices):
    ASSIGNED = "assigned", gettext_lazy("A claim was assigned to you")
    MENTIONED = "mentioned", gettext_lazy("You were mentioned in a comment")
    SENT_BACK = "sent_back", gettext_lazy("Your verdict was sent back")
    AWAITING = "awaiting", gettext_lazy("A verdict awaits your approval")
    PUBLISHED = "published", gettext_lazy("Your verdict was published")
    SEEN_AGAIN = "seen_again", gettext_lazy("A claim you checked was seen again")


class NotificationQuerySet(models.QuerySet["Notification"]):
    def for_user(self, user: object) -> "NotificationQuerySet":
        return self.filter(recipient=user)

    def unread(self) -> "NotificationQuerySet":
        return self.filter(read_at__isnull=True)


class Notification(models.Model):
    recipient = models.ForeignKey(User, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(max_length=12, choices=Kind)
    claim = models.ForeignKey(Claim, null=True, on_delete=models.CASCADE, related_name="+")
    actor = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    text = models.CharField(max_length=300)
    # One event, one notification per person, however often its task runs.
    key = models.CharField(max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        verbose_name = gettext_lazy("notification")
        verbose_name_plural = gettext_lazy("notifications")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["recipient", "key"], name="notification_once"),
        ]
        indexes = [
            models.Index(
                fields=["recipient", "created_at"],
                condition=Q(read_at__isnull=True),
                name="notification_unread",
            )
        ]

    def __str__(self) -> str:
        return self.text


class Preference(models.Model):
    """A person's choice for one kind; without a row, both channels are on."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=12, choices=Kind)
    in_app = models.BooleanField(default=True)
    email = models.BooleanField(default=True)

    class Meta:
        verbose_name = gettext_lazy("notification preference")
        verbose_name_plural = gettext_lazy("notification preferences")
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="preference_once_per_kind")
        ]

    def __str__(self) -> str:
        return f"{self.user}: {self.kind}"
