"""Adding and reading articles through the web pages."""

from typing import Any

import lxml.html
import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from factcheck.articles.models import Article
from factcheck.claims.models import Claim
from tests.articles.conftest import html
from tests.factories import ArticleFactory, ClaimFactory, make_user

pytestmark = pytest.mark.django_db

NEW = reverse("article_new")
GREY = "contains(concat(' ', @class, ' '), ' boilerplate ')"
TEXT = (
    "Defence ministers met in Minsk on Monday. More than 10,000 troops took part in the "
    "drills, the ministry said. It was the largest exercise since 1981."
)


def post_article(client: Client, capture: Any, **data: Any) -> Any:
    """Post the form as a reviewer who has seen the title proposed for pasted text."""
    with capture(execute=True):
        return client.post(NEW, {"title_checked": "1", **data})


def test_anonymous_visitors_are_sent_to_the_login_page(client: Client) -> None:
    response = client.get(NEW)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_add_article_page_has_the_labelled_fields(rita: Client) -> None:
    page = html(rita.get(NEW))
    labels = {label.text_content().strip() for label in page.xpath("//form//label")}
    assert {"Title", "URL", "Text", "File"} <= labels
    assert page.xpath("//form[@enctype='multipart/form-data']//button[.='Add article']")


def test_pasted_text_becomes_an_article_with_its_claims(
    rita: Client, django_capture_on_commit_callbacks: Any
) -> None:
    response = post_article(rita, django_capture_on_commit_callbacks, title="Drills", text=TEXT)
    article = Article.objects.get()
    assert response.status_code == 302
    assert response["Location"] == article.get_absolute_url()
    assert article.title == "Drills"
    assert article.job_status == Article.Status.DONE
    assert article.claims.exists()


def test_pasted_text_without_a_title_comes_back_with_one_proposed_and_nothing_saved(
    rita: Client,
) -> None:
    response = rita.post(NEW, {"text": "HarbourNews\n\n" + TEXT})
    assert response.status_code == 200
    form = response.context["form"]
    assert (form["title"].value(), form["title_checked"].value()) == ("HarbourNews", "1")
    assert form["text"].value() == "HarbourNews\n\n" + TEXT
    assert not Article.objects.exists()


def test_the_same_text_again_leads_to_the_existing_article(
    rita: Client, django_capture_on_commit_callbacks: Any
) -> None:
    post_article(rita, django_capture_on_commit_callbacks, text=TEXT)
    again = post_article(rita, django_capture_on_commit_callbacks, text="  " + TEXT + "\n")
    article = Article.objects.get()
    assert again["Location"] == article.get_absolute_url()
    page = rita.get(again["Location"])
    assert "already here" in page.content.decode()


def test_an_uploaded_markdown_file_becomes_an_article(
    rita: Client, django_capture_on_commit_callbacks: Any
) -> None:
    upload = SimpleUploadedFile("drills.md", TEXT.encode(), content_type="text/markdown")
    with django_capture_on_commit_callbacks(execute=True):
        response = rita.post(NEW, {"file": upload})
    article = Article.objects.get()
    assert response.status_code == 302
    assert article.input_kind == Article.InputKind.FILE
    assert article.body == TEXT


def test_an_uploaded_html_file_is_reduced_to_its_text(
    rita: Client, django_capture_on_commit_callbacks: Any
) -> None:
    page = (
        "<html><head><title>Drills in Belarus</title></head><body><nav>Home | News</nav>"
        f"<article><h1>Drills in Belarus</h1><p>{TEXT}</p><p>{TEXT.upper()}</p></article>"
        "</body></html>"
    )
    upload = SimpleUploadedFile("drills.html", page.encode(), content_type="text/html")
    with django_capture_on_commit_callbacks(execute=True):
        rita.post(NEW, {"file": upload})
    article = Article.objects.get()
    assert "More than 10,000 troops" in article.body
    assert "<p>" not in article.body


def test_a_file_of_another_type_is_refused_with_a_clear_message(rita: Client) -> None:
    upload = SimpleUploadedFile("drills.pdf", b"%PDF-1.4", content_type="application/pdf")
    response = rita.post(NEW, {"file": upload})
    assert response.status_code == 400
    assert "upload .txt, .md or .html" in response.content.decode()
    assert not Article.objects.exists()


