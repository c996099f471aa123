"""The language of the content through the API: filters, correcting an article's language,
and ClaimReview's inLanguage per fact check."""

import json

import pytest
from django.test import override_settings

from factcheck.articles.models import Article
from factcheck.claims.models import Claim
from tests.api.conftest import body, publish
from tests.factories import ArticleFactory, ClaimFactory

pytestmark = pytest.mark.django_db

# Written for these tests.
SPANISH = (
    "La cosecha de trigo alcanzó 4,2 millones de toneladas en 2024, según el Ministerio de "
    "Agricultura. El gobernador aseguró que la producción se duplicará el próximo año."
)


def test_articles_are_filtered_by_language(as_reviewer) -> None:
    spanish = ArticleFactory(language="es")
    ArticleFactory(language="en")
    found = as_reviewer.get("/api/v1/articles/?language=es").json()["results"]
    assert [(a["id"], a["language"]) for a in found] == [(spanish.pk, "es")]


def test_claims_are_filtered_by_their_article_language(as_reviewer) -> None:
    spanish = ClaimFactory(article=ArticleFactory(language="es"))
    ClaimFactory(article=ArticleFactory(language="en"))
    found = as_reviewer.get("/api/v1/claims/?language=es").json()["results"]
    assert [c["id"] for c in found] == [spanish.pk]


def test_a_posted_spanish_text_is_stored_as_spanish(
    as_reviewer, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        response = as_reviewer.post("/api/v1/articles/", {"text": SPANISH}, format="json")
    assert response.json()["language"] == "es"
    shown = as_reviewer.get(f"/api/v1/articles/{response.json()['id']}/").json()
    assert "Ministerio de Agricultura" in {c["claimant"] for c in shown["claims"]}


def test_patching_the_language_extracts_the_claims_again(
    as_reviewer, django_capture_on_commit_callbacks
) -> None:
    article = ArticleFactory(
        body=SPANISH, content_hash="trigo", language="en", job_status=Article.Status.DONE
    )
    version = as_reviewer.get(f"/api/v1/articles/{article.pk}/").json()["version"]
    with django_capture_on_commit_callbacks(execute=True):
        response = as_reviewer.patch(
            f"/api/v1/articles/{article.pk}/",
            {"language": "es", "version": version},
            format="json",
        )
    assert response.status_code == 200, response.json()
    assert response.json()["language"] == "es"
    article.refresh_from_db()
    assert article.job_status == Article.Status.DONE
    assert "Ministerio de Agricultura" in set(article.claims.values_list("claimant", flat=True))


def test_patching_the_language_needs_the_version_read_and_a_language_code(as_reviewer) -> None:
    article = ArticleFactory(language="en")
    url = f"/api/v1/articles/{article.pk}/"
    unversioned = as_reviewer.patch(url, {"language": "es"}, format="json")
    assert unversioned.status_code == 400
    assert "version" in unversioned.json()["errors"]
    stale = as_reviewer.patch(url, {"language": "es", "version": 7}, format="json")
    assert stale.status_code == 412
    refused = as_reviewer.patch(url, {"language": "castellano", "version": 1}, format="json")
    assert refused.status_code == 400
    assert "language" in refused.json()["errors"]
    article.refresh_from_db()
    assert (article.language, article.version) == ("en", 1)


def test_a_data_consumer_cannot_patch_an_article(as_consumer) -> None:
    article = ArticleFactory(language="en")
    response = as_consumer.patch(
        f"/api/v1/articles/{article.pk}/", {"language": "es", "version": 1}, format="json"
    )
    assert response.status_code in (403, 404)
    article.refresh_from_db()
    assert article.language == "en"


@override_settings(REVIEW_LANGUAGE="de")
def test_each_claimreview_in_the_feed_is_in_its_article_language(anon, reviewer, editor) -> None:
    spanish = ClaimFactory(article=ArticleFactory(language="es"))
    english = ClaimFactory(article=ArticleFactory(language="en"))
    unknown = ClaimFactory(article=ArticleFactory(language=""))
    for claim in (spanish, english, unknown):
        publish(claim, author=reviewer, approver=editor)
    feed = body(anon.get("/api/v1/claimreview.jsonld"))
    languages = {
        int(item["url"].rstrip("/").rsplit("/", 1)[-1]): item["item"][0]["inLanguage"]
        for item in feed["dataFeedElement"]
    }
    assert languages == {spanish.pk: "es", english.pk: "en", unknown.pk: "de"}


def test_the_public_page_embeds_inlanguage_es_for_a_spanish_fact_check(
    anon, reviewer, editor
) -> None:
    claim = ClaimFactory(article=ArticleFactory(language="es"))
    publish(claim, author=reviewer, approver=editor)
    assert Claim.objects.get(pk=claim.pk).status == Claim.Status.PUBLISHED
    page = anon.get(f"/fact-checks/{claim.pk}/").content.decode()
    script = page.split('<script type="application/ld+json"', 1)[1].split(">", 1)[1]
    review = json.loads(script.split("</script>", 1)[0])
    assert review["inLanguage"] == "es"
