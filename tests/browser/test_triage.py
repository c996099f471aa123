"""Triage in Chromium: take a claim, bulk-dismiss an article's furniture, an @mention
that arrives in the app and on the local SMTP server; an editor publishes a repeat from
its queue in one step."""

import re
import time

from django.contrib.auth.models import User
from playwright.sync_api import expect

from factcheck.claims import services
from factcheck.claims.models import Claim, Rating
from tests.conftest import Inbox
from tests.factories import ArticleFactory, ClaimFactory, ensure_source

FURNITURE = ["Subscribe to our newsletter", "Share this story", "Photo: staff photographer"]


def wait_for_mail(inbox: Inbox, address: str, timeout: float = 10) -> list:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if found := inbox.to(address):
            return found
        time.sleep(0.1)
    return []


def test_a_reviewer_takes_a_claim_dismisses_furniture_in_bulk_and_hears_of_a_mention(
    open_as, live_server, reviewer: User, editor: User, inbox: Inbox
) -> None:
    reviewer.email, editor.email = "rita@desk.example", "edna@desk.example"
    reviewer.save()
    editor.save()
    article = ArticleFactory(title="Drills begin")
    key = ClaimFactory(article=article, statement="More than 10,000 troops took part")
    furniture = [
        ClaimFactory(article=article, start=10 * (i + 1), end=10 * (i + 1) + 5, statement=text)
        for i, text in enumerate(FURNITURE)
    ]

    rita = open_as("rita")
    rita.goto(live_server.url + key.get_absolute_url())
    rita.get_by_role("button", name="Take it").click()
    expect(rita.get_by_role("status")).to_contain_text("The claim is yours.")
    key.refresh_from_db()
    assert key.assignee == reviewer

    rita.goto(live_server.url + article.get_absolute_url())
    for text in FURNITURE:
        rita.get_by_label(f"Select: {text}").check()
    rita.get_by_label("Reason for dismissing").fill("Page furniture")
    rita.get_by_role("button", name="Dismiss selected").click()
    expect(rita.locator("[data-confirm-count]")).to_contain_text("3 claims will be dismissed")
    rita.get_by_role("button", name="Yes, dismiss 3 claims").click()
    expect(rita.get_by_role("status")).to_contain_text("3 claims dismissed.")
    assert {c.status for c in Claim.objects.filter(pk__in=[c.pk for c in furniture])} == {
        "dismissed"
    }
    key.refresh_from_db()
    assert key.status == Claim.Status.CHECKING

    edna = open_as("edna")
    edna.goto(live_server.url + key.get_absolute_url())
    edna.get_by_role("textbox", name="Comment").fill("@rita the ministry's figure is 12,800.")
    edna.get_by_role("button", name="Add comment").click()
    expect(edna.get_by_role("status")).to_contain_text("Comment added.")

    rita.goto(live_server.url + "/")
    expect(rita.locator("#notification-count")).to_have_attribute("data-unread", "1")
    rita.get_by_role("link", name=re.compile("Notifications")).click()
    expect(rita.locator(".notification.unread")).to_contain_text("edna mentioned you")
    [mail] = wait_for_mail(inbox, "rita@desk.example")
    assert "mentioned" in mail["Subject"] and key.get_absolute_url() in mail.get_payload()


def test_an_editor_publishes_a_repeat_from_the_queue_in_one_step(
    open_as, live_server, reviewer: User, editor: User, other_editor: User, rating_false: Rating
) -> None:
    original = ClaimFactory(statement="More than 10,000 troops took part")
    ensure_source(original)
    verdict = services.verdict_save_draft(
        claim=original, actor=reviewer, rating=rating_false, summary="Fewer took part."
    )
    verdict = services.verdict_submit(verdict=verdict, actor=reviewer)
    services.verdict_approve(verdict=verdict, actor=other_editor)
    repeat = ClaimFactory(article=ArticleFactory(), statement="Over 10,000 troops took part")
    services.claim_mark_duplicate(claim=repeat, actor=other_editor, original=original)

    edna = open_as("edna")
    queue = edna.locator("section.queue-repeats")
    expect(queue).to_contain_text("Over 10,000 troops took part")
    queue.get_by_role("button", name="Publish as a repeat").click()
    expect(edna.get_by_role("status")).to_contain_text("Published as a repeat")
    repeat.refresh_from_db()
    assert repeat.status == Claim.Status.PUBLISHED
    assert repeat.duplicate_confirmed_by == editor
