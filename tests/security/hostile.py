"""A desk filled with hostile text in every field a person or a fetched page can write,
stored through the services as the web UI, the API and the workers would store it; and a
check of a page's HTML against what the strict CSP and escaping promise."""

import re
from dataclasses import dataclass

import lxml.html
from django.contrib.auth.models import User

from factcheck.articles.models import Article
from factcheck.articles.services import (
    ArticleText,
    article_create,
    text_from_upload,
)
from factcheck.claims import services
from factcheck.claims.models import Claim, Rating, Source, Verdict
from factcheck.claims.services import claims_create_from_extraction
from tests.factories import ensure_source

# Script in text, attribute breakers for both quotes, a closing tag, template syntax.
PAYLOADS = (
    "<script>alert('xss-1')</script>",
    '"><img src=x onerror=alert("xss-2")>',
    "'><svg onload=alert('xss-3')>",
    '" autofocus onfocus="alert(4)" x="',
    "</textarea></title><script>alert(5)</script>",
    "javascript:alert(6)",
    "{{ 7|add:7 }} {% now 'Y' %}",
)
HOSTILE = " ".join(PAYLOADS)
SUMMARY = '"><img src=x onerror=alert(9)>'  # fits a one-line ClaimReview summary
ARTICLE_URL = "https://news.example/\"><script>alert('url')</script>"
SOURCE_URL = "https://evidence.example/x'onmouseover=alert('src')"
HOSTILE_PAGE = (
    "<html><head><title>" + HOSTILE.replace("<", "&lt;") + "</title>"
    "<script>alert('page-script')</script></head><body><article><h1>"
    + HOSTILE.replace("<", "&lt;")
    + "</h1><p>About 10,000 servicemen took part in the exercise, the ministry said on Monday. "
    + HOSTILE.replace("<", "&lt;")
    + "</p><p onclick=\"alert('page-handler')\">The exercise ran for five days at the "
    "Qingtongxia training ground, officials said.</p></article></body></html>"
)
# What would be a live element, had anything gone out unescaped. (A broken-out attribute
# is found by parsing the page: see page_problems.)
MARKERS = ("<script>alert", "<img src=x", "<svg onload")


@dataclass
class HostileDesk:
    reviewer: User
    editor: User
    article: Article
    uploaded: Article
    claim: Claim  # published, with a correction awaiting approval
    dismissed: Claim
    sent_back: Claim
    source: Source
    verdict: Verdict  # the open correction


def build_hostile_desk(reviewer: User, editor: User, other_editor: User) -> HostileDesk:
    body = (
        "The ministry said 10,000 troops took part in the drills on Monday.\n\n"
        f"{HOSTILE}\n\n"
        "Officials said the exercise was the largest ever held in the region."
    )
    article, _ = article_create(
        actor=reviewer, text=ArticleText(body=body), title=HOSTILE[:300], url=ARTICLE_URL
    )
    text, raw = text_from_upload(name="hostile.html", data=HOSTILE_PAGE.encode())
    uploaded, _ = article_create(
        actor=reviewer, text=text, raw=raw, input_kind=Article.InputKind.FILE
    )
    start = article.body.index(PAYLOADS[0])
    claim = services.claim_create(
        article=article,
        actor=reviewer,
        start=start,
        end=start + len(HOSTILE),
        statement=HOSTILE,
    )
    # The extractor adds its own claims around the reviewer's (it skips a span taken).
    article = claims_create_from_extraction(article_id=article.pk)
    claim = services.claim_update(
        claim=claim, actor=reviewer, expected_version=claim.version, claimant=HOSTILE[:200]
    )
    source = services.source_add(
        claim=claim,
        actor=reviewer,
        url=SOURCE_URL,
        title=HOSTILE[:300],
        publisher=HOSTILE[:200],
        excerpt=HOSTILE,
        stance=Source.Stance.REFUTES,
    )
    # As the worker would store a fetched page (tests/security/test_browser_hostile.py
    # fetches a real one).
    Source.objects.filter(pk=source.pk).update(
        snapshot_status=Source.SnapshotStatus.OK,
        snapshot_title=HOSTILE[:300],
        snapshot_text=HOSTILE,
        final_url=SOURCE_URL,
        http_status=200,
    )
    services.comment_add(claim=claim, actor=reviewer, body=HOSTILE)
    false = Rating.objects.get(slug="false")
    first = services.verdict_save_draft(
        claim=claim, actor=reviewer, rating=false, summary=SUMMARY, explanation=HOSTILE
    )
    ensure_source(first.claim)
    first = services.verdict_submit(verdict=first, actor=reviewer)
    services.verdict_approve(verdict=first, actor=editor)
    correction = services.verdict_save_draft(
        claim=claim,
        actor=reviewer,
        rating=Rating.objects.get(slug="mixed"),
        summary=SUMMARY,
        explanation=HOSTILE,
        correction_note=HOSTILE,
    )
    ensure_source(correction.claim)
    correction = services.verdict_submit(verdict=correction, actor=reviewer)
    services.verdict_approve(verdict=correction, actor=other_editor)
    reopened = services.verdict_save_draft(
        claim=claim,
        actor=reviewer,
        rating=false,
        summary=SUMMARY,
        explanation=HOSTILE,
        correction_note=HOSTILE,
    )
    ensure_source(reopened.claim)
    reopened = services.verdict_submit(verdict=reopened, actor=reviewer)

    others = list(article.claims.exclude(pk=claim.pk).order_by("start")[:2])
    assert len(others) == 2, "the extractor found too few claims around the payload"
    dismissed = services.claim_dismiss(claim=others[0], actor=editor, reason=HOSTILE)
    draft = services.verdict_save_draft(
        claim=others[1], actor=reviewer, rating=false, summary=SUMMARY
    )
    ensure_source(draft.claim)
    draft = services.verdict_submit(verdict=draft, actor=reviewer)
    services.verdict_send_back(verdict=draft, actor=editor, note=HOSTILE)
    return HostileDesk(
        reviewer=reviewer,
        editor=editor,
        article=article,
        uploaded=uploaded,
        claim=Claim.objects.get(pk=claim.pk),
        dismissed=dismissed,
        sent_back=Claim.objects.get(pk=others[1].pk),
        source=Source.objects.get(pk=source.pk),
        verdict=reopened,
    )


