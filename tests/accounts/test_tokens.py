"""API tokens are stored hashed, shown once, and end with a password change or a
deactivation; keys made before the change keep working."""

import hashlib
import importlib
import re
from io import StringIO
from typing import Any

import pytest
from django.apps import apps as django_apps
from django.contrib.auth.models import User
from django.core.management import call_command
from django.db import connection
from django.test import Client
from rest_framework.test import APIClient

from factcheck.accounts.models import ApiToken
from tests.factories import make_user

pytestmark = pytest.mark.django_db

CLAIMS = "/api/v1/claims/"


def api(key: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


def new_key(username: str) -> str:
    out = StringIO()
    call_command("create_api_token", username, stdout=out, stderr=StringIO())
    return out.getvalue().strip()


@pytest.fixture
def root(db: None) -> Client:
    make_user("root", is_staff=True, is_superuser=True)
    client = Client()
    client.login(username="root", password="root-pass-123")
    return client


def test_the_database_holds_a_digest_and_a_prefix_never_the_key(reviewer: User) -> None:
    key = new_key("rita")
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM accounts_apitoken")
        stored = " ".join(map(str, cursor.fetchall()))
    assert key not in stored
    token = ApiToken.objects.get(user=reviewer)
    assert token.digest == hashlib.sha256(key.encode()).hexdigest()
    assert token.prefix == key[:8]


def test_a_key_with_the_right_prefix_and_a_wrong_rest_is_refused(reviewer: User) -> None:
    key = new_key("rita")
    forged = key[:8] + ("A" if key[8] != "A" else "B") + key[9:]
    response = api(forged).get(CLAIMS)
    assert response.status_code == 401
    assert response.json() == {"detail": "Invalid token.", "code": "authentication_failed"}
    assert api(key).get(CLAIMS).status_code == 200


def test_the_admin_shows_a_new_key_once_and_never_again(root: Client, reviewer: User) -> None:
    assert root.get("/admin/accounts/apitoken/add/").status_code == 200
    response = root.post("/admin/accounts/apitoken/add/", {"user": reviewer.pk}, follow=True)
    shown = [str(message) for message in response.context["messages"]]
    (message,) = [text for text in shown if "will not be shown again" in text]
    key = re.search(r"is (\S+) —", message).group(1)  # type: ignore[union-attr]
    assert api(key).get(CLAIMS).status_code == 200
    token = ApiToken.objects.get(user=reviewer)
    for url in (
        "/admin/accounts/apitoken/",
        f"/admin/accounts/apitoken/{token.pk}/change/",
        f"/admin/accounts/apitoken/{token.pk}/delete/",
    ):
        page = root.get(url).content.decode()
        assert key not in page and token.digest not in page
        assert f"{key[:8]}…" in page


def test_the_admin_cannot_edit_a_token_and_deleting_it_revokes_the_key(
    root: Client, reviewer: User
) -> None:
    key = new_key("rita")
    token = ApiToken.objects.get(user=reviewer)
    url = f"/admin/accounts/apitoken/{token.pk}/change/"
    root.post(url, {"user": User.objects.get(username="root").pk})
    assert ApiToken.objects.get(pk=token.pk).user == reviewer
    root.post(f"/admin/accounts/apitoken/{token.pk}/delete/", {"post": "yes"})
    assert api(key).get(CLAIMS).status_code == 401


def test_changing_the_password_in_the_admin_revokes_the_token(root: Client, reviewer: User):
    key = new_key("rita")
    response = root.post(
        f"/admin/auth/user/{reviewer.pk}/password/",
        {"password1": "copper kettle orbits 9", "password2": "copper kettle orbits 9"},
    )
    assert response.status_code == 302
    assert api(key).get(CLAIMS).status_code == 401


def test_changing_the_password_from_the_shell_revokes_the_token(reviewer: User) -> None:
    key = new_key("rita")
    reviewer.set_password("copper kettle orbits 9")
    reviewer.save()
    assert api(key).get(CLAIMS).status_code == 401


def test_a_user_with_a_token_gets_no_second_one_in_the_admin(root: Client, reviewer: User):
    key = new_key("rita")
    response = root.post("/admin/accounts/apitoken/add/", {"user": reviewer.pk})
    assert response.status_code == 200  # the form again, with the error
    assert "already exists" in response.content.decode()
    assert api(key).get(CLAIMS).status_code == 200


def test_a_deactivated_users_token_stays_revoked_after_reactivation(reviewer: User) -> None:
    key = new_key("rita")
    reviewer.is_active = False
    reviewer.save()
    reviewer.is_active = True
    reviewer.save()
    assert api(key).get(CLAIMS).status_code == 401


def test_logging_in_and_a_rehashed_password_keep_the_token(settings: Any, db: None) -> None:
    """Django re-hashes a password at login when the hasher changed: same password, so the
    token must survive (else every upgrade would log out every partner)."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    user = make_user("rehash", "Reviewer")
    key = new_key("rehash")
    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",
        "django.contrib.auth.hashers.MD5PasswordHasher",
    ]
    response = Client().post("/login/", {"username": "rehash", "password": "rehash-pass-123"})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.password.startswith("pbkdf2_sha256$")
    assert api(key).get(CLAIMS).status_code == 200


def test_keys_of_the_plain_text_table_keep_working_after_the_migration(reviewer: User) -> None:
    """DRF's authtoken table as it was; the data migration hashes its keys and drops it."""
    plain = "9944b09199c62bcf9418ad846dd0e4bbdfc6ee4b"
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TABLE authtoken_token (key varchar(40) PRIMARY KEY, "
            "created timestamptz NOT NULL, user_id integer NOT NULL UNIQUE)"
        )
        cursor.execute(
            "INSERT INTO authtoken_token VALUES (%s, '2024-05-01T10:00:00Z', %s)",
            [plain, reviewer.pk],
        )
    migration = importlib.import_module("factcheck.accounts.migrations.0002_hash_authtoken_keys")
    with connection.schema_editor() as editor:
        migration.hash_plain_tokens(django_apps, editor)
    assert "authtoken_token" not in connection.introspection.table_names()
    token = ApiToken.objects.get(user=reviewer)
    assert (token.prefix, token.created.year) == (plain[:8], 2024)
    assert api(plain).get(CLAIMS).status_code == 200
