"""Spanish cues for the classifier, and Spanish page furniture.

The cues mirror the English ones (`classify.py`): a past tense makes an event (Spanish marks
it in the ending: "detuvo", "informó", "sitiaron", "han aumentado"), a future or "prevé" a
prediction, "debido a" or "provocó" a cause, "prohibido" or "obligatorio" a rule. Calls to
action ("Suscríbete"), courtesies, judgements and oughts with nothing to check are dropped.
Furniture is what Spanish news pages wrap round a story: "Lee también", "Te puede interesar",
"Foto:", "Suscríbete", bylines ("Por Ana Ruiz"), and a dateline "Chilpancingo.—".
"""

from __future__ import annotations

import re

from factcheck.extraction.english import Cues
from factcheck.extraction.es.lexicon import IRREGULAR_PAST
from factcheck.extraction.lexicon import Gates, alternation
from factcheck.extraction.records import Span

_I = re.IGNORECASE | re.VERBOSE
_LOWER = r"[a-z\u00e1\u00e9\u00ed\u00f3\u00fa\u00f1\u00fc]"
CAUSES = (
    "debido a | a causa de | por culpa de | como consecuencia de | como resultado de | "
    "a raíz de | gracias a | producto de | se debe a | se debió a | provocó | provocaron | "
    "provocado por | provocada por | provocando | causó | causaron | causado por | causada por | "
    "causando | originado por | originada por | responsable de | responsables de"
).split(" | ")
RULES = (
    "prohibido | prohibida | prohibidos | prohibidas | prohíbe | prohíben | prohibió | "
    "prohibición | obligatorio | obligatoria | obligatorios | obligatorias | ilegal | ilegales | "
    "está penado | está penada | es delito | la ley obliga | la ley establece | la ley prohíbe"
).split(" | ")
FUTURES = (
    "prevé | prevén | se espera | se prevé | espera que | esperan que | proyecta | "
    "proyectan | pronostica | pronosticó | podría | podrían"
).split(" | ")
AIMS = (
    "busca | buscan | pretende | pretenden | tiene como objetivo | tienen como objetivo | "
    "el objetivo | la meta"
).split(" | ")
OPINIONS = (
    "lamentable | vergonzoso | vergonzosa | indignante | absurdo | absurda | ridículo | "
    "ridícula | terrible | maravilloso | maravillosa | increíble | excelente | "
    "inaceptable | creo que | me parece | en mi opinión"
).split(" | ")
NORMATIVES = (
    "debe | deben | debería | deberían | hay que | tiene que | tienen que | "
    "es necesario | es hora de"
).split(" | ")
COMMANDS = (
    "suscríbete | suscríbase | síguenos | síganos | lee | lea | mira | mire | descarga | "
    "descargue | comparte | comparta | haz clic | haga clic | pulsa | regístrate | "
    "únete | dona | apoya | apoye | no te pierdas | entérate"
).split(" | ")
COMPARISONS = (
    "aumentó | aumentaron | aumento | aumenta | disminuyó | disminución | subió | "
    "bajó | cayó | creció | alza | suba | descendió | descenso | incremento | "
    "incrementó | reducción | redujo | se elevó | frente al | frente a | respecto al | "
    "más que | menos que"
).split(" | ")


def _first_words(phrases: list[str]) -> frozenset[str]:
    return frozenset(phrase.split()[0] for phrase in phrases) | frozenset(
        phrase.split()[-1] for phrase in phrases
    )


