"""schema.org ClaimReview for a published verdict, as Google's fact-check markup wants it.

One builder for the public page, the API and the exports, so they cannot disagree. The
exports feed it rows straight from a values() query (`exports.review_rows`), the page a
model. The feed wraps each review in a `DataFeedItem` as the DataCommons fact-check feed
does (`item: [ClaimReview]`, `dateCreated`, `dateModified`, `url`).

Google's rules that shape it (Search Central, "Fact check (ClaimReview) structured data"):
`claimReviewed`, `reviewRating` (with `alternateName`, the text shown) and `url` are
required; `claimReviewed` should stay under 75 characters; a numeric rating needs
`bestRating` > `worstRating` >= 1 with `ratingValue` between them, so a rating without a
number (Unverifiable), or a scale that cannot satisfy that, gives the text only.
"""

import functools
import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, NamedTuple

from django.conf import settings
from django.db.models import Case, F, Max, Min, OuterRef, QuerySet, Subquery, When
from django.urls import reverse

from factcheck.claims.models import Rating, Verdict

CLAIM_REVIEWED_MAX = 75  # the reviewer's short claim, at most 75 characters


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


def shorten(text: str, limit: int = CLAIM_REVIEWED_MAX - 1) -> str:
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


def iso(moment: datetime | None) -> str | None:
    """A time as the exports write it (and as the database does, see `exports.IsoTimestamp`):
    ISO 8601 in UTC with microseconds."""
    return moment.astimezone(UTC).isoformat(timespec="microseconds") if moment else None


class Reviewed(NamedTuple):
    """What a ClaimReview states, from a verdict or from a row of `exports.review_rows`.

    Times are ISO 8601 text (UTC): the exports have the database format them, which is
    much cheaper than a Python datetime per cell.
    """

    claim_id: int
    number: int
    statement: str
    claim_reviewed: str
    claimant: str
    rating_label: str
    rating_value: int | None
    article_url: str | None
    article_published_at: str | None
    published_at: str | None
    first_published_at: str | None
    claimant_kind: str = ""  # "person", "organisation" or "" (unknown)
    claimant_same_as: str = ""
    language: str = ""  # the article's; the review is written in it (else REVIEW_LANGUAGE)

    @classmethod
    def of(cls, verdict: Verdict) -> "Reviewed":
        claim = verdict.claim
        return cls(
            claim_id=claim.pk,
            number=verdict.number,
            statement=claim.statement,
            claim_reviewed=verdict.claim_reviewed,
            claimant=claim.claimant,
            rating_label=verdict.rating.label,
            rating_value=verdict.rating.value,
            article_url=claim.article.url,
            article_published_at=iso(claim.article.published_at),
            published_at=iso(verdict.published_at),
            first_published_at=iso(getattr(verdict, "first_published_at", None)),
            claimant_kind=claim.claimant_kind,
            claimant_same_as=claim.claimant_same_as,
            language=claim.article.language,
        )


def claim_review(
    verdict: Verdict, *, bounds: ScaleBounds, appearances: Sequence[str] | None = None
) -> dict[str, Any]:
    """The ClaimReview of one published verdict.

    `verdict` should come from `published_verdicts()` (for `first_published_at`);
    `appearances` are the addresses of other articles where the same claim appeared.
    """
    return review_document(Reviewed.of(verdict), bounds=bounds, appearances=appearances)


