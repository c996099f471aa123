"""The ClaimReview of a published verdict: schema.org's structure and Google's rules."""

from datetime import UTC, datetime, timedelta

import jsonschema
import pytest
from django.test import override_settings

from factcheck.claims.claimreview import (
    CLAIM_REVIEW_SCHEMA,
    Reviewed,
    ScaleBounds,
    claim_review,
    published_verdicts,
    review_document,
    shorten,
)
from factcheck.claims.models import Claim, Rating, Verdict
from tests.api.conftest import correct, publish
from tests.clients import api_client
from tests.factories import ArticleFactory, ClaimFactory

pytestmark = pytest.mark.django_db

LONG = (
    "More than 10,000 Russian and Chinese troops took part in the Zapad/Interaction 2021 "
    "exercise held in the Ningxia region of north-western China in August"
)


def review_of(verdict: Verdict, appearances: list[str] | None = None) -> dict:
    loaded = published_verdicts().get(pk=verdict.pk)
    return claim_review(loaded, bounds=ScaleBounds.current(), appearances=appearances)


def assert_valid(review: dict) -> None:
    jsonschema.validate(
        review, CLAIM_REVIEW_SCHEMA, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER
    )


@pytest.fixture
def article():
    return ArticleFactory(
        url="https://news.example.org/zapad",
        published_at=datetime(2021, 8, 13, 9, 30, tzinfo=UTC),
    )


def test_a_published_verdict_gives_a_complete_valid_claimreview(article, reviewer, editor) -> None:
    claim = ClaimFactory(article=article, statement=LONG, claimant="Xinhua")
    verdict = publish(claim, author=reviewer, approver=editor, slug="mostly-false")
    review = review_of(verdict)
    assert_valid(review)
    assert review["@type"] == "ClaimReview"
    assert review["url"] == f"http://127.0.0.1:8000/fact-checks/{claim.pk}/"
    assert review["author"] == {
        "@type": "Organization",
        "name": "Factcheck Desk",
        "url": "http://127.0.0.1:8000",
    }
    assert review["datePublished"] == verdict.published_at.date().isoformat()
    assert review["reviewRating"] == {
        "@type": "Rating",
        "alternateName": "Mostly false",
        "ratingValue": 2,
        "bestRating": 7,
        "worstRating": 1,
    }
    assert "dateModified" not in review


def test_claim_reviewed_is_the_statement_under_75_characters(article, reviewer, editor) -> None:
    claim = ClaimFactory(article=article, statement=LONG)
    review = review_of(publish(claim, author=reviewer, approver=editor))
    assert len(review["claimReviewed"]) < 75
    assert review["claimReviewed"].endswith("…")
    assert LONG.startswith(review["claimReviewed"][:-1])


def test_a_short_statement_is_kept_whole() -> None:
    assert shorten("  Troops   took part. ") == "Troops took part."
    assert len(shorten("x" * 200)) == 74


def test_unverifiable_gives_the_textual_rating_only(article, reviewer, editor) -> None:
    claim = ClaimFactory(article=article)
    review = review_of(publish(claim, author=reviewer, approver=editor, slug="unverifiable"))
    assert_valid(review)
    assert review["reviewRating"] == {"@type": "Rating", "alternateName": "Unverifiable"}


def test_a_scale_google_cannot_take_gives_the_text_only(article, reviewer, editor) -> None:
    # Google wants worstRating >= 1: a scale starting at 0 is not given as numbers.
    Rating.objects.filter(slug="false").update(value=0)
    claim = ClaimFactory(article=article)
    review = review_of(publish(claim, author=reviewer, approver=editor, slug="mostly-false"))
    assert_valid(review)
    assert set(review["reviewRating"]) == {"@type", "alternateName"}


def test_the_rating_value_lies_within_the_scale(article, reviewer, editor) -> None:
    for start, slug in enumerate(("true", "false", "mixed")):
        claim = ClaimFactory(article=article, start=start)
        rating = review_of(publish(claim, author=reviewer, approver=editor, slug=slug))[
            "reviewRating"
        ]
        assert rating["worstRating"] <= rating["ratingValue"] <= rating["bestRating"]
        assert rating["worstRating"] < rating["bestRating"]


