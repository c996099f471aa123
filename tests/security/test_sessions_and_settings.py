"""Sessions end when an account is deactivated or its password changes; passwords are
checked; production settings send secure cookies and HSTS."""

import subprocess
import sys
from typing import Any

import pytest
from django.conf import settings
from django.contrib.auth import password_validation
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_deactivating_a_user_ends_their_web_session_at_the_next_request(reviewer: User) -> None:
    client = Client()
    client.force_login(reviewer)
    assert client.get(reverse("dashboard")).status_code == 200
    User.objects.filter(pk=reviewer.pk).update(is_active=False)
    response = client.get(reverse("dashboard"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_deactivating_a_user_ends_their_api_session_too(reviewer: User) -> None:
    client = Client()
    client.force_login(reviewer)
    assert client.get("/api/v1/claims/").status_code == 200
    User.objects.filter(pk=reviewer.pk).update(is_active=False)
    assert client.get("/api/v1/claims/").status_code in (401, 403)


def test_deactivating_a_staff_user_ends_their_admin_session(admin_user: User) -> None:
    client = Client()
    client.force_login(admin_user)
    assert client.get(reverse("admin:index")).status_code == 200
    User.objects.filter(pk=admin_user.pk).update(is_active=False)
    assert client.get(reverse("admin:index")).status_code == 302


def test_changing_the_password_ends_the_other_sessions(reviewer: User) -> None:
    elsewhere = Client()
    elsewhere.force_login(reviewer)
    reviewer.set_password("a-new-long-passphrase-42")
    reviewer.save()
    assert elsewhere.get(reverse("dashboard")).status_code == 302


@pytest.mark.parametrize(
    "password", ["short1", "12345678901234", "password123", "rita-the-reviewer"]
)
def test_weak_passwords_are_refused(reviewer: User, password: str) -> None:
    reviewer.first_name = "Rita"
    reviewer.email = "rita-the-reviewer@example.org"
    with pytest.raises(ValidationError):
        password_validation.validate_password(password, reviewer)


def test_a_long_uncommon_passphrase_is_accepted(reviewer: User) -> None:
    password_validation.validate_password("copper kettle orbits 9 lanterns", reviewer)


def test_the_admin_refuses_a_weak_password_for_a_new_user(admin_client: Client) -> None:
    response = admin_client.post(
        reverse("admin:auth_user_add"),
        {
            "username": "newbie",
            "password1": "password",
            "password2": "password",
            "usable_password": "true",
        },
    )
    assert response.status_code == 200
    assert "This password is too common." in response.content.decode()
    assert not User.objects.filter(username="newbie").exists()


def test_session_and_csrf_cookies_are_http_only_or_same_site() -> None:
    assert settings.SESSION_COOKIE_HTTPONLY
    assert settings.SESSION_COOKIE_SAMESITE in ("Lax", "Strict")
    assert settings.CSRF_COOKIE_SAMESITE in ("Lax", "Strict")


PRODUCTION = {
    "DEBUG": "0",
    "SECRET_KEY": "x" * 60,
    "ALLOWED_HOSTS": "factcheck.example.org",
    "SITE_URL": "https://factcheck.example.org",
}
PROBE = """
import django, json
from django.conf import settings
django.setup()
print(json.dumps({name: getattr(settings, name) for name in (
    "SECURE_SSL_REDIRECT", "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE",
    "SECURE_HSTS_SECONDS", "SECURE_HSTS_INCLUDE_SUBDOMAINS", "SECURE_HSTS_PRELOAD",
    "SECURE_CONTENT_TYPE_NOSNIFF", "X_FRAME_OPTIONS", "DEBUG")}))
"""


def test_production_defaults_are_secure_without_being_asked(tmp_path: Any) -> None:
    """`check --deploy` is run by tests/foundation/test_project.py with every switch set;
    here nothing but the required variables is set, and the defaults are already safe."""
    import json
    import os

    env = {k: v for k, v in os.environ.items() if not k.startswith(("SECURE_", "DEBUG"))}
    result = subprocess.run(
        [sys.executable, "-c", PROBE],
        env={
            **env,
            **PRODUCTION,
            "DATABASE_URL": f"sqlite:///{tmp_path / 'unused.sqlite3'}",
            "DJANGO_SETTINGS_MODULE": "factcheck.settings",
        },
        capture_output=True,
        text=True,
        check=True,
        cwd=settings.BASE_DIR,
    )
    values = json.loads(result.stdout)
    assert values == {
        "SECURE_SSL_REDIRECT": True,
        "SESSION_COOKIE_SECURE": True,
        "CSRF_COOKIE_SECURE": True,
        "SECURE_HSTS_SECONDS": 31536000,
        "SECURE_HSTS_INCLUDE_SUBDOMAINS": True,
        "SECURE_HSTS_PRELOAD": True,
        "SECURE_CONTENT_TYPE_NOSNIFF": True,
        "X_FRAME_OPTIONS": "DENY",
        "DEBUG": False,
    }


def test_under_production_settings_https_responses_carry_hsts_and_secure_cookies(
    settings: Any, reviewer: User
) -> None:
    settings.SECURE_SSL_REDIRECT = True
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = True
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = settings.SECURE_HSTS_PRELOAD = True
    client = Client()
    assert client.get(reverse("login")).status_code == 301  # plain http goes to https
    page = client.get(reverse("login"), secure=True)
    assert page["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert page.cookies["csrftoken"]["secure"]
    response = client.post(
        reverse("login"),
        {
            "username": "rita",
            "password": "rita-pass-123",
            "csrfmiddlewaretoken": page.cookies["csrftoken"].value,
        },
        secure=True,
    )
    session = response.cookies[settings.SESSION_COOKIE_NAME]
    assert session["secure"] and session["httponly"] and session["samesite"] == "Lax"


@pytest.mark.parametrize(
    "url",
    [
        "/articles/new/",
        "/claims/{pk}/edit/",
        "/claims/{pk}/dismiss/",
        "/claims/{pk}/comments/",
        "/verdicts/{verdict}/approve/",
        "/admin/claims/claim/{pk}/change/",
        "/logout/",
    ],
)
def test_every_form_that_changes_something_needs_the_csrf_token(
    admin_user: User, reviewer: User, rating_false, url: str
) -> None:
    from factcheck.claims import services
    from tests.factories import ClaimFactory, ensure_source

    claim = ClaimFactory()
    verdict = services.verdict_save_draft(
        claim=claim, actor=reviewer, rating=rating_false, summary="No."
    )
    ensure_source(verdict.claim)
    services.verdict_submit(verdict=verdict, actor=reviewer)
    client = Client(enforce_csrf_checks=True)
    client.force_login(admin_user)
    response = client.post(
        url.format(pk=claim.pk, verdict=verdict.pk),
        {"text": "An article.", "statement": "Forged.", "reason": "Forged.", "body": "Forged."},
    )
    assert response.status_code == 403
    claim.refresh_from_db()
    assert (claim.statement, claim.status) != ("Forged.", "dismissed")
    assert not claim.comments.exists()
    assert client.get(reverse("dashboard")).status_code == 200  # still signed in


def test_cache_url_picks_a_shared_redis_or_memory() -> None:
    from django.core.exceptions import ImproperlyConfigured

    from factcheck.env import cache_from_url

    assert cache_from_url("")["BACKEND"].endswith("LocMemCache")
    redis = cache_from_url("redis://cache.internal:6379/1")
    assert redis == {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://cache.internal:6379/1",
    }
    with pytest.raises(ImproperlyConfigured, match="CACHE_URL"):
        cache_from_url("memcached://x")
