"""No lost updates: two people saving the same claim, verdict or source at the same moment,
through the web UI, the API or the admin, end in one success and one clear conflict.

Each person is a thread with its own database connection (a transactional test, so both
see committed rows). A barrier makes both load the object before either saves; the saves
then race, and the row lock plus the version check must let exactly one through.
"""

import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import lxml.html
import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test import Client
from django.urls import reverse

from factcheck.claims import services
from factcheck.claims.models import Claim, Rating, Source, Verdict
from tests.clients import api_client, web_client
from tests.factories import ClaimFactory, SourceFactory, ensure_source, make_user

pytestmark = pytest.mark.django_db(transaction=True)

CONFLICT_WORDS = "changed by someone else"


def web_conflict(response: Any, subject: str) -> bool:
    """The claim page's conflict panel: 409, saying what happened to what."""
    text = " ".join(response.content.decode().split())
    return response.status_code == 409 and f"Someone else saved this {subject}" in text


@dataclass
class Outcome:
    who: str
    ok: bool
    conflict: bool
    detail: str


@dataclass(frozen=True)
class Person:
    """Someone who loads an object, then saves their change; `save` returns an Outcome."""

    name: str
    load: Callable[[], Any]
    save: Callable[[Any], Outcome]


def race(*people: Person) -> list[Outcome]:
    barrier = threading.Barrier(len(people), timeout=30)
    outcomes: list[Outcome] = []
    errors: list[BaseException] = []
    lock = threading.Lock()

    def run(person: Person) -> None:
        try:
            loaded = person.load()
            barrier.wait()
            outcome = person.save(loaded)
            with lock:
                outcomes.append(outcome)
        except BaseException as exc:
            errors.append(exc)
            barrier.abort()
        finally:
            connection.close()  # this thread's own connection

    threads = [threading.Thread(target=run, args=(p,)) for p in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors, errors
    assert len(outcomes) == len(people)
    return outcomes


def one_won(outcomes: list[Outcome]) -> Outcome:
    """Exactly one saved; every other got a conflict it can show. Returns the winner."""
    winners = [o for o in outcomes if o.ok]
    losers = [o for o in outcomes if not o.ok]
    assert len(winners) == 1, outcomes
    assert losers and all(o.conflict for o in losers), outcomes
    return winners[0]


# The people and their doors


def form_value(html: str, action: str, name: str) -> str:
    """The value of an input in the form posting to `action`, as the browser would send it."""
    tree = lxml.html.fromstring(html)
    (value,) = tree.xpath(f"//form[@action='{action}']//input[@name='{name}']/@value") or [""]
    return str(value)


def web_claim_editor(user: User, claim: Claim, statement: str) -> Person:
    client = web_client(user)
    action = reverse("claim_edit", args=[claim.pk])

    def load() -> str:
        page = client.get(claim.get_absolute_url()).content.decode()
        return form_value(page, action, "version")

    def save(version: str) -> Outcome:
        response = client.post(
            action,
            {"statement": statement, "type": claim.type, "claimant": "", "version": version},
        )
        return Outcome(statement, response.status_code == 302, web_conflict(response, "claim"), "")

    return Person(statement, load, save)


def api_claim_editor(user: User, claim: Claim, statement: str) -> Person:
    client = api_client(user)
    url = f"/api/v1/claims/{claim.pk}/"

    def load() -> str:
        return str(client.get(url)["ETag"])

    def save(etag: str) -> Outcome:
        response = client.patch(url, {"statement": statement}, format="json", HTTP_IF_MATCH=etag)
        body = response.json()
        conflict = response.status_code == 412 and body["code"] == "conflict"
        return Outcome(statement, response.status_code == 200, conflict, str(body))

    return Person(statement, load, save)


def web_verdict_writer(user: User, claim: Claim, summary: str) -> Person:
    client = web_client(user)
    action = reverse("verdict_save", args=[claim.pk])

    def load() -> str:
        page = client.get(claim.get_absolute_url()).content.decode()
        return form_value(page, action, "version")

    def save(version: str) -> Outcome:
        response = client.post(
            action,
            {
                "rating": Rating.objects.get(slug="false").pk,
                "summary": summary,
                "version": version,
                "action": "draft",
            },
        )
        return Outcome(
            summary,
            response.status_code == 302,
            web_conflict(response, "verdict"),
            "",
        )

    return Person(summary, load, save)


def api_verdict_writer(user: User, verdict: Verdict, summary: str) -> Person:
    client = api_client(user)
    url = f"/api/v1/verdicts/{verdict.pk}/"

    def load() -> str:
        return str(client.get(url)["ETag"])

    def save(etag: str) -> Outcome:
        response = client.patch(url, {"summary": summary}, format="json", HTTP_IF_MATCH=etag)
        body = response.json()
        conflict = response.status_code == 412 and body["code"] == "conflict"
        return Outcome(summary, response.status_code == 200, conflict, str(body))

    return Person(summary, load, save)


@pytest.fixture
def people(db: None) -> tuple[User, User]:
    return make_user("rita", "Reviewer"), make_user("ravi", "Reviewer")


# Claims


@pytest.mark.parametrize(
    ("first", "second"),
    [
        (web_claim_editor, web_claim_editor),
        (api_claim_editor, api_claim_editor),
        (web_claim_editor, api_claim_editor),
    ],
    ids=["web-web", "api-api", "web-api"],
)
def test_two_people_saving_the_same_claim_at_once_get_one_success_and_one_conflict(
    people: tuple[User, User], first: Any, second: Any
) -> None:
    rita, ravi = people
    claim = ClaimFactory(statement="Original.")
    outcomes = race(first(rita, claim, "Rita's wording."), second(ravi, claim, "Ravi's wording."))
    winner = one_won(outcomes)
    claim.refresh_from_db()
    assert claim.statement == winner.who
    assert claim.version == 2
    assert claim.history.filter(history_type="~").count() == 1


# Verdicts


@pytest.fixture
def open_draft(people: tuple[User, User]) -> Verdict:
    claim = ClaimFactory()
    return services.verdict_save_draft(
        claim=claim,
        actor=people[0],
        rating=Rating.objects.get(slug="false"),
        summary="First wording.",
    )


def test_two_people_saving_the_same_draft_verdict_in_the_web_ui_get_one_conflict(
    people: tuple[User, User], open_draft: Verdict
) -> None:
    rita, ravi = people
    claim = open_draft.claim
    winner = one_won(
        race(
            web_verdict_writer(rita, claim, "Rita's wording."),
            web_verdict_writer(ravi, claim, "Ravi's wording."),
        )
    )
    open_draft.refresh_from_db()
    assert (open_draft.summary, open_draft.version) == (winner.who, 2)


def test_two_people_saving_the_same_draft_verdict_through_the_api_get_one_conflict(
    people: tuple[User, User], open_draft: Verdict
) -> None:
    rita, ravi = people
    winner = one_won(
        race(
            api_verdict_writer(rita, open_draft, "Rita's wording."),
            api_verdict_writer(ravi, open_draft, "Ravi's wording."),
        )
    )
    open_draft.refresh_from_db()
    assert (open_draft.summary, open_draft.version) == (winner.who, 2)


def test_a_draft_saved_in_the_web_ui_and_the_api_at_once_gets_one_conflict(
    people: tuple[User, User], open_draft: Verdict
) -> None:
    rita, ravi = people
    winner = one_won(
        race(
            web_verdict_writer(rita, open_draft.claim, "Rita's wording."),
            api_verdict_writer(ravi, open_draft, "Ravi's wording."),
        )
    )
    open_draft.refresh_from_db()
    assert open_draft.summary == winner.who


def test_two_first_drafts_of_the_same_claim_at_once_make_one_verdict(
    people: tuple[User, User],
) -> None:
    rita, ravi = people
    claim = ClaimFactory()
    winner = one_won(
        race(
            web_verdict_writer(rita, claim, "Rita's wording."),
            web_verdict_writer(ravi, claim, "Ravi's wording."),
        )
    )
    assert list(claim.verdicts.values_list("summary", flat=True)) == [winner.who]


def test_two_editors_approving_the_same_verdict_at_once_publish_it_once(db: None) -> None:
    author = make_user("walt", "Reviewer")
    editors = [make_user("edna", "Editor"), make_user("eddie", "Editor")]
    claim = ClaimFactory()
    verdict = services.verdict_save_draft(
        claim=claim, actor=author, rating=Rating.objects.get(slug="false"), summary="No."
    )
    ensure_source(verdict.claim)
    verdict = services.verdict_submit(verdict=verdict, actor=author)

    def approver(user: User) -> Person:
        client = web_client(user)
        action = reverse("verdict_approve", args=[verdict.pk])

        def load() -> str:
            return form_value(
                client.get(claim.get_absolute_url()).content.decode(), action, "version"
            )

        def save(version: str) -> Outcome:
            response = client.post(action, {"version": version})
            refused = response.status_code in (400, 409) and "changed after you opened" in (
                response.content.decode()
            )
            return Outcome(user.username, response.status_code == 302, refused, "")

        return Person(user.username, load, save)

    winner = one_won(race(*(approver(user) for user in editors)))
    verdict.refresh_from_db()
    assert verdict.state == Verdict.State.PUBLISHED
    assert verdict.approver.username == winner.who
    assert Verdict.history.filter(id=verdict.pk, state="published").count() == 1


# Sources: the admin is where they are edited


def admin_loaded_version(client: Client, url: str) -> str:
    tree = lxml.html.fromstring(client.get(url).content.decode())
    return str(tree.xpath("//input[@name='loaded_version']/@value")[0])


def admin_source_editor(user: User, source: Source, title: str) -> Person:
    client = web_client(user)
    url = reverse("admin:claims_source_change", args=[source.pk])

    def load() -> str:
        return admin_loaded_version(client, url)

    def save(version: str) -> Outcome:
        response = client.post(
            url,
            {"title": title, "stance": "context", "excerpt": "", "loaded_version": version},
            follow=True,
        )
        text = response.content.decode()
        return Outcome(title, "was changed successfully" in text, CONFLICT_WORDS in text, "")

    return Person(title, load, save)


def test_two_admins_saving_the_same_source_at_once_get_one_success_and_one_conflict(
    db: None,
) -> None:
    editors = [
        make_user("edna", "Editor", is_staff=True),
        make_user("eddie", "Editor", is_staff=True),
    ]
    source = SourceFactory(title="Original")
    winner = one_won(
        race(
            admin_source_editor(editors[0], source, "Edna's title"),
            admin_source_editor(editors[1], source, "Eddie's title"),
        )
    )
    source.refresh_from_db()
    assert (source.title, source.version) == (winner.who, 2)


def test_two_claim_edits_in_the_admin_at_once_get_one_conflict(db: None) -> None:
    editors = [
        make_user("edna", "Editor", is_staff=True),
        make_user("eddie", "Editor", is_staff=True),
    ]
    claim = ClaimFactory(statement="Original.")

    def editor(user: User, statement: str) -> Person:
        client = web_client(user)
        url = reverse("admin:claims_claim_change", args=[claim.pk])

        def load() -> str:
            return admin_loaded_version(client, url)

        def save(version: str) -> Outcome:
            data: dict[str, Any] = {
                "statement": statement,
                "type": claim.type,
                "claimant": "",
                "assignee": "",
                "loaded_version": version,
            }
            for prefix in ("sources", "verdicts", "comments"):
                data |= {f"{prefix}-TOTAL_FORMS": 0, f"{prefix}-INITIAL_FORMS": 0}
            text = client.post(url, data, follow=True).content.decode()
            return Outcome(
                statement, "was changed successfully" in text, CONFLICT_WORDS in text, ""
            )

        return Person(statement, load, save)

    winner = one_won(race(editor(editors[0], "Edna's."), editor(editors[1], "Eddie's.")))
    claim.refresh_from_db()
    assert claim.statement == winner.who


def test_two_source_edits_through_the_service_at_once_get_one_conflict(
    people: tuple[User, User],
) -> None:
    source = SourceFactory(title="Original")

    def editor(user: User, title: str) -> Person:
        def load() -> Source:
            return Source.objects.get(pk=source.pk)

        def save(loaded: Source) -> Outcome:
            try:
                services.source_update(
                    source=loaded, actor=user, expected_version=loaded.version, title=title
                )
            except services.ConflictError as exc:
                return Outcome(title, False, "title" in exc.changes, str(exc))
            return Outcome(title, True, False, "")

        return Person(title, load, save)

    winner = one_won(race(editor(people[0], "Rita's"), editor(people[1], "Ravi's")))
    assert Source.objects.get(pk=source.pk).title == winner.who


def test_the_same_passage_claimed_twice_at_once_makes_one_claim(
    people: tuple[User, User],
) -> None:
    article = ClaimFactory().article
    Claim.objects.all().delete()

    def claimer(user: User) -> Person:
        def save(_: Any) -> Outcome:
            try:
                services.claim_create(article=article, actor=user, start=0, end=20)
            except services.WorkflowError as exc:
                return Outcome(user.username, False, "already a claim" in str(exc), str(exc))
            return Outcome(user.username, True, False, "")

        return Person(user.username, lambda: None, save)

    one_won(race(*(claimer(user) for user in people)))
    assert article.claims.count() == 1
