"""An article's language: detected on arrival, picking the extraction rules, corrected by a
person (which finds the machine's claims again), and filtering the lists."""

from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from factcheck.articles.models import Article
from factcheck.articles.services import article_fetch, article_update
from factcheck.claims.models import Claim, Comment
from factcheck.claims.services import claims_create_from_extraction
from factcheck.extraction.language import article_language
from tests.articles.conftest import html
from tests.factories import ArticleFactory, ClaimFactory, make_user
from tests.localweb import LocalWeb, Reply, html_page

pytestmark = pytest.mark.django_db

NEW = reverse("article_new")
# Written for these tests: a port's figures, a minister's word, a record, a prediction.
SPANISH = (
    "El puerto de Valparaíso movió 12,4 millones de toneladas de carga durante 2024, según "
    "la Autoridad Portuaria regional.\n"
    "La ministra de Transportes, Carmen Olivares, afirmó que el tráfico de contenedores "
    "creció un 8,5% respecto del año anterior.\n"
    "Los estibadores denunciaron que la plantilla se redujo a 3.200 trabajadores, la cifra "
    "más baja desde 1998.\n"
    "El alcalde aseguró que la nueva terminal abrirá sus puertas el próximo martes."
)
ENGLISH = (
    "The harbour handled 12.4 million tonnes of cargo in 2024, the port authority said. "
    "Container traffic grew by 8.5% on the year before, the transport minister told reporters."
)
# Found only by the Spanish rules ("según X" names the claimant).
SPANISH_CLAIMANT = "Autoridad Portuaria regional"


def claimants(article: Article) -> set[str]:
    return set(article.claims.values_list("claimant", flat=True))


