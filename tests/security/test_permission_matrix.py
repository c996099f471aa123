"""Who may do what, through every door that offers it.

Every action of the desk, for every role (anonymous, a data consumer with no group,
Reviewer, Editor, admin), through the web UI (logged in), the API (with that person's
token) and the admin (the person given staff access, so the admin's own login is not
what stops them). Whether the action happened is read from the database, never from the
response alone; a refusal is never a server error.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.http import HttpResponse
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from factcheck.api import etag_for
from factcheck.articles.models import Article
from factcheck.claims import services
from factcheck.claims.models import Claim, Rating, Source, Verdict
from factcheck.monitoring.models import Feed, Sighting
from tests.clients import api_client, web_client
from tests.factories import ClaimFactory, SourceFactory, ensure_source, make_user

pytestmark = pytest.mark.django_db

ROLES = ("anonymous", "consumer", "reviewer", "editor", "admin")
CHECKERS = frozenset({"reviewer", "editor", "admin"})
EDITORS = frozenset({"editor", "admin"})
EVERYONE = frozenset(ROLES)
SIGNED_IN = frozenset(ROLES) - {"anonymous"}
NOBODY: frozenset[str] = frozenset()
ARTICLE_TEXT = "The ministry said 12,000 troops took part in the drills on Monday."


@dataclass
class Desk:
    """One claim on the desk, the people around it, and the acting person."""

    role: str
    actor: User | None
    author: User  # a reviewer who writes the verdicts that others approve
    approver: User  # an editor who is not the actor
    claim: Claim
    verdict: Verdict | None = None
    source: Source | None = None
    extra: dict[str, Any] = field(default_factory=dict)


def make_actor(role: str, *, staff: bool) -> User | None:
    if role == "anonymous":
        return None
    if role == "admin":
        return make_user("ada", is_staff=True, is_superuser=True)
    group = {"consumer": None, "reviewer": "Reviewer", "editor": "Editor"}[role]
    return make_user(f"{role}-actor", group, is_staff=staff)


def make_desk(role: str, *, staff: bool) -> Desk:
    claim = ClaimFactory()
    return Desk(
        role=role,
        actor=make_actor(role, staff=staff),
        author=make_user("walt", "Reviewer"),
        approver=make_user("olga", "Editor"),
        claim=claim,
        source=SourceFactory(claim=claim),
    )


CLIENTS: dict[str, Callable[[User | None], Any]] = {
    "web": web_client,
    "api": api_client,
    "admin": web_client,
}


def fresh(obj: Any) -> Any:
    return type(obj).objects.get(pk=obj.pk)


def rating(slug: str = "false") -> Rating:
    return Rating.objects.get(slug=slug)


# Preparing the desk for an action


def nothing(desk: Desk) -> None:
    pass


def submitted(desk: Desk) -> None:
    verdict = services.verdict_save_draft(
        claim=desk.claim, actor=desk.author, rating=rating(), summary="Fewer took part."
    )
    ensure_source(verdict.claim)
    desk.verdict = services.verdict_submit(verdict=verdict, actor=desk.author)


def published(desk: Desk) -> None:
    submitted(desk)
    assert desk.verdict is not None
    desk.verdict = services.verdict_approve(verdict=desk.verdict, actor=desk.approver)


def dismissed(desk: Desk) -> None:
    services.claim_dismiss(claim=desk.claim, actor=desk.approver, reason="Opinion.")


def repeat_of_a_checked_claim(desk: Desk) -> None:
    original = ClaimFactory(statement="The original claim.")
    checked = Desk(desk.role, None, desk.author, desk.approver, original)
    published(checked)
    services.claim_mark_duplicate(claim=desk.claim, actor=desk.approver, original=original)


def followed_feed(desk: Desk) -> None:
    desk.extra["feed"] = Feed.objects.create(name="Harbour news", url="https://feeds.example/h")


def seen_again(desk: Desk) -> None:
    """The desk's claim, in a new article, repeats a claim with a published verdict."""
    original = ClaimFactory(statement="The original claim.")
    published(Desk(desk.role, None, desk.author, desk.approver, original))
    desk.extra["sighting"] = Sighting.objects.create(
        claim=desk.claim, original=original, confidence=0.9
    )