def test_item_reviewed_is_the_claim_with_its_author_appearance_and_date(
    article, reviewer, editor
) -> None:
    claim = ClaimFactory(article=article, claimant="Kommersant")
    review = review_of(publish(claim, author=reviewer, approver=editor))
    assert review["itemReviewed"] == {
        "@type": "Claim",
        "author": {"@type": "Organization", "name": "Kommersant"},
        "appearance": [{"@type": "CreativeWork", "url": "https://news.example.org/zapad"}],
        "firstAppearance": {
            "@type": "CreativeWork",
            "url": "https://news.example.org/zapad",
            "datePublished": "2021-08-13",
        },
        "datePublished": "2021-08-13",
    }


def test_other_appearances_are_listed_once_after_the_article(article, reviewer, editor) -> None:
    claim = ClaimFactory(article=article)
    verdict = publish(claim, author=reviewer, approver=editor)
    review = review_of(verdict, ["https://other.example.net/a", "https://news.example.org/zapad"])
    assert [a["url"] for a in review["itemReviewed"]["appearance"]] == [
        "https://news.example.org/zapad",
        "https://other.example.net/a",
    ]
    assert review["itemReviewed"]["firstAppearance"]["url"] == "https://news.example.org/zapad"


def test_a_claim_without_claimant_url_or_date_still_validates(reviewer, editor) -> None:
    claim = ClaimFactory(claimant="")
    review = review_of(publish(claim, author=reviewer, approver=editor))
    assert_valid(review)
    assert review["itemReviewed"] == {"@type": "Claim"}


def test_a_correction_keeps_the_first_date_and_adds_date_modified(
    article, reviewer, editor
) -> None:
    claim = ClaimFactory(article=article)
    first = publish(claim, author=reviewer, approver=editor, slug="false")
    Verdict.objects.filter(pk=first.pk).update(published_at=first.published_at - timedelta(days=3))
    second = correct(claim, author=reviewer, approver=editor, slug="mostly-false")
    review = review_of(second)
    assert_valid(review)
    assert review["datePublished"] == (first.published_at - timedelta(days=3)).date().isoformat()
    assert review["dateModified"] == second.published_at.isoformat(timespec="microseconds")
    assert review["dateModified"][:10] > review["datePublished"]
    assert review["reviewRating"]["alternateName"] == "Mostly false"


@override_settings(
    ORGANISATION_NAME="Desk Checks",
    ORGANISATION_URL="https://desk.example",
    SITE_URL="https://x.io",
)
def test_author_and_url_come_from_settings(article, reviewer, editor) -> None:
    claim = ClaimFactory(article=article)
    review = review_of(publish(claim, author=reviewer, approver=editor))
    assert review["author"]["name"] == "Desk Checks"
    assert review["author"]["url"] == "https://desk.example"
    assert review["url"] == f"https://x.io/fact-checks/{claim.pk}/"


def test_the_row_builder_of_the_exports_agrees_with_the_model_builder(
    article, reviewer, editor
) -> None:
    from factcheck.claims.exports import review_rows

    claim = ClaimFactory(article=article, claimant="TASS")
    publish(claim, author=reviewer, approver=editor)
    verdict = correct(claim, author=reviewer, approver=editor, slug="mixed")
    (row,) = [row for row in review_rows() if row[0] == claim.pk]
    bounds = ScaleBounds.current()
    assert review_document(Reviewed(*row), bounds=bounds) == review_of(verdict)


