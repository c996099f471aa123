"""API tokens, stored hashed: a leaked database or backup gives no working key."""

import hashlib
import hmac
import secrets

from django.conf import settings
from django.db import models

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
        verbose_name = "API token"

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.user})"
