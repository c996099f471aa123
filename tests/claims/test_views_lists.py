"""The dashboard queues and the claim search, with their query counts."""

from typing import Any

import lxml.html
import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from factcheck.claims import services
from factcheck.claims.models import Claim, Rating, SimilarClaim
from tests.factories import ArticleFactory, ClaimFactory, ensure_source

pytestmark = pytest.mark.django_db

LIST = reverse("claim_list")


def page(response: Any) -> Any:
    return lxml.html.fromstring(response.content.decode())


def rows(response: Any) -> list[str]:
    return [a.text_content() for a in page(response).xpath("//td[@class='claim-cell']/a")]


def claim(statement: str, **fields: Any) -> Claim:
    return ClaimFactory(statement=statement, **fields)


def publish(target: Claim, author: User, approver: User, rating: Rating) -> None:
    verdict = services.verdict_save_draft(
        claim=target, actor=author, rating=rating, summary="Not so."
    )
    ensure_source(verdict.claim)
    services.verdict_submit(verdict=verdict, actor=author)
    services.verdict_approve(verdict=verdict, actor=approver)


def queue_counts(client: Client) -> dict[str, int]:
    tree = page(client.get(reverse("dashboard")))
    return {
        h2.text.strip(): int(h2.xpath(".//*[@data-count]")[0].text)
        for h2 in tree.xpath("//section[contains(@class, 'queue')]/h2")
    }


def test_the_dashboard_counts_each_queue(
    client: Client, reviewer, editor, other_reviewer, rating_false
) -> None:
    claim("New one")
    claim("Another new one")
    mine = claim("Assigned to Rita")
    services.claim_assign(claim=mine, actor=editor, assignee=reviewer)
    waiting = claim("Waiting")
    verdict = services.verdict_save_draft(
        claim=waiting, actor=other_reviewer, rating=rating_false, summary="No."
    )
    ensure_source(verdict.claim)
    services.verdict_submit(verdict=verdict, actor=other_reviewer)
    publish(claim("Done"), other_reviewer, editor, rating_false)
    client.force_login(reviewer)
    assert queue_counts(client) == {
        "New claims": 2,
        "Assigned to me": 1,
        "Sent back to me": 0,
        "My drafts": 0,
        "Repeats of checked claims": 0,
        "Recently published": 1,
        "Low priority": 0,
    }
    client.force_login(editor)
    assert queue_counts(client)["Awaiting approval"] == 1


def test_the_dashboard_links_each_claim(client: Client, reviewer) -> None:
    target = claim("More than 10,000 troops")
    client.force_login(reviewer)
    tree = page(client.get(reverse("dashboard")))
    assert tree.xpath(f"//a[@href='{target.get_absolute_url()}']")


def test_the_dashboard_runs_a_fixed_number_of_queries(
    client: Client, reviewer, editor, django_assert_max_num_queries
) -> None:
    # One claim in each of these queues, so both measures include their prefetch query.
    claim("Fresh")
    services.claim_assign(claim=claim("First"), actor=editor, assignee=reviewer)
    client.force_login(reviewer)
    client.get(reverse("dashboard"))
    # One count for every queue, each queue's first ids, one listing query for them all
    # and its prefetch, and the page's own (session, permissions, the header's unread count).
    with django_assert_max_num_queries(20) as few:
        client.get(reverse("dashboard"))
    for i in range(30):
        extra = claim(f"Claim {i}", article=ArticleFactory())
        if i % 2:
            services.claim_assign(claim=extra, actor=editor, assignee=reviewer)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("dashboard"))


def test_search_finds_every_word_in_statement_quote_or_claimant(client, reviewer) -> None:
    claim("Troops took part", claimant="The ministry")
    claim("Tanks took part", claimant="A general")
    claim("Nothing to see")
    client.force_login(reviewer)
    assert rows(client.get(LIST, {"q": "took ministry"})) == ["Troops took part"]
    assert sorted(rows(client.get(LIST, {"q": "took"}))) == ["Tanks took part", "Troops took part"]


def test_filters_by_status_type_article_and_assignee(client, reviewer, editor) -> None:
    article = ArticleFactory()
    a = claim("A", article=article, type=Claim.Type.EVENT)
    b = claim("B", type=Claim.Type.QUANTITY)
    services.claim_assign(claim=b, actor=editor, assignee=reviewer)
    services.claim_dismiss(claim=a, actor=editor, reason="Opinion.")
    client.force_login(reviewer)
    assert rows(client.get(LIST, {"status": "dismissed"})) == ["A"]
    assert rows(client.get(LIST, {"type": "quantity"})) == ["B"]
    assert rows(client.get(LIST, {"article": article.pk})) == ["A"]
    assert rows(client.get(LIST, {"assignee": "me"})) == ["B"]
    assert rows(client.get(LIST, {"assignee": "nobody"})) == ["A"]
    assert rows(client.get(LIST, {"assignee": "rita"})) == ["B"]


def test_filter_by_rating_uses_the_current_verdict(client, reviewer, editor, rating_false) -> None:
    rated = claim("Rated false")
    claim("Not rated")
    publish(rated, reviewer, editor, rating_false)
    client.force_login(reviewer)
    assert rows(client.get(LIST, {"rating": "false"})) == ["Rated false"]
    assert rows(client.get(LIST, {"rating": "true"})) == []


