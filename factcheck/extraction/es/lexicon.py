"""Spanish word lists behind the Spanish rules; each names a general class of words."""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Verbs that attribute what follows (or precedes) to someone: third person, past and present.
REPORTING_VERBS = _words(
    "dijo dijeron dice dicen afirmó afirmaron afirma afirman aseguró aseguraron asegura "
    "aseguran informó informaron informa informan señaló señalaron señala señalan indicó "
    "indicaron indica indican explicó explicaron explica explican detalló detallaron detalla "
    "precisó precisaron precisa reportó reportaron reporta confirmó confirmaron confirma "
    "anunció anunciaron anuncia declaró declararon declara agregó agregaron agrega añadió "
    "añadieron añade sostuvo sostuvieron sostiene subrayó subrayaron subraya destacó "
    "destacaron destaca advirtió advirtieron advierte reveló revelaron revela denunció "
    "denunciaron denuncia admitió admitieron admite reconoció reconocieron reconoce manifestó "
    "expresó comentó apuntó aclaró insistió remarcó estimó estimaron estima calculó "
    "publicó difundió aseveró enfatizó puntualizó recordó mencionó refirió cifró cifraron "
    "marcan marca muestran revelan reflejan reflejó mostró mostraron concluyó concluye"
)
# Before a noun these open a claimant: "según el INDEC", "de acuerdo con la Onemi".
ACCORDING = ("según", "de acuerdo con", "de acuerdo a", "conforme a")
# Dropped from the front of a claimant: articles, and "Desde el Gobierno subrayaron".
LEADING = _words("el la los las lo un una unos unas desde y pero además también")
# What a source publishes: "los reportes de la Onemi", "estimaciones del INEI".
DOCUMENTS = _words(
    "reporte reportes informe informes estudio estudios dato datos cifras estimación estimaciones "
    "registros registro encuesta encuestas análisis balance comunicado boletín cálculos "
    "proyecciones investigación resultados sondeo medición mediciones primeros último últimos "
    "nuevo nuevos oficial oficiales"
)
# A generic name for the organisation named before: "el organismo", "la entidad".
ORGANISATION_WORDS = _words(
    "organismo entidad institución instituto ministerio agencia dependencia oficina servicio "
    "empresa compañía gobierno reporte informe departamento comisión consejo secretaría banco "
    "fiscalía oficina organización"
)
# Nouns that head a claimant written in lower case: "la policía", "las autoridades".
GROUP_NOUNS = _words(
    "policía policías gobierno autoridades autoridad fiscalía ministerio ministro ministra "
    "presidente presidenta portavoz vocero vocera expertos especialistas fuentes vecinos "
    "testigos médicos científicos investigadores organismo entidad instituto agencia empresa "
    "compañía sindicato alcalde alcaldesa gobernador gobernadora director directora "
    "funcionarios funcionario analistas economistas ejército militares bomberos fiscal "
    "fiscales juez jueza tribunal corte senador senadora diputado diputada candidato "
    "candidata organización asociación federación cámara banco universidad hospital"
)
# Titles that, after "el"/"la" and without a name, refer back to the person just named.
TITLES = _words(
    "portavoz vocero vocera ministro ministra presidente presidenta director directora alcalde "
    "alcaldesa gobernador gobernadora secretario secretaria fiscal jefe jefa investigador "
    "investigadora experto experta especialista doctor doctora"
)
# Before one of these a "reporting verb" is a noun: "tras la denuncia", "un informe".
NOT_BEFORE_VERB = _words("el la los las un una su sus del al de tras por con sin esta este")
# Words that make a phrase a clause, not a name.
NOT_IN_NAME = _words("que se no es son fue fueron ha han había habían está están hay cuando si")
PRONOUNS = {"él": "person", "ella": "person", "ellos": "anyone", "ellas": "anyone"}
# Numbers.
NUMBER_WORDS: dict[str, float] = {
    "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6, "siete": 7, "ocho": 8, "nueve": 9,
    "diez": 10, "once": 11, "doce": 12, "trece": 13, "catorce": 14, "quince": 15,
    "dieciséis": 16, "diecisiete": 17, "dieciocho": 18, "diecinueve": 19, "veinte": 20,
    "treinta": 30, "cuarenta": 40, "cincuenta": 50, "sesenta": 60, "setenta": 70,
    "ochenta": 80, "noventa": 90, "cien": 100, "ciento": 100, "doscientos": 200,
    "trescientos": 300, "quinientos": 500, "mil": 1000, "docena": 12, "decenas": 10,
    "centenares": 100, "cientos": 100, "miles": 1000, "millones": 1e6,
}
SCALES = {"mil": 1e3, "millón": 1e6, "millones": 1e6, "mil millones": 1e9, "billones": 1e12}
CURRENCIES = _words("pesos dólares euros soles bolívares reales quetzales colones libras")
MONTHS = ("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
          "septiembre", "setiembre", "octubre", "noviembre", "diciembre")
WEEKDAYS = ("lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo")
# Spanish past tenses that do not end in -ó, -aron or -ieron.
IRREGULAR_PAST = _words(
    "fue fueron tuvo tuvieron hubo hizo hicieron dijo dijeron detuvo detuvieron estuvo "
    "estuvieron puso pusieron pudo pudieron vino vinieron dio dieron trajo trajeron condujo "
    "produjo produjeron redujo redujeron obtuvo obtuvieron mantuvo mantuvieron supo quiso vio "
    "vieron murieron huyó leyó cayó cayeron"
)