FEED_URL = "https://feeds.example/new.xml"
FEED_FORM = {"url": FEED_URL, "name": "New feed", "interval_minutes": 60, "enabled": "on"}


# Admin forms


def admin_claim_form(claim: Claim, **changes: Any) -> dict[str, Any]:
    claim = fresh(claim)
    data: dict[str, Any] = {
        "statement": claim.statement,
        "type": claim.type,
        "claimant": claim.claimant,
        "assignee": claim.assignee_id or "",
        "loaded_version": claim.version,
    }
    for prefix in ("sources", "verdicts", "comments"):
        data |= {f"{prefix}-TOTAL_FORMS": 0, f"{prefix}-INITIAL_FORMS": 0}
    return data | changes


def admin_action(model: str, action: str, pk: int) -> tuple[str, dict[str, Any]]:
    # Confirmed: the first post shows the confirmation page (tested on its own).
    return reverse(f"admin:claims_{model}_changelist"), {
        "action": action,
        "_selected_action": [pk],
        "post": "yes",
        "reason": "Opinion.",
    }


def post_admin_action(client: Client, model: str, action: str, pk: int) -> HttpResponse:
    url, data = admin_action(model, action, pk)
    return client.post(url, data)


@dataclass(frozen=True)
class Action:
    name: str
    allowed: frozenset[str]
    doors: dict[str, Callable[[Any, Desk], Any]]
    done: Callable[[Desk, Any], bool]
    prepare: Callable[[Desk], None] = nothing
    # A list may refuse by being empty.
    empty_is_refusal: bool = False


def api_patch_claim(client: APIClient, desk: Desk, **data: Any) -> Any:
    return client.patch(
        f"/api/v1/claims/{desk.claim.pk}/",
        data,
        format="json",
        HTTP_IF_MATCH=etag_for(fresh(desk.claim)),
    )


def verdict_form(**extra: Any) -> dict[str, Any]:
    return {"rating": rating().pk, "summary": "Fewer took part.", "action": "draft"} | extra


def delete_in_admin(model: str, obj: Callable[[Desk], Any]) -> Callable[[Client, Desk], Any]:
    def door(client: Client, desk: Desk) -> Any:
        return client.post(
            reverse(f"admin:claims_{model}_delete", args=[obj(desk).pk]), {"post": "yes"}
        )

    return door


def still_there(obj: Callable[[Desk], Any]) -> Callable[[Desk, Any], bool]:
    """`done` for a deletion: it happened when the row is gone."""

    def gone(desk: Desk, response: Any) -> bool:
        target = obj(desk)
        return not type(target).objects.filter(pk=target.pk).exists()

    return gone


def shown(text: Callable[[Desk], str]) -> Callable[[Desk, Any], bool]:
    """`done` for a read: the page or the JSON came back with the unpublished text."""

    def read(desk: Desk, response: Any) -> bool:
        if response.status_code != 200:
            return False
        if getattr(response, "streaming", False):
            return text(desk).encode() in b"".join(response.streaming_content)
        return text(desk) in response.content.decode()

    return read


