"""API tokens, stored hashed: a leaked database or backup gives no working key."""

import hashlib
import hmac
import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

# The first characters of a key, kept in clear to find its row (and to tell tokens apart
# in the admin); the rest is known only to its holder.
PREFIX_LENGTH = 8


def key_digest(key: str) -> str:
    """SHA-256 of the whole key. Keys are random (240 bits), so a fast hash is enough: there
    is nothing to guess that a slow one would protect."""
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()


def new_key() -> str:
    return secrets.token_urlsafe(30)  # 40 characters, as DRF's keys were


class ApiTokenQuerySet(models.QuerySet["ApiToken"]):
    def matching(self, key: str) -> "ApiToken | None":
        """The token whose key this is, compared in constant time; None for any other."""
        digest = key_digest(key)
        for token in self.select_related("user").filter(prefix=key[:PREFIX_LENGTH]):
            if hmac.compare_digest(token.digest, digest):
                return token
        return None


class ApiToken(models.Model):
    """One per user: the key acts with its user's role (Reviewer, Editor, or none)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_token"
    )
    prefix = models.CharField(max_length=PREFIX_LENGTH, db_index=True, editable=False)
    digest = models.CharField(max_length=64, unique=True, editable=False)
    created = models.DateTimeField(auto_now_add=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.user})"


class Profile(models.Model):
    """What a user chooses for themselves: so far the language of the interface."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile"
    )
    # A code from settings.LANGUAGES (checked by services.profile_set_language, not by
    # choices: a new language must not need a migration); empty follows the browser.
    language = models.CharField(_("language"), max_length=16, blank=True)

    class Meta:
        verbose_name = _("profile")
        verbose_name_plural = _("profiles")

    def __str__(self) -> str:
        return str(self.user)
