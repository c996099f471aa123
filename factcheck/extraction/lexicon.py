"""The word lists behind the rules, in one place so that they can be reviewed and extended.

Each list names a general class of words (reporting verbs, titles, function words),
never the words of a particular article.
"""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Sentences. Never the end of a sentence: a title or month runs on into a name or a day.
ABBREVIATIONS = _words(
    "Mr Mrs Ms Dr Prof St Gen Col Lt Sgt Gov Sen Rep Capt Cmdr Adm Maj Rev Hon Pres Supt Fr "
    "Mt Ft No Nos Fig Vol Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec vs v approx ca cf "
    "e.g i.e"
)
# Can end a sentence ("... filed by Acme Inc. The ..."), but usually does not.
MAYBE_FINAL = _words("Inc Ltd Co Corp Jr Sr Bros Plc etc")
# Words that typically open a sentence, so a full stop before them ends one even after
# an abbreviation or initial ("... against the U.S. The sanctions ...").
OPENER_WORDS = _words(
    "The A An It Its He She They We I You This That These Those There Their His Her Our "
    "But And Yet So Or In On At For From By With As After Before When While If Although "
    "Though However Meanwhile Still Also Some Many Most Last Next One"
)

# Facts. -est words that are not superlatives.
NOT_SUPERLATIVE = _words(
    "latest interest west rest forest harvest protest contest request test honest modest earnest "
    "guest chest quest arrest conquest inquest unrest manifest nest pest vest crest zest priest "
    "midwest southwest northwest behest bequest digest suggest invest detest attest infest lest "
    "jest wrest"
)
# Words that never name what a number counts ("10,000 troops are", not "are").
NOT_UNIT = _words(
    "a an the of in on at to for from by with and or but nor as than that this these those which "
    "who whom whose what when where while is are was were be been being has have had do does did "
    "will would can could shall should may might must it its their his her our my your per each "
    "every another other more less most least so such not no only also even just up down out off "
    "over under into onto about after before since until during between among against through "
    "toward towards across ago earlier later say says said according if because"
)
# Plural nouns without an -s: "5,000 people", "200 staff".
IRREGULAR_PLURALS = _words("people children men women police staff personnel cattle sheep fish")
# Before a number word, these make it a reference, not a count: "the two countries".
REFERRING = _words("the these those both all its their his her our my your")

# Claimants.
REPORTING_VERBS = _words(
    "said says say told tells tell announced announces announce reported reports report added adds "
    "stated states claimed claims claim insisted insists insist argued argues argue warned warns "
    "warn noted notes wrote writes explained explains confirmed confirms denied denies disputed "
    "disputes dispute estimated estimates estimate expects expected expect predicted predicts "
    "predict forecast forecasts believes believe believed suggested suggests suggest found finds "
    "find showed shows show revealed reveals acknowledged acknowledges admitted admits promised "
    "promises promise pledged pledges vowed vows hinted hints doubts doubted contends contended "
    "maintains maintained alleges alleged concluded concludes thinks think reckons asked asks "
    "wondered"
)
# Verbs that only introduce speech: "X said (that)" can be cut from a statement, while
# "X expects revenue to reach ..." keeps its verb.
SPEECH_VERBS = _words(
    "said says told tells announced announces added adds stated states claimed claims insisted "
    "insists argued argues noted notes wrote writes reported reports explained explains confirmed "
    "confirms believes believe believed thinks think reckons maintains contends alleges warned "
    "warns"
)
BE = _words("is are was were be been being am")
# Dropped from the front and back of a claimant: "But the ministry has also said".
LEADING = _words("the a an and but so yet while as because however")
TRAILING = _words(
    "has have had also previously later repeatedly then now once again reportedly further "
    "recently publicly already since would will"
)
# A phrase holding one of these is a clause, not a name.
NOT_IN_NAME = BE | _words(
    "has have had will would can could should may might must do does did that which who whom "
    "whose if whether not there this these those it's i we you"
)
NOT_NAME_END = _words("a an the of to in on at for by with from and or its their his her")
# Before one of these a reporting verb is passive or a noun: "are expected", "an estimated".
NOT_BEFORE_VERB = BE | _words("a an the this that these those its their his her our my your")
# A claimant noun followed by one of these heads its phrase: "people familiar with the talks".
QUALIFIED_BY = _words("at in from of with for familiar close briefed involved")
POSSESSIVES = {"its": "it", "their": "they", "his": "he", "her": "she"}
# First words of an inserted clause: "Tom Becker, who voted against the plan, said".
APPOSITIVE = _words("who which whose a an the himself herself itself themselves however")
PRONOUNS = _words("he she it they")
# Nouns that can head a claimant written in lower case: "economists", "the ministry".
GROUP_NOUNS = _words(
    "people officials experts economists scientists analysts researchers critics residents "
    "doctors lawyers prosecutors investigators statisticians observers campaigners activists "
    "teachers nurses farmers workers managers executives leaders sources diplomats landlords "
    "tenants witnesses opponents supporters protesters voters parents patients users customers "
    "consumers investors traders unions lawmakers legislators senators ministers organisers "
    "organizers owners employers employees members locals villagers survivors victims families "
    "students historians engineers soldiers forecasters meteorologists epidemiologists "
    "physicians surgeons pollsters regulators insiders author authors"
)
ORG_NOUNS = _words(
    "ministry department office council association government agency authority authorities "
    "committee commission board bureau court union institute university college school hospital "
    "company firm bank military army police daily newspaper paper journal times post news "
    "study report survey poll data figures statistics research findings organisation "
    "organization group party regulator "
    "administration service society network corporation inc ltd fund federation foundation "
    "spokesman spokeswoman spokesperson"
)
PERSON_TITLES = _words(
    "mayor president minister prime senator governor dr mr mrs ms prof professor general gen "
    "chancellor secretary chairman chairwoman chair chief judge rep sen councillor councilor "
    "member farmer nurse doctor director ambassador captain colonel commissioner inspector "
    "sheriff king queen prince pope archbishop bishop"
)

# Classification. -ed words that are not past tenses, and words after which an -ed word is
# an adjective or a passive ("the armed forces", "of unprocessed wheat", "are convinced").
NOT_PAST = REPORTING_VERBS | _words(
    "need speed feed seed bed red shed hundred indeed united limited"
)
BEFORE_ADJECTIVE = BE | _words(
    "the a an its their his her our my your this that these those of in on at for with by from "
    "to into very more most less well"
)