def test_the_schema_rejects_what_google_would_reject() -> None:
    facts = Reviewed(
        claim_id=1,
        number=1,
        statement="Troops took part.",
        claim_reviewed="Troops took part",
        claimant="",
        rating_label="False",
        rating_value=1,
        article_url=None,
        article_published_at=None,
        published_at="2024-01-02T00:00:00.000000+00:00",
        first_published_at=None,
    )
    good = review_document(facts, bounds=ScaleBounds(best=7, worst=1))
    assert_valid(good)
    broken = [
        {**good, "claimReviewed": "x" * 76},
        {**good, "reviewRating": {"@type": "Rating", "ratingValue": 1}},
        {**good, "reviewRating": {**good["reviewRating"], "bestRating": None}},
        {k: v for k, v in good.items() if k != "url"},
    ]
    for review in broken:
        with pytest.raises(jsonschema.ValidationError):
            assert_valid(review)


@override_settings(REVIEW_LANGUAGE="de")
def test_the_review_is_in_its_article_language_else_in_the_configured_one(
    article, reviewer, editor
) -> None:
    review = review_of(publish(ClaimFactory(article=article), author=reviewer, approver=editor))
    assert review["inLanguage"] == "en"
    assert_valid(review)
    unknown = ClaimFactory(article=ArticleFactory(language=""))
    review = review_of(publish(unknown, author=reviewer, approver=editor))
    assert review["inLanguage"] == "de"
    assert_valid(review)


def test_only_published_verdicts_are_reviewed(reviewer, editor, claim) -> None:
    publish(claim, author=reviewer, approver=editor)
    ClaimFactory(start=1, status=Claim.Status.CHECKING)
    assert published_verdicts().count() == 1


@pytest.mark.parametrize(
    ("claimant", "kind", "schema_type"),
    [
        ("Ana Ruiz", Claim.ClaimantKind.PERSON, "Person"),
        ("Harbour Board", Claim.ClaimantKind.ORGANISATION, "Organization"),
        ("Kommersant", "", "Organization"),
    ],
)
def test_the_claim_author_is_typed_by_the_claimant_kind_in_both_exports(
    article, reviewer, editor, claimant, kind, schema_type
) -> None:
    claim = ClaimFactory(article=article, claimant=claimant, claimant_kind=kind)
    verdict = publish(claim, author=reviewer, approver=editor)
    review = review_of(verdict)
    assert_valid(review)
    assert review["itemReviewed"]["author"] == {"@type": schema_type, "name": claimant}
    from factcheck.claims.exports import review_rows

    (row,) = [row for row in review_rows() if row[0] == claim.pk]
    assert review_document(Reviewed(*row), bounds=ScaleBounds.current()) == review


def test_a_reviewer_types_the_claimant_and_gives_their_page_for_same_as(
    article, reviewer, editor
) -> None:

    claim = ClaimFactory(article=article, claimant="Harbour Board")
    client = api_client(reviewer)
    url = f"/api/v1/claims/{claim.pk}/"
    response = client.patch(
        url,
        {
            "claimant": "Ana Ruiz",
            "claimant_kind": "person",
            "claimant_same_as": "https://www.wikidata.org/wiki/Q1",
        },
        format="json",
        HTTP_IF_MATCH=client.get(url)["ETag"],
    )
    assert response.status_code == 200
    verdict = publish(Claim.objects.get(pk=claim.pk), author=reviewer, approver=editor)
    review = review_of(verdict)
    assert_valid(review)
    assert review["itemReviewed"]["author"] == {
        "@type": "Person",
        "name": "Ana Ruiz",
        "sameAs": "https://www.wikidata.org/wiki/Q1",
    }
    from factcheck.claims.exports import review_rows

    (row,) = [row for row in review_rows() if row[0] == claim.pk]
    assert review_document(Reviewed(*row), bounds=ScaleBounds.current()) == review


def test_a_same_as_that_is_not_a_web_address_is_refused(article, reviewer) -> None:

    claim = ClaimFactory(article=article)
    client = api_client(reviewer)
    url = f"/api/v1/claims/{claim.pk}/"
    response = client.patch(
        url,
        {"claimant_same_as": "javascript:alert(1)", "claimant_kind": "person"},
        format="json",
        HTTP_IF_MATCH=client.get(url)["ETag"],
    )
    assert response.status_code == 400
    assert Claim.objects.get(pk=claim.pk).claimant_same_as == ""