def test_text_and_a_file_together_are_refused(rita: Client) -> None:
    upload = SimpleUploadedFile("drills.txt", TEXT.encode(), content_type="text/plain")
    response = rita.post(NEW, {"text": TEXT, "file": upload})
    assert response.status_code == 400
    assert "one way only" in response.content.decode()
    assert not Article.objects.exists()


def test_pasted_text_keeps_its_address_and_details_without_fetching(
    rita: Client, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=False) as queued:
        response = rita.post(
            NEW,
            {
                "title": "Drills in Minsk",
                "text": TEXT,
                "url": "https://news.example.org/drills",
                "publisher": "Example News",
                "author": "Jana Novak",
                "published_at": "2021-09-10",
            },
        )
    article = Article.objects.get()
    assert response["Location"] == article.get_absolute_url()
    assert (article.input_kind, article.url, article.publisher, article.author) == (
        Article.InputKind.TEXT,
        "https://news.example.org/drills",
        "Example News",
        "Jana Novak",
    )
    assert article.published_at.isoformat() == "2021-09-10T00:00:00+00:00"
    assert article.body.startswith("Defence ministers met")
    assert len(queued) == 1  # the extraction, not a fetch
    page = rita.get(article.get_absolute_url()).content.decode()
    for shown in ("https://news.example.org/drills", "Example News", "Jana Novak", "10 Sep 2021"):
        assert shown in page


def test_an_upload_takes_the_details_given_over_those_in_the_page(rita: Client) -> None:
    page = b"<html><head><title>T</title><meta name='author' content='Page Author'></head>"
    page += b"<body><article><p>" + TEXT.encode() + b"</p></article></body></html>"
    upload = SimpleUploadedFile("drills.html", page, content_type="text/html")
    rita.post(NEW, {"file": upload, "author": "Given Author", "url": "https://ex.org/a"})
    article = Article.objects.get()
    assert (article.author, article.url) == ("Given Author", "https://ex.org/a")


def test_a_reviewer_edits_the_details_and_the_history_keeps_the_old_ones(
    rita: Client, reviewer: User
) -> None:
    article = ArticleFactory(publisher="Old News")
    page = html(rita.get(article.get_absolute_url()))
    assert page.xpath("//form[contains(@action, '/edit/')]//input[@name='publisher']/@value") == [
        "Old News"
    ]
    response = rita.post(
        reverse("article_edit", args=[article.pk]),
        {
            "title": article.title,
            "publisher": "New News",
            "author": "A. Writer",
            "url": "https://new.example.org/x",
            "published_at": "2024-02-03",
            "version": article.version,
        },
    )
    assert response.status_code == 302
    article.refresh_from_db()
    assert (article.publisher, article.author, article.url) == (
        "New News",
        "A. Writer",
        "https://new.example.org/x",
    )
    history = list(article.history.order_by("history_id").values_list("publisher", flat=True))
    assert history[-2:] == ["Old News", "New News"]
    assert article.history.latest().history_user == reviewer


def test_a_stale_details_form_changes_nothing(rita: Client) -> None:
    article = ArticleFactory(publisher="Old News")
    stale = article.version
    Article.objects.filter(pk=article.pk).update(publisher="Changed", version=stale + 1)
    rita.post(
        reverse("article_edit", args=[article.pk]),
        {"title": "T", "publisher": "Mine", "version": stale},
    )
    article.refresh_from_db()
    assert article.publisher == "Changed"


def test_an_empty_form_asks_for_the_article(rita: Client) -> None:
    response = rita.post(NEW, {"title": "Only a title"})
    assert response.status_code == 400
    assert "paste its text, upload a file, or enter its URL" in response.content.decode()


def test_a_url_that_is_not_http_is_refused(rita: Client) -> None:
    response = rita.post(NEW, {"url": "file:///etc/passwd"})
    assert response.status_code == 400
    assert "http:// or https://" in response.content.decode()
    assert not Article.objects.exists()


