"""Credentials end when an account's password changes or it is deactivated, whichever door
made the change (the admin, `changepassword`, a password change page, the shell)."""

from typing import Any

from django.contrib.auth import get_user_model
from django.db.models.signals import post_save, pre_save
from django.dispatch import receiver

from factcheck.accounts import services

User = get_user_model()
WATCHED = {"is_active", "password"}


@receiver(pre_save, sender=User)
def note_lost_credentials(
    sender: Any, instance: Any, raw: bool = False, update_fields: Any = None, **kwargs: Any
) -> None:
    instance._credentials_lost = False
    if raw or instance.pk is None:
        return
    if update_fields is not None and not WATCHED & set(update_fields):
        return  # e.g. last_login at every login
    was_active = (
        sender._default_manager.filter(pk=instance.pk).values_list("is_active", flat=True).first()
    )
    deactivated = bool(was_active) and not instance.is_active
    # set_password() keeps the new password in `_password` until the save; Django's
    # silent re-hash at login (a new iteration count, same password) clears it first,
    # so an upgrade of the hash does not log everyone out.
    password_changed = getattr(instance, "_password", None) is not None
    instance._credentials_lost = deactivated or password_changed


@receiver(post_save, sender=User)
def revoke_lost_credentials(sender: Any, instance: Any, created: bool, **kwargs: Any) -> None:
    if not created and getattr(instance, "_credentials_lost", False):
        instance._credentials_lost = False
        services.account_credentials_revoke(user=instance)
