"""The API, mounted at /api/: version 1 under /api/v1/, the OpenAPI schema and its docs."""

from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import include, path, re_path
from django.utils.translation import gettext as _
from django.views import defaults
from django.views.decorators.csrf import csrf_exempt
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from factcheck.api import SERVER_ERROR, RequestTooLarge
from factcheck.claims.api import (
    ArticleViewSet,
    ClaimCommentsView,
    ClaimReviewFeedView,
    ClaimSourcesView,
    ClaimViewSet,
    RatingListView,
    SourceViewSet,
    VerdictCsvExportView,
    VerdictJsonExportView,
    VerdictViewSet,
)
from factcheck.factchecks.api import FactCheckViewSet
from factcheck.insight.api import InsightChartView, InsightView
from factcheck.monitoring.api import ClaimAppearancesView
from factcheck.notifications.api import NotificationListView, NotificationReadView

app_name = "api"

router = DefaultRouter(trailing_slash=True)
router.include_root_view = False
router.register("articles", ArticleViewSet, basename="article")
router.register("claims", ClaimViewSet, basename="claim")
router.register("sources", SourceViewSet, basename="source")
router.register("verdicts", VerdictViewSet, basename="verdict")
router.register("factchecks", FactCheckViewSet, basename="factcheck")

v1 = [
    # Before the router, so that "export.json" is not taken for a verdict id.
    path("verdicts/export.json", VerdictJsonExportView.as_view(), name="verdict-export-json"),
    path("verdicts/export.csv", VerdictCsvExportView.as_view(), name="verdict-export-csv"),
    path("claimreview.jsonld", ClaimReviewFeedView.as_view(), name="claimreview-feed"),
    path("claims/<int:pk>/sources/", ClaimSourcesView.as_view(), name="claim-sources"),
    path("claims/<int:pk>/comments/", ClaimCommentsView.as_view(), name="claim-comments"),
    path("claims/<int:pk>/appearances/", ClaimAppearancesView.as_view(), name="claim-appearances"),
    path("ratings/", RatingListView.as_view(), name="rating-list"),
    path("insight/", InsightView.as_view(), name="insight"),
    path("insight/<slug:slug>/", InsightChartView.as_view(), name="insight-chart"),
    path("notifications/", NotificationListView.as_view(), name="notification-list"),
    path("notifications/read/", NotificationReadView.as_view(), name="notifications-read"),
    *router.urls,
]


@csrf_exempt  # a POST to a wrong address is a 404, not a CSRF refusal
def not_found(request: HttpRequest, rest: str = "") -> JsonResponse:
    """Any other address under /api/ (say, /claims/1.5/): a 404 in the API's error shape,
    not the site's HTML page."""
    return JsonResponse({"detail": _("Not found."), "code": "not_found"}, status=404)


# Errors raised before a DRF view runs (in a middleware, say) reach Django's handlers:
# under /api/ these answer in the API's shape too. The root URLconf names them.


def _is_api(request: HttpRequest) -> bool:
    return request.path_info.startswith("/api/")


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    if not _is_api(request):
        return defaults.bad_request(request, exception)
    if isinstance(exception, RequestDataTooBig):
        too_large = RequestTooLarge()
        return JsonResponse(
            {"detail": too_large.detail, "code": too_large.default_code}, status=413
        )
    detail = _("The request is not valid.")
    return JsonResponse(
        {"detail": detail, "code": "bad_request", "errors": {"non_field_errors": [detail]}},
        status=400,
    )


def server_error(request: HttpRequest) -> HttpResponse:
    """Django has logged the exception already."""
    if not _is_api(request):
        return defaults.server_error(request)
    return JsonResponse(SERVER_ERROR, status=500)


urlpatterns = [
    path("v1/", include(v1)),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path(
        "docs/",
        SpectacularSwaggerSplitView.as_view(
            url_name="api:schema", template_name="api/swagger_ui.html"
        ),
        name="docs",
    ),
    re_path(r"^(?P<rest>.*)$", not_found),
]
