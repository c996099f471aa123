"""Several texts stored at once (an upload, a followed folder): each article as one stored
alone would be, in one INSERT, a text given twice or already here stored once."""

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from factcheck.articles.models import Article
from factcheck.articles.services import ArticleText, article_create, articles_create

pytestmark = pytest.mark.django_db
TEXTS = [
    "Officials said 300 tanks moved to the border on Monday.",
    "The ministry said 12,000 troops took part in the drills.",
    "Exports fell by 4% in the first quarter, the statistics office said.",
]


def test_a_text_twice_or_already_here_is_stored_once_and_said_not_new(reviewer: User) -> None:
    here, _ = article_create(actor=reviewer, text=ArticleText(body=TEXTS[0]))
    items = [{"text": ArticleText(body=text)} for text in [TEXTS[1], TEXTS[0], TEXTS[1], TEXTS[2]]]
    stored = articles_create(actor=reviewer, items=items)
    assert [created for _, created in stored] == [True, False, False, True]
    assert stored[1][0] == here and stored[2][0] == stored[0][0]
    assert Article.objects.count() == 3
    assert all(article.history.count() == 1 for article in Article.objects.all())


def test_each_article_of_a_batch_is_what_article_create_would_store(reviewer: User) -> None:
    given = {"raw": "<p>raw</p>", "input_kind": Article.InputKind.FILE, "publisher": "City Radio"}
    together, _ = articles_create(
        actor=reviewer, items=[{"text": ArticleText(body=TEXTS[1]), **given}]
    )[0]
    alone, _ = article_create(actor=reviewer, text=ArticleText(body=TEXTS[2]), **given)
    fields = ["title", "publisher", "author", "language", "raw", "input_kind", "job_status"]
    fields += ["created_by", "version", "url", "duplicate_of"]
    together.refresh_from_db()
    alone.refresh_from_db()
    assert together.title == TEXTS[1] and together.body == TEXTS[1]
    assert together.content_hash and together.content_hash != alone.content_hash
    assert [getattr(together, f) for f in fields] == [
        getattr(alone, f) if f != "title" else TEXTS[1] for f in fields
    ]
    assert together.created_at and together.updated_at


def test_an_upload_records_who_uploaded_in_each_articles_history(
    client: Client, reviewer: User
) -> None:
    client.force_login(reviewer)
    files = [
        SimpleUploadedFile(f"note{n}.txt", text.encode(), content_type="text/plain")
        for n, text in enumerate(TEXTS)
    ]
    response = client.post(reverse("transcripts_upload"), {"uploads": files})
    assert response.status_code == 302
    rows = [article.history.get() for article in Article.objects.all()]
    assert len(rows) == 3
    assert {(row.history_type, row.history_user, row.actor_name) for row in rows} == {
        ("+", reviewer, reviewer.get_username())
    }
