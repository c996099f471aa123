"""The ClaimReview feed as its readers take it: a DataCommons-style reader, Google's
required and recommended properties, schema.org's vocabulary; conditional GETs and CORS."""

import json
from datetime import timedelta
from typing import Any

import pytest
from django.utils.http import http_date

from factcheck.claims import services
from factcheck.claims.models import Claim, Verdict
from tests.api.conftest import body, correct, publish
from tests.factories import ArticleFactory, ClaimFactory

pytestmark = pytest.mark.django_db

FEED = "/api/v1/claimreview.jsonld"
EXPORTS = ("/api/v1/verdicts/export.json", "/api/v1/verdicts/export.csv")


@pytest.fixture
def feed_claims(reviewer: Any, editor: Any) -> list[Claim]:
    article = ArticleFactory(url="https://news.example.org/jobs", published_at=None)
    claims = [
        ClaimFactory(article=article, start=n, statement=f"Claim {n}", claimant="Anna Berg")
        for n in range(3)
    ]
    for claim in claims:
        publish(claim, author=reviewer, approver=editor)
    correct(claims[2], author=reviewer, approver=editor, slug="mixed")
    return claims


def datacommons_read(document: dict[str, Any]) -> list[dict[str, Any]]:
    """What a reader built on the DataCommons fact-check feed keeps: it walks
    `dataFeedElement`, takes only `DataFeedItem`s, and from each the `ClaimReview`s in
    `item`, with the item's dates. A bare ClaimReview in the feed is skipped, as such
    readers skip it."""
    found = []
    for element in document.get("dataFeedElement", []):
        if element.get("@type") != "DataFeedItem":
            continue
        for review in element.get("item", []):
            if review.get("@type") != "ClaimReview":
                continue
            found.append(
                {
                    "url": review["url"],
                    "claim": review["claimReviewed"],
                    "rating": review["reviewRating"]["alternateName"],
                    "created": element["dateCreated"],
                    "modified": element["dateModified"],
                    "feed_url": element["url"],
                }
            )
    return found


# Google Search Central, "Fact check (ClaimReview) structured data".
GOOGLE_REQUIRED = ("claimReviewed", "reviewRating", "url")
GOOGLE_RECOMMENDED = ("author", "datePublished", "itemReviewed")
GOOGLE_CLAIM_RECOMMENDED = ("author", "datePublished", "appearance", "firstAppearance")

# The schema.org properties each type we write may carry (from schema.org's definitions of
# these types and their parents: Thing, CreativeWork, Intangible).
SCHEMA_ORG = {
    "DataFeed": {"name", "url", "dateModified", "dataFeedElement", "inLanguage"},
    "DataFeedItem": {"dateCreated", "dateModified", "dateDeleted", "item", "url"},
    "ClaimReview": {
        "url",
        "claimReviewed",
        "reviewRating",
        "author",
        "datePublished",
        "dateModified",
        "itemReviewed",
        "inLanguage",
    },
    "Rating": {"ratingValue", "bestRating", "worstRating", "alternateName"},
    "Organization": {"name", "url", "sameAs"},
    "Person": {"name", "url", "sameAs"},
    "Claim": {"author", "appearance", "firstAppearance", "datePublished"},
    "CreativeWork": {"url", "datePublished", "headline", "author", "publisher"},
}


def assert_schema_org(node: Any) -> None:
    if isinstance(node, list):
        for child in node:
            assert_schema_org(child)
    elif isinstance(node, dict):
        kind = node.get("@type")
        assert kind in SCHEMA_ORG, f"unknown type {kind!r}"
        unknown = set(node) - SCHEMA_ORG[kind] - {"@type", "@context"}
        assert not unknown, f"{kind} has no {unknown}"
        for value in node.values():
            if isinstance(value, dict | list):
                assert_schema_org(value)


def test_a_datacommons_style_reader_finds_every_published_fact_check(
    anon: Any, feed_claims: list[Claim]
) -> None:
    found = datacommons_read(body(anon.get(FEED)))
    assert [item["url"].rsplit("/", 2)[-2] for item in found] == [str(c.pk) for c in feed_claims]
    assert found[2]["rating"] == "Mixed"
    assert found[2]["created"] < found[2]["modified"]
    assert all(item["feed_url"] == item["url"] for item in found)


def test_the_reader_would_find_nothing_in_bare_claimreviews(anon: Any, feed_claims) -> None:
    """The reader is strict, so the test above can fail: the old layout gives it nothing."""
    document = body(anon.get(FEED))
    old_layout = {
        **document,
        "dataFeedElement": [e["item"][0] for e in document["dataFeedElement"]],
    }
    assert datacommons_read(old_layout) == []


