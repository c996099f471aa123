"""Sessions are deleted when an account is deactivated (reactivating it revives none) or
its password changes (the person changing it keeps a fresh one of their own)."""

from typing import Any

import pytest
from django.contrib.auth import SESSION_KEY
from django.contrib.auth.models import User
from django.contrib.sessions.models import Session
from django.forms import SplitDateTimeWidget
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db


def sessions_of(user: User) -> int:
    return sum(
        1
        for session in Session.objects.all()
        if session.get_decoded().get(SESSION_KEY) == str(user.pk)
    )


def logged_in_client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    assert client.get(reverse("dashboard")).status_code == 200
    return client


def admin_change_data(client: Client, url: str, **changes: Any) -> dict[str, Any]:
    """The admin change form as the page shows it, with `changes`: what a browser posts."""
    form = client.get(url).context["adminform"].form
    data: dict[str, Any] = {}
    for name, field in form.fields.items():
        value = form[name].value()
        if field.disabled or value is None:
            continue
        if isinstance(field.widget, SplitDateTimeWidget):
            data[f"{name}_0"], data[f"{name}_1"] = value.date(), value.time()
        elif isinstance(value, bool):
            if value:
                data[name] = "on"
        elif isinstance(value, list | tuple):
            data[name] = [str(item) for item in value]
        else:
            data[name] = value
    for name, value in changes.items():
        if value is False:
            data.pop(name, None)
        else:
            data[name] = value
    return data


def test_deactivating_in_the_admin_deletes_the_sessions_and_reactivating_revives_none(
    admin_client: Client, reviewer: User
) -> None:
    rita = logged_in_client(reviewer)
    url = reverse("admin:auth_user_change", args=[reviewer.pk])
    response = admin_client.post(url, admin_change_data(admin_client, url, is_active=False))
    assert response.status_code == 302
    reviewer.refresh_from_db()
    assert not reviewer.is_active
    assert sessions_of(reviewer) == 0
    response = admin_client.post(url, admin_change_data(admin_client, url, is_active="on"))
    assert response.status_code == 302
    reviewer.refresh_from_db()
    assert reviewer.is_active
    page = rita.get(reverse("dashboard"))
    assert page.status_code == 302 and page["Location"].startswith(reverse("login"))
    assert rita.get("/api/v1/claims/").status_code in (401, 403)


def test_changing_your_password_ends_your_other_sessions_and_keeps_this_one(
    admin_user: User,
) -> None:
    here = Client()
    here.login(username="admin", password="password")
    elsewhere = Client()
    elsewhere.login(username="admin", password="password")
    assert sessions_of(admin_user) == 2
    response = here.post(
        reverse("admin:password_change"),
        {
            "old_password": "password",
            "new_password1": "copper kettle orbits 9",
            "new_password2": "copper kettle orbits 9",
        },
    )
    assert response.status_code == 302
    assert sessions_of(admin_user) == 1  # the other one is gone from the store, not just stale
    assert here.get(reverse("admin:index")).status_code == 200
    assert elsewhere.get(reverse("admin:index")).status_code == 302


def test_an_admin_changing_someones_password_ends_all_their_sessions(
    admin_client: Client, reviewer: User
) -> None:
    rita = logged_in_client(reviewer)
    response = admin_client.post(
        reverse("admin:auth_user_password_change", args=[reviewer.pk]),
        {"password1": "copper kettle orbits 9", "password2": "copper kettle orbits 9"},
    )
    assert response.status_code == 302
    assert sessions_of(reviewer) == 0
    assert rita.get(reverse("dashboard")).status_code == 302
    assert admin_client.get(reverse("admin:index")).status_code == 200


def test_other_users_sessions_are_left_alone(reviewer: User, editor: User) -> None:
    logged_in_client(reviewer)
    edna = logged_in_client(editor)
    reviewer.is_active = False
    reviewer.save()
    assert sessions_of(reviewer) == 0
    assert sessions_of(editor) == 1
    assert edna.get(reverse("dashboard")).status_code == 200
