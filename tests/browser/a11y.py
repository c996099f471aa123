"""axe-core in the browser tests: every page checked against WCAG 2.2 A and AA.

axe.min.js comes from the axe-playwright-python package (installed from PyPI with the dev
dependencies), never from a CDN. It is evaluated through Playwright, which the page's CSP
does not restrict: our pages are checked under the same strict CSP that users get.
"""

from typing import Any

from axe_playwright_python.base import AXE_SCRIPT
from playwright.sync_api import Page

from tests.browser.conftest import DESKTOP, PHONE

# Every rule axe files under WCAG 2.0, 2.1 and 2.2, levels A and AA; and, though axe files
# it under best practice, a header cell with no text (a column a screen reader cannot name).
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
ALSO = {"empty-table-header": {"enabled": True}}


def axe_violations(page: Page) -> list[dict[str, Any]]:
    """Run axe-core on the page as it is now; its WCAG A/AA violations."""
    if not page.evaluate("typeof window.axe === 'object'"):
        page.evaluate(AXE_SCRIPT)
    result = page.evaluate(
        """([tags, rules]) => axe.run(document, {
             runOnly: {type: 'tag', values: tags}, rules: rules, resultTypes: ['violations']
           })""",
        [WCAG_TAGS, ALSO],
    )
    return list(result["violations"])


def report(violations: list[dict[str, Any]]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"][:5]:
            lines.append(f"    {', '.join(map(str, node['target']))}: {node['failureSummary']}")
    return "\n".join(lines)


def assert_accessible(page: Page, what: str) -> None:
    """No WCAG 2.2 A/AA violation on the page, at 1280 px and at 390 px."""
    try:
        for name, viewport in (("1280 px", DESKTOP), ("390 px", PHONE)):
            page.set_viewport_size(viewport)
            violations = axe_violations(page)
            assert not violations, f"{what} at {name}:\n{report(violations)}"
    finally:
        page.set_viewport_size(DESKTOP)
