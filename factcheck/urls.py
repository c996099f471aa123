from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from factcheck.accounts import ThrottledAdminAuthenticationForm, ThrottledAuthenticationForm

admin.site.site_header = "Factcheck administration"
admin.site.site_title = "Factcheck admin"
admin.site.login_form = ThrottledAdminAuthenticationForm

urlpatterns = [
    path(
        "login/",
        auth_views.LoginView.as_view(
            authentication_form=ThrottledAuthenticationForm, redirect_authenticated_user=True
        ),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("admin/", admin.site.urls),
    path("api/", include("factcheck.api_urls")),
    path("", include("factcheck.articles.urls")),
    path("", include("factcheck.claims.urls")),
    path("", include("factcheck.notifications.urls")),
]
