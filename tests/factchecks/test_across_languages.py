"""Matching across English and Spanish: statements in two languages share their figures,
names and dates, and a Spanish figure is read as the English one ("9,3 %" is "9.3%")."""

import io

import pytest

from factcheck import matchtext
from factcheck.claims.matching import claim_factcheck_candidates
from factcheck.factchecks.matching import factchecks_matching
from factcheck.factchecks.services import factchecks_import
from tests.factories import ArticleFactory, ClaimFactory

pytestmark = pytest.mark.django_db

# Made-up fact-checks: two of the same wording that only their figure tells apart, one in
# Spanish, and others around them.
ARCHIVE_ROWS = [
    ("1", "The jobless rate in Castilla climbed to 9.3% in 2022.", "Jobless Rate at 9.3%?"),
    ("2", "The jobless rate in Castilla fell to 6.1% in 2022.", "Jobless Rate Down to 6.1%?"),
    ("3", "Tourist arrivals to Lanzarote reached 3.2 million in 2023.", "Lanzarote Record?"),
    ("7", "Tourist arrivals to Lanzarote reached 2.1 million in 2019.", "Lanzarote Down?"),
    ("4", "Petrol prices rose by 12 cents a litre after the fuel tax cut ended.", "Petrol Up?"),
    (
        "5",
        "El Gobierno de Norvia prometió construir 10.000 viviendas públicas en 2025.",
        "¿Prometió Norvia 10.000 viviendas?",
    ),
    ("6", "Senator Mara Quinn said wind farms kill more birds than cats do.", "Wind Farms?"),
]
ARCHIVE = "\tvclaim\ttitle\n" + "".join("\t".join(row) + "\n" for row in ARCHIVE_ROWS)


@pytest.fixture
def archive() -> None:
    factchecks_import(source=io.BytesIO(ARCHIVE.encode()), publisher="Archive Desk")


def best(text: str, language: str) -> str:
    matches = factchecks_matching(text=text, language=language)
    assert matches, f"nothing matched {text!r}"
    return matches[0][0].external_id


def test_a_spanish_claim_finds_the_english_fact_check_with_its_figure(archive) -> None:
    up = "La tasa de paro en Castilla subió hasta el 9,3% en 2022, según el instituto regional."
    down = "La tasa de paro en Castilla bajó al 6,1% en 2022, informó el instituto regional."
    assert best(up, "es") == "1"
    assert best(down, "es") == "2"
    reasons = factchecks_matching(text=up, language="es")[0][1].reasons
    assert "same figure: 9.3, 2022" in reasons


def test_a_spanish_figure_with_a_scale_meets_the_english_one(archive) -> None:
    assert best("Lanzarote recibió 3,2 millones de turistas.", "es") == "3"
    assert best("Lanzarote recibió 2,1 millones de turistas.", "es") == "7"


def test_spanish_still_finds_spanish_and_english_english(archive) -> None:
    assert best("Norvia construirá 10.000 viviendas públicas en 2025.", "es") == "5"
    assert best("Castilla's jobless rate went up to 9.3% in 2022.", "en") == "1"
    assert best("Mara Quinn claims wind turbines kill more birds than cats.", "en") == "6"


def test_a_claim_is_matched_in_the_language_of_its_article(archive) -> None:
    quote = "La tasa de paro en Castilla bajó al 6,1% en 2022."
    claim = ClaimFactory(
        article=ArticleFactory(language="es"),
        start=0,
        end=len(quote),
        quote=quote,
        statement=quote,
    )
    found = claim_factcheck_candidates(claim, limit=5)
    assert found[0][0].external_id == "2"


def test_spanish_figures_are_read_as_the_english_ones() -> None:
    assert matchtext.figures("El paro subió al 9,3% en 2022.", "es") == matchtext.figures(
        "Unemployment rose to 9.3% in 2022."
    )
    assert matchtext.figures("Llegaron 10.000 personas durante 1998.", "es") == {10000.0, 1998.0}
    assert 10000.0 in matchtext.figures("10,000 people came.")
    # Without a language, a text with a figure written the Spanish way is read by its own.
    assert 9.3 in matchtext.figures("El paro en Castilla subió al 9,3% el año pasado.")
    assert matchtext.english_figures("9,3% de 10.000 y 1.500.000,5 o 1,250") == (
        "9.3 10,000 1,500,000.5"
    )


def test_spanish_function_words_are_neither_names_nor_telling_words() -> None:
    assert matchtext.names("Según el INE, La Rioja creció.", "es") == {"ine", "rioja"}
    assert matchtext.without_function_words("según el INE").split() == ["INE"]


def test_an_english_fact_check_imported_later_is_matched_to_a_spanish_claim(
    django_capture_on_commit_callbacks,
) -> None:
    quote = "La tasa de paro en Castilla subió hasta el 9,3% en 2022."
    claim = ClaimFactory(
        article=ArticleFactory(language="es"), start=0, end=len(quote), quote=quote, statement=quote
    )
    with django_capture_on_commit_callbacks(execute=True):
        factchecks_import(source=io.BytesIO(ARCHIVE.encode()), publisher="Archive Desk")
    best = claim.factcheck_matches.order_by("-confidence").select_related("factcheck").first()
    assert best is not None
    assert best.factcheck.external_id == "1"