# Checking a page

SCHEME = re.compile(r"^\s*(javascript|data|vbscript):", re.IGNORECASE)
URL_ATTRIBUTES = ("href", "src", "action", "formaction", "xlink:href")


def csp_directives(header: str) -> dict[str, list[str]]:
    directives = {}
    for part in header.split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


def csp_problems(header: str | None) -> list[str]:
    """What makes a Content-Security-Policy header less than strict."""
    if not header:
        return ["no Content-Security-Policy header"]
    policy = csp_directives(header)
    problems = []
    for name, wanted in (
        ("default-src", ["'self'"]),
        ("object-src", ["'none'"]),
        ("base-uri", ["'none'"]),
        ("frame-ancestors", ["'none'"]),
        ("form-action", ["'self'"]),
    ):
        if policy.get(name) != wanted:
            problems.append(f"{name} is {policy.get(name)}, not {wanted}")
    for name in ("script-src", "style-src"):
        values = policy.get(name, ["(missing)"])
        loose = [v for v in values if v != "'self'" and not re.fullmatch(r"'nonce-[\w+/=-]+'", v)]
        if loose:
            problems.append(f"{name} allows {loose}")
    return problems


def nonce_of(header: str) -> str | None:
    for value in csp_directives(header).get("script-src", []):
        if match := re.fullmatch(r"'nonce-([\w+/=-]+)'", value):
            return match.group(1)
    return None


def page_problems(html: str, header: str | None) -> list[str]:
    """What a page holds that the CSP would block or that escaping should have prevented:
    inline script without the response's nonce, event-handler and style attributes, inline
    <style>, script addresses, off-site scripts, and raw hostile markup."""
    problems = csp_problems(header)
    nonce = nonce_of(header or "")
    problems += [f"raw {marker!r}" for marker in MARKERS if marker in html]
    if not html.strip():
        return problems
    tree = lxml.html.document_fromstring(html)
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue  # comments and processing instructions
        where = f"<{element.tag}>"
        for name, value in element.attrib.items():
            if name.lower().startswith("on"):
                problems.append(f"{where} has an event handler {name}={value!r}")
            if name.lower() == "style":
                problems.append(f"{where} has a style attribute {value!r}")
            if name.lower() in URL_ATTRIBUTES and SCHEME.match(value):
                icon = element.tag == "link" and "icon" in element.get("rel", "")
                if not (icon and value.strip() == "data:,"):
                    problems.append(f"{where} {name}={value!r}")
        if element.tag == "script":
            src = element.get("src")
            if src is None and element.get("nonce") != nonce:
                problems.append(f"inline <script> without the nonce: {element.text!r:.80}")
            if src is not None and not (src.startswith("/") and not src.startswith("//")):
                problems.append(f"<script src={src!r}> is not from this site")
        if element.tag == "style":
            problems.append(f"inline <style>: {element.text!r:.80}")
    return problems
