"""The audit trail's shared parts: every history row keeps the actor's name.

django-simple-history links a history row to its user with a nullable foreign key, so
deleting an account would blank the "who" of everything that person did. The name is
copied into the row when it is written, and read from there.
"""

from typing import Any

from django.db import models
from django.dispatch import receiver
from simple_history.signals import pre_create_historical_record


class ActorName(models.Model):
    """Abstract base of every historical model: the actor's username at the time."""

    history_username = models.CharField(max_length=150, blank=True, editable=False)

    class Meta:
        abstract = True

    @property
    def actor_name(self) -> str:
        return self.history_username or "system"


@receiver(pre_create_historical_record)
def _keep_actor_name(sender: Any, history_instance: Any, **kwargs: Any) -> None:
    user = getattr(history_instance, "history_user", None)
    if user is not None and hasattr(history_instance, "history_username"):
        history_instance.history_username = user.get_username()
