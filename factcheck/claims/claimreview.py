"""schema.org ClaimReview for a published verdict, as Google's fact-check markup wants it.

One builder for the public page, the API and the exports, so they cannot disagree. The
exports feed it rows straight from a values() query (`REVIEW_COLUMNS`), the page a model.

Google's rules that shape it (Search Central, "Fact check (ClaimReview) structured data"):
`claimReviewed`, `reviewRating` (with `alternateName`, the text shown) and `url` are
required; `claimReviewed` should stay under 75 characters; a numeric rating needs
`bestRating` > `worstRating` >= 1 with `ratingValue` between them, so a rating without a
number (Unverifiable), or a scale that cannot satisfy that, gives the text only.
"""

import functools
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.conf import settings
from django.db.models import Case, F, Max, Min, OuterRef, QuerySet, Subquery, When
from django.urls import reverse

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

    @property
    def numeric(self) -> bool:
        """Whether the scale can be given as numbers Google accepts."""
        return self.best is not None and self.worst is not None and 1 <= self.worst < self.best


def shorten(text: str, limit: int = CLAIM_REVIEWED_MAX) -> str:
    """Cut on a word boundary and mark the cut, so the text stays readable."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:.")
    if len(cut) < limit // 2:  # one very long word: cut inside it rather than lose it all
        cut = text[: limit - 1]
    return cut + "…"


def public_url(path: str) -> str:
    return settings.SITE_URL + path


@functools.cache
def public_path_parts() -> tuple[str, str]:
    marker = "987654321"
    head, _, tail = reverse("claim_public", args=[int(marker)]).partition(marker)
    return head, tail


def public_page_url(claim_id: int) -> str:
    """The address of a claim's public page, without a URL resolver call per row."""
    head, tail = public_path_parts()
    return f"{settings.SITE_URL}{head}{claim_id}{tail}"


def published_verdicts() -> QuerySet[Verdict]:
    """Published verdicts with everything ClaimReview needs, in one query.

    `first_published_at` is when the claim's first verdict came out: a first version's own
    date, else a lookup by claim (an index scan). An aggregate over a join would make the
    database sort every exported row to group it, which was most of the export's time.
    """
    earliest = (
        Verdict.objects.filter(
            claim=OuterRef("claim"),
            state__in=[Verdict.State.PUBLISHED, Verdict.State.SUPERSEDED],
        )
        .order_by("published_at")
        .values("published_at")[:1]
    )
    return (
        Verdict.objects.published()
        .select_related("claim__article", "claim__duplicate_of", "rating")
        .annotate(
            first_published_at=Case(
                When(number=1, then=F("published_at")),
                default=Subquery(earliest),
            )
        )
        .order_by("published_at", "id")
    )


@dataclass(frozen=True, slots=True)
class Reviewed:
    """What a ClaimReview states, from a verdict or from a row of `REVIEW_COLUMNS`."""

    claim_id: int
    number: int
    statement: str
    claimant: str
    rating_label: str
    rating_value: int | None
    article_url: str | None
    article_published_at: datetime | None
    published_at: datetime | None
    first_published_at: datetime | None
    claimant_kind: str = ""  # "person", "organisation" or "" (unknown)

    @classmethod
    def of(cls, verdict: Verdict) -> "Reviewed":
        claim = verdict.claim
        return cls(
            claim_id=claim.pk,
            number=verdict.number,
            statement=claim.statement,
            claimant=claim.claimant,
            claimant_kind=claim.claimant_kind,
            rating_label=verdict.rating.label,
            rating_value=verdict.rating.value,
            article_url=claim.article.url,
            article_published_at=claim.article.published_at,
            published_at=verdict.published_at,
            first_published_at=getattr(verdict, "first_published_at", None),
        )


# The columns of `published_verdicts()` that fill a `Reviewed`, in its field order.
REVIEW_COLUMNS = (
    "claim_id",
    "number",
    "claim__statement",
    "claim__claimant",
    "rating__label",
    "rating__value",
    "claim__article__url",
    "claim__article__published_at",
    "published_at",
    "first_published_at",
    "claim__claimant_kind",
)


def _date(value: datetime | None) -> str | None:
    return value.date().isoformat() if value else None


def claim_review(
    verdict: Verdict, *, bounds: ScaleBounds, appearances: Sequence[str] | None = None
) -> dict[str, Any]:
    """The ClaimReview of one published verdict.

    `verdict` should come from `published_verdicts()` (for `first_published_at`);
    `appearances` are the addresses of other articles where the same claim appeared.
    """
    return review_document(Reviewed.of(verdict), bounds=bounds, appearances=appearances)


