"""Articles in the browser: add one, list them, read one with its claims in place."""

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.views.decorators.http import require_POST
from django_htmx.middleware import HtmxDetails

from factcheck.articles import services
from factcheck.articles.access import articles_for_user, get_article_for_user
from factcheck.articles.forms import ArticleEditForm, ArticleForm
from factcheck.articles.highlight import ClaimSpan, Segment, segments
from factcheck.articles.models import Article
from factcheck.claims import services as claim_services
from factcheck.claims.matching import with_already_checked
from factcheck.claims.models import Claim
from factcheck.versioning import ConflictError

ARTICLES_PER_PAGE = 30


class HtmxHttpRequest(HttpRequest):
    htmx: HtmxDetails


@login_required
def article_list(request: HttpRequest) -> HttpResponse:
    articles = (
        articles_for_user(request)
        .with_claim_counts()
        .defer("body", "raw", "boilerplate")
        .select_related("created_by")
        .order_by("-created_at", "-id")
    )
    page = Paginator(articles, ARTICLES_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "articles/article_list.html", {"page": page})


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
    form = ArticleForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            article, created = _store(request, form)
        except ValidationError as exc:
            given = next(
                (name for name in ("file", "text", "url") if form.cleaned_data.get(name)), None
            )
            form.add_error(given, exc)
        else:
            if created:
                messages.success(request, "Article added. Its claims are being extracted.")
            else:
                messages.info(request, "This article was already here, so here it is.")
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
            services.article_update(
                article=article,
                actor=request.user,
                expected_version=form.cleaned_data["version"],
                **changes,
            )
        except ConflictError:
            messages.error(
                request,
                "Someone changed this article's details meanwhile; here they are as saved now.",
            )
        except (ValidationError, PermissionDenied) as exc:
            messages.error(request, " ".join(getattr(exc, "messages", [str(exc)])))
        else:
            messages.success(request, "Article details saved.")
    else:
        errors = "; ".join(
            f"{form.fields[name].label if name in form.fields else ''}: "
            + " ".join(str(message) for message in messages_)
            for name, messages_ in form.errors.items()
        )
        messages.error(request, f"Not saved: {errors}")
    return redirect(article)


@dataclass(frozen=True)
class ClaimItem:
    """One line of the reader's claims list, prepared here: the list has hundreds."""

    id: int
    url: str
    statement: str
    status: str
    status_label: str
    details: str  # type · claimant · score · origin, as plain text
    already_checked: bool = False  # a confident fact-check match, ours or another's


def body_html(parts: list[Segment]) -> SafeString:
    """The article text as HTML, one element per segment, every piece of text escaped.

    Built here rather than in a template loop: it is the largest part of the page, and
    this is ten times faster. Each value is escaped or an integer, so the result is safe.
    """
    html = []
    for part in parts:
        text = escape(part.text)
        if part.claim_id is not None:
            classes = f"claim status-{escape(part.status)}"
            classes += " boilerplate" if part.boilerplate else ""
            anchor = f' id="claim-mark-{part.claim_id}"' if part.first else ""
            also = f' data-also="{part.also_ids}"' if part.also else ""
            html.append(
                f'<mark data-claim-id="{part.claim_id}" data-start="{part.start}" '
                f'class="{classes}"{anchor}{also}>{text}</mark>'
            )
        elif part.boilerplate:
            html.append(f'<span class="boilerplate" data-start="{part.start}">{text}</span>')
        else:
            html.append(f'<span data-start="{part.start}">{text}</span>')
    return mark_safe("".join(html))  # every piece escaped above


READER_FIELDS = (
    "id", "start", "end", "status", "statement", "type", "claimant", "score", "origin",
    "low_priority", "extra_spans", "already_checked",
)  # fmt: skip


def reader_context(article: Article) -> dict[str, Any]:
    # Plain rows, not model instances: an article can have hundreds of claims.
    rows = with_already_checked(article.claims.order_by("start", "id")).values_list(*READER_FIELDS)
    statuses, types = dict(Claim.Status.choices), dict(Claim.Type.choices)
    # One reverse() for the pattern instead of one per claim.
    url = reverse("claim_detail", args=[0]).removesuffix("0/")
    items, spans = [], []
    for (
        pk,
        start,
        end,
        status,
        statement,
        kind,
        claimant,
        score,
        origin,
        low,
        extra,
        checked,
    ) in rows:
        spans.append(ClaimSpan(pk, start, end, status))
        # The same sentence found again in the article is highlighted as the same claim.
        spans += [ClaimSpan(pk, int(s[0]), int(s[1]), status) for s in extra or [] if len(s) >= 2]
        details = [str(types.get(kind, kind))]
        details += [claimant] if claimant else []
        details += [f"score {score:.2f}"]
        details += ["low priority"] if low else []
        details += [f"appears {len(extra) + 1} times"] if extra else []
        details += ["added by hand"] if origin == Claim.Origin.HUMAN else []
        items.append(
            ClaimItem(
                id=pk,
                url=f"{url}{pk}/",
                statement=statement,
                status=status,
                status_label=str(statuses.get(status, status)),
                details=" · ".join(details),
                already_checked=checked,
            )
        )
    return {
        "article": article,
        "claims": items,
        "body_html": body_html(segments(article.body, spans, article.boilerplate or [])),
        "working": article.extraction_status in (Article.Status.PENDING, Article.Status.RUNNING),
    }


@login_required
def article_detail(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    article = get_article_for_user(request, pk)
    context = reader_context(article)
    # The reader polls itself while extraction runs: the same view and template answer
    # with just the fragment, which stops polling once the claims are there.
    if request.htmx:
        return render(request, "articles/article_detail.html#reader", context)
    if request.user.has_perm("articles.change_article"):
        context["edit_form"] = ArticleEditForm(
            initial={
                "title": article.title,
                "url": article.url or "",
                "publisher": article.publisher,
                "author": article.author,
                "published_at": article.published_at.date() if article.published_at else None,
                "version": article.version,
            }
        )
    return render(request, "articles/article_detail.html", context)


def _offset(value: str | None) -> int | None:
    try:
        return int(value or "")
    except ValueError:
        return None


@login_required
@require_POST
def article_add_claim(request: HttpRequest, pk: int) -> HttpResponse:
    """A reviewer's claim from the text they selected; the script sends its offsets."""
    article = get_article_for_user(request, pk)
    start, end = _offset(request.POST.get("start")), _offset(request.POST.get("end"))
    if start is None or end is None:
        messages.error(request, "Select some words of the article first, then press Add claim.")
        return redirect(article)
    try:
        claim = claim_services.claim_create(
            article=article,
            actor=request.user,
            start=start,
            end=end,
            statement=request.POST.get("statement", ""),
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(article)
    messages.success(request, f"Claim added: “{claim.statement[:120]}”.")
    return redirect(f"{article.get_absolute_url()}#claim-{claim.pk}")


@login_required
@require_POST
def article_retry(request: HttpRequest, pk: int) -> HttpResponse:
    article = get_article_for_user(request, pk)
    try:
        services.article_retry(article=article, actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, "Queued again.")
    return redirect(article)