def test_a_url_alone_registers_the_article_and_queues_its_fetch(
    rita: Client, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=False) as queued:
        response = rita.post(NEW, {"url": "https://news.example.org/drills"})
    article = Article.objects.get()
    assert response["Location"] == article.get_absolute_url()
    assert article.input_kind == Article.InputKind.URL
    assert len(queued) == 1


def test_someone_outside_the_desk_cannot_add_articles(client: Client, db: None) -> None:
    client.force_login(make_user("visitor"))
    response = client.post(NEW, {"text": TEXT})
    assert response.status_code == 403
    assert not Article.objects.exists()


def test_the_reader_marks_each_claim_in_place(rita: Client, seed_article: Article) -> None:
    page = html(rita.get(seed_article.get_absolute_url()))
    body = page.xpath("//*[@data-article-body]")[0]
    assert body.text_content() == seed_article.body
    marks = body.xpath(".//mark[@data-claim-id]")
    claims = {c.pk: c for c in seed_article.claims.all()}
    assert len({m.get("data-claim-id") for m in marks}) == len(claims)
    for mark in marks:
        claim = claims[int(mark.get("data-claim-id"))]
        start = int(mark.get("data-start"))
        assert mark.text_content() == seed_article.body[start : start + len(mark.text_content())]
        assert claim.start <= start < claim.end
        assert f"status-{claim.status}" in mark.get("class")
    troops = next(c for c in claims.values() if "10,000" in c.quote)
    assert (
        page.xpath(f"//*[@id='claim-{troops.pk}']//a")[0].get("href") == troops.get_absolute_url()
    )


def test_the_reader_greys_out_the_boilerplate(rita: Client, seed_article: Article) -> None:
    assert seed_article.boilerplate, "the seed article ends with a donation appeal"
    page = html(rita.get(seed_article.get_absolute_url()))
    grey = "".join(el.text_content() for el in page.xpath(f"//*[@data-article-body]/*[{GREY}]"))
    start, end = seed_article.boilerplate[-1]
    assert seed_article.body[start:end].strip() in grey


def test_article_text_is_escaped_never_run(rita: Client) -> None:
    article = ArticleFactory(body="Claim <script>alert('x')</script> & <b>bold</b> text.")
    ClaimFactory(article=article, start=0, end=5, quote="Claim")
    response = rita.get(article.get_absolute_url())
    content = response.content.decode()
    assert "<script>alert" not in content
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; &lt;b&gt;" in content
    assert html(response).xpath("//*[@data-article-body]")[0].text_content() == article.body


def test_the_reader_polls_while_extraction_is_pending_and_stops_when_done(
    rita: Client,
) -> None:
    article = ArticleFactory(job_status=Article.Status.PENDING)
    page = html(rita.get(article.get_absolute_url()))
    reader = page.xpath("//*[@id='reader']")[0]
    assert reader.get("hx-trigger") == "every 1s"
    assert "Queued" in reader.text_content()

    ClaimFactory(article=article)
    Article.objects.filter(pk=article.pk).update(job_status=Article.Status.DONE)
    fragment = rita.get(article.get_absolute_url(), headers={"HX-Request": "true"})
    part = lxml.html.fragment_fromstring(fragment.content.decode())
    assert part.get("id") == "reader"
    assert part.get("hx-trigger") is None
    assert part.xpath(".//mark[@data-claim-id]")
    assert b"<html" not in fragment.content


def test_a_failed_article_shows_why_and_can_be_retried(
    rita: Client, django_capture_on_commit_callbacks: Any
) -> None:
    article = ArticleFactory(
        job_status=Article.Status.FAILED, job_error="Claim extraction failed: boom"
    )
    page = rita.get(article.get_absolute_url()).content.decode()
    assert "Claim extraction failed: boom" in page
    with django_capture_on_commit_callbacks(execute=True):
        rita.post(reverse("article_retry", args=[article.pk]))
    article.refresh_from_db()
    assert article.job_status == Article.Status.DONE