ACTIONS = [
    Action(
        "add an article",
        CHECKERS,
        {
            "web": lambda c, d: c.post(
                reverse("article_new"), {"text": ARTICLE_TEXT, "title": "Drills"}
            ),
            "api": lambda c, d: c.post("/api/v1/articles/", {"text": ARTICLE_TEXT}, format="json"),
        },
        lambda d, r: Article.objects.filter(body=ARTICLE_TEXT).exists(),
    ),
    Action(
        "edit a claim",
        CHECKERS,
        {
            "web": lambda c, d: c.post(
                reverse("claim_edit", args=[d.claim.pk]),
                {"statement": "Edited.", "type": "quantity", "claimant": "", "version": 1},
            ),
            "api": lambda c, d: api_patch_claim(c, d, statement="Edited."),
            "admin": lambda c, d: c.post(
                reverse("admin:claims_claim_change", args=[d.claim.pk]),
                admin_claim_form(d.claim, statement="Edited."),
            ),
        },
        lambda d, r: fresh(d.claim).statement == "Edited.",
    ),
    Action(
        "add a source",
        CHECKERS,
        {
            "web": lambda c, d: c.post(
                reverse("source_add", args=[d.claim.pk]),
                {"url": "https://evidence.example/new", "stance": "refutes"},
            ),
            "api": lambda c, d: c.post(
                f"/api/v1/claims/{d.claim.pk}/sources/",
                {"url": "https://evidence.example/new"},
                format="json",
            ),
        },
        lambda d, r: d.claim.sources.filter(url="https://evidence.example/new").exists(),
    ),
    Action(
        "draft a verdict",
        CHECKERS,
        {
            "web": lambda c, d: c.post(reverse("verdict_save", args=[d.claim.pk]), verdict_form()),
            "api": lambda c, d: c.post(
                "/api/v1/verdicts/",
                {"claim": d.claim.pk, "rating": "false", "summary": "Fewer took part."},
                format="json",
            ),
        },
        lambda d, r: d.claim.verdicts.exists(),
    ),
    Action(
        "assign a claim",
        EDITORS,
        {
            "web": lambda c, d: c.post(
                reverse("claim_assign", args=[d.claim.pk]), {"assignee": d.author.pk}
            ),
            "api": lambda c, d: api_patch_claim(c, d, assignee="walt"),
            "admin": lambda c, d: c.post(
                reverse("admin:claims_claim_change", args=[d.claim.pk]),
                admin_claim_form(d.claim, assignee=d.author.pk),
            ),
        },
        lambda d, r: fresh(d.claim).assignee == d.author,
    ),
    Action(
        "take a claim (assign it to oneself)",
        CHECKERS,
        {
            "web": lambda c, d: c.post(reverse("claim_take", args=[d.claim.pk])),
            "api": lambda c, d: api_patch_claim(
                c, d, assignee=d.actor.get_username() if d.actor else "nobody"
            ),
            "admin": lambda c, d: c.post(
                reverse("admin:claims_claim_change", args=[d.claim.pk]),
                admin_claim_form(d.claim, assignee=d.actor.pk if d.actor else ""),
            ),
        },
        lambda d, r: d.actor is not None and fresh(d.claim).assignee == d.actor,
    ),
    Action(
        "reopen a dismissed claim",
        EDITORS,
        {
            "web": lambda c, d: c.post(reverse("claim_restore", args=[d.claim.pk])),
            "api": lambda c, d: api_patch_claim(c, d, status="new"),
            "admin": lambda c, d: post_admin_action(c, "claim", "restore", d.claim.pk),
        },
        lambda d, r: fresh(d.claim).status == Claim.Status.NEW,
        prepare=dismissed,
    ),
    Action(
        "dismiss a claim",
        CHECKERS,
        {
            "web": lambda c, d: c.post(
                reverse("claim_dismiss", args=[d.claim.pk]), {"reason": "Opinion."}
            ),
            "api": lambda c, d: api_patch_claim(
                c, d, status="dismissed", dismiss_reason="Opinion."
            ),
            "admin": lambda c, d: post_admin_action(
                c, "claim", "dismiss_not_checkworthy", d.claim.pk
            ),
        },
        lambda d, r: fresh(d.claim).status == Claim.Status.DISMISSED,
    ),
    Action(
        "dismiss claims in bulk",
        CHECKERS,
        {
            "web": lambda c, d: c.post(
                reverse("claim_bulk"),
                {"ids": [d.claim.pk], "action": "dismiss", "reason": "Furniture.", "confirmed": 1},
            ),
            "api": lambda c, d: c.post(
                "/api/v1/claims/bulk/",
                {"ids": [d.claim.pk], "action": "dismiss", "reason": "Furniture."},
                format="json",
            ),
            "admin": lambda c, d: post_admin_action(
                c, "claim", "dismiss_not_checkworthy", d.claim.pk
            ),
        },
        lambda d, r: fresh(d.claim).status == Claim.Status.DISMISSED,
    ),
    Action(
        "assign claims to someone else in bulk",
        EDITORS,
        {
            "web": lambda c, d: c.post(
                reverse("claim_bulk"),
                {"ids": [d.claim.pk], "action": "assign", "assignee": d.author.pk, "confirmed": 1},
            ),
            "api": lambda c, d: c.post(
                "/api/v1/claims/bulk/",
                {"ids": [d.claim.pk], "action": "assign", "assignee": "walt"},
                format="json",
            ),
        },
        lambda d, r: fresh(d.claim).assignee == d.author,
    ),
    Action(
        "take claims in bulk",
        CHECKERS,
        {
            "web": lambda c, d: c.post(
                reverse("claim_bulk"), {"ids": [d.claim.pk], "action": "take", "confirmed": 1}
            ),
            "api": lambda c, d: c.post(
                "/api/v1/claims/bulk/", {"ids": [d.claim.pk], "action": "take"}, format="json"
            ),
            "admin": lambda c, d: post_admin_action(c, "claim", "take", d.claim.pk),
        },
        lambda d, r: d.actor is not None and fresh(d.claim).assignee == d.actor,
    ),
    Action(
        "comment on a claim (and mention someone)",
        CHECKERS,
        {
            "web": lambda c, d: c.post(
                reverse("comment_add", args=[d.claim.pk]), {"body": "Look, @olga."}
            ),
            "api": lambda c, d: c.post(
                f"/api/v1/claims/{d.claim.pk}/comments/", {"body": "Look, @olga."}, format="json"
            ),
        },
        lambda d, r: d.claim.comments.filter(body="Look, @olga.").exists(),
    ),
    Action(
        "approve and publish a verdict",
        EDITORS,
        {
            "web": lambda c, d: c.post(
                reverse("verdict_approve", args=[d.verdict.pk]), {"version": d.verdict.version}
            ),
            "api": lambda c, d: c.post(
                f"/api/v1/verdicts/{d.verdict.pk}/approve/", HTTP_IF_MATCH=etag_for(d.verdict)
            ),
            "admin": lambda c, d: post_admin_action(
                c, "verdict", "approve_and_publish", d.verdict.pk
            ),
        },
        lambda d, r: fresh(d.verdict).state == Verdict.State.PUBLISHED,
        prepare=submitted,
    ),
    Action(
        "publish a repeat of a checked claim",
        EDITORS,
        {"web": lambda c, d: c.post(reverse("claim_publish_duplicate", args=[d.claim.pk]))},
        lambda d, r: fresh(d.claim).status == Claim.Status.PUBLISHED,
        prepare=repeat_of_a_checked_claim,
    ),
    Action(
        "unpublish a published verdict",
        EDITORS,
        {
            "api": lambda c, d: c.post(
                f"/api/v1/verdicts/{d.verdict.pk}/unpublish/",
                {"reason": "The source was forged."},
                format="json",
                HTTP_IF_MATCH=etag_for(d.verdict),
            ),
        },
        lambda d, r: fresh(d.verdict).state == Verdict.State.WITHDRAWN,
        prepare=published,
    ),
    Action(
        "comment on a claim",
        CHECKERS,
        {
            "web": lambda c, d: c.post(
                reverse("comment_add", args=[d.claim.pk]), {"body": "Check the ministry."}
            ),
            "api": lambda c, d: c.post(
                f"/api/v1/claims/{d.claim.pk}/comments/",
                {"body": "Check the ministry."},
                format="json",
            ),
        },
        lambda d, r: d.claim.comments.filter(body="Check the ministry.").exists(),
    ),
    Action(
        "edit an article's details",
        CHECKERS,
        {
            "web": lambda c, d: c.post(
                reverse("article_edit", args=[d.claim.article_id]),
                {"title": "Renamed by the desk", "version": fresh(d.claim.article).version},
            ),
            "api": lambda c, d: c.patch(
                f"/api/v1/articles/{d.claim.article_id}/",
                {"title": "Renamed by the desk", "version": fresh(d.claim.article).version},
                format="json",
            ),
            "admin": lambda c, d: c.post(
                reverse("admin:articles_article_change", args=[d.claim.article_id]),
                {
                    "title": "Renamed by the desk",
                    "url": "",
                    "publisher": "",
                    "author": "",
                    "published_at_0": "",
                    "published_at_1": "",
                    "language": "en",
                    "loaded_version": fresh(d.claim.article).version,
                    "claims-TOTAL_FORMS": 0,
                    "claims-INITIAL_FORMS": 0,
                },
            ),
        },
        lambda d, r: fresh(d.claim.article).title == "Renamed by the desk",
    ),
    Action(
        "draft a correction of a published verdict",
        CHECKERS,
        {
            "web": lambda c, d: c.post(
                reverse("verdict_save", args=[d.claim.pk]),
                verdict_form(summary="Corrected.", correction_note="New figures."),
            ),
            "api": lambda c, d: c.post(
                "/api/v1/verdicts/",
                {
                    "claim": d.claim.pk,
                    "rating": "mixed",
                    "summary": "Corrected.",
                    "correction_note": "New figures.",
                },
                format="json",
            ),
        },
        lambda d, r: d.claim.verdicts.count() == 2,
        prepare=published,
    ),
    Action(
        "read an unpublished claim",
        CHECKERS,
        {
            "web": lambda c, d: c.get(reverse("claim_detail", args=[d.claim.pk])),
            "api": lambda c, d: c.get(f"/api/v1/claims/{d.claim.pk}/"),
            "admin": lambda c, d: c.get(reverse("admin:claims_claim_change", args=[d.claim.pk])),
        },
        shown(lambda d: d.claim.statement),
    ),
    Action(
        "read an unpublished draft verdict",
        CHECKERS,
        {
            "web": lambda c, d: c.get(reverse("claim_detail", args=[d.claim.pk])),
            "api": lambda c, d: c.get(f"/api/v1/verdicts/{d.verdict.pk}/"),
            "admin": lambda c, d: c.get(
                reverse("admin:claims_verdict_change", args=[d.verdict.pk])
            ),
        },
        shown(lambda d: "Fewer took part."),
        prepare=submitted,
    ),
    Action(
        "read an article",
        CHECKERS,
        {
            "web": lambda c, d: c.get(reverse("article_detail", args=[d.claim.article_id])),
            "api": lambda c, d: c.get(f"/api/v1/articles/{d.claim.article_id}/"),
            "admin": lambda c, d: c.get(
                reverse("admin:articles_article_change", args=[d.claim.article_id])
            ),
        },
        shown(lambda d: d.claim.article.title),
    ),
    Action(
        "list the claims",
        CHECKERS,
        {
            "web": lambda c, d: c.get(reverse("claim_list")),
            "api": lambda c, d: c.get("/api/v1/claims/"),
            "admin": lambda c, d: c.get(reverse("admin:claims_claim_changelist")),
        },
        shown(lambda d: d.claim.statement[:40]),
        empty_is_refusal=True,
    ),
    Action(
        "download the JSON export",
        SIGNED_IN,
        {"api": lambda c, d: c.get("/api/v1/verdicts/export.json")},
        shown(lambda d: "Fewer took part."),
        prepare=published,
    ),
    Action(
        "download the CSV export",
        SIGNED_IN,
        {"api": lambda c, d: c.get("/api/v1/verdicts/export.csv")},
        lambda d, r: r.status_code == 200 and b"Fewer took part." in b"".join(r.streaming_content),
        prepare=published,
    ),
    Action(
        "read the ClaimReview feed",
        EVERYONE,
        {"api": lambda c, d: c.get("/api/v1/claimreview.jsonld")},
        lambda d, r: (
            r.status_code == 200
            and f"/fact-checks/{d.claim.pk}/".encode() in b"".join(r.streaming_content)
        ),
        prepare=published,
    ),
    Action(
        "read a public fact-check page",
        EVERYONE,
        {"web": lambda c, d: c.get(reverse("claim_public", args=[d.claim.pk]))},
        shown(lambda d: "Fewer took part."),
        prepare=published,
    ),
    Action(
        "delete a source of a claim still being checked",
        EDITORS,
        {
            "admin": delete_in_admin("source", lambda d: d.source),
        },
        still_there(lambda d: d.source),
    ),
    Action(
        "delete a source of a published claim",
        NOBODY,
        {
            "admin": delete_in_admin("source", lambda d: d.source),
        },
        still_there(lambda d: d.source),
        prepare=published,
    ),
    Action(
        "see the desk insight page",
        CHECKERS,
        {"web": lambda c, d: c.get(reverse("insight"))},
        lambda d, r: r.status_code == 200 and b"Claims in and out per day" in r.content,
    ),
    Action(
        "download the desk insight figures",
        EDITORS,
        {
            "web": lambda c, d: c.get(reverse("insight_csv", args=["claims-in-out"])),
            "api": lambda c, d: c.get("/api/v1/insight/"),
        },
        lambda d, r: r.status_code == 200,
    ),
    Action(
        "delete a published verdict",
        NOBODY,
        {
            "admin": delete_in_admin("verdict", lambda d: d.verdict),
        },
        still_there(lambda d: d.verdict),
        prepare=published,
    ),
    Action(
        "delete a claim that has a verdict",
        NOBODY,
        {
            "admin": delete_in_admin("claim", lambda d: d.claim),
        },
        still_there(lambda d: d.claim),
        prepare=submitted,
    ),
    Action(
        "follow a feed",
        CHECKERS,
        {
            "web": lambda c, d: c.post(reverse("feed_list"), FEED_FORM),
            "admin": lambda c, d: c.post(reverse("admin:monitoring_feed_add"), FEED_FORM),
        },
        lambda d, r: Feed.objects.filter(url=FEED_URL).exists(),
    ),
    Action(
        "read a followed feed's status",
        CHECKERS,
        {
            "web": lambda c, d: c.get(reverse("feed_detail", args=[d.extra["feed"].pk])),
            "admin": lambda c, d: c.get(
                reverse("admin:monitoring_feed_change", args=[d.extra["feed"].pk])
            ),
        },
        shown(lambda d: "Harbour news"),
        prepare=followed_feed,
    ),
    Action(
        "publish an appearance seen again",
        EDITORS,
        {
            "web": lambda c, d: c.post(reverse("sighting_publish", args=[d.extra["sighting"].pk])),
            "admin": lambda c, d: c.post(
                reverse("admin:monitoring_sighting_changelist"),
                {"action": "publish", "_selected_action": [d.extra["sighting"].pk]},
            ),
        },
        lambda d, r: fresh(d.claim).status == Claim.Status.PUBLISHED,
        prepare=seen_again,
    ),
    Action(
        "dismiss a claim seen again",
        CHECKERS,
        {
            "web": lambda c, d: c.post(reverse("sighting_dismiss", args=[d.extra["sighting"].pk])),
        },
        lambda d, r: fresh(d.extra["sighting"]).status == Sighting.Status.DISMISSED,
        prepare=seen_again,
    ),
    Action(
        "read a claim's appearances",
        CHECKERS,
        {
            "web": lambda c, d: c.get(reverse("claim_detail", args=[d.claim.pk])),
            "api": lambda c, d: c.get(f"/api/v1/claims/{d.claim.pk}/appearances/"),
        },
        shown(lambda d: d.claim.article.title),
    ),
    Action(
        "delete an article whose claim has a verdict",
        NOBODY,
        {
            "admin": lambda c, d: c.post(
                reverse("admin:articles_article_delete", args=[d.claim.article_id]),
                {"post": "yes"},
            ),
        },
        still_there(lambda d: d.claim.article),
        prepare=submitted,
    ),
]