CUES = Cues(
    types=(
        ("rule", re.compile(rf"\b{alternation(RULES, capitalised=True)}\b")),
        ("causal", re.compile(rf"\b{alternation(CAUSES, capitalised=True)}\b")),
        (
            "prediction",
            re.compile(
                rf"\b(?:{alternation(FUTURES, capitalised=True)}|{_LOWER}{{2,}}r(?:á|án)"
                rf"|(?:va|van|iba|iban)\s+a\s+{_LOWER}+r)\b"
            ),
        ),
        (
            "event",
            re.compile(
                rf"""\b(?:(?:ha|han|había|habían|hubo|haya|hayan)\s+(?:sido\s+)?{_LOWER}+(?:ad|id)[oa]s?
                 | (?:fue|fueron)\s+{_LOWER}+(?:ad|id)[oa]s?
                 | {_LOWER}{{2,}}(?:ó|aron|ieron)
                 # "lo hizo" is "did it": it refers back and tells nothing of its own.
                 | (?<!\blo\ )(?<!\bla\ )(?:{alternation(IRREGULAR_PAST)}))\b""",
                re.VERBOSE,
            ),
        ),
        ("statement", re.compile(rf"\b{alternation(AIMS, capitalised=True)}\b")),
    ),
    gates=Gates(
        rule=_first_words(RULES),
        causal=_first_words(CAUSES),
        statement=_first_words(AIMS),
        opinion=_first_words(OPINIONS),
        normative=_first_words(NORMATIVES),
        command=_first_words(COMMANDS),
        comparison=_first_words(COMPARISONS),
    ),
    # Spanish marks a past or a future in the ending of any verb: no word list can gate them.
    always=frozenset(("event", "prediction")),
    call_to_action=re.compile(
        rf"^[\s\"'\u201c\u00bf\u00a1(]*{alternation(COMMANDS)}\b", re.IGNORECASE
    ),
    courtesy=re.compile(
        r"^[\s\"'\u201c\u00a1]*(?:muchas\s+)?(?:gracias|buenos\s+días|buenas\s+(?:tardes|noches)"
        r"|bienvenid[oa]s?)\b",
        re.IGNORECASE,
    ),
    opinion=re.compile(rf"\b{alternation(OPINIONS, capitalised=True)}\b"),
    # Not "se debe a" (is due to), which gives a cause.
    normative=re.compile(
        rf"\b(?<!se\ )(?:{alternation(NORMATIVES, capitalised=True)})\b(?!\s+a\b)"
    ),
    comparison=re.compile(rf"\b{alternation(COMPARISONS, capitalised=True)}\b"),
    reported=re.compile(r"\b(?:usted|él|ella)\s+(?:dijo|afirmó|aseguró|sostuvo)\s+que\b"),
    english=False,
)

# A line of furniture by how it starts: a label, or a prompt to read or follow more.
LINE_START = re.compile(
    r"""^[\s\W]*(?:
        (?:lee|lea|leer|ver|mira)\ (?:también|además|más) | (?:también\ )?te\ puede\ interesar
      | noticias\ relacionadas | más\ información | suscríbete | síguenos | todos\ los\ derechos
      | (?:foto(?:grafía)?s?|imagen(?:es)?|v[ií]deo|fuente|crédito|etiquetas|temas|relacionad[oa]s?
         |archivo|publicidad|comparte|compartir)\s*[:|\u2013\u2014]
    )""",
    _I,
)
# A whole short line that is a byline, a desk credit or a time stamp.
WHOLE_LINE = re.compile(
    r"""^[\s\W]*(?:
        por\ (?-i:[A-Z\u00c0-\u00de][\w.'\u2019-]*
               (?:\ (?:[A-Z\u00c0-\u00de][\w.'\u2019-]*|y|de|del))*)
          (?:\s*[,|/\u2013\u2014-].{0,60})?
      | redacci[oó]n\b.{0,40} | (?:actualizado|publicado|modificado)\b\D{0,30}\d.{0,60}
    )[\s\W]*$""",
    _I,
)
ANYWHERE = re.compile(
    r"""\bsuscr[ií]b(?:ete|ase)\b | \bs[ií]g(?:ue|a)nos\ en\b | \bnuestro\ bolet[ií]n\b
      | \bdescarga\ (?:nuestra|la)\ app\b | \bderechos\ reservados\b
      | \bpol[ií]tica\ de\ privacidad\b | \bhaz\ clic\b | \bcookies\b""",
    _I,
)
_SHORT = 250
# A heading over links to other stories: everything after it is the page, not the story.
MORE_STORIES = re.compile(
    r"""(?:últimas|más|otras)\ noticias | (?:seguí|sigue|siga|seguir)\ leyendo
      | noticias\ relacionadas | lo\ más\ (?:leído|visto) | (?:también\ )?te\ puede\ interesar
      | te\ recomendamos | relacionad[oa]s""",
    _I,
)


def furniture(text: str, text_lines: list[tuple[int, int]], sentences: list[Span]) -> list[Span]:
    """Spanish furniture: lines by their label or shape, short sentences by their prompt."""
    cut = [
        Span(start, end)
        for start, end in text_lines
        if LINE_START.match(text, start, end)
        or (end - start <= _SHORT and WHOLE_LINE.match(text, start, end))
    ]
    for start, end in text_lines:
        line_end = end - 1 if text[end - 1] == ":" else end
        if MORE_STORIES.fullmatch(text, start, line_end):
            cut.append(Span(start, text_lines[-1][1]))
            break
    cut += [
        sentence
        for sentence in sentences
        if sentence.end - sentence.start <= _SHORT
        and ANYWHERE.search(text, sentence.start, sentence.end)
    ]
    return cut
