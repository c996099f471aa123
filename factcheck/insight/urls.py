from django.urls import path

from factcheck.insight import views

urlpatterns = [
    path("insight/", views.insight, name="insight"),
    path("insight/<slug:slug>.csv", views.insight_csv, name="insight_csv"),
]
