"""The workbench with a keyboard: the skip link, the reader's highlights, "Add claim" without a
mouse, the claim page's shortcuts and their help overlay, and long lists kept short."""

import re
from typing import Any

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import Page, expect

from factcheck.articles.models import Article
from factcheck.articles.services import ArticleText, article_create
from factcheck.claims.models import Claim
from tests.browser.a11y import assert_accessible
from tests.browser.conftest import PHONE, screenshot
from tests.factories import repeated_claims

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Made up for these tests: a named speaker, then a quote attributed with a pronoun.
SPEECH = (
    "Defence Minister Ivan Petrov spoke to reporters in Minsk on Monday.\n\n"
    "“More than 12,000 troops will take part in the autumn drills,” he said.\n\n"
    "The exercise ends on Friday with a parade in the capital. What a sight that will be!\n"
)
PICKED = "More than 12,000 troops will take part in the autumn drills,” he said"


@pytest.fixture
def speech(reviewer: User, django_capture_on_commit_callbacks: Any) -> Article:
    with django_capture_on_commit_callbacks(execute=True):
        article, _ = article_create(actor=reviewer, text=ArticleText(body=SPEECH), title="Drills")
    return article


def focused(page: Page) -> dict[str, Any]:
    return page.evaluate(
        """() => { const el = document.activeElement;
                   return {tag: el.tagName, id: el.id, text: el.textContent.trim(),
                           top: el.getBoundingClientRect().top}; }"""
    )


def test_the_skip_link_is_the_first_tab_stop_and_leads_to_the_content(
    open_as, live_server, reviewer: User
) -> None:
    rita = open_as("rita")
    rita.keyboard.press("Tab")
    first = focused(rita)
    assert (first["tag"], first["text"]) == ("A", "Skip to main content")
    assert first["top"] >= 0  # on screen once focused, not only for screen readers
    expect(rita.get_by_role("link", name="Skip to main content")).to_be_in_viewport()
    rita.keyboard.press("Enter")
    assert focused(rita)["id"] == "main"
    rita.keyboard.press("Tab")  # the next stop is inside the page, past the menu
    assert rita.evaluate("document.querySelector('main').contains(document.activeElement)")


def test_a_reviewer_adds_a_claim_with_the_keyboard_and_reviews_it_before_saving(
    open_as, live_server, reviewer: User, speech: Article
) -> None:
    rita = open_as("rita")
    rita.goto(live_server.url + speech.get_absolute_url())
    rita.keyboard.press("/")  # the documented shortcut to "Find words to add"
    assert focused(rita)["id"] == "find-words"
    rita.keyboard.type(PICKED)
    rita.keyboard.press("Enter")
    expect(rita.locator("[data-selection-hint]")).to_contain_text("Selected: “More than 12,000")
    assert rita.evaluate("document.getSelection().toString()") == PICKED
    rita.keyboard.press("Tab")
    assert focused(rita)["text"] == "Add claim"
    rita.keyboard.press("Enter")

    # The claim is proposed, not saved: trimmed statement, type and claimant from the rules.
    expect(rita.get_by_role("heading", name="Check the new claim")).to_be_visible()
    assert Claim.objects.filter(origin=Claim.Origin.HUMAN).count() == 0
    statement = rita.get_by_label("Statement")
    expect(statement).to_be_focused()
    expect(statement).to_have_value("More than 12,000 troops will take part in the autumn drills.")
    expect(rita.get_by_label("Type")).to_have_value("prediction")
    expect(rita.get_by_label("Claimant")).to_have_value("Defence Minister Ivan Petrov")
    assert_accessible(rita, "the new claim's review form")
    screenshot(rita, "claim-new")

    rita.get_by_label("Type").select_option("quantity")
    rita.get_by_label("Claimant").fill("Ivan Petrov")
    rita.get_by_role("button", name="Save claim").focus()
    rita.keyboard.press("Enter")
    expect(rita.get_by_role("status")).to_contain_text("Claim added")
    human = Claim.objects.get(origin=Claim.Origin.HUMAN)
    assert (human.type, human.claimant, human.quote) == ("quantity", "Ivan Petrov", PICKED)
    assert human.statement == "More than 12,000 troops will take part in the autumn drills."


