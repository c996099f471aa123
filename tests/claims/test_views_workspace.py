"""The claim page: editing, sources, verdicts, approval, comments, history, conflicts."""

from typing import Any

import lxml.html
import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from factcheck.claims import services
from factcheck.claims.models import Claim, Comment, Rating, Source, Verdict
from tests.factories import ClaimFactory, SourceFactory, ensure_source

pytestmark = pytest.mark.django_db


def login(client: Client, user: User) -> Client:
    client.force_login(user)
    return client


def page(response: Any) -> Any:
    return lxml.html.fromstring(response.content.decode())


def labels(tree: Any) -> set[str]:
    return {label.text_content().strip() for label in tree.xpath("//label")}


def buttons(tree: Any) -> set[str]:
    return {b.text_content().strip() for b in tree.xpath("//button")}


@pytest.fixture
def claim() -> Claim:
    return ClaimFactory(claimant="The ministry")


def url(name: str, pk: int) -> str:
    return reverse(name, args=[pk])


def draft(claim: Claim, author: User, rating: Rating, summary: str = "Fewer took part.") -> Verdict:
    return services.verdict_save_draft(claim=claim, actor=author, rating=rating, summary=summary)


def submitted(claim: Claim, author: User, rating: Rating) -> Verdict:
    ensure_source(claim)
    return services.verdict_submit(verdict=draft(claim, author, rating), actor=author)


def published(claim: Claim, author: User, approver: User, rating: Rating) -> Verdict:
    verdict = submitted(claim, author, rating)
    return services.verdict_approve(verdict=verdict, actor=approver)


def test_the_claim_page_has_every_labelled_form(client: Client, reviewer: User, claim) -> None:
    tree = page(login(client, reviewer).get(claim.get_absolute_url()))
    assert {"Statement", "Type", "Claimant"} <= labels(tree)
    assert {"Source URL", "Source title", "Excerpt", "Stance"} <= labels(tree)
    assert {"Rating", "Summary", "Explanation", "Comment"} <= labels(tree)
    assert {"Save changes", "Add source", "Save draft", "Submit for approval"} <= buttons(tree)
    assert claim.quote in tree.xpath("//blockquote[@class='in-context']/mark")[0].text_content()
    assert "Approve and publish" not in buttons(tree)


def test_the_rating_choices_are_the_organisations_scale(client, reviewer, claim) -> None:
    tree = page(login(client, reviewer).get(claim.get_absolute_url()))
    options = [o.text_content() for o in tree.xpath("//select[@name='rating']/option")][1:]
    assert options == [r.label for r in Rating.objects.all()]


def test_the_claim_page_shows_the_facts_and_the_reasons_for_the_score(client, reviewer) -> None:
    claim = ClaimFactory(
        score=0.87,
        reasons=["a quantity (10,000 troops)", "attributed to the ministry"],
        facts=[{"kind": "quantity", "text": "More than 10,000 troops", "start": 0, "end": 23}],
    )
    content = login(client, reviewer).get(claim.get_absolute_url()).content.decode()
    assert "Score 0.87" in content
    assert "attributed to the ministry" in content
    assert "More than 10,000 troops" in content


def test_editing_the_statement_saves_it_and_records_who_changed_what(
    client, reviewer, claim
) -> None:
    response = login(client, reviewer).post(
        url("claim_edit", claim.pk),
        {
            "statement": "Over 10,000 troops joined.",
            "type": "quantity",
            "claimant": "Minsk",
            "version": claim.version,
        },
    )
    assert response.status_code == 302
    claim.refresh_from_db()
    assert (claim.statement, claim.claimant, claim.status) == (
        "Over 10,000 troops joined.",
        "Minsk",
        Claim.Status.CHECKING,
    )
    history = page(client.get(claim.get_absolute_url())).xpath("//*[@id='history']//li")
    text = " ".join(li.text_content() for li in history)
    assert "rita" in text
    assert "Claimant" in text and "The ministry" in text and "Minsk" in text


