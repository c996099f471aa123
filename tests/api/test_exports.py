"""Exports of published verdicts: JSON, CSV and the ClaimReview feed, by API and by command."""

import csv
import io
import json
from datetime import timedelta

import jsonschema
import pytest
from django.core.management import CommandError, call_command

from factcheck.claims import exports, services
from factcheck.claims.claimreview import CLAIM_REVIEW_FEED_SCHEMA
from factcheck.claims.models import Verdict
from tests.api.conftest import body, correct, publish, rating
from tests.factories import ArticleFactory, ClaimFactory, ensure_source

pytestmark = pytest.mark.django_db


@pytest.fixture
def verdicts(reviewer, editor):
    """Three published verdicts (one corrected), one still awaiting approval."""
    article = ArticleFactory(url="https://news.example.org/zapad")
    first = ClaimFactory(article=article, statement='=HYPERLINK("http://evil")', start=0)
    second = ClaimFactory(article=article, statement="+10,000 troops", claimant="@army", start=1)
    third = ClaimFactory(article=article, statement="Plain words.", start=2)
    publish(first, author=reviewer, approver=editor, slug="false")
    publish(second, author=reviewer, approver=editor, slug="unverifiable", summary="-Unclear")
    publish(third, author=reviewer, approver=editor, slug="true")
    correct(third, author=reviewer, approver=editor, slug="mostly-true")
    pending = ClaimFactory(article=article, start=3)
    draft = services.verdict_save_draft(
        claim=pending, actor=reviewer, rating=rating("mixed"), summary="Pending."
    )
    ensure_source(draft.claim)
    services.verdict_submit(verdict=draft, actor=reviewer)
    return {"first": first, "second": second, "third": third}


def csv_rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def streamed_text(response) -> str:
    assert response.streaming, "exports must be streamed"
    return b"".join(response.streaming_content).decode()


def test_json_export_lists_the_published_versions_only(as_consumer, verdicts) -> None:
    response = as_consumer.get("/api/v1/verdicts/export.json")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    rows = json.loads(streamed_text(response))
    assert [r["claim_id"] for r in rows] == [verdicts[k].pk for k in ("first", "second", "third")]
    corrected = rows[2]
    assert (corrected["version"], corrected["rating"]) == (2, "Mostly true")
    assert corrected["first_published_at"] < corrected["published_at"]
    assert corrected["correction_note"] == "New figures."
    assert rows[1]["rating_value"] is None
    assert rows[0]["url"] == f"http://127.0.0.1:8000/fact-checks/{verdicts['first'].pk}/"
    assert rows[0]["article_url"] == "https://news.example.org/zapad"
    assert list(rows[0]) == list(exports.HEADER)


def test_json_export_keeps_text_as_it_is(as_consumer, verdicts) -> None:
    rows = body(as_consumer.get("/api/v1/verdicts/export.json"))
    assert rows[0]["claim"] == '=HYPERLINK("http://evil")'


def test_csv_export_has_the_same_columns_and_rows(as_consumer, verdicts) -> None:
    response = as_consumer.get("/api/v1/verdicts/export.csv")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="verdicts.csv"' in response["Content-Disposition"]
    text = streamed_text(response)
    rows = csv_rows(text)
    assert text.splitlines()[0] == ",".join(exports.HEADER)
    json_rows = body(as_consumer.get("/api/v1/verdicts/export.json"))
    assert [int(r["verdict_id"]) for r in rows] == [r["verdict_id"] for r in json_rows]
    assert rows[2]["published_at"] == json_rows[2]["published_at"]


def test_csv_cells_that_a_spreadsheet_would_run_are_neutralised(as_consumer, verdicts) -> None:
    rows = csv_rows(streamed_text(as_consumer.get("/api/v1/verdicts/export.csv")))
    assert rows[0]["claim"] == '\'=HYPERLINK("http://evil")'
    assert rows[1]["claim"] == "'+10,000 troops"
    assert rows[1]["claimant"] == "'@army"
    assert rows[1]["summary"] == "'-Unclear"
    assert rows[2]["claim"] == "Plain words."


# Written out, not taken from the code: a start dropped from the guard must fail here.
@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_the_csv_export_neutralises_every_formula_start(as_consumer, reviewer, editor, start):
    claim = ClaimFactory(statement=f"{start}cmd|' /C calc'!A0", claimant=f"{start}who")
    inside = ClaimFactory(article=claim.article, start=1, statement=f"a{start}b", claimant="")
    publish(claim, author=reviewer, approver=editor, summary=f"{start}1+1")
    publish(inside, author=reviewer, approver=editor)
    response = as_consumer.get("/api/v1/verdicts/export.csv")
    rows = {int(row["claim_id"]): row for row in csv_rows(streamed_text(response))}
    guarded = rows[claim.pk]
    assert guarded["claim"] == f"'{start}cmd|' /C calc'!A0"
    assert guarded["claimant"] == f"'{start}who"
    # The service strips a summary's surrounding white space, so tab and CR never get there.
    assert guarded["summary"] == (f"'{start}1+1" if start.strip() else "1+1")
    assert rows[inside.pk]["claim"] == f"a{start}b"  # only the first character counts
    assert rows[inside.pk]["claimant"] == ""


