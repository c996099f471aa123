"""Rate-limit headers (draft-ietf-httpapi-ratelimit-headers) for the API's throttles:
every throttled answer, a 429 included, says how many requests are left in the window and
in how many seconds it frees one.

Its own module: DRF imports the throttle classes named in settings while it builds
`APIView`, so they cannot live beside the views."""

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest
from django.http.response import HttpResponseBase
from rest_framework import throttling


class _RateLimitHeaders:
    """For DRF's rate throttles: note each limit's state on the request, so that
    `RateLimitHeadersMiddleware` can report the tightest one, 429s included."""

    rate: str | None
    num_requests: int
    duration: int
    history: list[float]
    now: float

    def allow_request(self, request: Any, view: Any) -> bool:
        allowed: bool = super().allow_request(request, view)  # type: ignore[misc]
        if getattr(self, "rate", None) is None or getattr(self, "key", None) is None:
            return allowed  # this throttle does not apply to this request
        history = self.history
        used = len(history) if allowed else self.num_requests
        # The oldest request still counted leaves the window at its time + duration.
        reset = (history[-1] + self.duration - self.now) if history else self.duration
        state = (max(self.num_requests - used, 0), self.num_requests, max(int(reset + 0.999), 0))
        django_request = request._request
        noted = getattr(django_request, "rate_limit_state", None)
        if noted is None or state < noted:
            django_request.rate_limit_state = state
        return allowed


class AnonRateThrottle(_RateLimitHeaders, throttling.AnonRateThrottle):
    pass


class UserRateThrottle(_RateLimitHeaders, throttling.UserRateThrottle):
    pass


class ScopedRateThrottle(_RateLimitHeaders, throttling.ScopedRateThrottle):
    pass


class RateLimitHeadersMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        state = getattr(request, "rate_limit_state", None)
        if state is not None:
            remaining, limit, reset = state
            response["RateLimit-Limit"] = str(limit)
            response["RateLimit-Remaining"] = str(remaining)
            response["RateLimit-Reset"] = str(reset)
        return response