def test_filter_by_rating_ignores_a_withdrawn_verdicts_rating(
    client, reviewer, editor, rating_false
) -> None:
    rated = claim("Withdrawn")
    publish(rated, reviewer, editor, rating_false)
    client.force_login(reviewer)
    assert rows(client.get(LIST, {"rating": "false"})) == ["Withdrawn"]
    services.verdict_unpublish(
        verdict=rated.verdicts.get(), actor=editor, reason="The figures were wrong."
    )
    assert rows(client.get(LIST, {"rating": "false"})) == []
    assert rows(client.get(LIST)) == ["Withdrawn"]


def test_an_unknown_filter_value_is_ignored_not_an_error(client, reviewer) -> None:
    claim("Still listed")
    client.force_login(reviewer)
    response = client.get(LIST, {"status": "bogus", "article": "x", "assignee": "9999"})
    assert response.status_code == 200
    assert rows(response) == ["Still listed"]


def test_htmx_filtering_answers_with_the_results_fragment_only(client, reviewer) -> None:
    claim("Troops")
    client.force_login(reviewer)
    response = client.get(LIST, {"q": "Troops"}, headers={"HX-Request": "true"})
    fragment = lxml.html.fragment_fromstring(response.content.decode())
    assert fragment.get("id") == "results"
    assert b"<html" not in response.content
    assert "1 claim" in fragment.text_content()


def test_the_list_pages_through_results_keeping_the_filters(client, reviewer) -> None:
    article = ArticleFactory()
    Claim.objects.bulk_create(
        Claim(article=article, start=i, end=i + 3, quote="x", statement=f"Claim {i}")
        for i in range(60)
    )
    client.force_login(reviewer)
    first = page(client.get(LIST, {"status": "new"}))
    assert len(first.xpath("//td[@class='claim-cell']")) == 50
    following = first.xpath("//a[@rel='next']")[0].get("href")
    assert "status=new" in following and "page=2" in following
    assert len(page(client.get(LIST + following)).xpath("//td[@class='claim-cell']")) == 10


def test_the_claim_list_of_100_rows_runs_a_fixed_number_of_queries(
    client, reviewer, editor, rating_false, django_assert_max_num_queries
) -> None:
    articles = [ArticleFactory() for _ in range(4)]
    Claim.objects.bulk_create(
        Claim(
            article=articles[i % 4],
            start=i,
            end=i + 5,
            quote="quote",
            statement=f"Claim {i}",
            assignee=reviewer if i % 3 else None,
        )
        for i in range(100)
    )
    for target in Claim.objects.all()[:10]:
        publish(target, reviewer, editor, rating_false)
    client.force_login(reviewer)
    with django_assert_max_num_queries(12):
        response = client.get(LIST, {"page": 1})
    with django_assert_max_num_queries(12):
        client.get(LIST, {"page": 2})
    assert len(page(response).xpath("//td[@class='claim-cell']")) == 50
    assert "100 claims" in page(response).xpath("//h2[@id='results-heading']")[0].text_content()


def test_rating_colours_come_from_the_scale(client, db) -> None:
    Rating.objects.filter(slug="false").update(colour="#123456")
    css = client.get(reverse("rating_styles")).content.decode()
    assert ".rating-false { background: #123456;" in css


def test_similar_claims_are_listed_and_a_repeat_can_be_marked(
    client, reviewer, editor, rating_false
) -> None:
    original = claim("More than 10,000 troops took part", article=ArticleFactory())
    repeat = claim("Over 10,000 troops took part", article=ArticleFactory())
    SimilarClaim.objects.create(
        claim=repeat, other=original, score=0.8, reasons=["same figure: 10000"]
    )
    publish(original, reviewer, editor, rating_false)
    client.force_login(reviewer)
    tree = page(client.get(repeat.get_absolute_url()))
    similar = tree.xpath("//*[@id='similar']")[0].text_content()
    assert "More than 10,000 troops took part" in similar and "same figure: 10000" in similar
    client.post(
        reverse("claim_mark_duplicate", args=[repeat.pk]),
        {"original": original.pk, "version": repeat.version},
    )
    repeat.refresh_from_db()
    assert repeat.duplicate_of == original

    client.force_login(editor)
    assert "Publish as a repeat" in client.get(repeat.get_absolute_url()).content.decode()
    client.post(reverse("claim_publish_duplicate", args=[repeat.pk]))
    repeat.refresh_from_db()
    assert repeat.status == Claim.Status.PUBLISHED
    public = client.get(reverse("claim_public", args=[repeat.pk]))
    assert public["Location"] == reverse("claim_public", args=[original.pk])


def test_the_article_filter_offers_recent_articles_and_the_chosen_one_escaped(
    client, reviewer
) -> None:
    old = ArticleFactory(title="Old <b>article</b>")
    claim("In the old article", article=old)
    for _ in range(31):
        ArticleFactory()
    client.force_login(reviewer)
    offered = page(client.get(LIST)).xpath("//select[@name='article']/option/@value")
    assert len(offered) == 31 and str(old.pk) not in offered
    response = client.get(LIST, {"article": old.pk})
    tree = page(response)
    chosen = tree.xpath("//select[@name='article']/option[@selected]")[0]
    assert (chosen.get("value"), chosen.text) == (str(old.pk), "Old <b>article</b>")
    assert "Old &lt;b&gt;article&lt;/b&gt;" in response.content.decode()
    assert rows(response) == ["In the old article"]
