"""Spanish: language detection, and the Spanish pack's claimants, figures, types and furniture,
on sentences written for these tests."""

import json
import subprocess
import sys

import pytest

from factcheck.extraction import detect_language, extract
from factcheck.extraction.es.facts import number_value
from factcheck.extraction.language import rules_for


def spanish(text: str) -> list[tuple[str | None, str, str]]:
    return [(claim.claimant, claim.type, claim.text) for claim in extract(text, "es").claims]


def test_the_language_of_a_text_is_detected_by_the_shipped_model() -> None:
    assert detect_language("El puerto movió 41.000 contenedores el año pasado, según la "
                           "autoridad portuaria.") == "es"
    assert detect_language("The harbour moved 41,000 containers last year, the board said.") == "en"
    assert detect_language("  12 -- 34  ") == ""


@pytest.mark.parametrize(
    ("language", "rules"), [("es", "es"), ("es-AR", "es"), ("en", "en"), ("fr", "en"), ("", "en")]
)
def test_a_language_without_rules_of_its_own_is_read_with_the_english_ones(
    language: str, rules: str
) -> None:
    assert rules_for(language) == rules


@pytest.mark.parametrize(
    ("text", "claimant"),
    [
        ("Según la Autoridad Portuaria, el puerto movió 41.000 contenedores en 2025.",
         "Autoridad Portuaria"),
        ("De acuerdo con los datos del Instituto de Vivienda, los alquileres subieron un 12%.",
         "Instituto de Vivienda"),
        ("El ministro Tomás Ibarra afirmó que el puerto movió 41.000 contenedores.",
         "ministro Tomás Ibarra"),
        ("El puerto movió 41.000 contenedores en 2025, informó la policía portuaria.",
         "policía portuaria"),
        ("Desde el Ayuntamiento subrayaron que la obra costó 3 millones de euros.", "Ayuntamiento"),
        ("La Oficina de Estadística (OFE) informó que el paro bajó al 9,5%.",
         "Oficina de Estadística (OFE)"),
    ],
)
def test_spanish_attributions_name_the_claimant(text: str, claimant: str) -> None:
    [(found, _, sentence)] = spanish(text)
    assert found == claimant
    assert sentence == text


def test_a_left_out_subject_and_a_title_without_a_name_refer_back() -> None:
    text = (
        "La portavoz Marta Ruiz explicó que el muelle costó 40 millones de euros.\n"
        "Agregó que las obras duraron 18 meses.\n"
        "El dique mide 900 metros, precisó la portavoz del puerto."
    )
    assert [claimant for claimant, _, _ in spanish(text)] == [
        "portavoz Marta Ruiz", "portavoz Marta Ruiz", "portavoz Marta Ruiz",
    ]


def test_a_quotation_over_several_sentences_is_its_speakers_throughout() -> None:
    text = ('"El muelle recibió 300 barcos en marzo. Es la cifra más alta desde 2010. '
            'El tráfico creció un 8%", explicó a la prensa Marta Ruiz, portavoz del puerto.')
    assert [claimant for claimant, _, _ in spanish(text)] == ["Marta Ruiz"] * 3


@pytest.mark.parametrize(
    ("words", "scale", "value"),
    [("10.000", None, 10000.0), ("1,5", " millones", 1.5e6), ("31,3", None, 31.3),
     ("375", " mil", 375000.0), ("cuatro", None, 4.0), ("2.500,75", None, 2500.75)],
)
def test_spanish_figures_are_read_with_a_comma_for_decimals(
    words: str, scale: str | None, value: float
) -> None:
    assert number_value(words, scale) == value


