"""Clients with tokens, and verdicts taken through the workflow, for the API tests."""

import json
from collections.abc import Iterator
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.cache import cache
from rest_framework.test import APIClient

from factcheck.claims import services
from factcheck.claims.models import Claim, Rating, Verdict
from tests.clients import api_client
from tests.factories import ClaimFactory, ensure_source, make_user


@pytest.fixture(autouse=True)
def fresh_throttle_counts() -> Iterator[None]:
    """Throttling counts requests in the cache; every test starts from zero."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def anon() -> APIClient:
    return APIClient()


@pytest.fixture
def consumer(db: None) -> User:
    """A partner's account: no group, so the exports and nothing else."""
    return make_user("partner", None)


@pytest.fixture
def as_reviewer(reviewer: User) -> APIClient:
    return api_client(reviewer)


@pytest.fixture
def as_editor(editor: User) -> APIClient:
    return api_client(editor)


@pytest.fixture
def as_other_editor(other_editor: User) -> APIClient:
    return api_client(other_editor)


@pytest.fixture
def as_consumer(consumer: User) -> APIClient:
    return api_client(consumer)


@pytest.fixture
def claim(reviewer: User) -> Claim:
    return ClaimFactory(claimant="The defence ministry")


def rating(slug: str) -> Rating:
    return Rating.objects.get(slug=slug)


def publish(
    claim: Claim, *, author: User, approver: User, slug: str = "false", summary: str = "No."
) -> Verdict:
    """Draft, submit and approve a verdict through the services, as the UI would."""
    verdict = services.verdict_save_draft(
        claim=claim, actor=author, rating=rating(slug), summary=summary
    )
    ensure_source(verdict.claim)
    verdict = services.verdict_submit(verdict=verdict, actor=author)
    return services.verdict_approve(verdict=verdict, actor=approver)


def correct(
    claim: Claim, *, author: User, approver: User, slug: str, note: str = "New figures."
) -> Verdict:
    verdict = services.verdict_save_draft(
        claim=claim,
        actor=author,
        rating=rating(slug),
        summary="Corrected.",
        correction_note=note,
    )
    ensure_source(verdict.claim)
    verdict = services.verdict_submit(verdict=verdict, actor=author)
    return services.verdict_approve(verdict=verdict, actor=approver)


@pytest.fixture
def published(claim: Claim, reviewer: User, editor: User) -> Verdict:
    return publish(claim, author=reviewer, approver=editor)


def body(response: Any) -> Any:
    """The JSON of a response, streamed or not."""
    if getattr(response, "streaming", False):
        return json.loads(b"".join(response.streaming_content))
    return response.json()
