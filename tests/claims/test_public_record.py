"""The published record: nothing public without two people, nothing published changes
silently. Each test goes through the door where the hole was found."""

import re
import threading
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, connection, transaction
from django.test import Client
from django.urls import reverse

from factcheck.articles.models import Article
from factcheck.claims import services
from factcheck.claims.models import Claim, Rating, Source, Verdict
from factcheck.claims.timeline import claim_timeline
from tests.api.conftest import publish, rating
from tests.clients import api_client
from tests.factories import ClaimFactory, SourceFactory, ensure_source, make_user

pytestmark = pytest.mark.django_db


def _etag(client: Any, url: str) -> str:
    return client.get(url)["ETag"]


def _loaded_version(page: str) -> str:
    found = re.search(r'name="loaded_version" value="(\d+)"', page)
    assert found, "the admin form carries the version it loaded"
    return found.group(1)


def _submitted(claim: Claim, author: User) -> Verdict:
    verdict = services.verdict_save_draft(
        claim=claim, actor=author, rating=rating("false"), summary="Fewer took part."
    )
    ensure_source(verdict.claim)
    return services.verdict_submit(verdict=verdict, actor=author)


# The approved text is the published text


def test_editing_a_claim_after_submission_sends_the_verdict_back_to_draft(
    reviewer: User, editor: User
) -> None:
    claim = ClaimFactory()
    verdict = _submitted(claim, reviewer)
    as_reviewer, as_editor = api_client(reviewer), api_client(editor)
    verdict_url = f"/api/v1/verdicts/{verdict.pk}/"
    stale_verdict_etag = _etag(as_editor, verdict_url)
    claim_url = f"/api/v1/claims/{claim.pk}/"
    edited = as_reviewer.patch(
        claim_url,
        {"statement": "The moon is made of cheese", "claimant": "NASA"},
        format="json",
        HTTP_IF_MATCH=_etag(as_reviewer, claim_url),
    )
    assert edited.status_code == 200
    verdict.refresh_from_db()
    assert verdict.state == Verdict.State.DRAFT
    assert Claim.objects.get(pk=claim.pk).status == Claim.Status.CHECKING

    approved = as_editor.post(f"{verdict_url}approve/", HTTP_IF_MATCH=stale_verdict_etag)
    assert approved.status_code == 412
    assert not Claim.objects.filter(pk=claim.pk, status=Claim.Status.PUBLISHED).exists()
    assert as_editor.get(reverse("claim_public", args=[claim.pk])).status_code == 404


def test_whoever_edits_a_submitted_claim_cannot_approve_its_verdict(
    reviewer: User, editor: User
) -> None:
    claim = ClaimFactory()
    verdict = _submitted(claim, reviewer)
    services.claim_update(claim=claim, actor=editor, expected_version=None, claimant="NASA")
    ensure_source(claim)
    verdict = services.verdict_submit(verdict=Verdict.objects.get(pk=verdict.pk), actor=reviewer)
    with pytest.raises(PermissionDenied):
        services.verdict_approve(verdict=verdict, actor=editor)


def test_approval_records_the_fingerprint_of_what_was_approved_and_refuses_a_back_door_change(
    reviewer: User, editor: User
) -> None:
    claim = ClaimFactory()
    verdict = _submitted(claim, reviewer)
    assert len(verdict.fingerprint) == 64
    # A change that bypasses the services (a shell, a raw update) is caught at approval.
    Claim.objects.filter(pk=claim.pk).update(statement="Something else entirely")
    with pytest.raises(services.WorkflowError, match="changed after it was submitted"):
        services.verdict_approve(verdict=verdict, actor=editor)
    Claim.objects.filter(pk=claim.pk).update(statement=claim.statement)
    approved = services.verdict_approve(verdict=verdict, actor=editor)
    assert approved.fingerprint == services.public_record_fingerprint(approved)


# Sources of a published fact-check


def test_a_source_added_to_a_published_claim_is_refused_without_a_correction(
    reviewer: User, editor: User
) -> None:
    claim = ClaimFactory()
    publish(claim, author=reviewer, approver=editor)
    response = api_client(reviewer).post(
        f"/api/v1/claims/{claim.pk}/sources/",
        {"url": "https://example.org/late", "title": "Late evidence"},
        format="json",
    )
    assert response.status_code == 400
    assert "correction" in response.json()["detail"]
    assert not Source.objects.filter(claim=claim, url="https://example.org/late").exists()


