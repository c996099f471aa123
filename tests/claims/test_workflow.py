"""The review workflow and its rules, through the services every door uses."""

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from factcheck.claims import services
from factcheck.claims.models import Claim, Rating, Verdict
from tests.factories import ClaimFactory, SourceFactory, ensure_source, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def claim() -> Claim:
    return ClaimFactory()


def submitted(claim: Claim, author: User, rating: Rating) -> Verdict:
    verdict = services.verdict_save_draft(
        claim=claim, actor=author, rating=rating, summary="Fewer than 10,000 took part."
    )
    ensure_source(verdict.claim)
    return services.verdict_submit(verdict=verdict, actor=author)


def test_drafting_a_verdict_moves_a_new_claim_to_checking(claim, reviewer, rating_false) -> None:
    services.verdict_save_draft(claim=claim, actor=reviewer, rating=rating_false, summary="No.")
    claim.refresh_from_db()
    assert claim.status == Claim.Status.CHECKING


def test_submitting_puts_the_claim_in_the_approval_queue(claim, reviewer, rating_false) -> None:
    submitted(claim, reviewer, rating_false)
    assert list(Claim.objects.awaiting_approval()) == [claim]


def test_reviewer_cannot_publish_own_verdict(claim, reviewer, rating_false) -> None:
    verdict = submitted(claim, reviewer, rating_false)
    with pytest.raises(PermissionDenied):
        services.verdict_approve(verdict=verdict, actor=reviewer)


def test_editor_cannot_publish_a_verdict_they_drafted(claim, editor, rating_false) -> None:
    verdict = submitted(claim, editor, rating_false)
    assert not services.can_approve(verdict, editor)
    with pytest.raises(PermissionDenied, match="did not write it"):
        services.verdict_approve(verdict=verdict, actor=editor)


def test_editor_cannot_publish_a_verdict_they_helped_write(
    claim, reviewer, editor, rating_false
) -> None:
    services.verdict_save_draft(claim=claim, actor=reviewer, rating=rating_false, summary="No.")
    verdict = services.verdict_save_draft(
        claim=claim, actor=editor, rating=rating_false, summary="No, fewer."
    )
    ensure_source(verdict.claim)
    services.verdict_submit(verdict=verdict, actor=reviewer)
    with pytest.raises(PermissionDenied):
        services.verdict_approve(verdict=verdict, actor=editor)


def test_another_editor_publishes_and_the_claim_is_published(
    claim, reviewer, editor, rating_false
) -> None:
    verdict = submitted(claim, reviewer, rating_false)
    assert services.can_approve(verdict, editor)
    services.verdict_approve(verdict=verdict, actor=editor)
    verdict.refresh_from_db()
    claim.refresh_from_db()
    assert verdict.state == Verdict.State.PUBLISHED
    assert verdict.approver == editor and verdict.published_at is not None
    assert claim.status == Claim.Status.PUBLISHED


def test_editor_sends_back_with_a_note(claim, reviewer, editor, rating_false) -> None:
    verdict = submitted(claim, reviewer, rating_false)
    services.verdict_send_back(verdict=verdict, actor=editor, note="Cite the ministry.")
    claim.refresh_from_db()
    verdict.refresh_from_db()
    assert claim.status == Claim.Status.CHECKING
    assert claim.return_note == "Cite the ministry."
    assert verdict.state == Verdict.State.DRAFT
    # Sending back is not writing: the same editor may approve the resubmission.
    ensure_source(verdict.claim)
    services.verdict_submit(verdict=verdict, actor=reviewer)
    services.verdict_approve(verdict=verdict, actor=editor)


def test_correction_makes_a_new_version_and_keeps_the_old_one_readable(
    claim, reviewer, editor, rating_false
) -> None:
    first = submitted(claim, reviewer, rating_false)
    services.verdict_approve(verdict=first, actor=editor)
    with pytest.raises(ValidationError, match="correction note"):
        services.verdict_save_draft(
            claim=claim, actor=reviewer, rating=rating_false, summary="Still false."
        )
    mixed = Rating.objects.get(slug="mixed")
    second = services.verdict_save_draft(
        claim=claim,
        actor=reviewer,
        rating=mixed,
        summary="Partly right.",
        correction_note="The ministry later revised its figure.",
    )
    ensure_source(second.claim)
    services.verdict_submit(verdict=second, actor=reviewer)
    claim.refresh_from_db()
    assert claim.status == Claim.Status.PUBLISHED  # the old verdict stays up meanwhile
    services.verdict_approve(verdict=second, actor=editor)
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.state, second.state) == (Verdict.State.SUPERSEDED, Verdict.State.PUBLISHED)
    assert (first.number, second.number) == (1, 2)
    assert first.summary == "Fewer than 10,000 took part."


def test_reviewer_dismisses_with_a_reason_and_only_an_editor_reopens(
    claim, reviewer, editor
) -> None:
    with pytest.raises(ValidationError, match="cannot be empty"):
        services.claim_dismiss(claim=claim, actor=reviewer, reason="  ")
    services.claim_dismiss(claim=claim, actor=reviewer, reason="Opinion, not a claim.")
    claim.refresh_from_db()
    assert claim.status == Claim.Status.DISMISSED
    with pytest.raises(PermissionDenied, match="reopen"):
        services.claim_restore(claim=claim, actor=reviewer)
    services.claim_restore(claim=claim, actor=editor)
    claim.refresh_from_db()
    assert claim.status == Claim.Status.NEW and claim.dismiss_reason == ""


