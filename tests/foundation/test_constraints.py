"""The database itself refuses impossible rows, whatever code writes them."""

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from factcheck.claims.models import Claim, Verdict
from tests.factories import ArticleFactory, ClaimFactory, UserFactory, VerdictFactory

pytestmark = pytest.mark.django_db


def refused(fn) -> bool:  # type: ignore[no-untyped-def]
    try:
        with transaction.atomic():
            fn()
    except IntegrityError:
        return True
    return False


def test_claim_span_must_not_be_empty_or_reversed() -> None:
    assert refused(lambda: ClaimFactory(start=10, end=10))
    assert refused(lambda: ClaimFactory(start=10, end=5))


def test_claim_score_stays_between_zero_and_one() -> None:
    assert refused(lambda: ClaimFactory(score=1.5))


def test_one_claim_per_span_of_an_article() -> None:
    claim = ClaimFactory()
    assert refused(lambda: ClaimFactory(article=claim.article))


def test_dismissed_claim_needs_a_reason() -> None:
    assert refused(lambda: ClaimFactory(status=Claim.Status.DISMISSED, dismiss_reason=""))


def test_approver_cannot_be_the_author() -> None:
    author = UserFactory()
    assert refused(lambda: VerdictFactory(author=author, approver=author))


def test_only_one_published_verdict_per_claim() -> None:
    claim, editor = ClaimFactory(), UserFactory()
    now = timezone.now()
    VerdictFactory(
        claim=claim, number=1, state=Verdict.State.PUBLISHED, approver=editor, published_at=now
    )
    assert refused(
        lambda: VerdictFactory(
            claim=claim, number=2, state=Verdict.State.PUBLISHED, approver=editor, published_at=now
        )
    )


def test_published_verdict_has_an_approver_and_a_date() -> None:
    assert refused(lambda: VerdictFactory(state=Verdict.State.PUBLISHED))


def test_article_url_and_content_are_unique() -> None:
    ArticleFactory(url="https://news.example/a", body="Same text.", content_hash="h")
    assert refused(lambda: ArticleFactory(url="https://news.example/a"))
    assert refused(lambda: ArticleFactory(content_hash="h"))
