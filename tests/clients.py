"""Test clients as a given person: logged in on the web, or sending their API key."""

from django.contrib.auth.models import User
from django.test import Client
from rest_framework.test import APIClient

_api_keys: dict[int, str] = {}


def api_key(user: User) -> str:
    """A working API key for `user`: theirs if this test run made it, else a new one (keys
    are stored hashed, so one made elsewhere cannot be read back)."""
    from factcheck.accounts import services
    from factcheck.accounts.models import ApiToken, key_digest

    token = ApiToken.objects.filter(user=user).first()
    if token is not None:
        known = _api_keys.get(token.pk)
        if known is not None and key_digest(known) == token.digest:
            return known
    token, key = services.api_token_create(user=user, rotate=True)
    _api_keys[token.pk] = key
    return key


def api_client(user: User | None) -> APIClient:
    """An API client that sends `user`'s key; None stays anonymous."""
    client = APIClient()
    if user is not None:
        client.credentials(HTTP_AUTHORIZATION=f"Token {api_key(user)}")
    return client


def web_client(user: User | None) -> Client:
    """A browser-less client with `user` logged in; None stays anonymous."""
    client = Client()
    if user is not None:
        client.force_login(user)
    return client
