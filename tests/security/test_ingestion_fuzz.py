"""Any text or bytes, through every way an article comes in: a clear refusal or an article,
never a crash or a 500. Derandomized, so a run is the same every time; the extraction
engine itself is fuzzed in tests/extraction/test_properties.py and the whole API by
schemathesis in tests/api/test_schemathesis.py.
"""

import dataclasses
import itertools
import json
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from factcheck.articles import services
from factcheck.articles.models import Article
from factcheck.articles.services import fetching
from factcheck.claims import services as claim_services
from factcheck.claims.models import Source
from factcheck.claims.services import snapshots
from factcheck.fetch import Page
from tests.clients import api_key
from tests.factories import ClaimFactory

FUZZ = settings(
    max_examples=40,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

NAMES = st.sampled_from(
    ["a.txt", "b.md", "c.markdown", "d.html", "e.HTM", "f.pdf", "g", "h.txt.exe", ".html"]
)
MARKUP = st.lists(
    st.sampled_from(
        [
            "<p>",
            "</p>",
            "<html><head><title>",
            "</title></head>",
            "<body>",
            "<article>",
            "<script>alert(1)</script>",
            "<meta charset='utf-7'>",
            "+ADw-script+AD4-",
            "The ministry said 10,000 troops took part. ",
            "\u00e9",
            "\x00",
            "\r\n",
            "&amp;",
            "&#0;",
            "&#xD800;",
            "<!--",
            "<![CDATA[",
            "\ufeff",
            "\u202e",
        ]
    ),
    max_size=40,
).map("".join)
ANY_TEXT = st.one_of(
    st.text(st.characters(codec=None, exclude_categories=()), max_size=300),
    MARKUP,
)
ENCODINGS = st.sampled_from(["utf-8", "utf-16", "cp1252", "latin-1", "utf-7", "shift_jis"])
ANY_BYTES = st.one_of(
    st.binary(max_size=600),
    st.tuples(ANY_TEXT, ENCODINGS).map(lambda t: t[0].encode(t[1], "ignore")),
    MARKUP.map(lambda t: t.encode("utf-8", "surrogatepass")),
)


def storable(text: str) -> bool:
    """What PostgreSQL takes: no NUL, no lone surrogate."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return "\x00" not in text


# The parsing services, without a database


@given(name=NAMES, data=ANY_BYTES)
@FUZZ
@example(name="a.txt", data=b"x" * 9000 + b"\x00")
@example(name="a.html", data=b"<meta charset='utf-7'><p>+2AA-</p>")
def test_any_upload_gives_storable_text_or_a_clear_refusal(name: str, data: bytes) -> None:
    try:
        text, raw = services.text_from_upload(name=name, data=data)
    except ValidationError as exc:
        messages = exc.messages
        assert messages and all(message.endswith(".") for message in messages)
        return
    for value in (text.body, raw, text.title, text.author, text.publisher):
        assert storable(value)


# The web form and the API, with the database

counter = itertools.count()


@pytest.fixture
def rita(reviewer: User) -> Client:
    client = Client()
    client.force_login(reviewer)
    return client


@pytest.mark.django_db
@given(name=NAMES, data=ANY_BYTES)
@FUZZ
@example(name="a.txt", data=b"x" * 9000 + b"\x00")
def test_any_file_through_the_web_form_is_an_article_or_a_refusal(
    rita: Client, name: str, data: bytes
) -> None:
    with transaction.atomic():
        response = rita.post(reverse("article_new"), {"file": SimpleUploadedFile(name, data)})
        assert response.status_code in (302, 400)
        if response.status_code == 302:
            assert Article.objects.filter(pk=int(response["Location"].split("/")[-2])).exists()
        transaction.set_rollback(True)


@pytest.mark.django_db
@given(title=ANY_TEXT, text=ANY_TEXT, url=st.one_of(st.just(""), ANY_TEXT))
@FUZZ
def test_any_text_through_the_web_form_is_an_article_or_a_refusal(
    rita: Client, title: str, text: str, url: str
) -> None:
    # What a browser can send: form fields are UTF-8, so no lone surrogates.
    fields = {
        name: value.encode("utf-8", "replace").decode()
        for name, value in (("title", title), ("text", text), ("url", url))
    }
    fields["title_checked"] = "1"  # past the title proposal, to the store
    with transaction.atomic():
        response = rita.post(reverse("article_new"), fields)
        assert response.status_code in (302, 400)
        transaction.set_rollback(True)


@pytest.mark.django_db
@given(
    payload=st.one_of(
        st.fixed_dictionaries({}, optional={"text": ANY_TEXT, "title": ANY_TEXT, "url": ANY_TEXT}),
        st.dictionaries(st.text(max_size=5), st.one_of(st.none(), st.integers(), ANY_TEXT)),
        st.lists(st.integers(), max_size=3),
    )
)
@FUZZ
@example(payload={"text": "The ministry said \ud800 10,000 troops.", "title": "\x00"})
def test_any_json_to_the_api_is_an_article_or_a_refusal(reviewer: User, payload: Any) -> None:
    token = api_key(reviewer)
    body = json.dumps(payload)  # ASCII with \u escapes, so lone surrogates get through
    with transaction.atomic():
        response = Client().post(
            "/api/v1/articles/",
            body,
            content_type="application/json",
            HTTP_AUTHORIZATION=f"Token {token}",
        )
        assert response.status_code in (200, 201, 400), response.content[:300]
        assert "detail" in response.json() or response.status_code != 400
        transaction.set_rollback(True)


@pytest.mark.django_db
@given(data=st.binary(max_size=300))
@FUZZ
def test_any_bytes_as_an_api_body_are_refused_cleanly(reviewer: User, data: bytes) -> None:
    token = api_key(reviewer)
    response = Client().post(
        "/api/v1/articles/",
        data,
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Token {token}",
    )
    assert response.status_code in (200, 201, 400)


# Fetched pages: the worker's side of ingestion, with the network replaced by the page

PAGES = st.builds(
    lambda body, content_type, charset: Page(
        url="https://news.example/a",
        final_url="https://news.example/a",
        status=200,
        content_type=content_type,
        charset=charset,
        body=body,
    ),
    body=st.one_of(
        ANY_BYTES, st.tuples(MARKUP, ENCODINGS).map(lambda t: t[0].encode(t[1], "ignore"))
    ),
    content_type=st.sampled_from(["text/html", "text/plain", "application/xhtml+xml"]),
    charset=st.sampled_from(
        [None, "utf-8", "cp1252", "utf-16", "utf-7", "unicode_escape", "undefined", "bogus"]
    ),
)
UTF7_PAGE = Page(
    url="https://news.example/a",
    final_url="https://news.example/a",
    status=200,
    content_type="text/html",
    charset="utf-7",
    # A page may name any codec Python knows; utf-7 decodes "+2AA-" to a lone surrogate.
    body=(
        "<html><head><title>Drills +2AA-</title></head><body><article><h1>Drills</h1>"
        + "".join(
            f"<p>Paragraph {n}: the ministry said 10,000 troops took part in the drills on "
            "Monday, and officials said the exercise would last five days. +2AA-</p>"
            for n in range(6)
        )
        + "</article></body></html>"
    ).encode(),
)

UTF7_TEXT = dataclasses.replace(
    UTF7_PAGE,
    content_type="text/plain",
    body=b"The ministry said 10,000 troops took part in the drills. +2AA- Officials agreed.",
)
UNDEFINED_PAGE = dataclasses.replace(UTF7_PAGE, charset="undefined")


@pytest.mark.django_db
@given(page=PAGES)
@FUZZ
@example(page=UTF7_PAGE)
@example(page=UTF7_TEXT)
@example(page=UNDEFINED_PAGE)
def test_any_fetched_page_becomes_an_article_or_a_recorded_failure(
    monkeypatch: Any, reviewer: User, page: Page
) -> None:
    monkeypatch.setattr(fetching, "fetch", lambda url, policy: page)
    with transaction.atomic():
        article, _ = services.article_create_from_url(
            actor=reviewer, url=f"https://news.example/{next(counter)}"
        )
        article = services.article_fetch(article_id=article.pk)
        if article.body:
            article = claim_services.claims_create_from_extraction(article_id=article.pk)
            assert article.job_status == Article.Status.DONE
        else:
            assert article.job_status == Article.Status.FAILED
            assert article.job_error
        transaction.set_rollback(True)


@pytest.mark.django_db
@given(page=PAGES)
@FUZZ
@example(page=UTF7_PAGE)
@example(page=UTF7_TEXT)
@example(page=UNDEFINED_PAGE)
def test_any_fetched_page_becomes_a_source_snapshot_or_a_recorded_failure(
    monkeypatch: Any, reviewer: User, page: Page
) -> None:
    monkeypatch.setattr(snapshots, "fetch", lambda url, policy: page)
    with transaction.atomic():
        source = Source.objects.create(
            claim=ClaimFactory(), url=f"https://evidence.example/{next(counter)}"
        )
        source = claim_services.source_snapshot(source_id=source.pk)
        assert source.snapshot_status in (Source.SnapshotStatus.OK, Source.SnapshotStatus.FAILED)
        transaction.set_rollback(True)


@pytest.mark.parametrize("charset", ["utf-7", "unicode_escape", "undefined", "no-such-codec"])
def test_a_page_naming_any_codec_reads_as_storable_text(charset: str) -> None:
    page = dataclasses.replace(UTF7_TEXT, charset=charset, body=b"A +2AA- \\ud800 \x00 z")
    assert storable(page.text())
    assert page.text().startswith("A ")
