"""/api/v1/claims/{id}/similar/ and /duplicate/: similar claims and repeats through the API."""

import pytest
from django.contrib.auth.models import User

from factcheck.api import etag_for
from factcheck.articles.models import Article
from factcheck.articles.services import ArticleText, article_create
from factcheck.claims import services
from factcheck.claims.models import Claim, Rating
from tests.claims.test_similar import RESTATEMENTS
from tests.factories import ensure_source

pytestmark = pytest.mark.django_db


@pytest.fixture
def restated(seed_article, reviewer, django_capture_on_commit_callbacks) -> Article:
    with django_capture_on_commit_callbacks(execute=True):
        article, _ = article_create(actor=reviewer, text=ArticleText(body=RESTATEMENTS))
    return article


@pytest.fixture
def pair(seed_article, restated) -> tuple[Claim, Claim]:
    """(the seed's troop count, the restated troop count)."""
    return (
        seed_article.claims.get(quote__icontains="10,000 troops"),
        restated.claims.get(quote__icontains="10,000 soldiers"),
    )


def url(claim: Claim, action: str) -> str:
    return f"/api/v1/claims/{claim.pk}/{action}/"


def publish(claim: Claim, author: User, approver: User) -> None:
    verdict = services.verdict_save_draft(
        claim=claim, actor=author, rating=Rating.objects.get(slug="true"), summary="Correct."
    )
    ensure_source(verdict.claim)
    services.verdict_submit(verdict=verdict, actor=author)
    services.verdict_approve(verdict=verdict, actor=approver)


def test_similar_lists_the_restated_claim_with_its_score_and_reasons(as_reviewer, pair) -> None:
    original, repeat = pair
    response = as_reviewer.get(url(repeat, "similar"))
    assert response.status_code == 200
    best = response.json()[0]
    assert best["id"] == original.pk
    assert best["article"] == original.article_id
    assert 0.35 <= best["score"] <= 1
    assert any(r.startswith("same figure") for r in best["reasons"])


def test_anonymous_clients_cannot_read_similar_claims(anon, pair) -> None:
    assert anon.get(url(pair[0], "similar")).status_code == 401


def test_marking_a_duplicate_needs_the_current_version(as_reviewer, pair) -> None:
    original, repeat = pair
    body = {"original": original.pk}
    assert as_reviewer.post(url(repeat, "duplicate"), body, format="json").status_code == 428
    stale = as_reviewer.post(url(repeat, "duplicate"), body, format="json", HTTP_IF_MATCH='"stale"')
    assert stale.status_code == 412
    done = as_reviewer.post(
        url(repeat, "duplicate"), body, format="json", HTTP_IF_MATCH=etag_for(repeat)
    )
    assert done.status_code == 200
    assert done.json()["duplicate_of"] == original.pk
    assert done.headers["ETag"] != etag_for(repeat)


def test_a_reviewer_cannot_publish_a_repeat_and_nothing_is_half_written(
    as_reviewer, pair, reviewer, editor
) -> None:
    original, repeat = pair
    publish(original, reviewer, editor)
    response = as_reviewer.post(
        url(repeat, "duplicate"),
        {"original": original.pk, "publish": True},
        format="json",
        HTTP_IF_MATCH=etag_for(repeat),
    )
    assert response.status_code == 403
    repeat.refresh_from_db()
    assert repeat.duplicate_of is None
    assert repeat.status == Claim.Status.NEW


def test_an_editor_publishes_a_repeat_of_a_checked_claim_in_one_step(
    as_editor, pair, reviewer, other_editor
) -> None:
    original, repeat = pair
    publish(original, reviewer, other_editor)
    # The reviewer judged the match; the editor confirms it by publishing.
    repeat = services.claim_mark_duplicate(claim=repeat, actor=reviewer, original=original)
    response = as_editor.post(
        url(repeat, "duplicate"),
        {"original": original.pk, "publish": True},
        format="json",
        HTTP_IF_MATCH=etag_for(repeat),
    )
    assert response.status_code == 200
    assert response.json()["status"] == "published"
    assert services.published_verdict_of(Claim.objects.get(pk=repeat.pk)).claim == original
