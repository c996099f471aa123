"""Every page type, rendered over a desk full of hostile text: each carries the strict CSP,
holds no inline script without its nonce, no event-handler or style attribute, no script
address, and none of the hostile markup live. (The browser test runs the same payloads in
Chromium and listens for dialogs.)"""

from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from tests.factories import make_user
from tests.security.hostile import (
    HOSTILE,
    MARKERS,
    HostileDesk,
    build_hostile_desk,
    page_problems,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def desk(reviewer: User, editor: User, other_editor: User) -> HostileDesk:
    return build_hostile_desk(reviewer, editor, other_editor)


Request = Callable[[HostileDesk], tuple[str, str, dict[str, Any]]]

# (who, address, extra request arguments) for each page type. Who: the editor, the
# superuser, or nobody signed in.
WEB_PAGES: dict[str, Request] = {
    "dashboard": lambda d: ("editor", reverse("dashboard"), {}),
    "claim search": lambda d: ("editor", reverse("claim_list"), {"data": {"q": "script"}}),
    "claim search fragment": lambda d: (
        "editor",
        reverse("claim_list"),
        {"data": {"q": "alert"}, "HTTP_HX_REQUEST": "true"},
    ),
    "claim filtered by article": lambda d: (
        "editor",
        reverse("claim_list"),
        {"data": {"article": d.article.pk}},
    ),
    "claim workspace": lambda d: ("editor", d.claim.get_absolute_url(), {}),
    "claim workspace, dismissed": lambda d: ("editor", d.dismissed.get_absolute_url(), {}),
    "claim workspace, sent back": lambda d: ("reviewer", d.sent_back.get_absolute_url(), {}),
    "article list": lambda d: ("editor", reverse("article_list"), {}),
    "insight": lambda d: ("editor", reverse("insight"), {"data": {"period": "7d"}}),
    "article reader": lambda d: ("editor", d.article.get_absolute_url(), {}),
    "article reader fragment": lambda d: (
        "editor",
        d.article.get_absolute_url(),
        {"HTTP_HX_REQUEST": "true"},
    ),
    "uploaded article": lambda d: ("editor", d.uploaded.get_absolute_url(), {}),
    "add article": lambda d: ("editor", reverse("article_new"), {}),
    "archived source": lambda d: ("editor", reverse("source_archive", args=[d.source.pk]), {}),
    "public fact-check": lambda d: ("nobody", reverse("claim_public", args=[d.claim.pk]), {}),
    "login": lambda d: ("nobody", reverse("login"), {}),
    "not found": lambda d: ("editor", "/no/such/page/", {}),
    "API docs": lambda d: ("editor", "/api/docs/", {}),
    "API JSON": lambda d: ("editor", f"/api/v1/claims/{d.claim.pk}/", {}),
    "admin index": lambda d: ("admin", reverse("admin:index"), {}),
    "admin claim search": lambda d: (
        "admin",
        reverse("admin:claims_claim_changelist"),
        {"data": {"q": "script"}},
    ),
    "admin claim": lambda d: ("admin", reverse("admin:claims_claim_change", args=[d.claim.pk]), {}),
    "admin claim history": lambda d: (
        "admin",
        reverse("admin:claims_claim_history", args=[d.claim.pk]),
        {},
    ),
    "admin claim past version": lambda d: (
        "admin",
        reverse(
            "admin:claims_claim_simple_history",
            args=[d.claim.pk, d.claim.history.last().history_id],
        ),
        {},
    ),
    "admin source": lambda d: (
        "admin",
        reverse("admin:claims_source_change", args=[d.source.pk]),
        {},
    ),
    "admin source history": lambda d: (
        "admin",
        reverse("admin:claims_source_history", args=[d.source.pk]),
        {},
    ),
    "admin verdict": lambda d: (
        "admin",
        reverse("admin:claims_verdict_change", args=[d.verdict.pk]),
        {},
    ),
    "admin verdicts": lambda d: ("admin", reverse("admin:claims_verdict_changelist"), {}),
    "admin article": lambda d: (
        "admin",
        reverse("admin:articles_article_change", args=[d.uploaded.pk]),
        {},
    ),
    "admin comments": lambda d: ("admin", reverse("admin:claims_comment_changelist"), {}),
    "admin delete confirmation": lambda d: (
        "admin",
        # The uploaded article: one whose claims carry a verdict cannot be deleted at all.
        reverse("admin:articles_article_delete", args=[d.uploaded.pk]),
        {},
    ),
}


def client_for(who: str, desk: HostileDesk) -> Client:
    client = Client()
    user = {
        "editor": desk.editor,
        "reviewer": desk.reviewer,
        "admin": User.objects.filter(is_superuser=True).first()
        or make_user("ada", is_staff=True, is_superuser=True),
        "nobody": None,
    }[who]
    if user is not None:
        client.force_login(user)
    return client


def fetch(name: str, desk: HostileDesk) -> Any:
    who, url, extra = WEB_PAGES[name](desk)
    data = extra.pop("data", None)
    return client_for(who, desk).get(url, data, **extra)


def test_every_page_type_is_safe_with_hostile_text_in_every_field(desk: HostileDesk) -> None:
    report = {}
    for name in WEB_PAGES:
        response = fetch(name, desk)
        assert response.status_code in (200, 404), f"{name}: HTTP {response.status_code}"
        html = response.content.decode() if "html" in response["Content-Type"] else ""
        if problems := page_problems(html, response.get("Content-Security-Policy")):
            report[name] = problems
    assert not report, "\n".join(f"{page}: {problems}" for page, problems in report.items())


def test_the_hostile_text_is_really_on_the_pages_escaped(desk: HostileDesk) -> None:
    """The crawl above proves something only if the payloads reach the pages."""
    escaped = "&lt;script&gt;alert(&#x27;xss-1&#x27;)&lt;/script&gt;"
    for name in ("claim workspace", "article reader", "archived source", "public fact-check"):
        html = fetch(name, desk).content.decode()
        assert escaped in html or "&lt;img src=x onerror" in html, name


def test_a_refused_form_shows_the_hostile_input_escaped(desk: HostileDesk) -> None:
    client = client_for("editor", desk)
    responses = {
        "add article": client.post(
            reverse("article_new"), {"title": HOSTILE[:300], "url": f"javascript:{HOSTILE}"}
        ),
        "source": client.post(
            reverse("source_add", args=[desk.sent_back.pk]),
            {"url": f"data:text/html,{HOSTILE}", "title": HOSTILE[:300], "stance": "context"},
        ),
        "claim edit": client.post(
            reverse("claim_edit", args=[desk.sent_back.pk]),
            {"statement": HOSTILE, "type": "nonsense", "claimant": "", "version": 1},
        ),
        "login": Client().post(reverse("login"), {"username": HOSTILE[:150], "password": "x"}),
    }
    report = {}
    for name, response in responses.items():
        assert response.status_code in (200, 400), f"{name}: HTTP {response.status_code}"
        problems = page_problems(response.content.decode(), response.get("Content-Security-Policy"))
        if problems:
            report[name] = problems
    assert not report, report


def test_the_page_check_itself_catches_what_it_looks_for() -> None:
    header = "default-src 'self'; script-src 'self' 'nonce-abc'; style-src 'self'; " + (
        "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
    )
    assert page_problems("<p>fine</p><script nonce='abc'>1</script>", header) == []
    for bad in (
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "<p style='color:red'>x</p>",
        "<a href=' javascript:alert(1)'>x</a>",
        "<script src='https://cdn.example/x.js'></script>",
        "<style>p{}</style>",
    ):
        assert page_problems(bad, header), bad
    assert page_problems("<p>x</p>", header.replace("'self'; script", "*; script"))
    assert page_problems("<p>x</p>", header.replace("'nonce-abc'", "'unsafe-inline'"))
    assert all(page_problems(marker, header) for marker in MARKERS)
