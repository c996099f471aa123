"""The review flow in Spanish: a browser whose Accept-Language is es walks every page a
desk uses (login, dashboard, adding and listing articles, claims, the article reader, the
claim page and its review form, notifications, feeds, seen again, insight, the public
pages) as a reviewer, an editor and a
reader. No English string of the catalog is left in what the page shows or announces, and
axe finds no WCAG 2.2 A/AA violation at 1280 px and 390 px."""

import re
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.utils import timezone
from playwright.sync_api import BrowserContext, Page, expect

from factcheck.accounts.models import Profile
from factcheck.accounts.services import profile_set_language
from factcheck.articles.models import Article
from factcheck.claims import services
from factcheck.claims.models import Claim
from factcheck.monitoring.models import Feed, FeedItem
from tests.browser.a11y import assert_accessible
from tests.browser.conftest import DESKTOP, Watched, screenshot
from tests.factories import ArticleFactory, ClaimFactory, ensure_source, make_user
from tests.i18n.po import PLACEHOLDER, read_po, visible_form

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CATALOG = Path(settings.BASE_DIR) / "locale" / "es" / "LC_MESSAGES" / "django.po"

BODY = (
    "El desempleo bajó al 7,5 % en marzo, la cifra más baja desde 2008, según el instituto "
    "de estadística. El ministro de Economía afirmó que se crearon 120.000 empleos en el "
    "primer trimestre. La oposición aseguró que la mitad de esos contratos son temporales."
)
QUOTES = [
    "El desempleo bajó al 7,5 % en marzo, la cifra más baja desde 2008",
    "se crearon 120.000 empleos en el primer trimestre",
    "la mitad de esos contratos son temporales",
]

# Everything a page shows or announces: its text (hidden text too: screen readers read it),
# the labels, titles, placeholders and button values of its elements, and its title.
PAGE_WORDS = """() => {
  const words = [document.title];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!node.parentElement.closest('script, style, template')) words.push(node.data);
  }
  const named = '[aria-label], [title], [placeholder], [alt], input[type=submit], [data-label]';
  for (const el of document.querySelectorAll(named)) {
    for (const name of ['aria-label', 'title', 'placeholder', 'alt', 'data-label']) {
      if (el.hasAttribute(name)) words.push(el.getAttribute(name));
    }
    if (el.matches('input[type=submit]')) words.push(el.value);
  }
  return words;
}"""


# A count stands for a number, anything else (a name, a statement, a date) for any text.
COUNT = re.compile(r"counter|count|number|total|minutes|listed|score|confidence")
NUMBER, ANY = r"\s*[\d.,]+\s*", r".+?"


def literal(text: str) -> str:
    """`text` as a pattern: its spaces any whitespace, and a word at either end whole ("to"
    must not be found in "todo")."""
    pattern = r"\s+".join(re.escape(word) for word in text.split(" "))
    before = r"(?<!\w)" if text[:1].isalnum() else ""
    after = r"(?!\w)" if text[-1:].isalnum() else ""
    return before + pattern + after


class English:
    """The catalog's English messages, as patterns to find them left in a page."""

    def __init__(self) -> None:
        self.whole: list[tuple[str, re.Pattern[str]]] = []  # a text equal to a message
        self.phrases: set[str] = set()  # several words of one, anywhere
        for entry in read_po(CATALOG):
            if entry.english == entry.translations[: len(entry.english)]:
                continue  # the same in both languages (none so far)
            for message in entry.english:
                shown = visible_form(message)
                parts = PLACEHOLDER.split(shown)
                fills = [NUMBER if COUNT.search(p) else ANY for p in PLACEHOLDER.findall(shown)]
                pattern = literal(parts[0]) + "".join(
                    fill + literal(part) for fill, part in zip(fills, parts[1:], strict=True)
                )
                self.whole.append((message, re.compile(rf"\s*{pattern}\s*", re.DOTALL)))
                self.phrases.update(
                    part.strip() for part in parts if len(part.strip().split()) >= 3
                )

    def left_in(self, page: Page) -> list[str]:
        words = [w for w in page.evaluate(PAGE_WORDS) if w and w.strip()]
        pieces = [p.strip() for w in words for p in w.split("·") if p.strip()]
        text = " ".join(" ".join(words).split())
        found = {
            f"{message!r} in {piece!r}"
            for message, pattern in self.whole
            for piece in pieces
            if pattern.fullmatch(piece)
        }
        found |= {f"{phrase!r}" for phrase in self.phrases if phrase in text}
        return sorted(found)


