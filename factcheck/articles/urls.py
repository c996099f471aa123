from django.urls import path

from factcheck.articles import views

urlpatterns = [
    path("articles/", views.article_list, name="article_list"),
    path("articles/new/", views.article_new, name="article_new"),
    path("articles/<int:pk>/", views.article_detail, name="article_detail"),
    path("articles/<int:pk>/claims/", views.article_add_claim, name="article_add_claim"),
    path("articles/<int:pk>/retry/", views.article_retry, name="article_retry"),
    path("articles/<int:pk>/edit/", views.article_edit, name="article_edit"),
]
