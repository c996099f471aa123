"""The public fact-check page and the rating colours it uses."""

import json
import re
from typing import Any

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from factcheck.claims.access import get_published_claim
from factcheck.claims.claimreview import ScaleBounds, claim_review, published_verdicts
from factcheck.claims.models import Rating, Verdict
from factcheck.extraction.language import base_code


def ld_json(data: Any) -> SafeString:
    """JSON for a <script type="application/ld+json">, escaped as Django's json_script
    escapes it, so a claim containing "</script>" cannot end the element."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
    escaped = text.replace("<", "\\u003C").replace(">", "\\u003E").replace("&", "\\u0026")
    # Safe: escaped for the script context just above, and never parsed as HTML.
    return mark_safe(escaped)


def claim_public(request: HttpRequest, pk: int) -> HttpResponse:
    """A published verdict for everyone, without login, with its ClaimReview."""
    claim = get_published_claim(pk)
    verdict = published_verdicts().filter(claim=claim).first()
    if verdict is None:
        # A repeat published with its original's verdict: the fact check lives there.
        if claim.duplicate_of_id is None:
            raise Http404(_("No published verdict."))
        return redirect("claim_public", claim.duplicate_of_id)
    appearances = [
        url
        for url in claim.duplicates.exclude(article__url=None).values_list(
            "article__url", flat=True
        )
        if url
    ]
    review = claim_review(verdict, bounds=ScaleBounds.current(), appearances=appearances)
    context = {
        "claim": claim,
        "verdict": verdict,
        "earlier_verdicts": claim.verdicts.filter(state=Verdict.State.SUPERSEDED)
        .select_related("rating")
        .order_by("-number"),
        "sources": claim.sources.in_public_record().defer("snapshot_text"),
        "claim_review": ld_json(review),
        "organisation": settings.ORGANISATION_NAME,
        "canonical_url": review["url"],
        "claim_reviewed": review["claimReviewed"],
        "corrections_policy_url": settings.CORRECTIONS_POLICY_URL,
    }
    # The page speaks the language of the fact check (a Spanish claim's page is in
    # Spanish whoever reads it), as its ClaimReview's inLanguage says.
    language = page_language(review["inLanguage"])
    with translation.override(language):
        response = render(request, "claims/claim_public.html", context)
    response["Content-Language"] = language
    return response


def page_language(language: str) -> str:
    """The interface language of a page about something written in `language`: that one
    when the site has it, else the site's default ("es-AR" -> "es")."""
    code = base_code(language)
    offered = {base_code(offered) for offered, _ in settings.LANGUAGES}
    return code if code in offered else settings.LANGUAGE_CODE


def rating_styles(request: HttpRequest) -> HttpResponse:
    """The rating colours chosen in the admin, as a stylesheet: the CSP forbids inline
    style attributes, and the scale is the organisation's to edit."""
    rules = [
        f".rating-{rating.slug} {{ background: {rating.colour}; color: #fff; }}"
        for rating in Rating.objects.all()
        # The database only holds #rrggbb colours and slugs; check anyway, it is CSS.
        if re.fullmatch(r"#[0-9a-fA-F]{6}", rating.colour) and re.fullmatch(r"[-\w]+", rating.slug)
    ]
    response = HttpResponse("\n".join(rules) + "\n", content_type="text/css; charset=utf-8")
    response["Cache-Control"] = "max-age=60"
    return response