def test_evidence_added_for_a_correction_is_public_only_once_the_correction_is_approved(
    reviewer: User, editor: User, client: Client
) -> None:
    claim = ClaimFactory()
    SourceFactory(claim=claim, title="Approved evidence")
    publish(claim, author=reviewer, approver=editor)
    services.verdict_save_draft(
        claim=claim,
        actor=reviewer,
        rating=rating("mostly-false"),
        summary="Corrected.",
        correction_note="New figures.",
    )
    services.source_add(
        claim=claim, actor=reviewer, url="https://example.org/new", title="Unapproved evidence"
    )
    page = client.get(reverse("claim_public", args=[claim.pk])).content.decode()
    assert "Approved evidence" in page
    assert "Unapproved evidence" not in page

    ensure_source(claim)
    correction = services.verdict_submit(
        verdict=services.common._open_verdict(claim), actor=reviewer
    )
    services.verdict_approve(verdict=correction, actor=editor)
    page = client.get(reverse("claim_public", args=[claim.pk])).content.decode()
    assert "Unapproved evidence" in page


def test_the_admin_cannot_rewrite_a_published_source(
    reviewer: User, editor: User, admin_client: Client
) -> None:
    claim = ClaimFactory()
    source = SourceFactory(claim=claim, excerpt="The ministry said 10,000.", stance="supports")
    publish(claim, author=reviewer, approver=editor)
    url = reverse("admin:claims_source_change", args=[source.pk])
    page = admin_client.get(url).content.decode()
    response = admin_client.post(
        url,
        {
            "title": source.title,
            "publisher": "",
            "published_on": "",
            "excerpt": "Rewritten after publication.",
            "stance": "refutes",
            "loaded_version": _loaded_version(page),
        },
        follow=True,
    )
    assert "part of a published fact-check" in response.content.decode()
    source.refresh_from_db()
    assert (source.excerpt, source.stance) == ("The ministry said 10,000.", "supports")


# Repeats need a second person


def test_one_editor_cannot_mark_and_publish_a_repeat_alone(
    reviewer: User, editor: User, other_editor: User
) -> None:
    original = ClaimFactory()
    publish(original, author=reviewer, approver=other_editor)
    repeat = ClaimFactory()
    as_editor = api_client(editor)
    url = f"/api/v1/claims/{repeat.pk}/duplicate/"
    response = as_editor.post(
        url,
        {"original": original.pk, "publish": True},
        format="json",
        HTTP_IF_MATCH=_etag(as_editor, f"/api/v1/claims/{repeat.pk}/"),
    )
    assert response.status_code == 403
    repeat.refresh_from_db()
    assert repeat.duplicate_of_id is None  # all or nothing: not even marked
    assert repeat.status == Claim.Status.NEW


def test_a_repeat_marked_by_one_person_is_published_when_an_editor_confirms_it(
    reviewer: User, editor: User, other_editor: User, client: Client
) -> None:
    original = ClaimFactory()
    publish(original, author=reviewer, approver=other_editor)
    repeat = ClaimFactory()
    services.claim_mark_duplicate(claim=repeat, actor=editor, original=original)
    client.force_login(editor)
    client.post(reverse("claim_publish_duplicate", args=[repeat.pk]))
    assert Claim.objects.get(pk=repeat.pk).status == Claim.Status.CHECKING

    client.force_login(other_editor)
    client.post(reverse("claim_publish_duplicate", args=[repeat.pk]))
    repeat.refresh_from_db()
    assert repeat.status == Claim.Status.PUBLISHED
    assert (repeat.duplicate_marked_by, repeat.duplicate_confirmed_by) == (editor, other_editor)


def test_the_database_refuses_a_repeat_confirmed_by_the_person_who_marked_it(
    editor: User,
) -> None:
    claim = ClaimFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Claim.objects.filter(pk=claim.pk).update(
            duplicate_marked_by=editor, duplicate_confirmed_by=editor
        )


