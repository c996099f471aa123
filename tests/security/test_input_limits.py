"""Limits with clear messages: article size, upload size and type, undecodable and binary
files, and addresses that are not http(s), through every door that takes them.

Already proven elsewhere, not repeated here: an over-long article through the API and a
non-JSON body (tests/api/test_articles.py), a file of another type through the web form
(tests/articles/test_article_views.py), and the fetcher's own refusals of schemes,
private addresses, sizes and content types (tests/fetch/test_fetch.py)."""

from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from factcheck.articles.models import Article
from factcheck.articles.services import ArticleText, article_create
from factcheck.claims import services
from factcheck.claims.models import Source
from tests.clients import api_client
from tests.factories import ArticleFactory, ClaimFactory
from tests.security.hostile import page_problems

pytestmark = pytest.mark.django_db

TEXT = "The ministry said 12,000 troops took part in the drills on Monday. " * 3


@pytest.fixture
def rita(client: Client, reviewer: User) -> Client:
    client.force_login(reviewer)
    return client


@pytest.fixture
def api(reviewer: User) -> APIClient:
    return api_client(reviewer)


def upload(rita: Client, name: str, data: bytes) -> Any:
    return rita.post(reverse("article_new"), {"file": SimpleUploadedFile(name, data)})


def errors(response: Any) -> str:
    return " ".join(response.content.decode().split())


# Sizes


def test_an_article_over_the_limit_is_refused_in_the_web_form_naming_the_limit(
    rita: Client, settings: Any
) -> None:
    settings.ARTICLE_MAX_CHARS = 100
    response = rita.post(reverse("article_new"), {"text": "word " * 30})
    assert response.status_code == 400
    assert "The article is too long: 149 characters; the limit is 100." in errors(response)
    assert not Article.objects.exists()


def test_an_uploaded_file_over_the_limit_is_refused_naming_the_limit(
    rita: Client, settings: Any
) -> None:
    settings.UPLOAD_MAX_BYTES = 1000
    response = upload(rita, "big.txt", b"word " * 300)
    assert response.status_code == 400
    assert "The file is too large: 1,500 bytes; the limit is 1,000." in errors(response)
    assert not Article.objects.exists()


def test_a_paste_larger_than_any_request_we_read_gets_a_page_that_says_so(
    rita: Client, settings: Any
) -> None:
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 2000
    response = rita.post(reverse("article_new"), {"text": "word " * 1000})
    assert response.status_code == 400
    assert "too large" in errors(response)
    assert not Article.objects.exists()
    assert page_problems(response.content.decode(), response["Content-Security-Policy"]) == []


def test_an_api_request_larger_than_we_read_is_refused_before_parsing(
    api: APIClient, settings: Any
) -> None:
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 2000
    response = api.post("/api/v1/articles/", {"text": "word " * 1000}, format="json")
    assert response.status_code == 413
    assert "too large" in response.json()["detail"]


def test_the_limits_come_from_settings(settings: Any) -> None:
    assert settings.ARTICLE_MAX_CHARS > 0 and settings.UPLOAD_MAX_BYTES > 0
    assert settings.DATA_UPLOAD_MAX_MEMORY_SIZE > settings.UPLOAD_MAX_BYTES


# File types and contents


@pytest.mark.parametrize(
    "name", ["report.pdf", "page.html.exe", "notes", "image.svg", "sheet.csv", "doc.docx"]
)
def test_files_of_other_types_are_refused_naming_the_accepted_ones(rita: Client, name) -> None:
    response = upload(rita, name, TEXT.encode())
    assert response.status_code == 400
    assert "upload .txt, .md or .html" in errors(response)


