"""axe-core over every page type, as each role, at 1280 px and 390 px: no WCAG 2.2 A/AA
violation anywhere. The data is rich on purpose (published, awaiting, dismissed and
failed things, dozens of similar claims, a failed source) so that every part of each page
is on screen when axe looks at it."""

from typing import Any

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import Page, expect

from factcheck.articles.models import Article
from factcheck.claims import services
from factcheck.claims.models import Claim, Rating, Source
from tests.browser.a11y import assert_accessible, axe_violations
from tests.conftest import make_user
from tests.factories import ArticleFactory, SourceFactory, ensure_source, repeated_claims

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def desk(seed_article: Article, reviewer: User, editor: User, rating: Rating) -> dict[str, Any]:
    """Claims in every state the pages show differently, and what they link to."""
    claims = list(seed_article.claims.order_by("start"))
    published, awaiting, dismissed = claims[0], claims[1], claims[2]
    for claim, author in ((published, reviewer), (awaiting, reviewer)):
        verdict = services.verdict_save_draft(
            claim=claim, actor=author, rating=rating, summary="Fewer took part."
        )
        ensure_source(claim)
        services.verdict_submit(verdict=verdict, actor=author)
    services.verdict_approve(verdict=published.verdicts.get(), actor=editor)
    services.claim_dismiss(claim=dismissed, actor=editor, reason="Background only.")
    services.comment_add(claim=awaiting, actor=editor, body="Check the ministry's figure.")
    SourceFactory(
        claim=awaiting,
        snapshot_status=Source.SnapshotStatus.FAILED,
        failure_reason="The site answered 403 Forbidden.",
    )
    repeated = repeated_claims(12)
    failed = ArticleFactory(
        body="",
        url="https://news.example/gone",
        job_status=Article.Status.FAILED,
        job_error="The site answered 404 Not Found.",
    )
    return {
        "article": seed_article,
        "new": claims[3],
        "published": published,
        "awaiting": awaiting,
        "dismissed": dismissed,
        "repeated": repeated[0],
        "failed": failed,
        "source": published.sources.first(),
    }


@pytest.fixture
def pages(seed_article: Article, reviewer: User, editor: User, rating_false: Rating) -> Any:
    make_user("ada", None, is_staff=True, is_superuser=True)
    return desk(seed_article, reviewer, editor, rating_false)


def check(page: Page, url: str, what: str) -> None:
    page.goto(url)
    assert_accessible(page, what)


def test_public_pages_pass_axe_for_an_anonymous_reader(open_as, live_server, pages) -> None:
    visitor = open_as(None)
    check(visitor, f"{live_server.url}/login/", "login")
    check(visitor, f"{live_server.url}/fact-checks/", "public index")
    check(visitor, f"{live_server.url}/fact-checks/{pages['published'].pk}/", "fact-check page")
    visitor.goto(f"{live_server.url}/login/")
    visitor.get_by_label("Username").fill("nobody")
    visitor.get_by_label("Password").fill("wrong-password")
    visitor.get_by_role("button", name="Log in").click()
    expect(visitor.locator(".errorlist, .errors").first).to_be_visible()
    assert_accessible(visitor, "login with an error")


def desk_pages(live: str, pages: dict[str, Any]) -> list[tuple[str, str]]:
    return [
        ("dashboard", f"{live}/"),
        ("claim search", f"{live}/claims/?status=new"),
        ("article list", f"{live}/articles/"),
        ("add article", f"{live}/articles/new/"),
        ("article reader", pages["article"].get_absolute_url()),
        ("failed article", pages["failed"].get_absolute_url()),
        ("new claim", pages["new"].get_absolute_url()),
        ("claim awaiting approval", pages["awaiting"].get_absolute_url()),
        ("published claim", pages["published"].get_absolute_url()),
        ("dismissed claim", pages["dismissed"].get_absolute_url()),
        ("claim with many similar claims", pages["repeated"].get_absolute_url()),
        ("archived source", f"{live}/sources/{pages['source'].pk}/archive/"),
        ("notifications", f"{live}/notifications/"),
        ("public index, logged in", f"{live}/fact-checks/"),
    ]


@pytest.mark.parametrize("username", ["rita", "edna"])
def test_desk_pages_pass_axe_for_reviewers_and_editors(
    open_as, live_server, pages, username: str
) -> None:
    person = open_as(username)
    for what, url in desk_pages(live_server.url, pages):
        check(person, url if url.startswith("http") else live_server.url + url, what)
    person.goto(f"{live_server.url}/insight/")
    if username == "edna":  # Insight is the editors' page
        assert_accessible(person, "insight")
    # A form sent back with errors.
    person.goto(f"{live_server.url}/articles/new/")
    person.get_by_role("button", name="Add article").click()
    expect(person.locator(".errorlist").first).to_be_visible()
    assert_accessible(person, "add article with an error")


def test_admin_pages_pass_axe(open_as, live_server, pages) -> None:
    ada = open_as("ada")
    claim: Claim = pages["awaiting"]
    for what, path in [
        ("admin index", "/admin/"),
        ("admin claim list", "/admin/claims/claim/"),
        ("admin claim", f"/admin/claims/claim/{claim.pk}/change/"),
        ("admin article", f"/admin/articles/article/{claim.article_id}/change/"),
    ]:
        check(ada, live_server.url + path, what)


LOW_CONTRAST = "body { color: #d1d5db !important; }"


def test_axe_fails_a_page_with_a_low_contrast_style(open_as, live_server, pages) -> None:
    """The check can fail: grey text on our light background is caught as color-contrast."""
    visitor = open_as(None)
    visitor.goto(f"{live_server.url}/fact-checks/")
    assert axe_violations(visitor) == []
    # A style sheet injected through Playwright: the page's CSP refuses inline styles.
    visitor.evaluate(
        """(css) => { const s = new CSSStyleSheet(); s.replaceSync(css);
                     document.adoptedStyleSheets = [s]; }""",
        LOW_CONTRAST,
    )
    violations = axe_violations(visitor)
    assert [v["id"] for v in violations] == ["color-contrast"]
    with pytest.raises(AssertionError, match="color-contrast"):
        assert_accessible(visitor, "public index in grey")


def test_monitoring_pages_pass_axe(open_as, live_server, editor: User) -> None:
    from tests.browser.test_monitoring import followed_feeds

    feed = followed_feeds()
    edna = open_as("edna")
    for what, path in [
        ("followed feeds", "/feeds/"),
        ("one feed", f"/feeds/{feed.pk}/"),
        ("seen again", "/seen-again/"),
    ]:
        check(edna, live_server.url + path, what)
