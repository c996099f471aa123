"""The app's URLs plus `/__floor__/`: a view that returns "ok" through the same middleware
as every page and does nothing else, the floor benchmarks/web.py compares pages with."""

from django.http import HttpRequest, HttpResponse
from django.urls import include, path


def floor(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [
    path("__floor__/", floor),
    path("", include("factcheck.urls")),
]
