from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from factcheck.articles.models import Article


@login_required
def article_detail(request: HttpRequest, pk: int) -> HttpResponse:
    article = get_object_or_404(Article.objects.visible_to(request.user), pk=pk)
    return render(request, "articles/article_detail.html", {"article": article})