def test_a_stale_claim_edit_is_a_conflict_that_keeps_the_input_and_shows_both_values(
    client, reviewer, other_reviewer, claim
) -> None:
    loaded = claim.version
    services.claim_update(
        claim=claim, actor=other_reviewer, expected_version=loaded, claimant="Ravi's claimant"
    )
    response = login(client, reviewer).post(
        url("claim_edit", claim.pk),
        {
            "statement": claim.statement,
            "type": "event",
            "claimant": "Rita's claimant",
            "version": loaded,
        },
    )
    assert response.status_code == 409
    tree = page(response)
    alert = tree.xpath("//section[contains(@class, 'alert-conflict')]")[0].text_content()
    assert "ravi" in alert
    assert "Rita's claimant" in alert and "Ravi's claimant" in alert
    assert tree.xpath("//input[@name='claimant']")[0].get("value") == "Rita's claimant"
    claim.refresh_from_db()
    assert claim.claimant == "Ravi's claimant" and claim.type == Claim.Type.QUANTITY
    # The form now carries the saved version: saving again is a deliberate overwrite.
    version = tree.xpath("//form[contains(@action, '/edit/')]//input[@name='version']")[0]
    assert int(version.get("value")) == claim.version


def test_a_published_claim_cannot_be_edited(client, reviewer, editor, claim, rating_false) -> None:
    ensure_source(claim)
    published(claim, reviewer, editor, rating_false)
    claim.refresh_from_db()
    response = login(client, reviewer).post(
        url("claim_edit", claim.pk),
        {"statement": "Changed", "type": "quantity", "claimant": "", "version": claim.version},
    )
    assert response.status_code == 400
    assert "publish a correction instead" in response.content.decode()
    claim.refresh_from_db()
    assert claim.statement != "Changed"


def test_adding_a_source_attaches_it_and_queues_its_snapshot(
    client, reviewer, claim, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=False) as queued:
        response = login(client, reviewer).post(
            url("source_add", claim.pk),
            {
                "url": "https://mod.example.org/drills",
                "title": "Ministry release",
                "excerpt": "12,800 servicemen",
                "stance": "refutes",
            },
        )
    assert response.status_code == 302
    source = Source.objects.get()
    assert (source.claim, source.title, source.stance, source.added_by) == (
        claim,
        "Ministry release",
        "refutes",
        reviewer,
    )
    assert queued, "the snapshot is queued after commit"
    content = client.get(claim.get_absolute_url()).content.decode()
    assert "Ministry release" in content and "Pending" in content


def test_a_source_with_a_bad_address_is_refused_and_the_input_kept(client, reviewer, claim) -> None:
    response = login(client, reviewer).post(
        url("source_add", claim.pk),
        {"url": "javascript:alert(1)", "title": "Bad", "stance": "supports"},
    )
    assert response.status_code == 400
    assert "http:// or https://" in response.content.decode()
    assert page(response).xpath("//input[@name='title']")[0].get("value") == "Bad"
    assert not Source.objects.exists()


def test_the_same_source_twice_is_refused(client, reviewer, claim) -> None:
    source = SourceFactory(claim=claim)
    response = login(client, reviewer).post(
        url("source_add", claim.pk), {"url": source.url, "stance": "context"}
    )
    assert response.status_code == 400
    assert "already attached" in response.content.decode()


def test_sources_show_their_snapshot_and_link_to_the_archived_text(client, reviewer, claim) -> None:
    source = SourceFactory(
        claim=claim,
        snapshot_status=Source.SnapshotStatus.OK,
        http_status=200,
        snapshot_title="Ministry <b>release</b>",
        snapshot_text="12,800 servicemen took part. <script>x()</script>",
    )
    login(client, reviewer)
    tree = page(client.get(claim.get_absolute_url()))
    snapshot = tree.xpath("//p[contains(@class, 'snapshot')]")[0].text_content()
    assert "Archived" in snapshot and "HTTP 200" in snapshot
    archive = tree.xpath("//a[.='Archived copy']")[0].get("href")
    assert archive == url("source_archive", source.pk)
    response = client.get(archive)
    assert "12,800 servicemen took part." in response.content.decode()
    assert b"<script>x()" not in response.content


