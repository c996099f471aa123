"""Transcripts and plain files uploaded several at once: each an article, or none at all."""

from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from factcheck.articles.models import Article
from factcheck.claims.models import Claim
from factcheck.monitoring.services import uploads

pytestmark = pytest.mark.django_db

TRANSCRIPT = (
    "PRESENTER: Welcome back to the programme.\n"
    "MINISTER: Unemployment fell to 4.1% last year, the lowest in a decade.\n"
    "PRESENTER: And prices?\n"
    "MINISTER: Inflation was 3% in March, down from 5% a year earlier.\n"
)
NOTES = "# Council meeting\n\nThe council said it had built 1,200 homes since 2022.\n"
PAGE = (
    "<html><head><title>Radio interview</title></head><body><article><h1>Radio interview"
    "</h1><p>The mayor said 40,000 people used the new tram line in its first week.</p>"
    "<p>She added that fares would stay at 2 euros until 2027.</p></article></body></html>"
)


def upload(name: str, content: str | bytes) -> SimpleUploadedFile:
    data = content.encode() if isinstance(content, str) else content
    return SimpleUploadedFile(name, data, content_type="application/octet-stream")


def post(client: Client, files: list[SimpleUploadedFile], **fields: Any) -> Any:
    return client.post(reverse("transcripts_upload"), {"uploads": files, **fields})


def test_several_files_become_articles_with_their_claims_and_again_are_the_same(
    client: Client, reviewer: User, django_capture_on_commit_callbacks: Any
) -> None:
    client.force_login(reviewer)
    files = [
        upload("morning_show_2026-03-02.txt", TRANSCRIPT),
        upload("council.md", NOTES),
        upload("radio.html", PAGE),
    ]
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, files, publisher="City Radio")
    assert response.status_code == 302 and response["Location"] == reverse("article_list")
    articles = {a.title: a for a in Article.objects.all()}
    assert set(articles) == {"morning show 2026-03-02", "council", "Radio interview"}
    assert {a.input_kind for a in articles.values()} == {Article.InputKind.FILE}
    assert {a.publisher for a in articles.values()} == {"City Radio"}
    assert all(a.job_status == Article.Status.DONE for a in articles.values())
    statements = set(Claim.objects.values_list("quote", flat=True))
    assert any("4.1%" in s for s in statements) and any("40,000" in s for s in statements)
    assert "Stored 3 new articles" in client.get(response["Location"]).content.decode()

    again = post(client, [upload("copy.txt", TRANSCRIPT), upload("more.txt", NOTES + "\nMore.")])
    assert again.status_code == 302 and Article.objects.count() == 4
    assert (
        "Stored 1 new article; 1 was here already" in client.get(again["Location"]).content.decode()
    )


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        (upload("slides.pdf", b"%PDF-1.4"), "slides.pdf: Files of type .pdf are not accepted"),
        (upload("blank.txt", "   \n "), "blank.txt: The article has no text."),
        (upload("noname", TRANSCRIPT), "noname: Files of type (none) are not accepted"),
    ],
)
def test_one_refused_file_stores_none_and_names_the_file(
    client: Client, reviewer: User, bad: SimpleUploadedFile, message: str
) -> None:
    client.force_login(reviewer)
    response = post(client, [upload("good.txt", TRANSCRIPT), bad])
    page = response.content.decode()
    assert response.status_code == 400
    assert "Nothing was stored." in page and message in page
    assert not Article.objects.exists()


def test_a_file_over_the_limit_is_refused_before_it_is_read(
    client: Client, reviewer: User, settings: Any
) -> None:
    settings.UPLOAD_MAX_BYTES = 100
    client.force_login(reviewer)
    response = post(client, [upload("long.txt", TRANSCRIPT * 3), upload("short.txt", "A.")])
    assert response.status_code == 400
    assert "Too large" in response.content.decode() and "long.txt" in response.content.decode()
    assert not Article.objects.exists()


def test_no_files_or_too_many_are_clear_refusals(
    client: Client, reviewer: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    client.force_login(reviewer)
    response = post(client, [])
    assert response.status_code == 400 and "Choose at least one file." in response.content.decode()
    monkeypatch.setattr(uploads, "UPLOAD_MAX_FILES", 2)
    files = [upload(f"t{n}.txt", f"{TRANSCRIPT} Part {n}.") for n in range(3)]
    response = post(client, files)
    assert response.status_code == 400 and "upload at most 2" in response.content.decode()
    assert not Article.objects.exists()


def test_the_feeds_page_offers_the_upload_to_those_who_may_add_articles(
    client: Client, reviewer: User
) -> None:
    client.force_login(reviewer)
    page = client.get(reverse("feed_list")).content.decode()
    assert 'enctype="multipart/form-data"' in page and "multiple" in page
    assert reverse("transcripts_upload") in page


def test_someone_without_the_right_to_add_articles_is_refused(client: Client) -> None:
    viewer = User.objects.create_user("viewer", password="x-pass-123456")
    client.force_login(viewer)
    response = post(client, [upload("a.txt", TRANSCRIPT)])
    assert response.status_code == 403 and not Article.objects.exists()
