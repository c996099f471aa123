"""The language to write to a person in when no request says it (e-mail sent by a worker).

In a request, LocaleMiddleware and the user's saved choice have activated the language
already; a Celery task has none, so it asks here for each recipient and writes inside
`translation.override(user_language(user))`.
"""

from typing import Any

from django.conf import settings


def user_language(user: Any) -> str:
    """The language `user` chose for the interface (their profile's `language`, a code of
    settings.LANGUAGES), else the site's default, settings.LANGUAGE_CODE."""
    # No profile row yet: Django's RelatedObjectDoesNotExist is an AttributeError.
    profile = getattr(user, "profile", None)
    language = getattr(profile, "language", "") or ""
    return language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