def test_saving_a_draft_verdict_then_submitting_it(client, reviewer, claim, rating_false) -> None:
    ensure_source(claim)
    login(client, reviewer)
    client.post(
        url("verdict_save", claim.pk),
        {
            "rating": rating_false.pk,
            "summary": "Fewer took part.",
            "explanation": "See.",
            "action": "draft",
        },
    )
    verdict = Verdict.objects.get()
    assert verdict.state == Verdict.State.DRAFT
    response = client.post(
        url("verdict_save", claim.pk),
        {
            "rating": rating_false.pk,
            "summary": "Only 9,000 took part.",
            "explanation": "See.",
            "version": verdict.version,
            "action": "submit",
        },
    )
    assert response.status_code == 302
    verdict.refresh_from_db()
    claim.refresh_from_db()
    assert verdict.summary == "Only 9,000 took part."
    assert verdict.state == Verdict.State.SUBMITTED
    assert claim.status == Claim.Status.AWAITING_APPROVAL


def test_a_summary_over_74_characters_is_refused(client, reviewer, claim, rating_false) -> None:
    response = login(client, reviewer).post(
        url("verdict_save", claim.pk),
        {"rating": rating_false.pk, "summary": "x" * 75, "action": "submit"},
    )
    assert response.status_code == 400
    assert "at most 74 characters" in response.content.decode()
    assert not Verdict.objects.exists()


def test_a_stale_verdict_save_is_a_conflict_never_an_overwrite(
    client, reviewer, other_reviewer, claim, rating_false
) -> None:
    verdict = draft(claim, reviewer, rating_false, "First wording.")
    loaded = verdict.version
    services.verdict_save_draft(
        claim=claim,
        actor=other_reviewer,
        rating=rating_false,
        summary="Ravi's wording.",
        expected_version=loaded,
    )
    response = login(client, reviewer).post(
        url("verdict_save", claim.pk),
        {
            "rating": rating_false.pk,
            "summary": "Rita's wording.",
            "version": loaded,
            "action": "draft",
        },
    )
    assert response.status_code == 409
    alert = page(response).xpath("//section[contains(@class, 'alert-conflict')]")[0]
    assert "Rita's wording." in alert.text_content() and "Ravi's wording." in alert.text_content()
    verdict.refresh_from_db()
    assert verdict.summary == "Ravi's wording."


def test_two_first_drafts_at_once_do_not_overwrite_each_other(
    client, reviewer, other_reviewer, claim, rating_false
) -> None:
    # Both opened the page when there was no verdict; Ravi saved first.
    draft(claim, other_reviewer, rating_false, "Ravi's wording.")
    response = login(client, reviewer).post(
        url("verdict_save", claim.pk),
        {
            "rating": rating_false.pk,
            "summary": "Rita's wording.",
            "version": "",
            "action": "submit",
        },
    )
    assert response.status_code == 409
    verdict = Verdict.objects.get()
    assert (verdict.summary, verdict.state) == ("Ravi's wording.", Verdict.State.DRAFT)


def test_the_author_never_sees_approve_and_the_server_refuses_it(
    client, editor, claim, rating_false
) -> None:
    ensure_source(claim)
    verdict = submitted(claim, editor, rating_false)
    login(client, editor)
    tree = page(client.get(claim.get_absolute_url()))
    assert "Approve and publish" not in buttons(tree)
    response = client.post(url("verdict_approve", verdict.pk), {"version": verdict.version})
    assert response.status_code == 403
    assert "did not write it" in response.content.decode()
    verdict.refresh_from_db()
    assert verdict.state == Verdict.State.SUBMITTED


def test_a_reviewer_sees_no_approval_buttons_and_cannot_approve(
    client, reviewer, other_reviewer, claim, rating_false
) -> None:
    ensure_source(claim)
    verdict = submitted(claim, reviewer, rating_false)
    login(client, other_reviewer)
    tree = page(client.get(claim.get_absolute_url()))
    assert not {"Approve and publish", "Send back"} & buttons(tree)
    response = client.post(url("verdict_approve", verdict.pk), {"version": verdict.version})
    assert response.status_code == 403
    verdict.refresh_from_db()
    assert verdict.state == Verdict.State.SUBMITTED


