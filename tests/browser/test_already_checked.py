"""A reviewer sees, in Chromium, that a new claim was already fact-checked elsewhere, and
cites that fact-check as a source in one click."""

import io
from typing import Any

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import expect

from factcheck.factchecks.services import factchecks_import
from tests.browser.conftest import screenshot
from tests.browser.test_workbench import add_article
from tests.claims.test_matching import ARTICLE, FEED, FILLER

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_reviewer_sees_an_external_fact_check_and_cites_it(
    open_as, live_server: Any, reviewer: User
) -> None:
    factchecks_import(source=io.BytesIO((FEED + FILLER).encode()))
    rita = open_as(reviewer.username)
    add_article(rita, live_server, "Storm news", ARTICLE)
    item = rita.locator(".claim-item", has_text="harbour of Lindqvist")
    expect(item.locator(".badge.already-checked")).to_have_text("Already checked")
    item.get_by_role("link").click()

    box = rita.locator("#already-checked")
    match = box.locator("li.match-external").first
    expect(match.locator(".badge")).to_have_text("Already checked")
    expect(match).to_contain_text("Nordic Checks")
    expect(match).to_contain_text("11 Feb 2024")
    expect(match.get_by_role("link")).to_have_attribute("href", "https://checks.example/lindqvist")
    screenshot(rita, "claim-already-checked")

    match.get_by_role("button", name="Cite as a source").click()
    sources = rita.locator("#sources")
    expect(
        sources.get_by_role("link", name="Was Lindqvist harbour shut for a month?")
    ).to_be_visible()
    expect(sources).to_contain_text("Nordic Checks")
