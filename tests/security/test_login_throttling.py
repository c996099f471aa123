"""Password guessing is throttled per username and per client address, on the site's login
page and on the admin's; the client cannot choose the address it is counted under."""

from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from factcheck.accounts import login as accounts
from tests.factories import make_user

pytestmark = pytest.mark.django_db

THROTTLED = "Too many failed attempts, try again in"


@pytest.fixture(autouse=True)
def small_limits(settings: Any) -> None:
    settings.LOGIN_FAILURES_PER_USER = 3
    settings.LOGIN_FAILURES_PER_IP = 5
    settings.LOGIN_LOCKOUT_SECONDS = 600


def log_in(username: str, password: str, *, ip: str = "203.0.113.7", **headers: str) -> Any:
    return Client(REMOTE_ADDR=ip, **headers).post(
        reverse("login"), {"username": username, "password": password}
    )


def logged_in(response: Any) -> bool:
    return response.status_code == 302 and response.wsgi_request.user.is_authenticated


def fail(username: str, times: int, **kwargs: Any) -> None:
    for _ in range(times):
        assert not logged_in(log_in(username, "wrong-guess", **kwargs))


def test_the_right_password_logs_in(reviewer: User) -> None:
    assert logged_in(log_in("rita", "rita-pass-123"))


def test_after_too_many_failures_even_the_right_password_is_refused_with_the_wait(
    reviewer: User,
) -> None:
    fail("rita", 3)
    response = log_in("rita", "rita-pass-123")
    assert not logged_in(response)
    assert response.status_code == 200
    assert f"{THROTTLED} 10 minutes." in response.content.decode()


def test_a_locked_username_is_locked_from_every_address(reviewer: User) -> None:
    fail("rita", 3, ip="203.0.113.7")
    assert THROTTLED in log_in("rita", "rita-pass-123", ip="198.51.100.9").content.decode()


def test_the_count_ignores_case_and_spaces_in_the_username(reviewer: User) -> None:
    fail("RITA ", 3)
    assert not logged_in(log_in("rita", "rita-pass-123", ip="198.51.100.9"))


FULLWIDTH_EDITOR2 = "\uff45\uff44\uff49\uff54\uff4f\uff52\uff12"  # ｅｄｉｔｏｒ２


def test_a_fullwidth_spelling_logs_in_as_the_same_user(db: None) -> None:
    """Django's login form NFKC-normalises the username: this is the same account."""
    make_user("editor2", "Editor")
    response = log_in(FULLWIDTH_EDITOR2, "editor2-pass-123")
    assert logged_in(response)
    assert response.wsgi_request.user.username == "editor2"


@pytest.mark.parametrize(
    "spelling", [FULLWIDTH_EDITOR2, "EDITOR2", "\uff25\uff24\uff29\uff34\uff2f\uff32\uff12"]
)
def test_look_alike_spellings_count_against_the_same_username(db: None, spelling: str) -> None:
    make_user("editor2", "Editor")
    for n in range(3):  # from three addresses, so only the username's count can lock
        fail(spelling, 1, ip=f"203.0.113.{n + 10}")
    response = log_in("editor2", "editor2-pass-123", ip="198.51.100.9")
    assert not logged_in(response)
    assert THROTTLED in response.content.decode()
    # and the other way round: failures under the plain name lock the look-alike too
    assert not logged_in(log_in(spelling, "editor2-pass-123", ip="198.51.100.10"))


def test_the_admin_login_counts_look_alike_spellings_together(db: None) -> None:
    make_user("editor2", "Editor", is_staff=True)
    url = reverse("admin:login")
    for n in range(3):
        Client(REMOTE_ADDR=f"203.0.113.{n + 10}").post(
            url, {"username": FULLWIDTH_EDITOR2, "password": "wrong-guess"}
        )
    response = Client(REMOTE_ADDR="198.51.100.9").post(
        url, {"username": "editor2", "password": "editor2-pass-123"}
    )
    assert THROTTLED in response.content.decode()
    assert not response.wsgi_request.user.is_authenticated