def test_spanish_facts_keep_their_kinds_and_exact_offsets() -> None:
    text = ("El 12 de marzo de 2024 el paro bajó al 9,5 por ciento, la cifra más baja en "
            "una década, y 1,5 millones de euros llegaron por primera vez a 40 empresas.")
    [claim] = extract(text, "es").claims
    kinds = [(fact.kind, fact.text) for fact in claim.facts]
    assert kinds == [
        ("date", "12 de marzo de 2024"), ("percentage", "9,5 por ciento"),
        ("superlative", "la cifra más baja"), ("money", "1,5 millones de euros"),
        ("superlative", "por primera vez"), ("quantity", "40 empresas"),
    ]
    for fact in claim.facts:
        assert text[fact.start : fact.end] == fact.text


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("La Fiscalía detuvo a tres agentes en el puerto.", "quantity"),
        ("La Fiscalía detuvo a los agentes del puerto tras la denuncia.", "event"),
        ("Las autoridades han cerrado el muelle norte.", "event"),
        ("El Gobierno prevé que el tráfico del puerto crezca.", "prediction"),
        ("El cierre del muelle se debe a la falta de dragado.", "causal"),
        ("En el puerto está prohibido pescar desde el muelle.", "rule"),
    ],
)
def test_spanish_types_come_from_verb_endings_and_cue_words(text: str, kind: str) -> None:
    [(_, found, _)] = spanish(text)
    assert found == kind


def test_spanish_statements_without_a_figure_are_claims_and_chatter_is_not() -> None:
    text = (
        "La policía detuvo a los responsables del robo en el puerto.\n"
        "Suscríbete a nuestro boletín.\n"
        "¿Qué pasará con el muelle?\n"
        "Muchas gracias por su atención.\n"
    )
    assert [sentence for _, _, sentence in spanish(text)] == [
        "La policía detuvo a los responsables del robo en el puerto.",
    ]


def test_spanish_furniture_is_boilerplate_and_other_stories_end_the_article() -> None:
    text = (
        "Por Ana Ruiz\n"
        "Chilpancingo.— La policía detuvo a cuatro agentes el martes.\n"
        "Lee también: El puerto cierra por obras\n"
        "Foto: Archivo\n"
        "El muelle costó 40 millones de euros.\n"
        "Últimas noticias\n"
        "El Gobierno anunció 300 nuevas plazas de policía.\n"
    )
    result = extract(text, "es")
    grey = "\n".join(text[span.start : span.end] for span in result.boilerplate)
    for furniture in ("Por Ana Ruiz", "Chilpancingo.\u2014", "Lee también: El puerto cierra",
                      "Foto: Archivo", "Últimas noticias\nEl Gobierno anunció 300"):
        assert furniture in grey
    assert [claim.text for claim in result.claims] == [
        "La policía detuvo a cuatro agentes el martes.", "El muelle costó 40 millones de euros.",
    ]


def test_the_command_line_detects_the_language_and_says_which(tmp_path: object) -> None:
    from pathlib import Path

    path = Path(str(tmp_path)) / "nota.txt"
    path.write_text("Según la Autoridad Portuaria, el puerto movió 41.000 contenedores en 2025.",
                    encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "factcheck.extraction", str(path)],
                         capture_output=True, text=True, check=True)
    data = json.loads(out.stdout)
    assert data["language"] == "es"
    assert data["claims"][0]["claimant"] == "Autoridad Portuaria"


def test_spanish_claimants_named_before_are_found_again() -> None:
    text = (
        "El Departamento de Puertos (DEP) entregó un nuevo informe el lunes.\n"
        "El informe indicó que el tráfico creció un 8% en 2025.\n"
        "Según el organismo, el puerto movió 41.000 contenedores.\n"
        "Según informó ayer la policía portuaria, hubo 12 robos en marzo.\n"
        "Registros oficiales muestran que el muelle costó 40 millones de euros.\n"
        "La alcaldesa Ana Ruiz dijo que la obra duró 18 meses. Ella aseguró que costó 3 millones "
        "de euros.\n"
    )
    found = {text_: claimant for claimant, _, text_ in spanish(text)}
    assert found["El informe indicó que el tráfico creció un 8% en 2025."] == (
        "Departamento de Puertos (DEP)")
    assert found["Según el organismo, el puerto movió 41.000 contenedores."] == (
        "Departamento de Puertos (DEP)")
    assert found["Según informó ayer la policía portuaria, hubo 12 robos en marzo."] == (
        "policía portuaria")
    assert found["Registros oficiales muestran que el muelle costó 40 millones de euros."] == (
        "Registros oficiales")
    assert found["Ella aseguró que costó 3 millones de euros."] == "alcaldesa Ana Ruiz"
