"""schema.org ClaimReview for a published verdict, as Google's fact-check markup wants it.

One builder for the public page, the API and the exports, so they cannot disagree.
"""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.conf import settings
from django.db.models import Max, Min, Q, QuerySet

from factcheck.claims.models import Rating, Verdict

CLAIM_REVIEWED_MAX = 74  # Google: keep claimReviewed under 75 characters


@dataclass(frozen=True)
class ScaleBounds:
    best: int | None
    worst: int | None

    @classmethod
    def current(cls) -> "ScaleBounds":
        bounds = Rating.objects.filter(value__isnull=False).aggregate(
            best=Max("value"), worst=Min("value")
        )
        return cls(best=bounds["best"], worst=bounds["worst"])


def shorten(text: str, limit: int = CLAIM_REVIEWED_MAX) -> str:
    """Cut on a word boundary and mark the cut, so the text stays readable."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:.")
    return cut + "…"


def public_url(path: str) -> str:
    return settings.SITE_URL + path


def published_verdicts() -> QuerySet[Verdict]:
    """Published verdicts with everything ClaimReview needs, in one query."""
    return (
        Verdict.objects.published()
        .select_related("claim__article", "claim__duplicate_of", "rating")
        .annotate(
            first_published_at=Min(
                "claim__verdicts__published_at",
                filter=Q(claim__verdicts__state__in=["published", "superseded"]),
            )
        )
        .order_by("published_at", "id")
    )


def _date(value: datetime | None) -> str | None:
    return value.date().isoformat() if value else None


def claim_review(
    verdict: Verdict, *, bounds: ScaleBounds, appearances: list[str] | None = None
) -> dict[str, Any]:
    """The ClaimReview of one published verdict.

    `verdict` should come from `published_verdicts()` (for `first_published_at`);
    `appearances` are the addresses of other articles where the same claim appeared.
    """
    claim = verdict.claim
    article = claim.article
    first_published = getattr(verdict, "first_published_at", None) or verdict.published_at
    rating: dict[str, Any] = {"@type": "Rating", "alternateName": verdict.rating.label}
    if verdict.rating.value is not None and bounds.best is not None:
        rating |= {
            "ratingValue": verdict.rating.value,
            "bestRating": bounds.best,
            "worstRating": bounds.worst,
        }
    item: dict[str, Any] = {"@type": "Claim"}
    if claim.claimant:
        item["author"] = {"@type": "Organization", "name": claim.claimant}
    urls = [u for u in [article.url, *(appearances or [])] if u]
    if urls:
        item["appearance"] = [{"@type": "CreativeWork", "url": u} for u in dict.fromkeys(urls)]
    if article.published_at:
        item["datePublished"] = _date(article.published_at)
    review: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": public_url(verdict.get_absolute_url()),
        "claimReviewed": shorten(claim.statement),
        "reviewRating": rating,
        "author": {
            "@type": "Organization",
            "name": settings.ORGANISATION_NAME,
            "url": settings.ORGANISATION_URL,
        },
        "datePublished": _date(first_published),
        "itemReviewed": item,
    }
    if verdict.number > 1 and verdict.published_at:
        review["dateModified"] = verdict.published_at.isoformat()
    return review
