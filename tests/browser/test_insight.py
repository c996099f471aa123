"""The Insight page in Chromium: a quarter of a busy desk at 1280 and 390 px, no CSP fault."""

import re
from datetime import date
from typing import Any

import pytest
from playwright.sync_api import expect

from factcheck.insight.figures import CHART_SLUGS
from tests.browser.conftest import PHONE, screenshot
from tests.insight.desk import busy_desk

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

END = date(2026, 3, 15)
QUARTER = "from=2025-12-15&to=2026-03-15"  # the 13 weeks busy_desk fills


def test_an_editor_reads_the_desk_in_pictures_and_opens_the_numbers(
    open_as: Any, live_server: Any
) -> None:
    busy_desk(END)
    edna = open_as("edna")
    edna.get_by_role("link", name="Insight").click()
    expect(edna.get_by_role("heading", name="Insight", exact=True)).to_be_visible()
    edna.goto(f"{live_server.url}/insight/?{QUARTER}")
    for slug in CHART_SLUGS:
        figure = edna.locator(f"figure#{slug}")
        expect(figure.locator("svg.chart")).to_be_visible()
        expect(figure.locator("svg.chart rect").first).to_be_attached()
    # The numbers behind a chart open with the keyboard, no script needed.
    work = edna.locator("figure#work-per-person")
    expect(work.get_by_role("table")).to_be_hidden()
    work.get_by_text("Show data").focus()
    edna.keyboard.press("Enter")
    expect(work.get_by_role("table")).to_be_visible()
    expect(work.get_by_role("row", name="rita")).to_be_visible()
    work.get_by_text("Show data").click()
    edna.evaluate("document.activeElement.blur()")  # no focus ring in the screenshot
    screenshot(edna, "insight")
    # At 390 px nothing is wider than the screen.
    edna.set_viewport_size(PHONE)
    width = edna.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"]


def test_a_bad_custom_period_is_explained_on_the_page(open_as: Any, live_server: Any) -> None:
    busy_desk(END, weeks=1)
    edna = open_as("edna")
    edna.goto(f"{live_server.url}/insight/")
    edna.get_by_label(re.compile(r"^Period")).select_option("custom")
    edna.get_by_label(re.compile(r"^From")).fill("2026-03-15")
    edna.get_by_label(re.compile(r"^To:?$")).fill("2026-03-01")
    edna.get_by_role("button", name="Show").click()
    expect(edna.get_by_role("alert")).to_contain_text("is after the To date")
    expect(edna.locator("svg.chart")).to_have_count(0)
