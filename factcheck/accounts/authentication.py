"""`Authorization: Token <key>` against the hashed tokens of `ApiToken`."""

from typing import Any

from django.utils.translation import gettext as _
from rest_framework.authentication import TokenAuthentication
from rest_framework.exceptions import AuthenticationFailed

from factcheck.accounts.models import ApiToken


class HashedTokenAuthentication(TokenAuthentication):
    """DRF's header and messages (and its OpenAPI description, as a subclass), with the key
    checked against a digest instead of a plain-text column."""

    model = ApiToken

    def authenticate_credentials(self, key: str) -> tuple[Any, ApiToken]:
        token = ApiToken.objects.matching(key)
        if token is None:
            raise AuthenticationFailed(_("Invalid token."))
        if not token.user.is_active:
            raise AuthenticationFailed(_("User inactive or deleted."))
        return token.user, token
