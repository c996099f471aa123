from django.urls import path

from factcheck.articles import views

urlpatterns = [
    path("articles/", views.article_list, name="article_list"),
    path("articles/new/", views.article_new, name="article_new"),
    # The reader, /articles/<pk>/, is the claims app's (factcheck/claims/urls.py).
    path("articles/<int:pk>/retry/", views.article_retry, name="article_retry"),
    path("articles/<int:pk>/edit/", views.article_edit, name="article_edit"),
]