# Where a refusal may come from: the login page, 401 for a client with no token, 403,
# 404 for what the person may not even see, 405 for what the API does not offer.
REFUSALS = {"web": {302, 403, 404}, "api": {401, 403, 404, 405}, "admin": {302, 403}}

CASES = [
    pytest.param(action, door, role, id=f"{action.name} | {door} | {role}")
    for action in ACTIONS
    for door in action.doors
    for role in ROLES
]


@pytest.mark.parametrize(("action", "door", "role"), CASES)
def test_each_role_does_exactly_what_it_may_through_every_door(
    action: Action, door: str, role: str
) -> None:
    desk = make_desk(role, staff=door == "admin")
    action.prepare(desk)
    response = action.doors[door](CLIENTS[door](desk.actor), desk)
    allowed = role in action.allowed
    assert response.status_code < 500
    assert action.done(desk, response) is allowed, (
        f"{role} {'could not' if allowed else 'could'} {action.name} through the {door} "
        f"(HTTP {response.status_code})"
    )
    if not allowed:
        assert response.status_code in REFUSALS[door] | (
            {200} if action.empty_is_refusal else set()
        )
    if role == "anonymous" and door == "web" and response.status_code == 302:
        assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("role", ROLES)
def test_the_api_deletes_nothing_for_anyone(role: str) -> None:
    desk = make_desk(role, staff=False)
    published(desk)
    assert desk.verdict is not None and desk.source is not None
    client = api_client(desk.actor)
    for url in (
        f"/api/v1/verdicts/{desk.verdict.pk}/",
        f"/api/v1/sources/{desk.source.pk}/",
        f"/api/v1/claims/{desk.claim.pk}/",
        f"/api/v1/articles/{desk.claim.article_id}/",
    ):
        assert client.delete(url).status_code in (401, 403, 405)
    assert Verdict.objects.filter(pk=desk.verdict.pk).exists()
    assert Source.objects.filter(pk=desk.source.pk).exists()
    assert Claim.objects.filter(pk=desk.claim.pk).exists()


