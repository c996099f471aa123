"""Logging in, throttled: failed attempts are counted per username and per client address.

After `LOGIN_FAILURES_PER_USER` failures for one username, or `LOGIN_FAILURES_PER_IP` from
one address, within `LOGIN_LOCKOUT_SECONDS`, every attempt is refused until the window that
the first failure opened has passed, the right password included (else guessing would
only need to be patient). The counts live in Django's cache: per process by default, so a
deployment with several processes sets `CACHE_URL` to a shared Redis.

Both the site's login page and the admin's use these forms.
"""

import hashlib
import math
import time
import unicodedata
from typing import Any

from django.conf import settings
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import ngettext

KEY_PREFIX = "login-failures"


def now() -> float:
    """The clock of the throttle; tests move it instead of waiting."""
    return time.time()


def client_ip(request: HttpRequest) -> str:
    """The address of the client: REMOTE_ADDR, or, behind `NUM_PROXIES` proxies of ours,
    the address the outermost of them saw. X-Forwarded-For is written by the client too,
    so without proxies it is ignored: trusting it would let anyone pick their address.
    (DRF's throttles read the same setting.)"""
    proxies = settings.NUM_PROXIES
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if proxies > 0 and forwarded:
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if hops:
            return hops[-min(proxies, len(hops))]
    return str(request.META.get("REMOTE_ADDR", ""))


def _keys(kind: str, value: str) -> tuple[str, str]:
    """Cache keys for one counter and the start of its window; hashed, so any username
    makes a valid key for every cache backend."""
    digest = hashlib.sha256(value.encode("utf-8", "surrogatepass")).hexdigest()
    base = f"{KEY_PREFIX}:{kind}:{digest}"
    return f"{base}:count", f"{base}:since"


def username_key(username: str) -> str:
    """The name a username's failures are counted under.

    Django's login form NFKC-normalises the username before authenticating (so
    `ｅｄｉｔｏｒ２` logs in as `editor2`); the count must use at least that normalisation,
    or each look-alike spelling would get a fresh counter for the same account. Case and
    surrounding spaces are folded too (a stricter count, never a looser one), and NFKC is
    applied again because case folding can leave a string unnormalised.
    """
    folded = unicodedata.normalize("NFKC", username).strip().casefold()
    return unicodedata.normalize("NFKC", folded)


def _counters(request: HttpRequest, username: str) -> list[tuple[str, str, int]]:
    """(count key, window key, limit) for the username and for the client address."""
    return [
        (*_keys("user", username_key(username)), settings.LOGIN_FAILURES_PER_USER),
        (*_keys("ip", client_ip(request)), settings.LOGIN_FAILURES_PER_IP),
    ]


def seconds_locked(request: HttpRequest, username: str) -> int:
    """How long this username or address must still wait; 0 when it may try now."""
    window = settings.LOGIN_LOCKOUT_SECONDS
    wait = 0.0
    for count_key, since_key, limit in _counters(request, username):
        values = cache.get_many([count_key, since_key])
        since = float(values.get(since_key, now()))
        left = since + window - now()
        if left <= 0:
            cache.delete_many([count_key, since_key])
            continue
        if int(values.get(count_key, 0)) >= limit:
            wait = max(wait, left)
    return math.ceil(wait)


def record_failure(request: HttpRequest, username: str) -> None:
    window = settings.LOGIN_LOCKOUT_SECONDS
    for count_key, since_key, _ in _counters(request, username):
        # `add` only sets a missing key, so the first failure opens the window.
        cache.add(since_key, now(), window)
        cache.add(count_key, 0, window)
        try:
            cache.incr(count_key)
        except ValueError:  # the key expired between the two calls
            cache.add(count_key, 1, window)


def forget_user_failures(username: str) -> None:
    """A successful login clears its username's count, not its address's: one good
    account must not let an address go on guessing the passwords of others."""
    cache.delete_many(list(_keys("user", username_key(username))))


def throttled_message(seconds: int) -> str:
    minutes = max(1, math.ceil(seconds / 60))
    return ngettext(
        "Too many failed attempts, try again in %(count)s minute.",
        "Too many failed attempts, try again in %(count)s minutes.",
        minutes,
    ) % {"count": minutes}


class ThrottledLoginMixin:
    """For an AuthenticationForm: refuse while locked out, count each failure."""

    request: HttpRequest | None
    data: Any

    def clean(self) -> dict[str, Any]:
        username = str(self.data.get("username") or "")
        request = self.request
        if request is None:  # the forms are always built by a login view, with the request
            return super().clean()  # type: ignore[misc]
        if wait := seconds_locked(request, username):
            raise ValidationError(throttled_message(wait), code="throttled")
        try:
            cleaned: dict[str, Any] = super().clean()  # type: ignore[misc]
        except ValidationError:
            record_failure(request, username)
            raise
        forget_user_failures(username)
        return cleaned


class ThrottledAuthenticationForm(ThrottledLoginMixin, AuthenticationForm):
    pass


class ThrottledAdminAuthenticationForm(ThrottledLoginMixin, AdminAuthenticationForm):
    pass
