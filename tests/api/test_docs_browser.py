"""/api/docs/ in the real Chromium: Swagger UI from our own static files, under the strict CSP."""

import pytest
from playwright.sync_api import Page, expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_api_docs_render_every_operation_without_csp_errors(page: Page, live_server) -> None:
    problems: list[str] = []
    requested: list[str] = []
    page.on(
        "console",
        lambda message: (
            problems.append(message.text)
            if message.type == "error" or "Content Security Policy" in message.text
            else None
        ),
    )
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on("request", lambda request: requested.append(request.url))
    page.add_init_script(
        "document.addEventListener('securitypolicyviolation', e =>"
        " console.error('CSP violation: ' + e.violatedDirective + ' ' + e.blockedURI));"
    )

    response = page.goto(f"{live_server.url}/api/docs/")
    assert response is not None and response.ok
    assert "script-src" in response.headers["content-security-policy"]
    expect(page.get_by_role("heading", name="Factcheck API")).to_be_visible()
    for path in ("/api/v1/claims/", "/api/v1/verdicts/{id}/approve/", "/api/v1/claimreview.jsonld"):
        expect(page.locator(".opblock-summary-path", has_text=path).first).to_be_visible()
    schema = page.request.get(f"{live_server.url}/api/schema/?format=json").json()
    methods = {"get", "post", "put", "patch", "delete"}
    operations = sum(1 for item in schema["paths"].values() for m in item if m in methods)
    assert operations >= 19
    expect(page.locator(".opblock")).to_have_count(operations)

    assert problems == []
    # Nothing from a CDN: every file came from this server.
    assert all(url.startswith(live_server.url) for url in requested), requested
