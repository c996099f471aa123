from django.urls import path

from factcheck.claims import views

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("claims/<int:pk>/", views.claim_detail, name="claim_detail"),
    path("fact-checks/<int:pk>/", views.claim_public, name="claim_public"),
]