def test_another_editor_approves_and_the_claim_gets_a_public_page(
    client, reviewer, editor, claim, rating_false
) -> None:
    ensure_source(claim)
    verdict = submitted(claim, reviewer, rating_false)
    login(client, editor)
    tree = page(client.get(claim.get_absolute_url()))
    assert {"Approve and publish", "Send back"} <= buttons(tree)
    response = client.post(url("verdict_approve", verdict.pk), {"version": verdict.version})
    assert response.status_code == 302
    verdict.refresh_from_db()
    assert (verdict.state, verdict.approver) == (Verdict.State.PUBLISHED, editor)
    tree = page(client.get(claim.get_absolute_url()))
    public = tree.xpath("//a[.='Public page']")[0].get("href")
    assert public == url("claim_public", claim.pk)


def test_approving_a_verdict_changed_since_the_page_was_opened_is_refused(
    client, reviewer, editor, claim, rating_false
) -> None:
    ensure_source(claim)
    verdict = submitted(claim, reviewer, rating_false)
    response = login(client, editor).post(
        url("verdict_approve", verdict.pk), {"version": verdict.version - 1}
    )
    assert response.status_code == 409
    verdict.refresh_from_db()
    assert verdict.state == Verdict.State.SUBMITTED


def test_an_editor_sends_a_verdict_back_with_a_note(
    client, reviewer, editor, claim, rating_false
) -> None:
    ensure_source(claim)
    verdict = submitted(claim, reviewer, rating_false)
    response = login(client, editor).post(
        url("verdict_send_back", verdict.pk),
        {"note": "Cite the ministry's figure.", "version": verdict.version},
    )
    assert response.status_code == 302
    claim.refresh_from_db()
    assert claim.status == Claim.Status.CHECKING
    login(client, reviewer)
    content = client.get(claim.get_absolute_url()).content.decode()
    assert "Cite the ministry&#x27;s figure." in content


def test_sending_back_needs_a_note(client, reviewer, editor, claim, rating_false) -> None:
    ensure_source(claim)
    verdict = submitted(claim, reviewer, rating_false)
    response = login(client, editor).post(
        url("verdict_send_back", verdict.pk), {"note": "", "version": verdict.version}
    )
    assert response.status_code == 400
    verdict.refresh_from_db()
    assert verdict.state == Verdict.State.SUBMITTED


def test_a_correction_needs_a_note_and_keeps_the_old_version_readable(
    client, reviewer, editor, other_editor, claim, rating_false
) -> None:
    ensure_source(claim)
    published(claim, reviewer, editor, rating_false)
    mixed = Rating.objects.get(slug="mixed")
    login(client, reviewer)
    refused = client.post(
        url("verdict_save", claim.pk),
        {"rating": mixed.pk, "summary": "Partly right.", "action": "submit"},
    )
    assert refused.status_code == 400
    assert "needs a correction note" in refused.content.decode()
    client.post(
        url("verdict_save", claim.pk),
        {
            "rating": mixed.pk,
            "summary": "Partly right.",
            "action": "submit",
            "correction_note": "The ministry revised its figure.",
        },
    )
    correction = Verdict.objects.get(number=2)
    services.verdict_approve(verdict=correction, actor=other_editor)
    public = client.get(url("claim_public", claim.pk)).content.decode()
    assert "Partly right." in public
    assert "Earlier versions" in public and "Fewer took part." in public
    assert "The ministry revised its figure." in public


def test_an_editor_dismisses_a_claim_with_a_reason(client, editor, claim) -> None:
    response = login(client, editor).post(
        url("claim_dismiss", claim.pk), {"reason": "An opinion, not checkable."}
    )
    assert response.status_code == 302
    claim.refresh_from_db()
    assert (claim.status, claim.dismiss_reason) == ("dismissed", "An opinion, not checkable.")
    assert "Restore claim" in buttons(page(client.get(claim.get_absolute_url())))


def test_dismissing_needs_a_reason(client, editor, claim) -> None:
    response = login(client, editor).post(url("claim_dismiss", claim.pk), {"reason": " "})
    assert response.status_code == 400
    claim.refresh_from_db()
    assert claim.status == Claim.Status.NEW


