"""The dashboard's queues: each with its count, each also a filter of the claim list."""

from typing import Any

import lxml.html
import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from factcheck.claims import services
from factcheck.claims.models import Claim, Rating
from tests.factories import ArticleFactory, ClaimFactory, ensure_source

pytestmark = pytest.mark.django_db


def queue(client: Client, slug: str) -> Any:
    tree = lxml.html.fromstring(client.get(reverse("dashboard")).content.decode())
    found = tree.xpath(f"//section[contains(@class, 'queue-{slug}')]")
    return found[0] if found else None


def listed(client: Client, slug: str) -> list[str]:
    tree = lxml.html.fromstring(client.get(reverse("claim_list"), {"queue": slug}).content.decode())
    return sorted(a.text_content() for a in tree.xpath("//td[@class='claim-cell']/a"))


def test_sent_back_and_drafts_are_the_reviewers_own(
    client: Client, reviewer: User, other_reviewer: User, editor: User, rating_false: Rating
) -> None:
    returned, drafted, theirs = (ClaimFactory(statement=s) for s in ("Back", "Draft", "Other"))
    verdict = services.verdict_save_draft(
        claim=returned, actor=reviewer, rating=rating_false, summary="No."
    )
    ensure_source(verdict.claim)
    verdict = services.verdict_submit(verdict=verdict, actor=reviewer)
    services.verdict_send_back(verdict=verdict, actor=editor, note="Add a source.")
    services.verdict_save_draft(claim=drafted, actor=reviewer, rating=rating_false, summary="No.")
    services.verdict_save_draft(
        claim=theirs, actor=other_reviewer, rating=rating_false, summary="No."
    )
    client.force_login(reviewer)
    assert listed(client, "sent_back") == ["Back"]
    assert listed(client, "drafts") == ["Draft"]
    assert queue(client, "sent_back").xpath(".//*[@data-count]")[0].text == "1"
    assert queue(client, "awaiting") is None  # editors only
    client.force_login(other_reviewer)
    assert listed(client, "drafts") == ["Other"] and listed(client, "sent_back") == []


def test_an_editor_publishes_a_repeat_from_its_queue_in_one_step_but_not_their_own_mark(
    client: Client, reviewer: User, editor: User, other_editor: User, rating_false: Rating
) -> None:
    original = ClaimFactory(statement="More than 10,000 troops took part")
    verdict = services.verdict_save_draft(
        claim=original, actor=reviewer, rating=rating_false, summary="Fewer."
    )
    ensure_source(verdict.claim)
    services.verdict_submit(verdict=verdict, actor=reviewer)
    services.verdict_approve(verdict=verdict, actor=editor)
    repeat = ClaimFactory(statement="Over 10,000 troops took part", article=ArticleFactory())
    services.claim_mark_duplicate(claim=repeat, actor=editor, original=original)
    client.force_login(editor)
    section = queue(client, "repeats")
    assert "Over 10,000 troops took part" in section.text_content()
    assert not section.xpath(".//button")  # the editor who marked it may not publish it
    client.force_login(other_editor)
    section = queue(client, "repeats")
    assert section.xpath(".//button")[0].text == "Publish as a repeat"
    response = client.post(
        reverse("claim_publish_duplicate", args=[repeat.pk]), {"next": reverse("dashboard")}
    )
    assert response.status_code == 302 and response["Location"] == reverse("dashboard")
    repeat.refresh_from_db()
    assert repeat.status == Claim.Status.PUBLISHED
    assert listed(client, "repeats") == []
    assert "Over 10,000 troops took part" in listed(client, "published")
