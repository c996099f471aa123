"""The web form and the API give the same answer about an article's address: text with a
URL is kept with the URL as where it came from (a fact check cites it); a URL that is not
a web address is refused with the same words, and nothing is stored."""

import html

import pytest
from django.contrib.auth.models import User

from factcheck.articles.models import Article
from factcheck.webaddress import MESSAGE
from tests.clients import api_client, web_client

pytestmark = pytest.mark.django_db
TEXT = "Officials said 300 tanks moved to the border on Monday."


@pytest.mark.parametrize("door", ["web", "api"])
def test_text_with_an_address_is_kept_with_it(reviewer: User, door: str) -> None:
    # A title given, so the web form stores at once (without one it proposes a title first).
    data = {"text": TEXT, "url": "https://news.example.org/tanks", "title": "Tanks"}
    if door == "web":
        web_client(reviewer).post("/articles/new/", data)
    else:
        api_client(reviewer).post("/api/v1/articles/", data, format="json")
    assert Article.objects.get().url == "https://news.example.org/tanks"


@pytest.mark.parametrize("door", ["web", "api"])
@pytest.mark.parametrize("url", ["ftp://example.org/x", "javascript:alert(1)", "example org"])
def test_text_with_a_bad_address_is_refused_in_the_same_words(
    reviewer: User, door: str, url: str
) -> None:
    data = {"text": TEXT, "url": url}
    if door == "web":
        response = web_client(reviewer).post("/articles/new/", data)
        said = html.unescape(response.content.decode())
    else:
        response = api_client(reviewer).post("/api/v1/articles/", data, format="json")
        said = response.json()["detail"]
    assert response.status_code == 400
    assert MESSAGE in said
    assert not Article.objects.exists()