@pytest.mark.django_db(transaction=True)
def test_two_people_marking_two_claims_as_repeats_of_each_other_do_not_deadlock() -> None:
    first, second = ClaimFactory(), ClaimFactory()
    people = [make_user("ann", "Reviewer"), make_user("bob", "Reviewer")]
    start = threading.Barrier(2)
    outcomes: list[str] = []

    def mark(actor: User, claim: Claim, original: Claim) -> None:
        start.wait()
        try:
            services.claim_mark_duplicate(claim=claim, actor=actor, original=original)
            outcomes.append("marked")
        except services.WorkflowError:
            outcomes.append("refused")
        except Exception as exc:  # a deadlock would surface here
            outcomes.append(type(exc).__name__)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=mark, args=(people[0], first, second)),
        threading.Thread(target=mark, args=(people[1], second, first)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert sorted(outcomes) == ["marked", "refused"]
    marked = Claim.objects.exclude(duplicate_of=None)
    assert marked.count() == 1


# A dismissal stays a dismissal


def test_a_dismissed_claims_old_draft_cannot_be_submitted(reviewer: User, editor: User) -> None:
    claim = ClaimFactory()
    draft = services.verdict_save_draft(
        claim=claim, actor=reviewer, rating=rating("false"), summary="No."
    )
    services.claim_dismiss(claim=claim, actor=editor, reason="Not check-worthy.")
    as_reviewer = api_client(reviewer)
    url = f"/api/v1/verdicts/{draft.pk}/"
    response = as_reviewer.post(f"{url}submit/", HTTP_IF_MATCH=_etag(as_reviewer, url))
    assert response.status_code == 400
    assert "restore" in response.json()["detail"]
    assert Claim.objects.get(pk=claim.pk).status == Claim.Status.DISMISSED
    assert Verdict.objects.get(pk=draft.pk).state == Verdict.State.DRAFT


# Admin saves check the version they loaded


def _approve_elsewhere(verdict: Verdict, approver: User) -> None:
    """Approve on a second database connection, as another editor's request would."""

    def run() -> None:
        try:
            services.verdict_approve(verdict=Verdict.objects.get(pk=verdict.pk), actor=approver)
        finally:
            connection.close()

    thread = threading.Thread(target=run)
    thread.start()
    thread.join(30)


@pytest.mark.django_db(transaction=True)
def test_a_stale_verdict_admin_save_does_not_undo_an_approval(admin_client: Client) -> None:
    author, approver = make_user("wren", "Reviewer"), make_user("otto", "Editor")
    claim = ClaimFactory()
    verdict = _submitted(claim, author)
    url = reverse("admin:claims_verdict_change", args=[verdict.pk])
    page = admin_client.get(url).content.decode()
    _approve_elsewhere(verdict, approver)
    assert Verdict.objects.get(pk=verdict.pk).state == Verdict.State.PUBLISHED

    response = admin_client.post(url, {"loaded_version": _loaded_version(page)})
    assert response.status_code in (200, 302)
    verdict.refresh_from_db()
    assert verdict.state == Verdict.State.PUBLISHED
    assert verdict.version == 3  # drafted 1, submitted 2, approved 3: nothing written since
    assert Claim.objects.get(pk=claim.pk).status == Claim.Status.PUBLISHED
    assert Client().get(reverse("claim_public", args=[claim.pk])).status_code == 200


@pytest.mark.django_db(transaction=True)
def test_a_stale_claim_admin_save_is_a_conflict_not_an_overwrite(admin_client: Client) -> None:
    someone = make_user("sam", "Reviewer")
    claim = ClaimFactory(claimant="The ministry")
    url = reverse("admin:claims_claim_change", args=[claim.pk])
    page = admin_client.get(url).content.decode()
    services.claim_update(claim=claim, actor=someone, expected_version=None, claimant="NATO")
    response = admin_client.post(
        url,
        {
            "statement": "Edited on a stale page.",
            "type": "quantity",
            "claimant": "The ministry",
            "assignee": "",
            "loaded_version": _loaded_version(page),
            "sources-TOTAL_FORMS": 0,
            "sources-INITIAL_FORMS": 0,
            "verdicts-TOTAL_FORMS": 0,
            "verdicts-INITIAL_FORMS": 0,
            "comments-TOTAL_FORMS": 0,
            "comments-INITIAL_FORMS": 0,
        },
        follow=True,
    )
    assert "changed by someone else" in response.content.decode()
    claim.refresh_from_db()
    assert (claim.statement, claim.claimant) != ("Edited on a stale page.", "The ministry")
    assert claim.claimant == "NATO"


def _article_form(article: Article, page: str, **changes: Any) -> dict[str, Any]:
    data = {
        "title": article.title,
        "url": article.url or "",
        "publisher": article.publisher,
        "author": article.author,
        "published_at_0": "",
        "published_at_1": "",
        "language": article.language,
        "loaded_version": _loaded_version(page),
        "claims-TOTAL_FORMS": 0,
        "claims-INITIAL_FORMS": 0,
    }
    return {**data, **changes}


def test_an_admin_save_during_extraction_keeps_what_the_worker_wrote(
    admin_client: Client,
) -> None:
    claim = ClaimFactory()
    article = claim.article
    url = reverse("admin:articles_article_change", args=[article.pk])
    page = admin_client.get(url).content.decode()
    # Meanwhile the worker finishes the extraction.
    Article.objects.filter(pk=article.pk).update(
        job_status=Article.Status.DONE, boilerplate=[[0, 5]]
    )
    admin_client.post(url, _article_form(article, page, title="A better title"))
    article.refresh_from_db()
    assert article.title == "A better title"
    assert article.boilerplate == [[0, 5]]
    assert article.job_status == Article.Status.DONE
    assert article.history.first().history_username == "admin"


def test_a_published_claims_article_metadata_cannot_change_in_the_admin(
    reviewer: User, editor: User, admin_client: Client
) -> None:
    claim = ClaimFactory()
    publish(claim, author=reviewer, approver=editor)
    article = claim.article
    url = reverse("admin:articles_article_change", args=[article.pk])
    page = admin_client.get(url).content.decode()
    response = admin_client.post(
        url, _article_form(article, page, title="Renamed after publication"), follow=True
    )
    assert "part of the public record" in response.content.decode()
    assert Article.objects.get(pk=article.pk).title == article.title


# The rating scale


def _rating_form(rating_row: Rating, page: str, **changes: Any) -> dict[str, Any]:
    data = {
        "label": rating_row.label,
        "slug": rating_row.slug,
        "value": rating_row.value if rating_row.value is not None else "",
        "order": rating_row.order,
        "colour": rating_row.colour,
        "description": rating_row.description,
        "loaded_version": _loaded_version(page),
    }
    return {**data, **changes}


def test_renaming_a_rating_that_published_verdicts_use_is_refused(
    reviewer: User, editor: User, admin_client: Client
) -> None:
    publish(ClaimFactory(), author=reviewer, approver=editor, slug="false")
    false = rating("false")
    url = reverse("admin:claims_rating_change", args=[false.pk])
    page = admin_client.get(url).content.decode()
    response = admin_client.post(url, _rating_form(false, page, label="Accurate"), follow=True)
    assert "add a new rating instead" in response.content.decode()
    assert rating("false").label == "False"


def test_a_rating_no_verdict_published_is_renamed_with_history(admin_client: Client) -> None:
    mixed = rating("mixed")
    url = reverse("admin:claims_rating_change", args=[mixed.pk])
    page = admin_client.get(url).content.decode()
    admin_client.post(url, _rating_form(mixed, page, label="Half true"))
    mixed.refresh_from_db()
    assert mixed.label == "Half true"
    assert mixed.history.first().history_username == "admin"


def test_the_admin_adds_a_rating_through_the_service(admin_client: Client) -> None:
    admin_client.post(
        reverse("admin:claims_rating_add"),
        {
            "label": "Satire",
            "slug": "satire",
            "value": "",
            "order": 9,
            "colour": "#123456",
            "description": "",
        },
    )
    assert Rating.objects.get(slug="satire").history.count() == 1


# The audit trail keeps people


def test_history_keeps_the_actors_name_after_the_account_is_deleted(reviewer: User) -> None:
    claim = ClaimFactory()
    leaver = make_user("leaver", "Reviewer")
    services.claim_update(claim=claim, actor=leaver, expected_version=None, claimant="NATO")
    leaver.delete()
    entries = claim_timeline(Claim.objects.get(pk=claim.pk))
    assert any(entry.who == "leaver" for entry in entries)


def test_a_staff_user_without_permissions_opening_a_missing_object_gets_no_error(
    client: Client,
) -> None:
    staff = make_user("stafford", None, is_staff=True)
    client.force_login(staff)
    for name in ("claims_claim", "claims_verdict", "claims_source", "articles_article"):
        response = client.get(reverse(f"admin:{name}_change", args=[999999]))
        assert response.status_code in (302, 403, 404)
