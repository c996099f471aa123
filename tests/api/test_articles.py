"""/api/v1/articles/: add by text or URL (extraction queued), list, show with claims."""

import pytest
from django.test import override_settings

from factcheck.articles.models import Article
from tests.factories import ArticleFactory, ClaimFactory

pytestmark = pytest.mark.django_db


def test_posting_text_stores_the_article_and_queues_extraction(
    as_reviewer, seed_text, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = as_reviewer.post("/api/v1/articles/", {"text": seed_text}, format="json")
    assert response.status_code == 201
    assert len(callbacks) >= 1  # the extraction task
    article = Article.objects.get(pk=response.json()["id"])
    assert response["Location"] == f"/api/v1/articles/{article.pk}/"
    article.refresh_from_db()
    assert article.job_status == Article.Status.DONE
    shown = as_reviewer.get(f"/api/v1/articles/{article.pk}/").json()
    statements = " ".join(c["statement"] for c in shown["claims"])
    assert "10,000 troops" in statements
    assert shown["claim_count"] == len(shown["claims"]) > 0


def test_the_new_article_is_pending_in_the_response(as_reviewer) -> None:
    response = as_reviewer.post(
        "/api/v1/articles/",
        {"text": "The army said 5,000 troops took part.", "title": "Drills"},
        format="json",
    )
    data = response.json()
    assert data["extraction_status"] == "pending"
    assert data["title"] == "Drills"
    assert data["claims"] == []


def test_posting_the_same_text_again_gives_the_stored_article_with_200(as_reviewer) -> None:
    first = as_reviewer.post("/api/v1/articles/", {"text": "Same words here."}, format="json")
    again = as_reviewer.post("/api/v1/articles/", {"text": "Same   words here.\n"}, format="json")
    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json()["id"] == first.json()["id"]


def test_posting_a_url_registers_it_for_the_fetcher(
    as_reviewer, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks() as callbacks:
        response = as_reviewer.post(
            "/api/v1/articles/", {"url": "https://news.example.org/zapad"}, format="json"
        )
    assert response.status_code == 201
    data = response.json()
    assert data["url"] == "https://news.example.org/zapad"
    assert data["input_kind"] == "url"
    assert data["extraction_status"] == "pending"
    assert len(callbacks) == 1  # the fetch task


def test_text_with_a_url_records_where_it_came_from(as_reviewer) -> None:
    response = as_reviewer.post(
        "/api/v1/articles/",
        {"text": "Officials said 300 tanks moved.", "url": "https://example.org/a"},
        format="json",
    )
    assert response.status_code == 201
    assert response.json()["url"] == "https://example.org/a"


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        ({}, "Send the article's text, or its URL."),
        ({"text": "   "}, "Send the article's text, or its URL."),
        ({"url": "ftp://example.org/x"}, "starting with http:// or https://"),
        ({"url": "javascript:alert(1)"}, "starting with http:// or https://"),
    ],
)
def test_bad_input_is_refused_with_a_clear_message(as_reviewer, payload, message) -> None:
    response = as_reviewer.post("/api/v1/articles/", payload, format="json")
    assert response.status_code == 400
    assert message in response.json()["detail"]
    assert not Article.objects.exists()


@override_settings(ARTICLE_MAX_CHARS=100)
def test_an_article_over_the_size_limit_is_refused(as_reviewer) -> None:
    response = as_reviewer.post("/api/v1/articles/", {"text": "word " * 50}, format="json")
    assert response.status_code == 400
    assert "too long" in response.json()["detail"]


def test_a_non_json_body_is_refused(as_reviewer) -> None:
    response = as_reviewer.post("/api/v1/articles/", "text=x", content_type="text/plain")
    assert response.status_code == 415


def test_a_user_without_the_reviewer_role_cannot_add_articles(as_consumer) -> None:
    response = as_consumer.post("/api/v1/articles/", {"text": "Words."}, format="json")
    assert response.status_code == 403


def test_list_is_newest_first_with_claim_counts_and_cursor_pages(as_reviewer) -> None:
    articles = ArticleFactory.create_batch(3)
    ClaimFactory(article=articles[0])
    first = as_reviewer.get("/api/v1/articles/?page_size=2").json()
    assert [a["id"] for a in first["results"]] == [articles[2].pk, articles[1].pk]
    assert "body" not in first["results"][0]
    second = as_reviewer.get(first["next"]).json()
    assert [a["id"] for a in second["results"]] == [articles[0].pk]
    assert second["results"][0]["claim_count"] == 1
    assert second["next"] is None


def test_list_filters_by_extraction_status(as_reviewer) -> None:
    done = ArticleFactory()
    ArticleFactory(job_status=Article.Status.FAILED)
    data = as_reviewer.get("/api/v1/articles/?extraction_status=done").json()
    assert [a["id"] for a in data["results"]] == [done.pk]


def test_an_invalid_filter_value_is_a_400_naming_the_field(as_reviewer) -> None:
    response = as_reviewer.get("/api/v1/articles/?extraction_status=maybe")
    assert response.status_code == 400
    assert "extraction_status" in response.json()["errors"]


def test_an_invalid_cursor_is_a_400_naming_the_cursor(as_reviewer) -> None:
    response = as_reviewer.get("/api/v1/articles/?cursor=garbage")
    assert response.status_code == 400
    assert response.json()["code"] == "invalid_cursor"
    assert list(response.json()["errors"]) == ["cursor"]


def test_detail_shows_body_and_claims_in_text_order_with_an_etag(as_reviewer) -> None:
    article = ArticleFactory(body="Alpha beta. Gamma delta.")
    later = ClaimFactory(article=article, start=12, end=24, quote="Gamma delta.")
    earlier = ClaimFactory(article=article, start=0, end=11, quote="Alpha beta.")
    response = as_reviewer.get(f"/api/v1/articles/{article.pk}/")
    assert response.status_code == 200
    assert response.json()["body"] == "Alpha beta. Gamma delta."
    assert [c["id"] for c in response.json()["claims"]] == [earlier.pk, later.pk]
    etag = response["ETag"]
    again = as_reviewer.get(f"/api/v1/articles/{article.pk}/", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    ClaimFactory(article=article, start=6, end=11, quote="beta.")
    changed = as_reviewer.get(f"/api/v1/articles/{article.pk}/", HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200


def test_an_unknown_article_is_a_404_in_the_error_shape(as_reviewer) -> None:
    response = as_reviewer.get("/api/v1/articles/999999/")
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_pasted_text_takes_its_address_and_details_beside_it(
    as_reviewer, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=False) as queued:
        response = as_reviewer.post(
            "/api/v1/articles/",
            {
                "text": "The army said 5,000 troops took part.",
                "title": "Drills",
                "url": "https://news.example.org/drills",
                "publisher": "Example News",
                "author": "Jana Novak",
                "published_at": "2021-09-10T08:00:00Z",
            },
            format="json",
        )
    assert response.status_code == 201
    data = response.json()
    assert (data["url"], data["publisher"], data["author"]) == (
        "https://news.example.org/drills",
        "Example News",
        "Jana Novak",
    )
    assert data["published_at"].startswith("2021-09-10T08:00:00")
    assert data["input_kind"] == "text"
    assert len(queued) == 1  # extraction only: the address is not fetched


def test_article_details_longer_than_the_columns_are_a_400(as_reviewer) -> None:
    response = as_reviewer.post(
        "/api/v1/articles/", {"text": "Some text here.", "publisher": "x" * 201}, format="json"
    )
    assert response.status_code == 400
    assert "publisher" in response.json()["errors"]
    assert not Article.objects.exists()