@pytest.mark.parametrize(
    ("data", "why"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "looks binary"),
        (TEXT.encode() * 200 + b"\x00hidden", "looks binary"),  # a NUL past the first 8 KB
        ("Le ministère a dit.".encode("utf-16"), "looks binary"),
        (b"caf\xc3 \x81\x8d\x8f\x90\x9d", "is not UTF-8 text and could not be decoded"),
    ],
    ids=["png", "late-nul", "utf-16", "undecodable"],
)
def test_binary_and_undecodable_files_are_refused_with_a_reason(
    rita: Client, data: bytes, why: str
) -> None:
    response = upload(rita, "article.txt", data)
    assert response.status_code == 400
    assert why in errors(response)
    assert not Article.objects.exists()


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ("Le ministère a déclaré : « 12 000 soldats ».".encode("cp1252"), "ministère"),
        ("\ufeffThe ministry’s figures.".encode(), "The ministry’s figures."),
        ("Der Minister sagte, 12.000 Soldaten.".encode("latin-1"), "Minister sagte"),
    ],
    ids=["windows-1252", "utf-8-bom", "latin-1"],
)
def test_non_utf8_text_files_are_read_in_their_encoding(
    rita: Client, data: bytes, expected: str
) -> None:
    response = upload(rita, "article.txt", data)
    assert response.status_code == 302
    body = Article.objects.get().body
    assert body.startswith(expected) or expected in body
    assert "\ufeff" not in body


# Addresses

BAD_URLS = [
    "javascript:alert(1)",
    " JaVaScRiPt:alert(1)",
    "java\tscript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "file:///etc/passwd",
    "ftp://example.org/article.txt",
    "//example.org/article",
    "https://user:pass@",
]


@pytest.mark.parametrize("url", BAD_URLS)
def test_an_article_address_that_is_not_http_is_refused_by_the_web_form(rita, url) -> None:
    response = rita.post(reverse("article_new"), {"url": url})
    assert response.status_code == 400
    assert "starting with http:// or https://" in errors(response)
    assert not Article.objects.exists()


@pytest.mark.parametrize("url", BAD_URLS)
def test_an_article_address_that_is_not_http_is_refused_by_the_api(api, url) -> None:
    for payload in ({"url": url}, {"url": url, "text": TEXT}):
        response = api.post("/api/v1/articles/", payload, format="json")
        assert response.status_code == 400
        assert "http:// or https://" in response.json()["detail"]
    assert not Article.objects.exists()


@pytest.mark.parametrize("url", BAD_URLS)
def test_a_source_address_that_is_not_http_is_refused_by_the_web_form_and_the_api(
    rita: Client, api: APIClient, url: str
) -> None:
    claim = ClaimFactory()
    web = rita.post(reverse("source_add", args=[claim.pk]), {"url": url, "stance": "context"})
    assert web.status_code == 400
    assert "starting with http:// or https://" in errors(web)
    response = api.post(f"/api/v1/claims/{claim.pk}/sources/", {"url": url}, format="json")
    assert response.status_code == 400
    assert not Source.objects.exists()


@pytest.mark.parametrize("url", ["javascript:alert(1)", "data:text/html,x", "vbscript:x"])
def test_the_services_refuse_such_addresses_whoever_calls_them(reviewer: User, url) -> None:
    with pytest.raises(ValidationError, match="http"):
        article_create(actor=reviewer, text=ArticleText(body=TEXT), url=url)
    with pytest.raises(ValidationError, match="http"):
        services.source_add(claim=ClaimFactory(), actor=reviewer, url=url)
    assert not Article.objects.filter(url=url).exists()


@pytest.mark.parametrize("url", ["javascript:alert(1)", "data:text/html,x"])
def test_an_admin_cannot_give_an_article_such_an_address(admin_client: Client, url) -> None:
    article = ArticleFactory(url="https://news.example/a")
    response = admin_client.post(
        reverse("admin:articles_article_change", args=[article.pk]),
        {
            "title": article.title,
            "url": url,
            "publisher": "",
            "author": "",
            "published_at_0": "",
            "published_at_1": "",
            "language": "en",
            "claims-TOTAL_FORMS": 0,
            "claims-INITIAL_FORMS": 0,
        },
    )
    assert response.status_code == 200
    assert "Enter a valid URL." in response.content.decode()
    article.refresh_from_db()
    assert article.url == "https://news.example/a"