def test_the_caret_shortcut_selects_the_sentence_around_the_caret(
    open_as, live_server, reviewer: User, speech: Article
) -> None:
    rita = open_as("rita")
    rita.goto(live_server.url + speech.get_absolute_url())
    # With caret browsing (F7) the caret sits in the text; put it inside "sight".
    rita.evaluate(
        """() => { const body = document.querySelector('[data-article-body]');
                   const walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT);
                   for (let n = walker.nextNode(); n; n = walker.nextNode()) {
                     const at = n.data.indexOf('sight');
                     if (at >= 0) { document.getSelection().collapse(n, at + 2); return; } } }"""
    )
    rita.keyboard.press("s")
    sentence = "What a sight that will be!"  # no claim to the extractor, so none yet
    assert rita.evaluate("document.getSelection().toString()") == sentence
    rita.keyboard.press("a")
    expect(rita.get_by_label("Statement")).to_have_value(sentence)
    expect(rita.get_by_label("Type")).to_have_value("other")


def test_the_selection_form_refuses_an_empty_statement_and_keeps_the_rest(
    open_as, live_server, reviewer: User, speech: Article
) -> None:
    rita = open_as("rita")
    rita.goto(live_server.url + speech.get_absolute_url())
    rita.get_by_label("Find words to add").fill("Minsk on Monday")
    rita.get_by_label("Find words to add").press("Enter")
    rita.get_by_role("button", name="Add claim").click()
    rita.get_by_label("Statement").fill("")
    rita.get_by_label("Claimant").fill("Ivan Petrov")
    rita.get_by_role("button", name="Save claim").click()
    expect(rita.locator(".errorlist")).to_contain_text("required")
    expect(rita.get_by_label("Claimant")).to_have_value("Ivan Petrov")
    assert Claim.objects.filter(origin=Claim.Origin.HUMAN).count() == 0


def test_a_highlight_shows_its_claim_on_click_and_opens_it_with_enter(
    open_as, live_server, reviewer: User, speech: Article
) -> None:
    claim = speech.claims.get(quote__contains="12,000 troops")
    rita = open_as("rita")
    rita.goto(live_server.url + speech.get_absolute_url())
    box = rita.locator("[data-current-claim]")
    expect(box).to_be_hidden()

    mark = rita.locator(f"mark#claim-mark-{claim.pk}")
    mark.click()
    expect(box).to_be_visible()
    expect(box).to_contain_text(claim.statement)
    expect(box.get_by_role("link", name="Open claim")).to_have_attribute(
        "href", claim.get_absolute_url()
    )
    expect(mark).to_have_class(re.compile(r"\bis-current\b"))
    expect(rita.locator(f"#claim-{claim.pk}")).to_have_class(re.compile(r"\bis-current\b"))
    screenshot(rita, "article-highlight")
    rita.set_viewport_size(PHONE)  # on a phone the box above the text says it
    expect(box).to_be_in_viewport()

    # The keyboard: highlights are tab stops after the reader's controls.
    rita.goto(live_server.url + speech.get_absolute_url())
    rita.get_by_role("button", name="Keyboard shortcuts").focus()
    for _ in range(5):
        rita.keyboard.press("Tab")
        if focused(rita)["tag"] == "MARK":
            break
    assert focused(rita)["tag"] == "MARK"
    expect(box).to_be_visible()  # focus shows the claim as a click does
    rita.keyboard.press("Enter")
    expect(rita).to_have_url(re.compile(r"/claims/\d+/$"))


