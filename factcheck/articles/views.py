"""Articles in the browser: add one, list them, correct their details, retry a failure.
The reader (an article with its claims in place) is the claims app's: claims/views/reader.py.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from factcheck.articles import services
from factcheck.articles.access import articles_for_user, get_article_for_user
from factcheck.articles.api import ArticleFilter
from factcheck.articles.forms import ArticleEditForm, ArticleForm
from factcheck.articles.models import Article, language_choices
from factcheck.refusals import REFUSALS, refused_back
from factcheck.versioning import ConflictError

ARTICLES_PER_PAGE = 30


@login_required
def article_list(request: HttpRequest) -> HttpResponse:
    # The API's filter, so ?language=es means the same through both doors.
    filters = ArticleFilter(request.GET, queryset=articles_for_user(request))
    articles = (
        (filters.qs if filters.is_valid() else articles_for_user(request))
        .with_claim_counts()
        .defer("body", "raw", "boilerplate")
        .select_related("created_by")
        .order_by("-created_at", "-id")
    )
    page = Paginator(articles, ARTICLES_PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "language": request.GET.get("language", ""),
        # Every article's languages: for the desk, who sees them all.
        "languages": language_choices() if request.user.has_perm("articles.view_article") else [],
    }
    return render(request, "articles/article_list.html", context)


def _store(request: HttpRequest, form: ArticleForm) -> tuple[Article, bool]:
    """Hand the one input the person gave to the ingestion service that takes it."""
    data = form.cleaned_data
    meta = form.metadata()
    url = meta.pop("url") or None
    if upload := data.get("file"):
        found, raw = services.text_from_upload(name=upload.name, data=upload.read())
        return services.article_create(
            actor=request.user,
            text=found,
            raw=raw,
            input_kind=Article.InputKind.FILE,
            url=url,
            **meta,
        )
    if text := (data.get("text") or "").strip():
        return services.article_create(
            actor=request.user,
            text=services.ArticleText(body=text),
            raw=data["text"],
            input_kind=Article.InputKind.TEXT,
            url=url,
            **meta,
        )
    return services.article_create_from_url(
        actor=request.user, url=data["url"], title=meta["title"]
    )


@login_required
def article_new(request: HttpRequest) -> HttpResponse:
    # "Paste the text instead" on an article that could not be fetched keeps its address.
    initial = {name: request.GET[name] for name in ("url", "title") if name in request.GET}
    form = ArticleForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            if form.needs_title_check():
                # Pasted text has no title of its own: propose one, editable, before saving.
                data = request.POST.copy()
                text = form.cleaned_data["text"]
                data["title"] = services.article_propose_title(
                    actor=request.user, text=text, url=form.cleaned_data.get("url") or ""
                )
                data["title_checked"] = "1"
                form = ArticleForm(data, initial=initial)
                form.fields["title"].widget.attrs["autofocus"] = True
                context = {"form": form, "title_proposed": True}
                return render(request, "articles/article_new.html", context)
            article, created = _store(request, form)
        except ValidationError as exc:
            given = next(
                (name for name in ("file", "text", "url") if form.cleaned_data.get(name)), None
            )
            form.add_error(given, exc)
        else:
            # Without a broker the fetch already ran: a failure is an error, never a success.
            article.refresh_from_db(fields=["job_status", "job_error", "body"])
            if article.job_status == Article.Status.FAILED:
                messages.error(
                    request,
                    _("The article could not be added: %(error)s") % {"error": article.job_error},
                )
            elif created and not article.body:
                messages.success(request, _("Article added. It is being fetched from its address."))
            elif created:
                messages.success(request, _("Article added. Its claims are being extracted."))
            else:
                messages.info(request, _("This article was already here, so here it is."))
            return redirect(article)
    status = 400 if form.errors else 200
    return render(request, "articles/article_new.html", {"form": form}, status=status)


@login_required
@require_POST
def article_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """A reviewer corrects the article's metadata; the history keeps every version."""
    article = get_article_for_user(request, pk)
    form = ArticleEditForm(request.POST)
    if form.is_valid():
        try:
            changes = form.metadata()
            day, saved = changes["published_at"], article.published_at
            if day is not None and saved is not None and day.date() == saved.date():
                changes["published_at"] = saved  # the form shows the day: keep its time
            updated = services.article_update(
                article=article,
                actor=request.user,
                expected_version=form.cleaned_data["version"],
                **changes,
            )
        except ConflictError:
            messages.error(
                request,
                _("Someone changed this article's details meanwhile; here they are as saved now."),
            )
        except REFUSALS as exc:
            return refused_back(request, exc, article)
        else:
            messages.success(request, _("Article details saved."))
            relanguaged = updated.language != article.language
            if relanguaged and updated.job_status == Article.Status.PENDING:
                messages.info(
                    request,
                    _("Its claims are being found again with the rules of its new language."),
                )
    else:
        errors = "; ".join(
            f"{form.fields[name].label if name in form.fields else ''}: "
            + " ".join(str(message) for message in messages_)
            for name, messages_ in form.errors.items()
        )
        messages.error(request, _("Not saved: %(errors)s") % {"errors": errors})
    return redirect(article)


@login_required
@require_POST
def article_retry(request: HttpRequest, pk: int) -> HttpResponse:
    article = get_article_for_user(request, pk)
    try:
        services.article_retry(article=article, actor=request.user)
    except ValidationError as exc:
        return refused_back(request, exc, article)
    else:
        messages.success(request, _("Queued again."))
    return redirect(article)
