"""The article reader: an article's text with its claims marked in place, and a claim added
from words a reviewer selects. It lives in the claims app so that the dependency runs one
way: claims use articles, never the reverse (README, Architecture)."""

from dataclasses import asdict, dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from factcheck.articles.access import get_article_for_user
from factcheck.articles.forms import ArticleEditForm
from factcheck.articles.highlight import ClaimSpan, Segment, segments
from factcheck.articles.models import Article
from factcheck.claims import services
from factcheck.claims.forms import HumanClaimForm
from factcheck.claims.matching import with_already_checked
from factcheck.claims.models import Claim
from factcheck.claims.views.queues import HtmxHttpRequest
from factcheck.refusals import refused_back


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
            # The first piece of each claim is a tab stop: Enter there opens the claim.
            anchor = f' id="claim-mark-{part.claim_id}" tabindex="0"' if part.first else ""
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
        details += [_("score %(score)s") % {"score": f"{score:.2f}"}]
        details += [_("low priority")] if low else []
        details += [_("appears %(count)s times") % {"count": len(extra) + 1}] if extra else []
        details += [_("added by hand")] if origin == Claim.Origin.HUMAN else []
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
        "working": article.job_status in (Article.Status.PENDING, Article.Status.RUNNING),
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
                "language": article.language,
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
    """A reviewer's claim from the text they selected (the script sends its offsets).

    Two steps: the selection comes back as a form proposed by the extraction rules, and
    only the reviewed form ("save") stores the claim.
    """
    article = get_article_for_user(request, pk)
    start, end = _offset(request.POST.get("start")), _offset(request.POST.get("end"))
    if start is None or end is None:
        messages.error(request, _("Select some words of the article first, then press Add claim."))
        return redirect(article)
    try:
        if "save" not in request.POST:
            proposal = services.claim_propose(article=article, start=start, end=end)
            form = HumanClaimForm(initial=asdict(proposal))
            return _claim_review(request, article, form, proposal.quote)
        form = HumanClaimForm(request.POST)
        if not form.is_valid():
            quote = article.body[start:end]
            return _claim_review(request, article, form, quote, status=400)
        claim = services.claim_create(article=article, actor=request.user, **form.cleaned_data)
    except ValidationError as exc:
        return refused_back(request, exc, article)
    messages.success(
        request, _("Claim added: “%(statement)s”.") % {"statement": claim.statement[:120]}
    )
    return redirect(f"{article.get_absolute_url()}#claim-{claim.pk}")


def _claim_review(
    request: HttpRequest, article: Article, form: HumanClaimForm, quote: str, status: int = 200
) -> HttpResponse:
    context = {"article": article, "form": form, "quote": quote}
    return render(request, "articles/claim_new.html", context, status=status)
