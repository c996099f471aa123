from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from factcheck.accounts import language
from factcheck.accounts.login import ThrottledAdminAuthenticationForm, ThrottledAuthenticationForm
from factcheck.claims import public

admin.site.site_header = "Factcheck administration"
admin.site.site_title = "Factcheck admin"
admin.site.login_form = ThrottledAdminAuthenticationForm

handler400 = "factcheck.api_urls.bad_request"
handler500 = "factcheck.api_urls.server_error"

urlpatterns = [
    path(
        "login/",
        auth_views.LoginView.as_view(
            authentication_form=ThrottledAuthenticationForm, redirect_authenticated_user=True
        ),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("language/", language.set_language, name="set_language"),
    path("admin/", admin.site.urls),
    path("robots.txt", public.robots_txt, name="robots_txt"),
    path("sitemap.xml", sitemap, {"sitemaps": public.SITEMAPS}, name="sitemap"),
    path("api/", include("factcheck.api_urls")),
    path("", include("factcheck.articles.urls")),
    path("", include("factcheck.claims.urls")),
    path("", include("factcheck.insight.urls")),
    path("", include("factcheck.notifications.urls")),
    path("", include("factcheck.monitoring.urls")),
]