def review_document(
    facts: Reviewed, *, bounds: ScaleBounds, appearances: Sequence[str] | None = None
) -> dict[str, Any]:
    rating: dict[str, Any] = {"@type": "Rating", "alternateName": facts.rating_label}
    if facts.rating_value is not None and bounds.numeric:
        rating |= {
            "ratingValue": facts.rating_value,
            "bestRating": bounds.best,
            "worstRating": bounds.worst,
        }
    item: dict[str, Any] = {"@type": "Claim"}
    if facts.claimant:
        # A claimant of unknown kind stays an Organization, as it was before kinds were known.
        kind = "Person" if facts.claimant_kind == "person" else "Organization"
        item["author"] = {"@type": kind, "name": facts.claimant}
    urls = [u for u in [facts.article_url, *(appearances or [])] if u]
    if urls:
        item["appearance"] = [{"@type": "CreativeWork", "url": u} for u in dict.fromkeys(urls)]
    if facts.article_published_at:
        item["datePublished"] = _date(facts.article_published_at)
    first_published = facts.first_published_at or facts.published_at
    review: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": public_page_url(facts.claim_id),
        "claimReviewed": shorten(facts.statement),
        "reviewRating": rating,
        "author": {
            "@type": "Organization",
            "name": settings.ORGANISATION_NAME,
            "url": settings.ORGANISATION_URL,
        },
        "datePublished": _date(first_published),
        "itemReviewed": item,
    }
    # A correction is a later version: the review keeps its first date and says when it
    # last changed.
    if facts.number > 1 and facts.published_at:
        review["dateModified"] = facts.published_at.isoformat()
    return review


# JSON Schema of what `review_document` gives (OpenAPI 3.0's subset, so the API schema
# can embed it); the tests validate real output against it.
_NAMED = {
    "type": "object",
    "required": ["@type", "name"],
    "properties": {
        "@type": {"type": "string", "enum": ["Organization", "Person"]},
        "name": {"type": "string", "minLength": 1},
        "url": {"type": "string", "format": "uri"},
    },
}
_SCALE_KEYS = ["ratingValue", "bestRating", "worstRating"]
CLAIM_REVIEW_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": [
        "@context",
        "@type",
        "url",
        "claimReviewed",
        "reviewRating",
        "author",
        "datePublished",
        "itemReviewed",
    ],
    "properties": {
        "@context": {"type": "string", "enum": ["https://schema.org"]},
        "@type": {"type": "string", "enum": ["ClaimReview"]},
        "url": {"type": "string", "format": "uri", "description": "The public page."},
        "claimReviewed": {
            "type": "string",
            "minLength": 1,
            "maxLength": CLAIM_REVIEWED_MAX,
            "description": "The claim's statement, shortened to under 75 characters.",
        },
        "reviewRating": {
            "type": "object",
            "required": ["@type", "alternateName"],
            "additionalProperties": False,
            "properties": {
                "@type": {"type": "string", "enum": ["Rating"]},
                "alternateName": {"type": "string", "minLength": 1},
                **{key: {"type": "integer", "minimum": 1} for key in _SCALE_KEYS},
            },
            # All three numbers, or none (a rating without a value: the text only).
            "oneOf": [
                {"required": _SCALE_KEYS},
                {"not": {"anyOf": [{"required": [key]} for key in _SCALE_KEYS]}},
            ],
        },
        "author": _NAMED,
        "datePublished": {"type": "string", "format": "date"},
        "dateModified": {
            "type": "string",
            "format": "date-time",
            "description": "When the current version (a correction) was published.",
        },
        "itemReviewed": {
            "type": "object",
            "required": ["@type"],
            "additionalProperties": False,
            "properties": {
                "@type": {"type": "string", "enum": ["Claim"]},
                "author": _NAMED,
                "appearance": {
                    "type": "array",
                    "minItems": 1,
                    "items": {
                        "type": "object",
                        "required": ["@type", "url"],
                        "properties": {
                            "@type": {"type": "string", "enum": ["CreativeWork"]},
                            "url": {"type": "string", "format": "uri"},
                        },
                    },
                },
                "datePublished": {"type": "string", "format": "date"},
            },
        },
    },
    "additionalProperties": False,
}
CLAIM_REVIEW_FEED_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["@context", "@type", "dataFeedElement"],
    "properties": {
        "@context": {"type": "string", "enum": ["https://schema.org"]},
        "@type": {"type": "string", "enum": ["DataFeed"]},
        "name": {"type": "string"},
        "url": {"type": "string", "format": "uri"},
        "dateModified": {"type": "string", "format": "date-time"},
        "dataFeedElement": {"type": "array", "items": CLAIM_REVIEW_SCHEMA},
    },
}