def test_claim_page_shortcuts_move_take_dismiss_and_reach_the_verdict(
    open_as, live_server, reviewer: User, speech: Article
) -> None:
    claims = list(speech.claims.order_by("start", "id"))
    assert len(claims) >= 2
    first, second = claims[0], claims[1]
    rita = open_as("rita")
    rita.goto(live_server.url + first.get_absolute_url())
    rita.keyboard.press("j")
    expect(rita).to_have_url(live_server.url + second.get_absolute_url())
    rita.keyboard.press("k")
    expect(rita).to_have_url(live_server.url + first.get_absolute_url())

    # Typing in a field fires nothing.
    comment = rita.get_by_label("Comment", exact=True)
    comment.click()
    rita.keyboard.type("jk tdv?")
    expect(comment).to_have_value("jk tdv?")
    expect(rita).to_have_url(live_server.url + first.get_absolute_url())
    expect(rita.locator("dialog#shortcuts")).to_be_hidden()
    comment.fill("")
    rita.locator("h1").click()  # out of the field

    rita.keyboard.press("?")
    help_ = rita.get_by_role("dialog", name="Keyboard shortcuts")
    expect(help_).to_be_visible()
    expect(help_).to_contain_text("Next claim")
    assert_accessible(rita, "the shortcuts overlay")
    screenshot(rita, "claim-shortcuts")
    rita.keyboard.press("Escape")
    expect(help_).to_be_hidden()

    rita.keyboard.press("v")
    expect(rita.get_by_label("Rating")).to_be_focused()
    rita.locator("h1").click()
    rita.keyboard.press("d")
    expect(rita.get_by_label("Reason for dismissing")).to_be_focused()
    rita.locator("h1").click()
    rita.keyboard.press("t")
    expect(rita.get_by_role("status")).to_contain_text("The claim is yours")
    first.refresh_from_db()
    assert first.assignee_id == reviewer.pk


def test_long_lists_show_five_and_a_show_all_control(
    open_as, live_server, reviewer: User
) -> None:
    repeated = repeated_claims(34)
    rita = open_as("rita")
    rita.goto(live_server.url + repeated[0].get_absolute_url())
    similar = rita.locator("#similar")
    links = similar.locator("a[href*='/claims/']")
    expect(links.filter(visible=True)).to_have_count(5)
    show_all = similar.get_by_text("Show all (33)")
    expect(show_all).to_be_visible()
    # Tab stops between the similar claims' heading and Sources: five links, five buttons
    # and the control, not 66.
    stops = rita.evaluate(
        """() => [...document.querySelectorAll('#similar a, #similar button, #similar summary')]
                 .filter(el => el.checkVisibility()).length"""
    )
    assert stops <= 11
    rita.set_viewport_size(PHONE)
    folded = rita.evaluate("document.documentElement.scrollHeight")
    show_all.click()
    expect(links.filter(visible=True)).to_have_count(33)
    expect(similar.get_by_text("Show fewer")).to_be_visible()
    # 28 more claims on a phone: the folded page is thousands of pixels shorter.
    assert rita.evaluate("document.documentElement.scrollHeight") > folded + 2000


def test_every_tab_stop_on_the_claim_page_shows_a_focus_ring(
    open_as, live_server, reviewer: User, speech: Article
) -> None:
    rita = open_as("rita")
    rita.goto(live_server.url + speech.claims.first().get_absolute_url())
    unringed = []
    for _ in range(60):
        rita.keyboard.press("Tab")
        ring = rita.evaluate(
            """() => { const el = document.activeElement, s = getComputedStyle(el);
                       const none = s.outlineStyle === 'none';
                       return {what: el.outerHTML.slice(0, 80),
                               width: none ? 0 : parseFloat(s.outlineWidth)}; }"""
        )
        if ring["width"] < 2 and not ring["what"].startswith("<body"):  # past the last stop
            unringed.append(ring["what"])
    assert unringed == [], "\n".join(unringed)
