"""The Insight page and its CSV downloads: who sees what, bad periods, queries, markup."""

import csv
import io
import re
from typing import Any

import pytest
from django.contrib.auth.models import Permission, User
from django.urls import reverse

from factcheck.insight.figures import CHART_SLUGS
from tests.clients import web_client
from tests.factories import ArticleFactory, ClaimFactory, ensure_source, make_user
from tests.insight.conftest import Desk, at, clock

pytestmark = pytest.mark.django_db

FORTNIGHT_QUERY = {"from": "2026-03-02", "to": "2026-03-15"}


def page(user: User | None, **query: str) -> Any:
    return web_client(user).get(reverse("insight"), query)


def test_an_anonymous_visitor_is_sent_to_log_in() -> None:
    response = page(None)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_an_account_without_a_role_is_refused() -> None:
    consumer = make_user("data-consumer", None)
    assert page(consumer).status_code == 403
    assert web_client(consumer).get("/insight/claims-in-out.csv").status_code == 403


def test_an_editor_sees_every_chart_with_its_data_and_download(fortnight: Desk) -> None:
    response = page(fortnight.edna, **FORTNIGHT_QUERY)
    assert response.status_code == 200
    html = response.content.decode()
    for slug in CHART_SLUGS:
        figure = re.search(rf'<figure[^>]*id="{slug}".*?</figure>', html, re.S)
        assert figure, slug
        block = figure.group(0)
        assert f'aria-labelledby="{slug}-svg-title {slug}-svg-desc"' in block
        assert "<details>" in block and "<summary>Show data</summary>" in block
        assert f'href="{slug}.csv?period=custom&amp;from=2026-03-02&amp;to=2026-03-15"' in block
    # Work per person names the whole desk for an editor.
    work = re.search(r'id="work-per-person".*?</figure>', html, re.S).group(0)  # type: ignore[union-attr]
    for name in ("rita", "ravi", "edna", "eddie"):
        assert f'<th scope="row">{name}</th>' in work


def test_a_reviewer_sees_a_read_only_page_with_only_their_own_work(fortnight: Desk) -> None:
    response = page(fortnight.rita, **FORTNIGHT_QUERY)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Download CSV" not in html
    assert ".csv" not in html
    work = re.search(r'id="work-per-person".*?</figure>', html, re.S).group(0)  # type: ignore[union-attr]
    assert "Your work" in work
    assert '<th scope="row">rita</th>' in work
    for colleague in ("ravi", "edna", "eddie"):
        assert colleague not in html
    assert web_client(fortnight.rita).get("/insight/claims-in-out.csv").status_code == 403


def test_the_page_has_no_inline_script_or_style(fortnight: Desk) -> None:
    html = page(fortnight.edna, **FORTNIGHT_QUERY).content.decode()
    assert "style=" not in html
    for tag in re.findall(r"<script[^>]*>", html):
        assert "src=" in tag


def test_a_names_markup_is_shown_as_text_in_the_charts(fortnight: Desk) -> None:
    editor = fortnight.edna
    with clock(at(10)):
        claim = ClaimFactory(
            article=ArticleFactory(publisher="<b>Planet</b>"), claimant="<script>x</script>"
        )
    with clock(at(11)):
        from factcheck.claims import services
        from factcheck.claims.models import Rating

        verdict = services.verdict_save_draft(
            claim=claim, actor=fortnight.rita, rating=Rating.objects.get(slug="false"),
            summary="No.",
        )  # fmt: skip
        ensure_source(verdict.claim)
        verdict = services.verdict_submit(verdict=verdict, actor=fortnight.rita)
        services.verdict_approve(verdict=verdict, actor=editor)
    html = page(editor, **FORTNIGHT_QUERY).content.decode()
    assert "<script>x</script>" not in html and "<b>Planet</b>" not in html
    assert "&lt;script&gt;x&lt;/script&gt;" in html and "&lt;b&gt;Planet&lt;/b&gt;" in html


def test_each_chart_downloads_as_csv_with_the_pages_numbers(fortnight: Desk) -> None:
    client = web_client(fortnight.edna)
    response = client.get("/insight/work-per-person.csv", FORTNIGHT_QUERY)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "work-per-person-2026-03-02-2026-03-15.csv" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows == [
        ["Person", "Claims taken", "Verdicts written", "Approvals given", "Sent back"],
        ["rita", "2", "3", "0", "0"],
        ["edna", "1", "0", "2", "1"],
        ["eddie", "0", "0", "2", "0"],
        ["ravi", "1", "1", "0", "0"],
    ]
    for slug in CHART_SLUGS:
        assert client.get(f"/insight/{slug}.csv", FORTNIGHT_QUERY).status_code == 200
    assert client.get("/insight/no-such-chart.csv").status_code == 404


