"""The demo (no broker) links similar claims after the response, not inside it."""

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from factcheck import background
from factcheck.articles.models import Article
from factcheck.claims.models import SimilarClaim
from tests.factories import ArticleFactory, ClaimFactory

TEXT = "The ministry said more than 10,000 troops took part in the Zapad drills on Monday."


@pytest.mark.django_db(transaction=True)
def test_the_demo_links_similar_claims_in_the_background_after_the_response(
    client: Client, reviewer: User, settings
) -> None:
    settings.DEMO_JOBS_AFTER_RESPONSE = True
    stored = ClaimFactory(
        article=ArticleFactory(),
        statement="More than 10,000 troops took part in the Zapad drills",
    )
    client.force_login(reviewer)
    response = client.post(reverse("article_new"), {"text": TEXT, "title": "Drills"})
    assert response.status_code == 302
    article = Article.objects.get(body__startswith="The ministry said")
    assert article.claims.exists()  # extraction still runs in the request
    assert any(t.name.startswith("demo-job-") for t in background._running)
    background.wait_for_background_jobs()
    assert (
        SimilarClaim.objects.filter(other=stored).exists()
        or SimilarClaim.objects.filter(claim=stored).exists()
    )


@pytest.mark.django_db(transaction=True)
def test_without_the_demo_setting_the_lookup_is_queued_as_a_task(
    client: Client, reviewer: User, settings
) -> None:
    settings.DEMO_JOBS_AFTER_RESPONSE = False
    client.force_login(reviewer)
    client.post(reverse("article_new"), {"text": TEXT, "title": "Drills"})
    assert background._running == []


@pytest.mark.django_db(transaction=True)
def test_the_demo_matches_claims_again_after_an_import_in_the_background(settings) -> None:
    import io

    from factcheck.claims.models import FactCheckMatch
    from factcheck.factchecks.services import factchecks_import

    settings.DEMO_JOBS_AFTER_RESPONSE = True
    stored = ClaimFactory(
        article=ArticleFactory(),
        statement="More than 10,000 troops took part in the Zapad drills",
        quote="More than 10,000 troops took part in the Zapad drills",
    )
    feed = (
        "claim\turl\tpublisher\n"
        "Over 10,000 troops took part in the Zapad drills.\thttps://checks.example/z\tDesk\n"
    )
    factchecks_import(source=io.BytesIO(feed.encode()))
    assert any(t.name.startswith("demo-job-") for t in background._running)
    background.wait_for_background_jobs()
    assert FactCheckMatch.objects.filter(claim=stored).exists()
