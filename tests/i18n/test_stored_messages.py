"""A worker's stored error (a failed fetch, snapshot or feed poll) is shown in the reader's
language: the English text stays for the API, the page translates its templates."""

from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from factcheck.articles.models import Article
from factcheck.articles.services import article_fetch, article_mark_failed
from factcheck.claims.services import source_snapshot
from factcheck.fetch import FetchRefused, gettext_noop
from factcheck.i18n import Message
from factcheck.monitoring.services import feed_create, feed_poll
from tests.articles.conftest import html
from tests.factories import ArticleFactory, ClaimFactory, SourceFactory, make_user
from tests.localweb import LocalWeb, Reply

pytestmark = pytest.mark.django_db

SPANISH = {"HTTP_ACCEPT_LANGUAGE": "es-ES,es;q=0.9"}


@pytest.fixture
def rita(client: Client, db: None) -> Client:
    client.force_login(make_user("rita", "Reviewer"))
    return client


def text_of(client: Client, url: str, **headers: str) -> str:
    return " ".join(html(client.get(url, **headers)).xpath("//main")[0].itertext())


def failed_article(web: LocalWeb, reply: Reply) -> Article:
    article = ArticleFactory(
        url=web.add("/gone", reply), body="", content_hash="", job_status="pending"
    )
    article_fetch(article_id=article.pk)
    article.refresh_from_db()
    return article


def test_a_failed_fetch_is_shown_in_spanish_to_a_spanish_reader_and_in_english_otherwise(
    web: LocalWeb, allow_local: None, rita: Client
) -> None:
    article = failed_article(web, Reply(status=404, body="Not here"))
    assert article.job_status == Article.Status.FAILED
    # The stored text, and so the API, stays English.
    assert article.job_error == "The page is gone: the site answered 404 Not Found."
    spanish = text_of(rita, article.get_absolute_url(), **SPANISH)
    assert "La página ya no existe: el sitio respondió 404 Not Found." in spanish
    assert "The page is gone" not in spanish
    english = text_of(rita, article.get_absolute_url())
    assert "The page is gone: the site answered 404 Not Found." in english


def test_a_phrase_inside_the_message_and_a_number_are_said_in_spanish_too(
    web: LocalWeb, allow_local: None, rita: Client, settings: Any
) -> None:
    settings.FETCH_MAX_BYTES = 1000
    article = failed_article(web, Reply(body="x" * 5000))
    spanish = text_of(rita, article.get_absolute_url(), **SPANISH)
    # Grouped as Spanish groups: a no-break space, where English writes a comma.
    assert "La página supera el límite de 1\xa0000 bytes." in spanish
    # Not on the allow-list: refused for its loopback address, a phrase of the catalog.
    refused = ArticleFactory(url="http://127.0.0.1:9/x", body="", content_hash="")
    article_fetch(article_id=refused.pk)
    spanish = text_of(rita, refused.get_absolute_url(), **SPANISH)
    assert "Se rechazó descargar 127.0.0.1, una dirección de bucle local:" in spanish


def test_a_note_added_by_the_worker_is_translated_with_the_error(rita: Client) -> None:
    article = ArticleFactory(body="", content_hash="")
    gave_up = Message.new(gettext_noop("(gave up after %(count)s attempts)"), count=6)
    error = FetchRefused(gettext_noop("The host %(host)s has no address."), host="news.example")
    article_mark_failed(article_id=article.pk, error=Message.of(error) + gave_up)
    article.refresh_from_db()
    assert article.job_error == "The host news.example has no address. (gave up after 6 attempts)"
    spanish = text_of(rita, article.get_absolute_url(), **SPANISH)
    assert "El host news.example no tiene dirección. (se abandonó tras 6 intentos)" in spanish


def test_a_message_changed_since_is_shown_as_stored(rita: Client) -> None:
    article = ArticleFactory(body="", content_hash="")
    error = FetchRefused(gettext_noop("The host %(host)s has no address."), host="news.example")
    article_mark_failed(article_id=article.pk, error=Message.of(error))
    Article.objects.filter(pk=article.pk).update(job_error="Written by hand.")
    spanish = text_of(rita, article.get_absolute_url(), **SPANISH)
    assert "Written by hand." in spanish
    assert "news.example" not in spanish


def test_a_failed_snapshot_is_shown_in_spanish_on_the_claim(
    web: LocalWeb, allow_local: None, rita: Client
) -> None:
    claim = ClaimFactory()
    source = SourceFactory(claim=claim, url=web.add("/source", Reply(status=403, body="No")))
    source_snapshot(source_id=source.pk)
    source.refresh_from_db()
    assert source.failure_reason == "The site refused the page: it answered 403 Forbidden."
    spanish = text_of(rita, claim.get_absolute_url(), **SPANISH)
    assert "El sitio rechazó la página: respondió 403 Forbidden." in spanish


def test_a_failed_feed_poll_is_shown_in_spanish_on_the_feed_pages(
    web: LocalWeb, allow_local: None, rita: Client
) -> None:
    reviewer = User.objects.get(username="rita")
    url = web.add("/feed.xml", Reply(status=503, body="Busy"))
    feed = feed_create(actor=reviewer, url=url, name="Noticias")
    feed_poll(feed_id=feed.pk)
    feed.refresh_from_db()
    assert feed.last_error == "The site had a problem: it answered 503 Service Unavailable."
    wanted = "El sitio tuvo un problema: respondió 503 Service Unavailable."
    assert wanted in text_of(rita, feed.get_absolute_url(), **SPANISH)
    assert wanted in text_of(rita, reverse("feed_list"), **SPANISH)


@pytest.mark.django_db(transaction=True)
def test_adding_an_address_that_fails_says_why_in_spanish(
    web: LocalWeb, allow_local: None, rita: Client
) -> None:
    # Without a broker the fetch runs when the request's transaction commits.
    url = web.add("/gone", Reply(status=404, body="Not here"))
    response = rita.post(reverse("article_new"), {"url": url}, follow=True, **SPANISH)
    said = [str(message) for message in response.context["messages"]]
    assert said == [
        "No se pudo añadir el artículo: La página ya no existe: el sitio respondió 404 Not Found."
    ], said
