"""Browser helpers: people logged in through the real form, screenshots, a local source site."""

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from playwright.sync_api import BrowserContext, Page, expect

from tests.localweb import LocalWeb, Reply

# A test run writes no tracked file: screenshots go to build/ (ignored by git) unless
# `make screenshots` points this at docs/screenshots to refresh the README's pictures.
SCREENSHOTS = Path(settings.BASE_DIR) / os.environ.get("SCREENSHOTS_DIR", "build/screenshots")
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
EXPECTED_STATUSES = (400, 403, 409)

SOURCE_PAGE = """<!doctype html><html><head><title>Ministry of Defence: Zapad/Interaction 2021
</title></head><body><nav>Home · News · Contacts</nav><article><h1>Zapad/Interaction 2021
</h1><p>About 10,000 servicemen of the two countries are taking part in the joint exercise
Zapad/Interaction 2021 at the Qingtongxia training ground, the Ministry of Defence said on
Monday.</p><p>The Russian contingent includes Su-30SM fighters, motorized rifle units and
command staff. The exercise runs for five days.</p></article>
<footer>© Ministry of Defence</footer></body></html>"""


class Watched:
    """A page that remembers every CSP violation and script error it saw."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.problems: list[str] = []
        page.on("console", self._console)
        page.on("pageerror", lambda exc: self.problems.append(f"page error: {exc}"))
        page.on("response", self._response)

    def _response(self, response: Any) -> None:
        # A refused form answers 400, 403 or 409 on purpose; anything else is a fault.
        if response.url.endswith("/favicon.ico"):
            return  # the admin's pages name no icon, so Chromium asks for one
        if response.status >= 400 and response.status not in EXPECTED_STATUSES:
            self.problems.append(f"{response.status} {response.request.method} {response.url}")

    def _console(self, message: Any) -> None:
        text = message.text
        if text.startswith("Failed to load resource"):
            return  # reported with its address by _response
        if message.type == "error" or "Content Security Policy" in text:
            self.problems.append(text)


@pytest.fixture
def watched() -> Iterator[list[Watched]]:
    """Pages register here; the test fails if any of them broke the CSP or threw."""
    pages: list[Watched] = []
    yield pages
    problems = [problem for w in pages for problem in w.problems]
    assert not problems, "the browser reported: " + "\n".join(problems)


@pytest.fixture
def open_as(
    new_context: Callable[..., BrowserContext], live_server: Any, watched: list[Watched]
) -> Callable[[str | None], Page]:
    """A fresh browser (own cookies) logged in through the login form; None stays anonymous."""

    def _open(username: str | None) -> Page:
        page = new_context(viewport=DESKTOP).new_page()
        watched.append(Watched(page))
        if username is not None:
            log_in(page, live_server, username)
        return page

    return _open


def log_in(page: Page, live_server: Any, username: str) -> None:
    """Through the login form, with the password every test user has (tests/factories.py)."""
    page.goto(f"{live_server.url}/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(f"{username}-pass-123")
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Dashboard")).to_be_visible()


def screenshot(page: Page, name: str) -> None:
    """Save the page as it looks on a desktop (whole page) and a phone (first screens)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"{name}-desktop.png", full_page=True)
    page.set_viewport_size(PHONE)
    page.screenshot(
        path=SCREENSHOTS / f"{name}-phone.png",
        full_page=True,
        clip={"x": 0, "y": 0, "width": PHONE["width"], "height": PHONE["height"] * 2},
    )
    page.set_viewport_size(DESKTOP)


@pytest.fixture
def source_site(web: LocalWeb, allow_local: None) -> str:
    """A news site of our own on 127.0.0.1, which the fetcher may reach in tests only."""
    return web.add("/press/zapad-2021.html", Reply(body=SOURCE_PAGE))


def select_text(page: Page, needle: str) -> None:
    """Select `needle` in the article text as a person would with the mouse."""
    found = page.evaluate(
        """(needle) => {
          const body = document.querySelector('[data-article-body]');
          const walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT);
          for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            const at = node.data.indexOf(needle);
            if (at >= 0) {
              const range = document.createRange();
              range.setStart(node, at);
              range.setEnd(node, at + needle.length);
              const selection = document.getSelection();
              selection.removeAllRanges();
              selection.addRange(range);
              return true;
            }
          }
          return false;
        }""",
        needle,
    )
    assert found, f"{needle!r} is not in one piece of the article text"
