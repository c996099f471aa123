"""The public fact-check page speaks the language of its fact check."""

from datetime import UTC, datetime

import lxml.html
import pytest
from django.test import Client, override_settings
from django.urls import reverse

from factcheck.claims.models import Claim, Verdict
from tests.api.conftest import publish
from tests.factories import ArticleFactory, ClaimFactory

pytestmark = pytest.mark.django_db

MARCH = datetime(2026, 3, 5, 12, 0, tzinfo=UTC)


def published(language: str, reviewer, editor) -> Claim:
    claim = ClaimFactory(article=ArticleFactory(language=language))
    verdict = publish(claim, author=reviewer, approver=editor)
    Verdict.objects.filter(pk=verdict.pk).update(published_at=MARCH)
    return claim


def test_a_spanish_fact_check_is_a_spanish_page(client: Client, reviewer, editor) -> None:
    claim = published("es", reviewer, editor)
    response = client.get(reverse("claim_public", args=[claim.pk]))
    page = lxml.html.fromstring(response.content.decode())
    assert page.get("lang") == "es"
    assert response["Content-Language"] == "es"
    # The interface's words and the dates come out in the page's language.
    assert "Publicado por" in page.text_content()
    assert "5 mar 2026" in page.text_content()


def test_an_english_fact_check_stays_an_english_page(client: Client, reviewer, editor) -> None:
    claim = published("en", reviewer, editor)
    response = client.get(reverse("claim_public", args=[claim.pk]))
    page = lxml.html.fromstring(response.content.decode())
    assert page.get("lang") == "en"
    assert "Published by" in page.text_content()
    assert "5 Mar 2026" in page.text_content()


@override_settings(LANGUAGES=[("en", "English"), ("es", "Spanish")])
def test_a_fact_check_in_a_language_the_site_lacks_is_in_the_sites_language(
    client: Client, reviewer, editor
) -> None:
    claim = published("fi", reviewer, editor)
    response = client.get(reverse("claim_public", args=[claim.pk]))
    assert lxml.html.fromstring(response.content.decode()).get("lang") == "en"
    assert response["Content-Language"] == "en"


def test_the_next_page_is_back_in_the_sites_language(client: Client, reviewer, editor) -> None:
    claim = published("es", reviewer, editor)
    client.get(reverse("claim_public", args=[claim.pk]))
    index = client.get(reverse("fact_check_index"))
    assert lxml.html.fromstring(index.content.decode()).get("lang") == "en"
