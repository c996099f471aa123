"""The interface language: a signed-in user's saved choice, else the browser's
Accept-Language (or the switcher's cookie), else English; dates and numbers follow it."""

import datetime

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from factcheck.accounts.models import Profile
from tests.clients import web_client
from tests.factories import ClaimFactory

pytestmark = pytest.mark.django_db

SPANISH = {"HTTP_ACCEPT_LANGUAGE": "es-ES,es;q=0.9"}


def choose(client: Client, language: str, next_url: str = "/") -> int:
    response = client.post(reverse("set_language"), {"language": language, "next": next_url})
    return response.status_code


def test_english_is_the_default() -> None:
    response = Client().get(reverse("login"))
    assert response["Content-Language"] == "en"
    assert '<html lang="en">' in response.content.decode()
    assert "<h1>Log in</h1>" in response.content.decode()


def test_the_browsers_language_is_taken_when_nobody_chose() -> None:
    response = Client().get(reverse("login"), **SPANISH)
    page = response.content.decode()
    assert response["Content-Language"] == "es"
    assert '<html lang="es">' in page
    assert "<h1>Iniciar sesión</h1>" in page
    assert "Accept-Language" in response["Vary"]


def test_a_language_the_interface_lacks_falls_back_to_english() -> None:
    response = Client().get(reverse("login"), HTTP_ACCEPT_LANGUAGE="ja")
    assert response["Content-Language"] == "en"


def test_an_anonymous_visitor_switches_with_a_cookie_and_no_profile() -> None:
    client = Client()
    assert choose(client, "es", "/fact-checks/") == 302
    page = client.get(reverse("fact_check_index")).content.decode()
    assert "<h1>Verificaciones</h1>" in page
    assert not Profile.objects.exists()


def test_a_users_choice_is_saved_in_their_profile_and_wins_over_the_browser(
    reviewer: User,
) -> None:
    client = web_client(reviewer)
    assert choose(client, "es") == 302
    assert Profile.objects.get(user=reviewer).language == "es"
    english_browser = {"HTTP_ACCEPT_LANGUAGE": "en-GB,en;q=0.9"}
    page = client.get(reverse("dashboard"), **english_browser).content.decode()
    assert "<h1>Panel</h1>" in page

    # The next login, in another browser without the cookie, still speaks Spanish.
    elsewhere = web_client(reviewer)
    page = elsewhere.get(reverse("dashboard"), **english_browser).content.decode()
    assert "<h1>Panel</h1>" in page


def test_a_user_who_never_chose_gets_the_browsers_language(reviewer: User) -> None:
    client = web_client(reviewer)
    assert "<h1>Panel</h1>" in client.get(reverse("dashboard"), **SPANISH).content.decode()
    assert "<h1>Dashboard</h1>" in client.get(reverse("dashboard")).content.decode()


def test_choosing_english_overrides_a_spanish_browser(reviewer: User) -> None:
    client = web_client(reviewer)
    choose(client, "en")
    fresh = web_client(reviewer)
    assert "<h1>Dashboard</h1>" in fresh.get(reverse("dashboard"), **SPANISH).content.decode()


def test_an_unknown_language_is_refused_and_nothing_is_saved(reviewer: User) -> None:
    client = web_client(reviewer)
    response = client.post(reverse("set_language"), {"language": "xx", "next": "/"})
    assert response.status_code == 400
    assert "Unknown language xx." in response.content.decode()
    assert not Profile.objects.exists()


def test_the_switcher_is_on_every_page_with_the_languages_in_their_own_names() -> None:
    page = Client().get(reverse("fact_check_index")).content.decode()
    assert 'action="/language/"' in page
    assert '<option value="en" lang="en" selected>English</option>' in page
    assert '<option value="es" lang="es">Español</option>' in page


def test_dates_and_numbers_follow_the_language(reviewer: User) -> None:
    claim = ClaimFactory(score=0.75)
    when = timezone.make_aware(datetime.datetime(2026, 12, 1, 9, 30))
    type(claim).objects.filter(pk=claim.pk).update(updated_at=when)
    client = web_client(reviewer)
    english = client.get(claim.get_absolute_url()).content.decode()
    spanish = client.get(claim.get_absolute_url(), **SPANISH).content.decode()
    assert "Score 0.75" in english and "1 Dec 2026 09:30" in english
    assert "Puntuación 0,75" in spanish and "1 dic 2026 09:30" in spanish


def test_a_session_from_before_the_choice_was_copied_still_gets_it(reviewer: User) -> None:
    client = web_client(reviewer)
    choose(client, "es")
    session = client.session
    del session["profile_language"]  # as in a session opened before this release
    session.save()
    del client.cookies[settings.LANGUAGE_COOKIE_NAME]  # the profile alone says Spanish
    page = client.get(reverse("dashboard"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "<h1>Panel</h1>" in page