def test_every_review_has_googles_required_and_recommended_properties(
    anon: Any, feed_claims: list[Claim]
) -> None:
    for element in body(anon.get(FEED))["dataFeedElement"]:
        (review,) = element["item"]
        for name in (*GOOGLE_REQUIRED, *GOOGLE_RECOMMENDED):
            assert review.get(name), name
        assert len(review["claimReviewed"]) < 75
        assert review["reviewRating"]["alternateName"]
        claim = review["itemReviewed"]
        assert claim["@type"] == "Claim"
        for name in ("author", "appearance", "firstAppearance"):
            assert claim.get(name), name


def test_the_feed_uses_only_schema_org_types_and_their_properties(
    anon: Any, feed_claims: list[Claim]
) -> None:
    document = body(anon.get(FEED))
    assert document["@context"] == "https://schema.org"
    assert document["inLanguage"] == "en"
    assert_schema_org(document)


def test_the_feed_answers_if_none_match_with_304_until_something_is_published(
    anon: Any, feed_claims: list[Claim], reviewer: Any, editor: Any
) -> None:
    first = anon.get(FEED)
    etag = first["ETag"]
    again = anon.get(FEED, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert again["ETag"] == etag
    assert again.content == b""
    publish(ClaimFactory(start=9), author=reviewer, approver=editor)
    changed = anon.get(FEED, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200
    assert changed["ETag"] != etag


def test_the_feed_answers_if_modified_since_with_304(anon: Any, feed_claims: list[Claim]) -> None:
    first = anon.get(FEED)
    assert anon.get(FEED, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"]).status_code == 304
    latest = Verdict.objects.order_by("-updated_at").first()
    earlier = http_date((latest.updated_at - timedelta(hours=1)).timestamp())
    assert anon.get(FEED, HTTP_IF_MODIFIED_SINCE=earlier).status_code == 200


def test_marking_a_repeat_changes_the_feed_etag(
    anon: Any, feed_claims: list[Claim], reviewer: Any
) -> None:
    etag = anon.get(FEED)["ETag"]
    repeat = ClaimFactory(article=ArticleFactory(url="https://other.example.net/x"))
    services.claim_mark_duplicate(claim=repeat, actor=reviewer, original=feed_claims[0])
    assert anon.get(FEED, HTTP_IF_NONE_MATCH=etag).status_code == 200


def test_the_since_parameter_has_its_own_etag(anon: Any, feed_claims: list[Claim]) -> None:
    assert anon.get(FEED)["ETag"] != anon.get(FEED, {"since": "2020-01-01"})["ETag"]


@pytest.mark.parametrize("url", EXPORTS)
def test_the_exports_answer_conditional_requests_with_304(
    as_consumer: Any, feed_claims: list[Claim], url: str
) -> None:
    first = as_consumer.get(url)
    assert first.status_code == 200
    assert as_consumer.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    since = first["Last-Modified"]
    assert as_consumer.get(url, HTTP_IF_MODIFIED_SINCE=since).status_code == 304


def test_any_origin_may_read_the_public_feed(anon: Any, feed_claims: list[Claim]) -> None:
    response = anon.get(FEED, HTTP_ORIGIN="https://widget.example.com")
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "ETag" in response["Access-Control-Expose-Headers"]
    preflight = anon.options(
        FEED,
        HTTP_ORIGIN="https://widget.example.com",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="if-none-match",
    )
    assert preflight["Access-Control-Allow-Origin"] == "*"
    assert "If-None-Match" in preflight["Access-Control-Allow-Headers"]
    not_modified = anon.get(FEED, HTTP_IF_NONE_MATCH=response["ETag"])
    assert not_modified["Access-Control-Allow-Origin"] == "*"


@pytest.mark.parametrize("url", [*EXPORTS, "/api/v1/claims/"])
def test_other_endpoints_give_no_cors_header(as_consumer: Any, feed_claims, url: str) -> None:
    response = as_consumer.get(url, HTTP_ORIGIN="https://widget.example.com")
    assert "Access-Control-Allow-Origin" not in response


def test_the_feed_document_is_json_ld_a_json_parser_reads(anon: Any, feed_claims) -> None:
    response = anon.get(FEED)
    text = b"".join(response.streaming_content).decode()
    assert json.loads(text)["@type"] == "DataFeed"