def test_a_reviewer_dismisses_with_a_reason_but_cannot_reopen(client, reviewer, claim) -> None:
    tree = page(login(client, reviewer).get(claim.get_absolute_url()))
    assert "Dismiss" in buttons(tree)
    response = client.post(url("claim_dismiss", claim.pk), {"reason": "Not checkable."})
    assert response.status_code == 302
    claim.refresh_from_db()
    assert claim.status == Claim.Status.DISMISSED
    tree = page(client.get(claim.get_absolute_url()))
    assert "Restore claim" not in buttons(tree)
    assert client.post(url("claim_restore", claim.pk)).status_code == 403
    claim.refresh_from_db()
    assert claim.status == Claim.Status.DISMISSED


def test_a_reviewer_takes_a_free_claim_but_not_one_someone_else_holds(
    client, reviewer, other_reviewer, editor, claim
) -> None:
    tree = page(login(client, reviewer).get(claim.get_absolute_url()))
    assert "Take it" in buttons(tree)
    assert "Assign" not in buttons(tree)  # assigning to others is for editors
    assert client.post(url("claim_take", claim.pk)).status_code == 302
    claim.refresh_from_db()
    assert claim.assignee == reviewer and claim.status == Claim.Status.CHECKING
    client.force_login(other_reviewer)
    assert "Take it" not in buttons(page(client.get(claim.get_absolute_url())))
    response = client.post(url("claim_take", claim.pk))
    assert response.status_code == 403
    assert "ask an editor" in response.content.decode()
    claim.refresh_from_db()
    assert claim.assignee == reviewer


def test_an_editor_assigns_a_claim(client, editor, reviewer, claim) -> None:
    tree = page(login(client, editor).get(claim.get_absolute_url()))
    options = tree.xpath("//select[@name='assignee']/option/text()")
    assert "rita" in options
    response = client.post(url("claim_assign", claim.pk), {"assignee": reviewer.pk})
    assert response.status_code == 302
    claim.refresh_from_db()
    assert claim.assignee == reviewer


def test_comments_are_added_and_shown_escaped(client, reviewer, claim) -> None:
    login(client, reviewer).post(url("comment_add", claim.pk), {"body": "Ask <b>MoD</b>."})
    assert Comment.objects.get().author == reviewer
    content = client.get(claim.get_absolute_url()).content.decode()
    assert "Ask &lt;b&gt;MoD&lt;/b&gt;." in content


def test_the_history_covers_sources_and_verdicts_too(client, reviewer, claim, rating_false) -> None:
    source = services.source_add(claim=claim, actor=reviewer, url="https://a.example/x")
    services.source_update(source=source, actor=reviewer, expected_version=1, title="Ministry")
    draft(claim, reviewer, rating_false)
    history = (
        page(login(client, reviewer).get(claim.get_absolute_url()))
        .xpath("//*[@id='history']")[0]
        .text_content()
    )
    assert "Source “Ministry” changed" in history
    assert "Verdict, version 1 created" in history
    assert "Status" in history and "New" in history and "Checking" in history


def test_visitors_who_are_not_logged_in_cannot_open_a_claim(client, claim) -> None:
    response = client.get(claim.get_absolute_url())
    assert response.status_code == 302


def test_the_claim_page_runs_a_bounded_number_of_queries(
    client, reviewer, editor, claim, rating_false, django_assert_max_num_queries
) -> None:
    def grow(n: int) -> None:
        start = Source.objects.count()
        for i in range(start, start + n):
            source = services.source_add(claim=claim, actor=reviewer, url=f"https://s.example/{i}")
            services.source_update(
                source=source, actor=reviewer, expected_version=1, title=f"Source {i}"
            )
            services.comment_add(claim=claim, actor=reviewer, body=f"Comment {i}")

    grow(2)
    login(client, editor).get(claim.get_absolute_url())
    with django_assert_max_num_queries(22) as few:
        client.get(claim.get_absolute_url())
    grow(20)
    submitted(claim, reviewer, rating_false)
    with django_assert_max_num_queries(len(few.captured_queries) + 2):
        client.get(claim.get_absolute_url())
