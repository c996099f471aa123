"""The interface language: the signed-in user's saved choice, else the switcher's cookie or
the browser's Accept-Language (Django's LocaleMiddleware), else English.

The choice is copied into the session at login and when changed, so a page costs no query
to learn it."""

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.core.exceptions import ValidationError
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.utils import translation
from django.views import i18n
from django.views.decorators.http import require_POST

from factcheck.accounts import services
from factcheck.accounts.models import Profile

SESSION_KEY = "profile_language"


class UserLanguageMiddleware:
    """After AuthenticationMiddleware: a signed-in user's saved language wins over the
    browser's. LocaleMiddleware, outside it, still sends Content-Language and Vary."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        language = None
        if request.user.is_authenticated:
            if SESSION_KEY not in request.session:  # a session older than the setting
                request.session[SESSION_KEY] = saved_language(request.user)
            language = request.session[SESSION_KEY]
        if language and language in dict(settings.LANGUAGES):
            translation.activate(language)
            request.LANGUAGE_CODE = language
        return self.get_response(request)


def saved_language(user: Any) -> str:
    """The code `user` chose, "" if none (their browser's language then)."""
    return Profile.objects.filter(user=user).values_list("language", flat=True).first() or ""


@receiver(user_logged_in)
def remember_saved_language(sender: Any, request: HttpRequest | None, user: Any, **kw: Any) -> None:
    if request is not None and hasattr(request, "session"):
        request.session[SESSION_KEY] = saved_language(user)


@require_POST
def set_language(request: HttpRequest) -> HttpResponse:
    """Django's set_language (the cookie, for anyone, and the redirect back to `next`),
    plus, for a signed-in user, the choice saved in their profile."""
    language = request.POST.get("language", "")
    if request.user.is_authenticated:
        try:
            services.profile_set_language(user=request.user, language=language)
        except ValidationError as error:
            return HttpResponseBadRequest(" ".join(error.messages))
        request.session[SESSION_KEY] = language
    return i18n.set_language(request)
