from django.urls import path

from factcheck.articles import views

urlpatterns = [
    path("articles/<int:pk>/", views.article_detail, name="article_detail"),
]
