"""Already fact-checked: a new claim matched against imported fact-checks, where a reviewer
sees it (claim page, reader and queue badges, one-click citing) and in the API."""

import io
from collections.abc import Iterator
from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.urls import reverse
from django.utils import timezone

from factcheck.articles.models import Article
from factcheck.articles.services import ArticleText, article_create
from factcheck.claims import services
from factcheck.claims.matching import ALREADY_CHECKED, claim_matches
from factcheck.claims.models import Claim, FactCheckMatch
from factcheck.claims.tasks import rematch_claims_task
from factcheck.factchecks.models import FactCheck
from factcheck.factchecks.services import factchecks_import
from factcheck.jobs.models import Job
from tests.clients import api_client, web_client
from tests.factories import make_user

pytestmark = pytest.mark.django_db

FEED = (
    "claim\theadline\trating\turl\tpublisher\tdate\n"
    "The harbour of Lindqvist was closed to all ferries for 30 days after the storm.\t"
    "Was Lindqvist harbour shut for a month?\tFalse\thttps://checks.example/lindqvist\t"
    "Nordic Checks\t2024-02-11\n"
    "A photo shows a moose walking through the Lindqvist town library.\tMoose in the library?\t"
    "Altered photo\thttps://checks.example/moose\tNordic Checks\t2024-01-05\n"
)
# Other reviews in the archive, so that word rarity means what it means in a real one.
SUBJECTS = ["The mayor", "A senator", "The health ministry", "A viral post", "The union"]
ACTS = ["cut the budget of", "doubled the fees of", "closed", "sold", "renamed"]
OBJECTS = ["the city zoo", "every public school", "the main hospital", "two bridges", "a museum"]
FILLER = "".join(
    f"{s} {a} {o}.\t\tMostly false\thttps://checks.example/f{i}-{j}-{k}\tOther Desk\t2023-06-01\n"
    for i, s in enumerate(SUBJECTS)
    for j, a in enumerate(ACTS)
    for k, o in enumerate(OBJECTS)
)
ARTICLE = (
    "Storm news. The harbour of Lindqvist was closed to every ferry for 30 days after the "
    "storm, the port authority said. Unrelated cafes reopened on Monday with new menus."
)


@pytest.fixture
def consumer(db: None) -> User:
    return make_user("partner-newsroom")


@pytest.fixture
def archive() -> None:
    factchecks_import(source=io.BytesIO((FEED + FILLER).encode()))


@pytest.fixture
def article(archive, reviewer, django_capture_on_commit_callbacks) -> Article:
    with django_capture_on_commit_callbacks(execute=True):
        article, _ = article_create(actor=reviewer, text=ArticleText(body=ARTICLE))
    return article


def harbour(article: Article) -> Claim:
    return article.claims.get(quote__icontains="harbour")


def test_a_claim_added_by_hand_gets_its_figures(reviewer, seed_article) -> None:
    start = seed_article.body.index("More than 10,000")
    claim = services.claim_create(article=seed_article, actor=reviewer, start=start, end=start + 30)
    assert [(f["kind"], f["value"]) for f in claim.facts][:1] == [("quantity", 10000.0)]


def test_a_new_claim_is_matched_to_the_fact_check_that_checked_it(article) -> None:
    claim = harbour(article)
    stored = list(FactCheckMatch.objects.filter(claim=claim).select_related("factcheck"))
    assert stored, "the harbour claim matched no fact-check"
    assert stored[0].factcheck.review_url == "https://checks.example/lindqvist"
    assert stored[0].confidence >= ALREADY_CHECKED
    assert all(
        m.factcheck.review_url != "https://checks.example/moose" or m.confidence < ALREADY_CHECKED
        for m in stored
    )
    cafes = article.claims.filter(quote__icontains="cafes").first()
    if cafes is not None:
        assert not cafes.factcheck_matches.filter(confidence__gte=ALREADY_CHECKED).exists()


def test_the_claim_page_shows_the_fact_check_with_publisher_rating_date_and_link(
    article, reviewer
) -> None:
    page = web_client(reviewer).get(harbour(article).get_absolute_url()).content.decode()
    box = page[page.index('id="already-checked"') :]
    box = box[: box.index("</section>")]
    assert "Already checked" in box
    assert "Nordic Checks" in box
    assert "False" in box
    assert "11 Feb 2024" in box
    assert 'href="https://checks.example/lindqvist"' in box
    assert "same figure" in box


def test_the_reader_and_the_queue_show_the_badge(article, reviewer) -> None:
    client = web_client(reviewer)
    reader = client.get(article.get_absolute_url()).content.decode()
    item = reader[reader.index(f'id="claim-{harbour(article).pk}"') :]
    assert "Already checked" in item[: item.index("</li>")]
    dashboard = client.get(reverse("dashboard")).content.decode()
    assert dashboard.count("badge already-checked") == 1  # the harbour claim, nothing else


def test_one_click_cites_the_fact_check_as_a_source_and_twice_is_refused(article, reviewer) -> None:
    claim = harbour(article)
    match = claim.factcheck_matches.first()
    client = web_client(reviewer)
    url = reverse("claim_cite_factcheck", args=[claim.pk])
    done = client.post(url, {"factcheck": match.factcheck_id})
    assert done.status_code == 302
    source = claim.sources.get()
    assert (source.url, source.publisher, source.stance) == (
        "https://checks.example/lindqvist",
        "Nordic Checks",
        "context",
    )
    assert "False" in source.excerpt
    again = client.post(url, {"factcheck": match.factcheck_id})
    assert again.status_code == 400
    assert "already attached" in again.content.decode()
    assert client.post(url, {"factcheck": "nope"}).status_code == 400
    assert claim.sources.count() == 1