def test_stale_edit_gets_a_conflict_naming_the_changed_fields(
    claim, reviewer, other_reviewer
) -> None:
    loaded_version = claim.version
    services.claim_update(
        claim=claim, actor=reviewer, expected_version=loaded_version, statement="First edit."
    )
    with pytest.raises(services.ConflictError) as conflict:
        services.claim_update(
            claim=claim,
            actor=other_reviewer,
            expected_version=loaded_version,
            statement="Second edit.",
        )
    assert conflict.value.changes == {"statement": ("Second edit.", "First edit.")}
    claim.refresh_from_db()
    assert claim.statement == "First edit."


def test_reviewer_adds_a_claim_from_a_selection_trimmed_to_words(reviewer) -> None:
    article = ClaimFactory().article
    claim = services.claim_create(article=article, actor=reviewer, start=42, end=64)
    assert claim.quote == article.body[claim.start : claim.end] == "the five-day drills."
    assert claim.origin == Claim.Origin.HUMAN
    with pytest.raises(ValidationError, match="outside"):
        services.claim_create(article=article, actor=reviewer, start=0, end=10_000)


def test_assigning_others_needs_an_editor_and_a_person_who_can_check(
    claim, reviewer, other_reviewer, editor
) -> None:
    with pytest.raises(PermissionDenied, match="for editors"):
        services.claim_assign(claim=claim, actor=reviewer, assignee=other_reviewer)
    outsider = make_user("outsider")
    with pytest.raises(ValidationError):
        services.claim_assign(claim=claim, actor=editor, assignee=outsider)
    services.claim_assign(claim=claim, actor=editor, assignee=reviewer)
    assert list(Claim.objects.assigned_to(reviewer)) == [claim]


def test_a_reviewer_takes_a_free_claim_gives_it_back_and_cannot_take_a_held_one(
    claim, reviewer, other_reviewer, editor
) -> None:
    services.claim_take(claim=claim, actor=reviewer)
    claim.refresh_from_db()
    assert claim.assignee == reviewer
    with pytest.raises(PermissionDenied, match="assigned to rita"):
        services.claim_take(claim=claim, actor=other_reviewer)
    services.claim_assign(claim=claim, actor=reviewer, assignee=None)
    claim.refresh_from_db()
    assert claim.assignee is None
    services.claim_take(claim=claim, actor=other_reviewer)
    services.claim_take(claim=claim, actor=editor)  # an editor may take it over
    claim.refresh_from_db()
    assert claim.assignee == editor


def test_every_change_is_in_the_history_with_its_author(claim, reviewer) -> None:
    services.claim_update(
        claim=claim, actor=reviewer, expected_version=claim.version, claimant="Defense Ministry"
    )
    latest = claim.history.first()
    assert latest is not None
    assert latest.history_user == reviewer and latest.claimant == "Defense Ministry"


def test_a_verdict_without_a_source_is_refused_with_a_clear_message(
    client, reviewer, rating_false
) -> None:
    claim = ClaimFactory()
    verdict = services.verdict_save_draft(
        claim=claim, actor=reviewer, rating=rating_false, summary="No."
    )
    with pytest.raises(services.WorkflowError, match="at least one source"):
        services.verdict_submit(verdict=verdict, actor=reviewer)
    client.force_login(reviewer)
    page = client.get(claim.get_absolute_url()).content.decode()
    assert 'data-checklist-item="todo"' in page and "At least one source attached" in page
    response = client.post(
        reverse("verdict_save", args=[claim.pk]),
        {"rating": rating_false.pk, "summary": "No.", "action": "submit", "version": 1},
    )
    assert response.status_code == 400 and "at least one source" in response.content.decode()
    claim.refresh_from_db()
    assert claim.status == Claim.Status.CHECKING  # drafted, not submitted
    SourceFactory(claim=claim)
    assert 'data-checklist-item="done"' in client.get(claim.get_absolute_url()).content.decode()
    services.verdict_submit(verdict=verdict, actor=reviewer)
    claim.refresh_from_db()
    assert claim.status == Claim.Status.AWAITING_APPROVAL


def test_the_source_rule_can_be_turned_off(reviewer, rating_false, settings) -> None:
    settings.VERDICT_REQUIRES_SOURCE = False
    claim = ClaimFactory()
    verdict = services.verdict_save_draft(
        claim=claim, actor=reviewer, rating=rating_false, summary="No."
    )
    assert services.verdict_submit(verdict=verdict, actor=reviewer).state == "submitted"


def test_a_draft_verdicts_address_is_the_desks_workspace_not_the_public_page(
    claim, reviewer, rating_false
) -> None:
    draft = services.verdict_save_draft(
        claim=claim, actor=reviewer, rating=rating_false, summary="Fewer took part."
    )
    assert draft.get_absolute_url() == reverse("claim_detail", args=[claim.pk]) + "#verdict"


def test_save_and_submit_is_one_step_that_writes_nothing_when_submitting_is_refused(
    claim, reviewer, rating_false
) -> None:
    # No source yet: submitting is refused, and the draft is not left behind either.
    with pytest.raises(ValidationError):
        services.verdict_save_and_submit(
            claim=claim, actor=reviewer, rating=rating_false, summary="Fewer took part."
        )
    assert not Verdict.objects.exists()
    ensure_source(claim)
    verdict = services.verdict_save_and_submit(
        claim=claim, actor=reviewer, rating=rating_false, summary="Fewer took part."
    )
    assert verdict.state == Verdict.State.SUBMITTED


def test_a_new_verdict_is_refused_while_one_is_open(claim, reviewer, rating_false) -> None:
    first = services.verdict_create(
        claim=claim, actor=reviewer, rating=rating_false, summary="Fewer took part."
    )
    with pytest.raises(services.OpenVerdictExists) as refused:
        services.verdict_create(
            claim=claim, actor=reviewer, rating=rating_false, summary="Other words."
        )
    assert refused.value.verdict == first
    assert Verdict.objects.get().summary == "Fewer took part."
