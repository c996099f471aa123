"""A Spanish article through the whole flow in Chromium: pasted, its claims found by the
Spanish rules, checked, approved by an editor and published on a page in Spanish whose
ClaimReview says `inLanguage: "es"`."""

import json
import re
from typing import Any

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import expect

from factcheck.articles.models import Article
from factcheck.claims.models import Verdict
from tests.browser.a11y import assert_accessible
from tests.browser.conftest import screenshot
from tests.factories import ArticleFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Written for this test.
ARTICLE = (
    "La producción de cobre de la mina Los Andes cayó un 14,5% en 2025, según la Comisión "
    "Chilena del Cobre.\n"
    "El ministro de Minería, Tomás Aguilar, aseguró que la producción se recuperará el "
    "próximo año.\n"
    "La empresa informó que empleó a 4.800 trabajadores, la cifra más alta de su historia.\n"
    "Suscríbete a nuestro boletín."
)
COPPER = "La producción de cobre de la mina Los Andes cayó un 14,5%"
SUMMARY = "La caída fue del 12,1 %, según el informe anual."


def test_a_spanish_article_goes_all_the_way_to_a_spanish_fact_check(
    open_as, live_server: Any, reviewer: User, editor: User, source_site: str
) -> None:
    rita = open_as("rita")
    rita.goto(f"{live_server.url}/articles/new/")
    rita.get_by_label("Title").fill("Cae la producción de cobre")
    rita.get_by_label("Text").fill(ARTICLE)
    rita.get_by_role("button", name="Add article").click()
    expect(rita).to_have_url(re.compile(r"/articles/\d+/$"))
    claims_panel = rita.get_by_role("complementary")
    expect(claims_panel.get_by_role("link", name=re.compile(COPPER))).to_be_visible()
    article = Article.objects.get()
    assert article.language == "es"
    expect(rita.locator(".article-language")).to_contain_text("es")
    # The Spanish rules: "según X" names the claimant, "Suscríbete..." is furniture.
    copper = article.claims.get(quote__startswith=COPPER)
    assert copper.claimant == "Comisión Chilena del Cobre"
    expect(rita.locator("[data-article-body] .boilerplate").first).to_contain_text("Suscríbete")
    assert_accessible(rita, "a Spanish article in the reader")

    # The lists filter by language (an English article beside it).
    ArticleFactory(title="Harbour figures", language="en")
    rita.goto(f"{live_server.url}/articles/")
    rita.locator("#id_language").select_option("es")
    rita.get_by_role("button", name="Filter").click()
    expect(rita.locator("table.list")).to_contain_text("Cae la producción de cobre")
    expect(rita.locator("table.list")).not_to_contain_text("Harbour figures")
    assert_accessible(rita, "the article list filtered by language")
    rita.goto(f"{live_server.url}/claims/?language=es")
    expect(rita.locator("#id_language")).to_have_value("es")
    assert_accessible(rita, "the claim list filtered by language")
    rita.goto(f"{live_server.url}{article.get_absolute_url()}")
    claims_panel = rita.get_by_role("complementary")

    claims_panel.get_by_role("link", name=re.compile(COPPER)).click()
    rita.get_by_label("Source URL").fill(source_site)
    rita.get_by_label("Source title").fill("Informe anual de la Comisión")
    rita.get_by_label("Stance").select_option(label="Refutes")
    rita.get_by_role("button", name="Add source").click()
    expect(rita.get_by_role("status")).to_contain_text("Source added")
    rita.get_by_label("Rating").select_option(label="Mostly false")
    rita.get_by_label("Summary").fill(SUMMARY)
    rita.get_by_role("button", name="Submit for approval").click()
    expect(rita.get_by_role("status")).to_contain_text("submitted for approval")

    edna = open_as("edna")
    queue = edna.locator("section.queue-awaiting")
    queue.get_by_role("link", name=re.compile("La producción de cobre")).click()
    edna.get_by_role("button", name="Approve and publish").click()
    expect(edna.get_by_role("status")).to_contain_text("published")
    verdict = Verdict.objects.get()
    assert (verdict.state, verdict.author, verdict.approver) == ("published", reviewer, editor)
    edna.get_by_role("link", name="Public page").first.click()
    public_url = edna.url

    visitor = open_as(None)
    visitor.goto(public_url)
    expect(visitor.locator("html")).to_have_attribute("lang", "es")
    expect(visitor.locator(".public-verdict")).to_contain_text(SUMMARY)
    ld = json.loads(visitor.locator("script[type='application/ld+json']").text_content() or "")
    assert ld["inLanguage"] == "es"
    assert ld["itemReviewed"]["author"]["name"] == "Comisión Chilena del Cobre"
    assert_accessible(visitor, "a Spanish fact check's public page")
    screenshot(visitor, "public-es")