def test_the_api_lists_a_claims_matches_and_the_imported_fact_checks(
    article, reviewer, consumer
) -> None:
    api = api_client(reviewer)
    claim = harbour(article)
    matches = api.get(f"/api/v1/claims/{claim.pk}/matches/").json()
    assert matches[0]["kind"] == "external"
    assert matches[0]["already_checked"] is True
    assert matches[0]["rating"] == "False"
    assert matches[0]["factcheck"]["review_url"] == "https://checks.example/lindqvist"
    listed = api.get("/api/v1/factchecks/", {"publisher": "Nordic Checks"}).json()
    assert {r["review_url"] for r in listed["results"]} == {
        "https://checks.example/lindqvist",
        "https://checks.example/moose",
    }
    assert api_client(consumer).get("/api/v1/factchecks/").status_code == 403


def test_our_published_verdict_is_offered_for_reuse(
    seed_article, reviewer, editor, django_capture_on_commit_callbacks
) -> None:
    from tests.claims.test_similar import RESTATEMENTS, publish

    original = seed_article.claims.get(quote__icontains="10,000 troops")
    publish(original, reviewer, editor)
    with django_capture_on_commit_callbacks(execute=True):
        restated, _ = article_create(actor=reviewer, text=ArticleText(body=RESTATEMENTS))
    repeat = restated.claims.get(quote__icontains="10,000 soldiers")
    first = claim_matches(repeat)[0]
    assert (first.kind, first.claim, str(first.verdict.rating)) == ("ours", original, "True")
    page = web_client(reviewer).get(repeat.get_absolute_url()).content.decode()
    box = page[page.index('id="already-checked"') :]
    assert "Reuse our verdict" in box[: box.index("</section>")]


def test_a_claim_stored_before_an_import_is_matched_when_the_fact_check_arrives(
    reviewer, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        article, _ = article_create(actor=reviewer, text=ArticleText(body=ARTICLE))
    claim = harbour(article)
    assert not claim.factcheck_matches.exists()  # nothing to match yet
    with django_capture_on_commit_callbacks(execute=True) as queued:
        factchecks_import(source=io.BytesIO((FEED + FILLER).encode()))
    assert len(queued) == 1  # one job for the import, not one per review
    best = claim.factcheck_matches.select_related("factcheck").first()
    assert best is not None, "the claim stored before the import was not matched again"
    assert best.factcheck.review_url == "https://checks.example/lindqvist"
    assert best.confidence >= ALREADY_CHECKED
    cafes = article.claims.filter(quote__icontains="cafes").first()
    if cafes is not None:
        assert not cafes.factcheck_matches.filter(confidence__gte=ALREADY_CHECKED).exists()


def test_without_a_broker_every_chunk_is_matched_again_in_one_loop(
    reviewer, django_capture_on_commit_callbacks, monkeypatch
) -> None:
    from factcheck.claims import matching

    monkeypatch.setattr(matching, "REMATCH_CHUNK", 10)
    with django_capture_on_commit_callbacks(execute=True):
        article, _ = article_create(actor=reviewer, text=ArticleText(body=ARTICLE))
    header, reviews = FEED.split("\n", 1)
    with django_capture_on_commit_callbacks(execute=True) as queued:  # Lindqvist comes last
        factchecks_import(source=io.BytesIO(f"{header}\n{FILLER}{reviews}".encode()))
    assert len(queued) == 1
    assert (
        harbour(article)
        .factcheck_matches.filter(factcheck__review_url="https://checks.example/lindqvist")
        .exists()
    )


def test_an_import_that_changes_nothing_matches_nothing_again(
    archive, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks() as queued:
        result = factchecks_import(source=io.BytesIO((FEED + FILLER).encode()))
    assert (result.created, result.updated) == (0, 0)
    assert queued == []


@pytest.fixture
def with_broker() -> Iterator[None]:
    """Jobs go to the outbox (as with a broker) instead of running on commit."""
    from factcheck.celery import app as celery_app

    eager = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = False
    yield
    celery_app.conf.task_always_eager = eager


def test_a_large_import_is_matched_again_in_bounded_jobs(article, with_broker, monkeypatch) -> None:
    from factcheck.claims import matching

    monkeypatch.setattr(matching, "REMATCH_CHUNK", 10)
    FactCheckMatch.objects.all().delete()
    changed_since = timezone.now() - timedelta(days=1)
    matching.claims_rematch_for_factchecks(changed_since=changed_since)
    # The first 10 reviews (by id) here; the next job starts after the 10th.
    tenth = FactCheck.objects.order_by("pk").values_list("pk", flat=True)[9]
    job = Job.objects.get()
    assert (job.task, job.args) == (rematch_claims_task.name, [changed_since.isoformat(), tenth])
    # Lindqvist is the first review of the feed: its claim is matched again in this job.
    assert (
        harbour(article)
        .factcheck_matches.filter(factcheck__review_url="https://checks.example/lindqvist")
        .exists()
    )