def test_an_account_without_a_role_sees_no_article_titles_or_names_in_the_filters() -> None:
    desk = make_desk("consumer", staff=False)
    page = web_client(desk.actor).get(reverse("claim_list")).content.decode()
    assert desk.claim.article.title not in page
    assert "walt" not in page and "olga" not in page


def test_the_matrix_covers_every_action_of_the_issue() -> None:
    names = " / ".join(action.name for action in ACTIONS)
    for word in (
        "article",
        "edit",
        "source",
        "draft",
        "assign",
        "take",
        "reopen",
        "dismiss",
        "approve",
        "publish",
        "correction",
        "delete",
        "unpublished",
        "export",
        "insight",
        "feed",
        "appearance",
        "seen again",
    ):
        assert word in names


# The admin offers no way around the services


@pytest.mark.parametrize("model", ["article", "claim", "source", "verdict"])
def test_not_even_a_superuser_adds_rows_in_the_admin(admin_client: Client, model: str) -> None:
    app = "articles" if model == "article" else "claims"
    assert admin_client.get(reverse(f"admin:{app}_{model}_add")).status_code == 403


def test_a_verdict_cannot_be_rewritten_in_the_admin(admin_client: Client) -> None:
    desk = make_desk("admin", staff=True)
    published(desk)
    assert desk.verdict is not None
    before = fresh(desk.verdict)
    admin_client.post(
        reverse("admin:claims_verdict_change", args=[desk.verdict.pk]),
        {"summary": "Rewritten.", "rating": rating("true").pk, "state": "draft"},
    )
    after = fresh(desk.verdict)
    assert (after.summary, after.rating_id, after.state, after.version) == (
        before.summary,
        before.rating_id,
        before.state,
        before.version,
    )


