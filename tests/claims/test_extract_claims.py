"""What the extraction stores on each claim: repeats, claimant kind, low priority."""

from typing import Any

import lxml.html
import pytest
from django.contrib.auth.models import User
from django.test import Client, override_settings

from factcheck.articles.models import Article
from factcheck.claims.models import Claim
from factcheck.claims.services import claims_create_from_extraction, claims_create_from_extractions
from factcheck.extraction import extract
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

HEADLINE = "Harbour handled 41,000 containers in 2025"
PAGE = (
    f"{HEADLINE}\n"
    "Thu, April 2, 2026\n"
    "RIVERTON (Tide Wire) - Freight rates rose 30% in 2025, the Harbour Board said.\n"
    "Port director Ana Ruiz said dock wages went up by 4% over the same year.\n"
    # Her promise, proposed as low priority (with nobody saying it, it would be no claim).
    "We will do better for the workers of this town by 2030, she said.\n"
    f"{HEADLINE}.\n"
)


def extracted(body: str) -> list[Claim]:
    article = ArticleFactory(body=body, job_status=Article.Status.PENDING)
    claims_create_from_extraction(article_id=article.pk)
    return list(Claim.objects.filter(article=article).order_by("start"))


def test_a_repeated_sentence_is_stored_once_with_its_extra_spans() -> None:
    claims = extracted(PAGE)
    repeated = [claim for claim in claims if claim.quote.startswith(HEADLINE)]
    assert len(repeated) == 1
    second = PAGE.rindex(HEADLINE)
    assert repeated[0].extra_spans == [[second, second + len(HEADLINE) + 1]]


def test_the_claimant_kind_is_stored() -> None:
    kinds = {claim.claimant: claim.claimant_kind for claim in extracted(PAGE) if claim.claimant}
    assert kinds == {
        "Harbour Board": Claim.ClaimantKind.ORGANISATION,
        "Port director Ana Ruiz": Claim.ClaimantKind.PERSON,
    }


def test_claims_below_the_threshold_are_low_priority_and_out_of_the_new_queue() -> None:
    claims = extracted(PAGE)
    low = [claim for claim in claims if claim.low_priority]
    assert [claim.quote for claim in low] == [
        "We will do better for the workers of this town by 2030, she said."
    ]
    assert all(claim.status == Claim.Status.NEW for claim in claims)
    assert set(Claim.objects.low_priority()) == set(low)
    assert not set(Claim.objects.new()) & set(low)


@override_settings(CLAIM_LOW_PRIORITY_BELOW=0.0)
def test_a_zero_threshold_proposes_every_claim_as_new() -> None:
    claims = extracted(PAGE)
    assert claims and not any(claim.low_priority for claim in claims)
    assert set(Claim.objects.new()) == set(claims)


def test_the_reader_highlights_every_appearance_of_a_repeated_claim(
    client: Client, reviewer: User
) -> None:
    article = ArticleFactory(body=PAGE, job_status=Article.Status.PENDING)
    claims_create_from_extraction(article_id=article.pk)
    claim = Claim.objects.get(article=article, quote__startswith=HEADLINE)
    client.force_login(reviewer)
    page: Any = lxml.html.fromstring(client.get(article.get_absolute_url()).content.decode())
    marks = page.xpath(f"//*[@data-article-body]//mark[@data-claim-id='{claim.pk}']")
    assert [mark.text_content() for mark in marks] == [HEADLINE, f"{HEADLINE}."]
    grey = " ".join(
        el.text_content()
        for el in page.xpath("//*[@data-article-body]/*[contains(@class, 'boilerplate')]")
    )
    assert "Thu, April 2, 2026" in grey and "RIVERTON (Tide Wire) -" in grey


OTHER = "The council said it had built 1,200 homes since 2022, twice the number promised.\n"


def test_articles_extracted_together_each_get_their_claims_once_and_are_done() -> None:
    first = ArticleFactory(body=PAGE, job_status=Article.Status.PENDING)
    second = ArticleFactory(body=OTHER, job_status=Article.Status.PENDING)
    empty = ArticleFactory(body="", job_status=Article.Status.PENDING)  # not fetched yet
    assert claims_create_from_extractions(article_ids=[first.pk, second.pk, empty.pk]) == 2
    for article in (first, second):
        article.refresh_from_db()
        assert article.job_status == Article.Status.DONE and article.job_error == ""
    # What the engine finds in the text on its own: every claim, once, and the boilerplate.
    found = extract(PAGE)
    spans = list(first.claims.order_by("start").values_list("start", "end", "quote"))
    assert spans == sorted((c.start, c.end, c.text) for c in found.claims)
    assert first.boilerplate == [[span.start, span.end] for span in found.boilerplate] != []
    assert second.claims.filter(quote__contains="1,200 homes").exists()
    assert Article.objects.get(pk=empty.pk).job_status == Article.Status.PENDING
    # Run again (a redelivered job): the finished articles are left alone.
    stored = Claim.objects.count()
    assert claims_create_from_extractions(article_ids=[first.pk, second.pk]) == 0
    assert Claim.objects.count() == stored
    assert all(claim.history.filter(history_type="+").count() == 1 for claim in Claim.objects.all())


def test_an_article_the_engine_fails_on_is_marked_failed_and_the_others_are_stored(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from factcheck.claims.services import extraction

    def extract(body: str, **options: Any) -> Any:
        if body == OTHER:  # a fault in the engine, for this text only
            raise ValueError("boom")
        return real(body, **options)

    real = extraction.extract
    monkeypatch.setattr(extraction, "extract", extract)
    good = ArticleFactory(body=PAGE, job_status=Article.Status.PENDING)
    bad = ArticleFactory(body=OTHER, job_status=Article.Status.PENDING)
    assert claims_create_from_extractions(article_ids=[bad.pk, good.pk]) == 1
    good.refresh_from_db()
    bad.refresh_from_db()
    assert good.job_status == Article.Status.DONE and good.claims.exists()
    assert bad.job_status == Article.Status.FAILED and not bad.claims.exists()
    assert bad.job_error == "Claim extraction failed: boom"
