"""Writes on accounts: API tokens made and revoked, sessions ended, the language chosen."""

from typing import Any

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from factcheck.accounts.models import PREFIX_LENGTH, ApiToken, Profile, key_digest, new_key


class TokenExists(Exception):
    """The user has a token already; its key is not kept, so it cannot be shown again."""


@transaction.atomic
def api_token_create(*, user: Any, rotate: bool = False) -> tuple[ApiToken, str]:
    """A new token for `user` and its key, the only time the key exists in clear.

    With `rotate` an existing token is replaced (its key stops working at once);
    without, a user who has one gets TokenExists.
    """
    if rotate:
        ApiToken.objects.filter(user=user).delete()
    elif ApiToken.objects.filter(user=user).exists():
        raise TokenExists(f"{user} already has an API token.")
    key = new_key()
    token = ApiToken.objects.create(user=user, prefix=key[:PREFIX_LENGTH], digest=key_digest(key))
    return token, key


@transaction.atomic
def account_credentials_revoke(*, user: Any) -> None:
    """End every way `user` is signed in: their API token and all their sessions.

    Called when their password changes or they are deactivated, so that neither a stolen
    token nor a session left open elsewhere outlives the change (nor comes back if the
    account is reactivated). A password change through Django's views then gives the
    person making it a fresh session of their own (`update_session_auth_hash`).
    """
    ApiToken.objects.filter(user=user).delete()
    user_sessions_end(user=user)


def user_sessions_end(*, user: Any) -> int:
    """Delete the stored sessions of `user`; how many there were.

    Sessions are stored by key, not by user, so the unexpired ones are read and the
    user's picked out: a scan, fine for the few hundred sessions of a desk, done only when
    an account loses its credentials.
    """
    if settings.SESSION_ENGINE != "django.contrib.sessions.backends.db":
        raise NotImplementedError(  # other engines would silently keep the sessions alive
            f"Ending a user's sessions needs the database session engine, not "
            f"{settings.SESSION_ENGINE}."
        )
    theirs = [
        session.session_key
        for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator()
        if session.get_decoded().get(SESSION_KEY) == str(user.pk)
    ]
    Session.objects.filter(session_key__in=theirs).delete()
    return len(theirs)


def profile_set_language(*, user: Any, language: str) -> Profile:
    """Save the interface language `user` chose: a code of settings.LANGUAGES, or "" to
    follow the browser's."""
    if language and language not in dict(settings.LANGUAGES):
        raise ValidationError(
            _("Unknown language %(code)s."), code="language", params={"code": language}
        )
    profile, _created = Profile.objects.update_or_create(user=user, defaults={"language": language})
    return profile