def test_a_workflow_field_cannot_be_set_in_the_admin(admin_client: Client) -> None:
    desk = make_desk("admin", staff=True)
    admin_client.post(
        reverse("admin:claims_claim_change", args=[desk.claim.pk]),
        admin_claim_form(desk.claim, status="published"),
    )
    assert fresh(desk.claim).status == Claim.Status.NEW


def test_a_mistaken_claim_without_a_verdict_can_be_deleted_by_an_admin(
    admin_client: Client,
) -> None:
    claim = ClaimFactory()
    admin_client.post(reverse("admin:claims_claim_delete", args=[claim.pk]), {"post": "yes"})
    assert not Claim.objects.filter(pk=claim.pk).exists()


# The four-eyes rule, through all three doors


def wrote_it(desk: Desk) -> None:
    """The acting editor drafted the verdict themselves."""
    verdict = services.verdict_save_draft(
        claim=desk.claim, actor=desk.actor, rating=rating(), summary="Fewer took part."
    )
    ensure_source(verdict.claim)
    desk.verdict = services.verdict_submit(verdict=verdict, actor=desk.actor)


def changed_it(desk: Desk) -> None:
    """A reviewer drafted it; the acting editor changed the draft before it was submitted."""
    services.verdict_save_draft(
        claim=desk.claim, actor=desk.author, rating=rating(), summary="Fewer took part."
    )
    verdict = services.verdict_save_draft(
        claim=desk.claim, actor=desk.actor, rating=rating("mixed"), summary="Some took part."
    )
    ensure_source(verdict.claim)
    desk.verdict = services.verdict_submit(verdict=verdict, actor=desk.author)


