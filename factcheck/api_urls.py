"""The API, mounted at /api/: version 1 under /api/v1/, the OpenAPI schema and its docs."""

from django.http import HttpRequest, JsonResponse
from django.urls import include, path, re_path
from django.views.decorators.csrf import csrf_exempt
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from factcheck.articles.api import ArticleViewSet
from factcheck.claims.api import (
    ClaimCommentsView,
    ClaimReviewFeedView,
    ClaimSourcesView,
    ClaimViewSet,
    SourceViewSet,
    VerdictCsvExportView,
    VerdictJsonExportView,
    VerdictViewSet,
)
from factcheck.notifications.api import NotificationListView, NotificationReadView

app_name = "api"

router = DefaultRouter(trailing_slash=True)
router.include_root_view = False
router.register("articles", ArticleViewSet, basename="article")
router.register("claims", ClaimViewSet, basename="claim")
router.register("sources", SourceViewSet, basename="source")
router.register("verdicts", VerdictViewSet, basename="verdict")

v1 = [
    # Before the router, so that "export.json" is not taken for a verdict id.
    path("verdicts/export.json", VerdictJsonExportView.as_view(), name="verdict-export-json"),
    path("verdicts/export.csv", VerdictCsvExportView.as_view(), name="verdict-export-csv"),
    path("claimreview.jsonld", ClaimReviewFeedView.as_view(), name="claimreview-feed"),
    path("claims/<int:pk>/sources/", ClaimSourcesView.as_view(), name="claim-sources"),
    path("claims/<int:pk>/comments/", ClaimCommentsView.as_view(), name="claim-comments"),
    path("notifications/", NotificationListView.as_view(), name="notification-list"),
    path("notifications/read/", NotificationReadView.as_view(), name="notifications-read"),
    *router.urls,
]


@csrf_exempt  # a POST to a wrong address is a 404, not a CSRF refusal
def not_found(request: HttpRequest, rest: str = "") -> JsonResponse:
    """Any other address under /api/ (say, /claims/1.5/): a 404 in the API's error shape,
    not the site's HTML page."""
    return JsonResponse({"detail": "Not found.", "code": "not_found"}, status=404)


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
