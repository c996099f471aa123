"""Who may see which article: the one helper the web views and the API use."""

from typing import Any

from django.shortcuts import get_object_or_404

from factcheck.articles.models import Article, ArticleQuerySet


def articles_for_user(request: Any) -> ArticleQuerySet:
    """The articles this person may see; `request` is a Django or a DRF request."""
    return Article.objects.visible_to(request.user)


def get_article_for_user(request: Any, pk: Any) -> Article:
    return get_object_or_404(articles_for_user(request), pk=pk)