def test_a_selection_becomes_a_human_claim(rita: Client, reviewer: User) -> None:
    article = ArticleFactory(body="Intro. The army has 300 tanks. Outro.")
    start = article.body.index("The army")
    end = article.body.index("tanks.") + 6
    url = reverse("article_add_claim", args=[article.pk])
    # First the proposal, to check and edit: nothing is saved yet.
    proposal = rita.post(url, {"start": start - 1, "end": end})
    assert proposal.status_code == 200 and not Claim.objects.exists()
    form = proposal.context["form"]
    assert form.initial["statement"] == "The army has 300 tanks."
    assert (form.initial["start"], form.initial["end"]) == (start, end)
    response = rita.post(url, {**form.initial, "type": "quantity", "save": "1"})
    claim = Claim.objects.get(article=article)
    assert response["Location"] == f"{article.get_absolute_url()}#claim-{claim.pk}"
    assert (claim.start, claim.end, claim.quote) == (start, end, "The army has 300 tanks.")
    assert claim.origin == Claim.Origin.HUMAN
    assert claim.created_by == reviewer
    assert claim.type == "quantity"


def test_a_reviewed_claim_with_an_unknown_type_is_refused_and_nothing_saved(rita: Client) -> None:
    article = ArticleFactory(body="Intro. The army has 300 tanks. Outro.")
    url = reverse("article_add_claim", args=[article.pk])
    data = {"start": 7, "end": 30, "statement": "The army has 300 tanks.", "type": "myth"}
    response = rita.post(url, {**data, "save": "1"})
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()
    assert not Claim.objects.exists()


@pytest.mark.parametrize(
    ("start", "end", "message"),
    [
        ("", "", "Select some words of the article first"),
        ("5", "999", "outside the article text"),
        ("6", "7", "Select some words"),
    ],
)
def test_a_bad_selection_is_refused_with_a_message(
    rita: Client, start: str, end: str, message: str
) -> None:
    article = ArticleFactory(body="Intro. The army has 300 tanks. Outro.")
    url = reverse("article_add_claim", args=[article.pk])
    response = rita.post(url, {"start": start, "end": end}, follow=True)
    assert message in response.content.decode()
    assert not Claim.objects.exists()


def test_the_same_passage_twice_is_refused(rita: Client) -> None:
    claim = ClaimFactory()
    url = reverse("article_add_claim", args=[claim.article_id])
    response = rita.post(url, {"start": claim.start, "end": claim.end}, follow=True)
    assert "already a claim for exactly this passage" in response.content.decode()
    assert Claim.objects.count() == 1


def test_the_article_list_shows_claim_counts(rita: Client) -> None:
    article = ArticleFactory(title="Drills in Belarus")
    ClaimFactory(article=article)
    page = html(rita.get(reverse("article_list")))
    row = page.xpath("//tr[.//a[.='Drills in Belarus']]")[0]
    assert row.xpath("td[contains(@class, 'num')]")[0].text_content().strip() == "1"


def test_the_article_page_runs_a_fixed_number_of_queries_for_200_claims(
    rita: Client, django_assert_max_num_queries: Any
) -> None:
    sentence = "In 2021 more than 10,000 troops took part. "
    article = ArticleFactory(body=sentence * 200)
    Claim.objects.bulk_create(
        Claim(
            article=article,
            start=i * len(sentence),
            end=(i + 1) * len(sentence) - 1,
            quote=sentence.strip(),
            statement=sentence.strip(),
            status=[s for s, _ in Claim.Status.choices][i % 5],
            dismiss_reason="not checkable",
        )
        for i in range(200)
    )
    rita.get(article.get_absolute_url())  # warm the session and permission caches
    with django_assert_max_num_queries(7):  # 6, and the header's unread notifications
        response = rita.get(article.get_absolute_url())
    assert len(html(response).xpath("//mark[@data-claim-id]")) == 200


def test_saving_the_details_unchanged_keeps_the_time_of_day(rita: Client) -> None:
    from datetime import UTC, datetime

    moment = datetime(2021, 9, 10, 9, 30, tzinfo=UTC)
    article = ArticleFactory(published_at=moment)
    rita.post(
        reverse("article_edit", args=[article.pk]),
        {"title": article.title, "published_at": "2021-09-10", "version": article.version},
    )
    article.refresh_from_db()
    assert article.published_at == moment