def test_the_claimreview_feed_is_public_and_valid(anon, verdicts) -> None:
    response = anon.get("/api/v1/claimreview.jsonld")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/ld+json"
    feed = json.loads(streamed_text(response))
    jsonschema.validate(
        feed, CLAIM_REVIEW_FEED_SCHEMA, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER
    )
    items = feed["dataFeedElement"]
    assert {item["@type"] for item in items} == {"DataFeedItem"}
    reviews = [item["item"][0] for item in items]
    assert [r["url"].rsplit("/", 2)[-2] for r in reviews] == [
        str(verdicts[k].pk) for k in ("first", "second", "third")
    ]
    assert [item["url"] for item in items] == [r["url"] for r in reviews]
    assert reviews[1]["reviewRating"] == {"@type": "Rating", "alternateName": "Unverifiable"}
    assert "dateModified" in reviews[2] and "dateModified" not in reviews[0]
    assert items[2]["dateModified"] == reviews[2]["dateModified"]
    assert items[2]["dateCreated"] < items[2]["dateModified"]
    assert items[0]["dateCreated"] == items[0]["dateModified"]
    assert feed["dateModified"][:19] == reviews[2]["dateModified"][:19]


def test_the_feed_lists_other_appearances_of_a_claim(anon, verdicts, reviewer) -> None:
    repeat = ClaimFactory(article=ArticleFactory(url="https://other.example.net/b"))
    services.claim_mark_duplicate(claim=repeat, actor=reviewer, original=verdicts["first"])
    feed = body(anon.get("/api/v1/claimreview.jsonld"))
    appearance = feed["dataFeedElement"][0]["item"][0]["itemReviewed"]["appearance"]
    assert [a["url"] for a in appearance] == [
        "https://news.example.org/zapad",
        "https://other.example.net/b",
    ]


def test_an_empty_feed_is_still_valid(anon, db) -> None:
    feed = body(anon.get("/api/v1/claimreview.jsonld"))
    assert feed["dataFeedElement"] == []
    jsonschema.validate(feed, CLAIM_REVIEW_FEED_SCHEMA)


def test_since_keeps_verdicts_published_from_then_on(as_consumer, verdicts) -> None:
    old = Verdict.objects.get(claim=verdicts["first"])
    Verdict.objects.filter(pk=old.pk).update(published_at=old.published_at - timedelta(days=10))
    since = (old.published_at - timedelta(days=1)).date().isoformat()
    rows = body(as_consumer.get(f"/api/v1/verdicts/export.json?since={since}"))
    assert verdicts["first"].pk not in [r["claim_id"] for r in rows]
    assert len(rows) == 2


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/verdicts/export.json",
        "/api/v1/verdicts/export.csv",
        "/api/v1/claimreview.jsonld",
    ],
)
def test_a_bad_since_is_a_400_in_json(as_consumer, url) -> None:
    response = as_consumer.get(url, {"since": "last tuesday"})
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert "YYYY-MM-DD" in response.json()["errors"]["since"][0]


def test_exports_answer_in_their_format_whatever_accept_says(as_consumer, verdicts) -> None:
    response = as_consumer.get("/api/v1/verdicts/export.csv", HTTP_ACCEPT="text/html")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")


def test_the_export_is_written_in_blocks_not_all_at_once(verdicts, monkeypatch) -> None:
    monkeypatch.setattr(exports, "CHUNK_ROWS", 2)
    chunks = list(exports.csv_chunks())
    assert len(chunks) == 3  # the header, then two blocks of at most two rows
    assert [len(csv_rows(chunks[0] + chunk)) for chunk in chunks[1:]] == [2, 1]
    json_chunks = list(exports.json_chunks())
    assert len(json_chunks) == 4  # "[", two blocks, "]"


@pytest.mark.parametrize(
    ("fmt", "url"),
    [
        ("json", "/api/v1/verdicts/export.json"),
        ("csv", "/api/v1/verdicts/export.csv"),
        ("claimreview", "/api/v1/claimreview.jsonld"),
    ],
)
def test_the_command_writes_what_the_endpoint_serves(as_consumer, verdicts, fmt, url) -> None:
    out = io.StringIO()
    call_command("export_verdicts", "--format", fmt, stdout=out)
    assert out.getvalue() == streamed_text(as_consumer.get(url))


def test_the_command_takes_since_and_refuses_a_bad_date(verdicts) -> None:
    out = io.StringIO()
    call_command("export_verdicts", "--format", "json", "--since", "2999-01-01", stdout=out)
    assert json.loads(out.getvalue()) == []
    with pytest.raises(CommandError, match="--since"):
        call_command("export_verdicts", "--since", "soon")


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("2024-05-01", "2024-05-01T00:00:00+00:00"),
        ("2024-05-01T10:30:00", "2024-05-01T10:30:00+00:00"),
        ("2024-05-01T10:30:00+02:00", "2024-05-01T08:30:00+00:00"),
    ],
)
def test_since_accepts_dates_and_times_and_gives_them_in_utc(text, iso) -> None:
    assert exports.parse_since(text).isoformat() == iso


@pytest.mark.parametrize("text", ["", "2024-13-01", "yesterday", "2024-02-30"])
def test_since_refuses_what_is_not_a_date(text) -> None:
    with pytest.raises(ValueError, match="not a date"):
        exports.parse_since(text)
