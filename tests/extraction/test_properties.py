"""For any text, extraction returns and every span points at exactly its text."""

from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from factcheck.extraction import english, extract, facts, lexicon, pipeline, shapes
from factcheck.extraction.es import facts as es_facts

SEED = Path(__file__).resolve().parents[2] / "factcheck" / "demo" / "zapad-interaction-2021.txt"

# Characters and fragments that exercise the rules, so that random text reaches them.
NEWS_ALPHABET = st.sampled_from(
    [
        *"abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.,;:!?%$€£-'\"()\n\r",
        "\u201c",
        "\u201d",
        "\u2019",
        "\u2028",
        " said ",
        " according to ",
        " more than ",
        " million ",
        " the largest ",
        " percent",
        "U.S.",
        "Dr. ",
        " she says",
        " it said",
        "Read more:",
        "Dear readers,",
        " will ",
        " because ",
        " law ",
        " must ",
    ]
)
TEXT = st.one_of(st.text(), st.lists(NEWS_ALPHABET, max_size=200).map("".join))


@given(TEXT)
@settings(max_examples=400, deadline=None)
def test_every_span_matches_its_text_for_any_input(text: str) -> None:
    result = extract(text)
    for claim in result.claims:
        assert text[claim.start : claim.end] == claim.text
        assert 0.0 <= claim.score <= 1.0
        for fact in claim.facts:
            assert text[fact.start : fact.end] == fact.text
            assert claim.start <= fact.start <= fact.end <= claim.end
    for span in [*result.sentences, *result.boilerplate]:
        assert 0 <= span.start < span.end <= len(text)
        assert not text[span.start].isspace() and not text[span.end - 1].isspace()
    starts = [span.start for span in result.sentences]
    assert starts == sorted(starts)


def _all_rules_open(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make every sentence look as if it held every trigger word, so that no rule is skipped."""
    everything = frozenset().union(
        facts.GATES.words,
        english.GATES.words,
        lexicon.REPORTING_VERBS,
        shapes.ANYWHERE_GATES.words,
        {"according"},
        (marker for marker, _ in lexicon.SUFFIXES),
    )
    monkeypatch.setattr(pipeline, "words_of", lambda text: everything)


# Whole news sentences, shuffled and joined, reach the rules that random text does not.
NEWS = st.lists(
    st.sampled_from(
        [
            *SEED.read_text(encoding="utf-8").splitlines(),
            "Next year's race will take place on April 12, the organisers announced.",
            "Tens of thousands of households are behind on bills, according to the charity.",
            "The drug maker, Nuvira, said it expected approval by the end of the year.",
            "Under EU rules, member states must keep reserves of at least 5% of peak load.",
            '"I knew I could break the record," he said. "It is the first time in history."',
            "Traffic has doubled since 2010, and the third robbery this year was reported.",
        ]
    ),
    max_size=8,
).map(" ".join)


@given(st.one_of(TEXT, NEWS))
@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_trigger_words_only_skip_work_and_never_change_the_result(
    monkeypatch: pytest.MonkeyPatch, text: str
) -> None:
    gated = extract(text)
    with monkeypatch.context() as patched:
        _all_rules_open(patched)
        assert extract(text) == gated


def test_trigger_words_do_not_change_the_result_on_the_seed_article(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    text = SEED.read_text(encoding="utf-8")
    gated = extract(text)
    _all_rules_open(monkeypatch)
    assert extract(text) == gated


SPANISH_ALPHABET = st.sampled_from(
    [
        *"abcdeáéíóúñ ABCDÉÓÚ0123456789.,;:!?%$€-'\"()\n",
        " Más ",
        " más ",
        " MAYOR ",
        " la mejor ",
        " las máximas ",
        " por primera vez ",
        " récord",
        " sin precedentes",
        " el 12 de marzo de 2024 ",
        " Marzo ",
        " lunes ",
        " ayer ",
        " en 2017",
        " del año 1999",
        " dos ",
        " Cuatro ",
        " un millón de ",
        " mil millones",
        " por ciento",
        " pesos ",
        "COVID-19",
        "\u2019",
        "\u00bf",
    ]
)


@given(st.one_of(st.text(), st.lists(SPANISH_ALPHABET, max_size=60).map("".join)))
# One trigger each, so that a trigger missing from its list shows.
@example("Es la ciudad MÁS poblada.")
@example("Son las mínimas.")
@example("Fue el peor dato.")
@example("Cuatro de cada diez.")
@example("Un millón de votos.")
@example("Llegó en Marzo.")
@example("Empezó ayer.")
@example("Subió desde 1998.")
@example("Es un récord.")
@settings(max_examples=400, deadline=None)
def test_spanish_fact_trigger_words_only_skip_work_and_never_change_the_result(
    text: str,
) -> None:
    # The words index lets a pattern be skipped only where it could not have matched.
    assert es_facts.find(text, 0, len(text), lexicon.words_of(text)) == es_facts.find(
        text, 0, len(text)
    )