APPROVE = next(action for action in ACTIONS if action.name.startswith("approve"))


@pytest.mark.parametrize("door", ["web", "api", "admin"])
@pytest.mark.parametrize("role", ["editor", "admin"])
@pytest.mark.parametrize("share", [wrote_it, changed_it], ids=["author", "co-writer"])
def test_nobody_approves_a_verdict_they_wrote_any_part_of(door: str, role: str, share) -> None:
    desk = make_desk(role, staff=door == "admin")
    share(desk)
    assert desk.verdict is not None
    response = APPROVE.doors[door](CLIENTS[door](desk.actor), desk)
    assert response.status_code in REFUSALS[door]
    assert fresh(desk.verdict).state == Verdict.State.SUBMITTED
    assert fresh(desk.claim).status == Claim.Status.AWAITING_APPROVAL


@pytest.mark.parametrize("role", ROLES)
def test_an_unpublished_claim_has_no_public_page_and_is_in_no_export(role: str) -> None:
    desk = make_desk(role, staff=False)
    submitted(desk)
    client = web_client(desk.actor)
    assert client.get(reverse("claim_public", args=[desk.claim.pk])).status_code == 404
    feed = client.get("/api/v1/claimreview.jsonld")
    assert desk.claim.statement.encode() not in b"".join(feed.streaming_content)
    if desk.actor is not None:
        export = api_client(desk.actor).get("/api/v1/verdicts/export.json")
        assert b"Fewer took part." not in b"".join(export.streaming_content)