def test_a_csv_cell_that_looks_like_a_formula_is_neutralised(editor: User) -> None:
    reviewer = make_user("rev", "Reviewer")
    with clock(at(10)):
        claim = ClaimFactory(article=ArticleFactory(publisher="=HYPERLINK(1)"))
    with clock(at(11)):
        from factcheck.claims import services
        from factcheck.claims.models import Rating

        verdict = services.verdict_save_draft(
            claim=claim, actor=reviewer, rating=Rating.objects.get(slug="false"), summary="No."
        )
        ensure_source(verdict.claim)
        verdict = services.verdict_submit(verdict=verdict, actor=reviewer)
        services.verdict_approve(verdict=verdict, actor=editor)
    response = web_client(editor).get("/insight/top-outlets.csv", FORTNIGHT_QUERY)
    assert "'=HYPERLINK(1)" in response.content.decode()


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"from": "2026-03-15", "to": "2026-03-02"}, "is after the To date"),
        ({"period": "custom", "from": "2026-03-02"}, "needs both a From and a To date"),
        ({"from": "2026-02-30", "to": "2026-03-02"}, "Enter a date as YYYY-MM-DD"),
        ({"from": "yesterday", "to": "2026-03-02"}, "Enter a date as YYYY-MM-DD"),
        ({"from": "2020-01-01", "to": "2026-03-02"}, "at most 366 days"),
        ({"from": "2026-03-02", "to": "2999-01-01"}, "cannot be in the future"),
        ({"period": "fortnight"}, "Select a valid choice"),
    ],
)
def test_a_bad_period_gets_a_clear_error_and_no_charts(
    editor: User, query: dict[str, str], message: str
) -> None:
    response = page(editor, **query)
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert '<svg class="chart"' not in html
    csv_response = web_client(editor).get("/insight/claims-in-out.csv", query)
    assert csv_response.status_code == 400
    assert message in csv_response.content.decode()


@pytest.mark.parametrize("period", ["7d", "30d", "quarter"])
def test_each_ready_made_period_ends_today(editor: User, period: str) -> None:
    from django.utils import timezone

    response = page(editor, period=period)
    assert response.status_code == 200
    today = timezone.localdate()
    assert f"to {today:%-d %b %Y}" in response.content.decode()


def test_the_page_runs_a_fixed_number_of_queries_however_much_happened(
    fortnight: Desk, django_assert_num_queries: Any
) -> None:
    client = web_client(fortnight.edna)
    # Session, user, the user's permissions (own and group's), then the figures: the claim
    # history's events (dismissed, published, taken) and the claims that came in, time to
    # publish, the rating scale and verdicts by rating, the verdict history's events
    # (written, sent back), approvals and people's names, outlets, claimants, two for the
    # claims seen most often, one for extraction quality; and the header's count of unread
    # notifications.
    expected = 4 + 2 + 1 + 2 + 3 + 2 + 2 + 1 + 1
    with django_assert_num_queries(expected):
        assert client.get(reverse("insight"), FORTNIGHT_QUERY).status_code == 200
    # A second desk as busy again, more people, outlets and ratings: the same queries.
    more = make_user("mo", "Reviewer")
    more.user_permissions.add(Permission.objects.get(codename="view_insight"))
    from factcheck.claims import services
    from factcheck.claims.models import Rating

    for day, rating in zip((3, 6, 10, 13), Rating.objects.all(), strict=False):
        with clock(at(day)):
            claims = [
                ClaimFactory(
                    article=ArticleFactory(publisher=f"Outlet {day}-{n}"), claimant=f"P{n}"
                )
                for n in range(5)
            ]
            verdict = services.verdict_save_draft(
                claim=claims[0], actor=more, rating=rating, summary="Checked."
            )
            ensure_source(verdict.claim)
            verdict = services.verdict_submit(verdict=verdict, actor=more)
            services.verdict_approve(verdict=verdict, actor=fortnight.eddie)
            services.claim_dismiss(claim=claims[1], actor=fortnight.eddie, reason=f"R{day}")
    with django_assert_num_queries(expected):
        assert client.get(reverse("insight"), FORTNIGHT_QUERY).status_code == 200


def test_the_form_shows_the_period_as_understood(editor: User) -> None:
    from datetime import timedelta

    from django.utils import timezone

    custom = page(editor, **FORTNIGHT_QUERY).content.decode()
    assert re.search(r'<option value="custom" selected>', custom)
    assert 'value="2026-03-02"' in custom and 'value="2026-03-15"' in custom
    quarter = page(editor, period="quarter").content.decode()
    today = timezone.localdate()
    assert re.search(r'<option value="quarter" selected>', quarter)
    assert f'value="{today - timedelta(days=90)}"' in quarter and f'value="{today}"' in quarter