def test_other_users_still_log_in_while_one_username_is_locked(reviewer, editor) -> None:
    fail("rita", 3)
    assert logged_in(log_in("edna", "edna-pass-123"))


def test_an_address_guessing_many_usernames_is_locked_for_all_of_them(reviewer, editor) -> None:
    for name in ("a", "b", "c", "d", "e"):
        fail(name, 1)
    response = log_in("edna", "edna-pass-123")
    assert not logged_in(response)
    assert THROTTLED in response.content.decode()
    assert logged_in(log_in("edna", "edna-pass-123", ip="198.51.100.9"))


def test_a_forged_forwarded_for_header_does_not_give_a_fresh_address(editor: User) -> None:
    for n in range(5):
        fail(f"user{n}", 1, HTTP_X_FORWARDED_FOR=f"192.0.2.{n}")
    response = log_in("edna", "edna-pass-123", HTTP_X_FORWARDED_FOR="192.0.2.99")
    assert THROTTLED in response.content.decode()


def test_behind_our_own_proxy_the_address_it_saw_is_counted(settings: Any, editor: User) -> None:
    settings.NUM_PROXIES = 1
    for n in range(5):
        fail(f"user{n}", 1, HTTP_X_FORWARDED_FOR="forged, 192.0.2.1")
    proxy_saw_another = log_in("edna", "edna-pass-123", HTTP_X_FORWARDED_FOR="192.0.2.2")
    assert logged_in(proxy_saw_another)
    proxy_saw_the_same = log_in("edna", "edna-pass-123", HTTP_X_FORWARDED_FOR="x, 192.0.2.1")
    assert THROTTLED in proxy_saw_the_same.content.decode()


def test_the_lockout_ends_when_its_window_has_passed(monkeypatch, reviewer: User) -> None:
    start = accounts.now()
    monkeypatch.setattr(accounts, "now", lambda: start)
    fail("rita", 3)
    monkeypatch.setattr(accounts, "now", lambda: start + 599)
    assert f"{THROTTLED} 1 minute." in log_in("rita", "rita-pass-123").content.decode()
    monkeypatch.setattr(accounts, "now", lambda: start + 601)
    assert logged_in(log_in("rita", "rita-pass-123"))


def test_a_success_clears_the_usernames_count_but_not_the_addresss(reviewer, editor) -> None:
    fail("rita", 2)
    assert logged_in(log_in("rita", "rita-pass-123"))
    fail("rita", 2)
    assert logged_in(log_in("rita", "rita-pass-123"))  # 2 + 2 failures, never 3 in a row
    fail("someone", 1)  # the address is at 5 now: its count was never cleared
    assert THROTTLED in log_in("edna", "edna-pass-123").content.decode()


def test_the_admin_login_is_throttled_too(admin_user: User) -> None:
    client = Client(REMOTE_ADDR="203.0.113.7")
    url = reverse("admin:login")
    for _ in range(3):
        client.post(url, {"username": "admin", "password": "wrong-guess"})
    response = client.post(url, {"username": "admin", "password": "password"})
    assert THROTTLED in response.content.decode()
    assert not response.wsgi_request.user.is_authenticated


def test_the_login_page_keeps_its_labels_and_button(client: Client) -> None:
    page = client.get(reverse("login")).content.decode()
    assert '<label for="id_username">Username</label>' in page
    assert '<label for="id_password">Password</label>' in page
    assert ">Log in</button>" in page


def test_an_inactive_user_cannot_log_in(db: None) -> None:
    make_user("gone", "Reviewer", is_active=False)
    assert not logged_in(log_in("gone", "gone-pass-123"))


def test_the_apis_anonymous_throttle_ignores_a_forged_forwarded_for(monkeypatch) -> None:
    from rest_framework.throttling import AnonRateThrottle

    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", {"anon": "2/hour"})
    client = Client(REMOTE_ADDR="203.0.113.7")
    feed = "/api/v1/claimreview.jsonld"
    for n in range(2):
        assert client.get(feed, HTTP_X_FORWARDED_FOR=f"192.0.2.{n}").status_code == 200
    assert client.get(feed, HTTP_X_FORWARDED_FOR="192.0.2.99").status_code == 429