@pytest.fixture(scope="module")
def english() -> English:
    return English()


@pytest.fixture
def open_in_spanish(
    new_context: Callable[..., BrowserContext], live_server: Any, watched: list[Watched]
) -> Callable[[str | None], Page]:
    """A browser set to Spanish, logged in through the (Spanish) login form."""

    def _open(username: str | None) -> Page:
        page = new_context(viewport=DESKTOP, locale="es-ES").new_page()
        watched.append(Watched(page))
        if username is not None:
            page.goto(f"{live_server.url}/login/")
            page.get_by_label("Nombre de usuario").fill(username)
            page.get_by_label("Contraseña").fill(f"{username}-pass-123")
            page.get_by_role("button", name="Iniciar sesión").click()
            expect(page.get_by_role("heading", name="Panel", exact=True)).to_be_visible()
        return page

    return _open


def in_spanish(page: Page, english: English, left: list[str], name: str) -> None:
    """The page is in Spanish and passes axe at both widths; what English is left on it
    goes to `left`, so that one run lists it all; a screenshot to look at."""
    assert page.locator("html").get_attribute("lang") == "es"
    left += [f"{name}: {message}" for message in english.left_in(page)]
    assert_accessible(page, name)
    screenshot(page, f"es-{name}")


def spanish_desk() -> dict[str, Any]:
    """A Spanish article with its claims, a feed that brought it, a published check."""
    reviewer, editor = make_user("rosa", "Reviewer"), make_user("emilio", "Editor")
    profile_set_language(user=editor, language="es")
    article = ArticleFactory(
        title="El paro baja al 7,5 % en marzo",
        body=BODY,
        publisher="Diario del Puerto",
        url="https://diario.example/paro-marzo",
        language="es",
        published_at=timezone.now() - timedelta(days=1),
    )
    claims = []
    for quote in QUOTES:
        start = BODY.index(quote)
        claims.append(
            ClaimFactory(
                article=article,
                start=start,
                end=start + len(quote),
                quote=quote,
                statement=quote[0].upper() + quote[1:] + ".",
            )
        )
    published = claims[2]
    for claim in claims:
        ensure_source(claim)
    verdict = services.verdict_save_draft(
        claim=published, actor=reviewer, rating=rating(), summary="Son el 30 %, no la mitad."
    )
    services.verdict_submit(verdict=verdict, actor=reviewer)
    services.verdict_approve(verdict=published.verdicts.get(), actor=editor)
    feed = Feed.objects.create(
        name="Diario del Puerto",
        url="https://diario.example/rss.xml",
        kind="rss",
        last_checked_at=timezone.now() - timedelta(minutes=5),
        next_poll_at=timezone.now() + timedelta(minutes=55),
        items_seen=1,
    )
    FeedItem.objects.create(
        feed=feed,
        guid=article.url,
        url=article.url,
        title=article.title,
        content_hash="0" * 64,
        article=article,
    )
    return {"article": article, "claims": claims, "published": published, "feed": feed}


def rating() -> Any:
    from factcheck.claims.models import Rating

    return Rating.objects.get(slug="false")