def test_pasted_spanish_text_is_stored_as_spanish_and_extracted_with_spanish_rules(
    rita: Client, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        rita.post(NEW, {"title_checked": "1", "title": "Puerto", "text": SPANISH})
    article = Article.objects.get()
    assert article.language == "es"
    assert article.job_status == Article.Status.DONE
    assert SPANISH_CLAIMANT in claimants(article)


def test_pasted_english_text_is_stored_as_english(
    rita: Client, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        rita.post(NEW, {"title_checked": "1", "title": "Harbour", "text": ENGLISH})
    assert Article.objects.get().language == "en"


def test_an_uploaded_spanish_page_is_stored_as_spanish(
    rita: Client, django_capture_on_commit_callbacks: Any
) -> None:
    page = html_page("Puerto", SPANISH.splitlines())
    upload = SimpleUploadedFile("puerto.html", page.encode(), content_type="text/html")
    with django_capture_on_commit_callbacks(execute=True):
        rita.post(NEW, {"file": upload})
    article = Article.objects.get()
    assert article.language == "es"
    assert SPANISH_CLAIMANT in claimants(article)


def test_a_fetched_spanish_page_is_stored_as_spanish_whatever_its_lang_says(
    web: LocalWeb, allow_local: None, reviewer: User, django_capture_on_commit_callbacks: Any
) -> None:
    # Sites often keep their default lang whatever the article is written in.
    page = html_page("Puerto", SPANISH.splitlines()).replace("<html>", '<html lang="en">')
    url = web.add("/puerto", Reply(body=page))
    article = ArticleFactory(url=url, body="", content_hash="", job_status="pending")
    with django_capture_on_commit_callbacks(execute=True):
        article_fetch(article_id=article.pk)
    article.refresh_from_db()
    assert article.language == "es"
    assert SPANISH_CLAIMANT in claimants(article)


def test_a_text_too_short_to_tell_takes_the_language_its_page_declares() -> None:
    assert article_language("Puerto: 12,4 millones", declared="es-CL") == "es"
    assert article_language(SPANISH, declared="en") == "es"
    assert article_language("12,4 · 8,5 · 3.200", declared="") == "en"


def test_the_reader_shows_the_language_and_the_form_to_correct_it(rita: Client, db: None) -> None:
    article = ArticleFactory(language="es")
    page = html(rita.get(article.get_absolute_url()))
    assert page.xpath("//*[@class='article-language'][contains(., 'es')]")
    assert page.xpath("//form//input[@name='language'][@value='es']")


def spanish_article_extracted_in_english() -> Article:
    """A Spanish article taken for English: its claims found by the English rules."""
    article = ArticleFactory(
        body=SPANISH, content_hash="puerto", language="en", job_status=Article.Status.PENDING
    )
    claims_create_from_extraction(article_id=article.pk)
    article.refresh_from_db()
    assert article.claims.count() >= 3
    assert SPANISH_CLAIMANT not in claimants(article)
    return article


def test_correcting_the_language_finds_the_machine_claims_again_and_keeps_peoples_work(
    rita: Client, reviewer: User, django_capture_on_commit_callbacks: Any
) -> None:
    article = spanish_article_extracted_in_english()
    machine = list(article.claims.order_by("start"))
    untouched, worked_on, commented = machine[0], machine[1], machine[2]
    Claim.objects.filter(pk=worked_on.pk).update(status=Claim.Status.CHECKING, version=2)
    Comment.objects.create(claim=commented, author=reviewer, body="Mirar la fuente.")
    human = ClaimFactory(
        article=article, start=0, end=9, quote=SPANISH[:9], origin=Claim.Origin.HUMAN
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = rita.post(
            reverse("article_edit", args=[article.pk]),
            {"title": "Puerto", "language": "es", "version": article.version},
            follow=True,
        )
    assert "found again with the rules of its new language" in response.content.decode()
    article.refresh_from_db()
    assert article.language == "es"
    assert article.job_status == Article.Status.DONE
    kept = set(article.claims.values_list("pk", flat=True))
    assert {worked_on.pk, commented.pk, human.pk} <= kept
    assert untouched.pk not in kept
    assert SPANISH_CLAIMANT in claimants(article)  # the Spanish rules ran


def test_a_language_that_is_not_a_code_is_refused_and_nothing_changes(
    rita: Client, db: None
) -> None:
    article = ArticleFactory(language="en")
    response = rita.post(
        reverse("article_edit", args=[article.pk]),
        {"title": article.title, "language": "Spanish!", "version": article.version},
        follow=True,
    )
    assert "is not a language code" in response.content.decode()
    article.refresh_from_db()
    assert article.language == "en"
    assert article.version == 1


def test_the_language_of_an_article_with_a_published_claim_stays(
    reviewer: User, editor: User
) -> None:
    from django.core.exceptions import ValidationError

    article = ArticleFactory(language="es")
    ClaimFactory(article=article, status=Claim.Status.PUBLISHED)
    with pytest.raises(ValidationError, match="language"):
        article_update(article=article, actor=editor, expected_version=1, language="en")


def test_the_article_list_filters_by_language(rita: Client, db: None) -> None:
    ArticleFactory(title="Puerto de Valparaíso", language="es")
    ArticleFactory(title="Harbour figures", language="en")
    page = html(rita.get(reverse("article_list"), {"language": "es"}))
    titles = " ".join(page.xpath("//table//a/text()"))
    assert "Puerto de Valparaíso" in titles
    assert "Harbour figures" not in titles
    options = page.xpath("//select[@name='language']/option/@value")
    assert {"en", "es"} <= set(options)


def test_the_claim_list_filters_by_the_article_language(rita: Client, db: None) -> None:
    spanish = ClaimFactory(article=ArticleFactory(language="es"), statement="El puerto creció")
    english = ClaimFactory(article=ArticleFactory(language="en"), statement="The port grew")
    page = rita.get(reverse("claim_list"), {"language": "es"}).content.decode()
    assert spanish.statement in page
    assert english.statement not in page
    assert html(rita.get(reverse("claim_list"))).xpath("//select[@name='language']")


def test_a_spanish_story_from_a_followed_feed_is_stored_as_spanish(
    web: LocalWeb, allow_local: None, reviewer: User, django_capture_on_commit_callbacks: Any
) -> None:
    from factcheck.monitoring import services as monitoring
    from tests.monitoring import feedtexts

    story = web.add("/noticias/puerto", Reply(body=html_page("Puerto", SPANISH.splitlines())))
    feed_url = web.add(
        "/feed.xml",
        Reply(body=feedtexts.rss([(story, "Puerto")]), content_type="application/rss+xml"),
    )
    feed = monitoring.feed_create(actor=reviewer, url=feed_url, name="Noticias")
    with django_capture_on_commit_callbacks(execute=True):
        monitoring.feed_poll(feed_id=feed.pk)
    article = Article.objects.get(url=story)
    assert article.language == "es"
    assert SPANISH_CLAIMANT in claimants(article)


def test_a_pasted_spanish_transcript_is_extracted_turn_by_turn(
    rita: Client, django_capture_on_commit_callbacks: Any
) -> None:
    transcript = (
        "MODERADORA: Buenas noches. Empezamos el debate sobre la economía de la región.\n"
        "LÓPEZ: El paro bajó al 8,2% durante mi mandato, la cifra más baja en veinte años.\n"
        "RAMOS: Eso es falso. El paro subió un 1,5% en 2024 y cerraron 300 comercios.\n"
    )
    with django_capture_on_commit_callbacks(execute=True):
        rita.post(NEW, {"title_checked": "1", "title": "Debate", "text": transcript})
    article = Article.objects.get()
    assert article.language == "es"
    assert {"López", "Ramos"} <= claimants(article)


def test_correcting_the_language_in_the_admin_extracts_again(
    client: Client, django_capture_on_commit_callbacks: Any
) -> None:
    article = spanish_article_extracted_in_english()
    client.force_login(make_user("ada", None, is_staff=True, is_superuser=True))
    form = {
        "title": article.title,
        "url": "",
        "publisher": "",
        "author": "",
        "published_at_0": "",
        "published_at_1": "",
        "language": "es",
        "loaded_version": article.version,
        "claims-TOTAL_FORMS": 0,
        "claims-INITIAL_FORMS": 0,
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("admin:articles_article_change", args=[article.pk]), form)
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.language == "es"
    assert SPANISH_CLAIMANT in claimants(article)