class ReviewWriter:
    """Writes ClaimReviews as JSON text: the one builder for the page, the API and the feed.

    The parts every review shares (the organisation, the default language, each rating of the
    scale) are encoded once per writer; a row then costs a few string escapes and one
    format, which is what brings the feed of 100,000 verdicts near the speed of COPY
    (benchmarks/README.md). `document()` gives the same review as a dict.
    """

    def __init__(self, *, bounds: ScaleBounds) -> None:
        self.bounds = bounds
        self.site = settings.SITE_URL
        self.head, self.tail = public_path_parts()
        self.author = _encode(
            {
                "@type": "Organization",
                "name": settings.ORGANISATION_NAME,
                "url": settings.ORGANISATION_URL,
            }
        )
        self.language = _text(settings.REVIEW_LANGUAGE)
        self.ratings: dict[tuple[str, int | None], str] = {}

    def rating(self, label: str, value: int | None) -> str:
        key = (label, value)
        if (found := self.ratings.get(key)) is None:
            rating: dict[str, Any] = {"@type": "Rating", "alternateName": label}
            if value is not None and self.bounds.numeric:
                rating |= {
                    "ratingValue": value,
                    "bestRating": self.bounds.best,
                    "worstRating": self.bounds.worst,
                }
            found = self.ratings[key] = _encode(rating)
        return found

    def page_url(self, claim_id: int) -> str:
        return f"{self.site}{self.head}{claim_id}{self.tail}"

    def review(self, facts: Reviewed, appearances: Sequence[str] | None = None) -> str:
        item = ['"@type":"Claim"']
        if facts.claimant:
            # A claimant of unknown kind stays an Organization, as before kinds were known.
            kind = "Person" if facts.claimant_kind == "person" else "Organization"
            same_as = f',"sameAs":{_text(facts.claimant_same_as)}' if facts.claimant_same_as else ""
            item.append(f'"author":{{"@type":"{kind}","name":{_text(facts.claimant)}{same_as}}}')
        day = facts.article_published_at[:10] if facts.article_published_at else None
        if day:
            item.append(f'"datePublished":"{day}"')
        urls = [facts.article_url, *appearances] if appearances else [facts.article_url]
        works = [_work(url) for url in dict.fromkeys(urls) if url]
        if works:
            item.append(f'"appearance":[{",".join(works)}]')
        if facts.article_url:
            # The article the desk checked the claim in; repeats found later come after it.
            dated = f',"datePublished":"{day}"' if day else ""
            item.append(
                f'"firstAppearance":{{"@type":"CreativeWork","url":{_text(facts.article_url)}'
                f"{dated}}}"
            )
        first_published = facts.first_published_at or facts.published_at
        # The reviewer's short claim; verdicts published before it existed had the
        # statement cut to length.
        claim_reviewed = facts.claim_reviewed or shorten(facts.statement)
        # A correction is a later version: the review keeps its first date and says when
        # it last changed.
        modified = (
            f',"dateModified":{_text(facts.published_at)}'
            if facts.number > 1 and facts.published_at
            else ""
        )
        return (
            '{"@context":"https://schema.org","@type":"ClaimReview",'
            f'"url":{_text(self.page_url(facts.claim_id))},'
            f'"claimReviewed":{_text(claim_reviewed)},'
            f'"reviewRating":{self.rating(facts.rating_label, facts.rating_value)},'
            f'"author":{self.author},'
            f'"datePublished":{_text(first_published[:10]) if first_published else "null"},'
            f'"inLanguage":{_text(facts.language) if facts.language else self.language},'
            f'"itemReviewed":{{{",".join(item)}}}{modified}}}'
        )

    def feed_item(self, facts: Reviewed, appearances: Sequence[str] | None = None) -> str:
        """A DataFeedItem as the DataCommons fact-check feed has them: the review in
        `item`, with when the fact check first came out and when it last changed."""
        first_published = facts.first_published_at or facts.published_at
        return (
            '{"@type":"DataFeedItem",'
            f'"dateCreated":{_text(first_published) if first_published else "null"},'
            f'"dateModified":{_text(facts.published_at) if facts.published_at else "null"},'
            f'"url":{_text(self.page_url(facts.claim_id))},'
            f'"item":[{self.review(facts, appearances)}]}}'
        )

    def document(self, facts: Reviewed, appearances: Sequence[str] | None = None) -> dict[str, Any]:
        return json.loads(self.review(facts, appearances))


_encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
_text = json.encoder.encode_basestring  # C: escapes quotes, backslashes, controls


def _work(url: str) -> str:
    return f'{{"@type":"CreativeWork","url":{_text(url)}}}'


def review_document(
    facts: Reviewed, *, bounds: ScaleBounds, appearances: Sequence[str] | None = None
) -> dict[str, Any]:
    return ReviewWriter(bounds=bounds).document(facts, appearances)


# JSON Schema of what `review_document` gives (OpenAPI 3.0's subset, so the API schema
# can embed it); the tests validate real output against it.
_NAMED = {
    "type": "object",
    "required": ["@type", "name"],
    "properties": {
        "@type": {"type": "string", "enum": ["Organization", "Person"]},
        "name": {"type": "string", "minLength": 1},
        "url": {"type": "string", "format": "uri"},
        "sameAs": {"type": "string", "format": "uri"},
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
            "description": "The claim in at most 75 characters, written by the reviewer.",
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
        "inLanguage": {"type": "string", "minLength": 2, "description": "BCP 47, e.g. en."},
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
                "firstAppearance": {
                    "type": "object",
                    "required": ["@type", "url"],
                    "properties": {
                        "@type": {"type": "string", "enum": ["CreativeWork"]},
                        "url": {"type": "string", "format": "uri"},
                        "datePublished": {"type": "string", "format": "date"},
                    },
                },
                "datePublished": {"type": "string", "format": "date"},
            },
        },
    },
    "additionalProperties": False,
}
FEED_ITEM_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["@type", "dateCreated", "dateModified", "url", "item"],
    "additionalProperties": False,
    "properties": {
        "@type": {"type": "string", "enum": ["DataFeedItem"]},
        "dateCreated": {"type": "string", "format": "date-time"},
        "dateModified": {"type": "string", "format": "date-time"},
        "url": {"type": "string", "format": "uri", "description": "The public page."},
        "item": {"type": "array", "minItems": 1, "maxItems": 1, "items": CLAIM_REVIEW_SCHEMA},
    },
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
        "dataFeedElement": {"type": "array", "items": FEED_ITEM_SCHEMA},
    },
}