def test_the_review_flow_speaks_spanish_and_passes_axe(
    open_in_spanish, live_server, english
) -> None:
    desk = spanish_desk()
    article: Article = desk["article"]
    claim: Claim = desk["claims"][0]
    url = live_server.url
    left: list[str] = []

    visitor = open_in_spanish(None)
    visitor.goto(f"{url}/login/")
    in_spanish(visitor, english, left, "login")

    # The reviewer saves Spanish as her language with the switcher (the editor did before):
    # what is written to them later (notifications, e-mail) follows their profile.
    rosa = open_in_spanish("rosa")
    rosa.get_by_label("Idioma").select_option("es")
    rosa.get_by_role("button", name="Cambiar").click()
    expect(rosa.get_by_role("heading", name="Panel", exact=True)).to_be_visible()
    assert Profile.objects.get(user__username="rosa").language == "es"
    in_spanish(rosa, english, left, "dashboard")
    rosa.goto(f"{url}/articles/new/")
    in_spanish(rosa, english, left, "article-new")
    rosa.goto(f"{url}/articles/")
    in_spanish(rosa, english, left, "articles")
    rosa.goto(f"{url}/claims/")
    in_spanish(rosa, english, left, "claims")
    rosa.goto(f"{url}{article.get_absolute_url()}")
    expect(rosa.locator("[data-selection-hint]")).to_contain_text("Seleccione palabras")
    in_spanish(rosa, english, left, "article")

    # The reader's script speaks the page's language too.
    rosa.get_by_label("Buscar palabras para añadir").fill("cifras inexistentes")
    rosa.keyboard.press("Enter")
    expect(rosa.locator("[data-selection-hint]")).to_have_text(
        "«cifras inexistentes» no está en el texto."
    )

    rosa.goto(f"{url}{claim.get_absolute_url()}")
    rosa.get_by_role("button", name="Tomarla").click()
    expect(rosa.locator(".badge.status-checking").first).to_be_visible()
    in_spanish(rosa, english, left, "claim")

    # The review form: a verdict drafted and submitted.
    form = rosa.locator("details.verdict-form")
    form.locator("select[name=rating]").select_option(label=rating().label)
    form.locator("[name=summary]").fill("La tasa bajó al 7,5 %, pero no es la más baja.")
    form.locator("[name=explanation]").fill("El instituto publicó un 7,2 % en 2019.")
    in_spanish(rosa, english, left, "review-form")
    form.get_by_role("button", name="Enviar para aprobación").click()
    expect(rosa.get_by_role("heading", name="Pendiente de aprobación")).to_be_visible()
    in_spanish(rosa, english, left, "claim-submitted")

    emilio = open_in_spanish("emilio")
    emilio.goto(f"{url}/notifications/")
    in_spanish(emilio, english, left, "notifications")
    emilio.goto(f"{url}{claim.get_absolute_url()}")
    emilio.get_by_role("button", name="Aprobar y publicar").click()
    expect(emilio.get_by_role("link", name="Página pública").first).to_be_visible()
    emilio.goto(f"{url}/feeds/")
    in_spanish(emilio, english, left, "feeds")
    emilio.goto(f"{url}{desk['feed'].get_absolute_url()}")
    in_spanish(emilio, english, left, "feed")
    emilio.goto(f"{url}/seen-again/")
    in_spanish(emilio, english, left, "seen-again")
    emilio.goto(f"{url}/insight/")
    in_spanish(emilio, english, left, "insight")

    visitor.goto(f"{url}/fact-checks/")
    in_spanish(visitor, english, left, "public-index")
    visitor.goto(f"{url}/fact-checks/{claim.pk}/")
    expect(visitor.locator("h1")).to_have_text(claim.statement)
    in_spanish(visitor, english, left, "public")
    assert not left, "English left:\n" + "\n".join(left)


def test_the_switcher_changes_the_language_for_a_visitor_and_keeps_the_page(
    open_in_spanish, live_server
) -> None:
    visitor = open_in_spanish(None)
    visitor.goto(f"{live_server.url}/fact-checks/")
    expect(visitor.locator("h1")).to_have_text("Verificaciones")
    visitor.get_by_label("Idioma").select_option("en")
    visitor.get_by_role("button", name="Cambiar").click()
    expect(visitor.locator("h1")).to_have_text("Fact checks")
    assert visitor.url == f"{live_server.url}/fact-checks/"
    assert visitor.locator("html").get_attribute("lang") == "en"


def test_the_check_finds_english_left_on_a_page(open_as, live_server, english) -> None:
    """The check above can fail: the same page in English is full of catalog messages."""
    page = open_as(None)  # a browser in English
    page.goto(f"{live_server.url}/login/")
    left = english.left_in(page)
    assert "'Log in' in 'Log in'" in left and "'Skip to main content'" in left
