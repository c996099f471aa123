"""A new article repeats a claim we published: the "Seen again" queue, the reviewer told,
and an editor publishing the appearance in one step."""

import io
import json
import re

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse

from factcheck.articles.models import Article
from factcheck.articles.services import ArticleText, article_create
from factcheck.claims import services as claim_services
from factcheck.claims.models import Claim, Verdict
from factcheck.factchecks.services import factchecks_import
from factcheck.monitoring import services
from factcheck.monitoring.appearances import appearances_chart, claim_appearances
from factcheck.monitoring.models import Sighting
from factcheck.notifications.models import Kind, Notification
from tests.api.conftest import publish
from tests.claims.test_matching import FILLER

pytestmark = pytest.mark.django_db

ORIGINAL = (
    "Port news. The harbour of Lindqvist was closed to all ferries for 30 days after the "
    "storm, the port authority said. Cafes on the quay reopened on Monday with new menus."
)
REPEAT = (
    "Weekend round-up. The harbour of Lindqvist was closed to all ferries for 30 days after "
    "the storm, the port authority said on Friday. A new bakery opened near the station."
)


def add(actor: User, text: str, url: str, capture) -> Article:
    with capture(execute=True):
        article, _ = article_create(actor=actor, text=ArticleText(body=text), url=url)
    return article


def harbour_claim(article: Article) -> Claim:
    return article.claims.get(quote__contains="harbour of Lindqvist")


@pytest.fixture
def checked(reviewer, editor, django_capture_on_commit_callbacks) -> Claim:
    article = add(
        reviewer, ORIGINAL, "https://news.example/original", django_capture_on_commit_callbacks
    )
    claim = harbour_claim(article)
    publish(claim, author=reviewer, approver=editor)
    claim.refresh_from_db()
    return claim


@pytest.fixture
def repeat(checked, editor, django_capture_on_commit_callbacks) -> Claim:
    article = add(
        editor, REPEAT, "https://other.example/round-up", django_capture_on_commit_callbacks
    )
    return harbour_claim(article)


def test_a_repeat_of_a_published_claim_is_seen_again_and_its_reviewer_told(
    checked, repeat, reviewer
) -> None:
    sighting = Sighting.objects.get(claim=repeat)
    assert sighting.original == checked
    assert sighting.status == Sighting.Status.PENDING and sighting.confidence >= 0.5
    told = Notification.objects.get(recipient=reviewer, kind=Kind.SEEN_AGAIN)
    assert told.claim == checked
    # Matching again (a redelivered task) records and tells nothing twice.
    assert services.sightings_record(claim_ids=[repeat.pk]) == 0
    assert Notification.objects.filter(kind=Kind.SEEN_AGAIN).count() == 1


def test_an_editor_publishes_the_appearance_without_a_new_verdict(
    checked, repeat, reviewer, editor
) -> None:
    sighting = Sighting.objects.get(claim=repeat)
    with pytest.raises(PermissionDenied):
        services.sighting_publish(sighting=sighting, actor=reviewer)
    verdicts_before = Verdict.objects.count()
    services.sighting_publish(sighting=sighting, actor=editor)
    repeat.refresh_from_db()
    assert repeat.status == Claim.Status.PUBLISHED and repeat.duplicate_of == checked
    assert repeat.duplicate_confirmed_by == editor
    assert Verdict.objects.count() == verdicts_before
    with pytest.raises(claim_services.WorkflowError, match="handled already"):
        services.sighting_publish(sighting=sighting, actor=editor)

    review = public_claim_review(checked)
    urls = [work["url"] for work in review["itemReviewed"]["appearance"]]
    assert urls == ["https://news.example/original", "https://other.example/round-up"]


def public_claim_review(claim: Claim) -> dict:
    """The ClaimReview the public page embeds, as a reader's browser gets it."""
    page = Client().get(reverse("claim_public", args=[claim.pk])).content.decode()
    match = re.search(r'<script type="application/ld\+json"[^>]*>(.*?)</script>', page, re.S)
    assert match, "no JSON-LD on the public page"
    return json.loads(match.group(1))


def test_a_dismissed_match_leaves_the_queue_and_the_appearances(checked, repeat, reviewer) -> None:
    sighting = Sighting.objects.get(claim=repeat)
    assert len(claim_appearances(checked)) == 2
    services.sighting_dismiss(sighting=sighting, actor=reviewer)
    assert not Sighting.objects.pending().exists()
    assert len(claim_appearances(checked)) == 1


def test_the_claims_appearances_and_their_chart(checked, repeat, editor) -> None:
    appearances = claim_appearances(checked)
    assert [a.url for a in appearances] == [
        "https://news.example/original",
        "https://other.example/round-up",
    ]
    assert appearances[0].how == "checked here" and "matched" in appearances[1].how
    chart = appearances_chart(appearances)
    assert sum(chart.series[0].values) == 2 and chart.extra["per"] == "day"
    services.sighting_publish(sighting=Sighting.objects.get(claim=repeat), actor=editor)
    repeat.refresh_from_db()
    published = claim_appearances(repeat)  # a published repeat answers for its original
    assert [a.url for a in published] == [a.url for a in appearances]
    assert published[1].published and published[1].how == "published as an appearance"


def test_the_dashboard_shows_the_claims_seen_most_this_week(
    checked, repeat, client, reviewer
) -> None:
    assert services.claims_seen_most(days=7) == [(checked, 1)]
    client.force_login(reviewer)
    page = client.get(reverse("dashboard")).content.decode()
    assert "Seen most often, last 7 days" in page and checked.get_absolute_url() in page


def test_a_match_with_an_imported_fact_check_is_seen_again_too(
    reviewer, editor, django_capture_on_commit_callbacks
) -> None:
    table = (
        "claim\theadline\trating\turl\tpublisher\tdate\n"
        "The harbour of Lindqvist was closed to all ferries for 30 days after the storm.\t"
        "Was Lindqvist harbour shut for a month?\tFalse\thttps://checks.example/lindqvist\t"
        "Nordic Checks\t2024-02-11\n"
    )
    factchecks_import(source=io.BytesIO((table + FILLER).encode()))
    article = add(
        reviewer, REPEAT, "https://other.example/round-up", django_capture_on_commit_callbacks
    )
    sighting = Sighting.objects.get(claim=harbour_claim(article))
    assert sighting.factcheck is not None and sighting.original is None
    with pytest.raises(claim_services.WorkflowError, match="another organisation"):
        services.sighting_publish(sighting=sighting, actor=editor)
