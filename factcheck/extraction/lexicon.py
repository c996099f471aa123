"""The word lists behind the rules, in one place so that they can be reviewed and extended.

Each list names a general class of words (reporting verbs, titles, function words),
never the words of a particular article.
"""

from __future__ import annotations

import re
from collections.abc import Iterable


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


def _phrases(text: str) -> tuple[str, ...]:
    return tuple(phrase.strip() for phrase in text.split("|"))


_Trie = dict[str, "_Trie"]
# Suffixes some rules start from. A set lookup cannot test for them, so words_of adds them
# as markers that no word can be: "-ed" when a word ends in -ed.
SUFFIXES = tuple((f"-{suffix}", re.compile(rf"{suffix}\b")) for suffix in ("ed", "est", "'ll"))


def words_of(text: str) -> frozenset[str]:
    """The lower-case words of a text, plus suffix markers: a cheap index that lets a rule
    whose trigger words are all absent skip its regular expression."""
    lowered = text.lower().replace("\u2019", "'")
    # Turning punctuation into spaces and splitting is several times cheaper than a regular
    # expression; dashes and slashes separate words too ("five-day", "and/or").
    spaced = _SEPARATOR.sub(" ", lowered)
    words = spaced.split()
    # Any other non-word character (a symbol, a control character) ends a word for the
    # rules' \b too: index the word runs inside such words as well. Extra words only let
    # more rules run, so this can never change a result. Rare: one test for the whole text,
    # str.isalnum() on the words joined (a word character is alphanumeric or "_"), which
    # is three times cheaper than searching for such a character.
    if not "".join(words).replace("'", "").replace("_", "").isalnum():
        odd = [word for word in words if not word.replace("'", "").isalnum()]
        words += [run for word in odd for run in _WORD_RUN.findall(word)]
    if "'" in spaced:  # a quotation in single quotes, or a possessive: "next year's"
        words = [word.strip("'") for word in words]
        words.extend([word[:-2] for word in words if word.endswith("'s")])
        # The rules' \b sees an apostrophe as a break too ("A'I" holds the word "I").
        parts = [part for word in words if "'" in word for part in word.split("'") if part]
        words.extend(parts)
    words.extend(marker for marker, suffix in SUFFIXES if suffix.search(lowered))
    return frozenset(words)


_WORD_RUN = re.compile(r"\w+")
# The punctuation that can stand next to a word, save the apostrophe of "won't".
_SEPARATOR = re.compile(
    "["
    + re.escape(
        '-/\u2013\u2014,.;:!?()[]{}<>"%$*#@&+=|~`\u20ac\u00a3\u00a5\u201c\u201d\u2018\u00ab\u00bb\u2026'
    )
    + "]"
)


class Gates:
    """Which rules the words of a sentence let through; each rule lists its trigger words.

    One pass over the sentence's words opens every rule at once, instead of one set test
    per rule.
    """

    def __init__(self, **rules: Iterable[str]) -> None:
        index: dict[str, set[str]] = {}
        for rule, words in rules.items():
            for word in words:
                index.setdefault(word, set()).add(rule)
        self._index = {word: frozenset(names) for word, names in index.items()}
        # Two frozensets intersect by walking the smaller; a dict's keys view against a
        # frozenset copies all its keys first, which made this eight times slower.
        self._keys = frozenset(index)

    @property
    def words(self) -> frozenset[str]:
        """Every trigger word: a sentence holding them all opens every rule."""
        return frozenset(self._index)

    def open(self, words: frozenset[str]) -> set[str]:
        opened: set[str] = set()
        for word in words & self._keys:
            opened |= self._index[word]
        return opened


def triggers(phrases: Iterable[str]) -> frozenset[str]:
    """One word of each phrase that the phrase cannot match without: "ban" for "a ban on".

    A rule built on the phrases need not run on a sentence that holds none of them.
    """
    return frozenset(
        next((w for w in phrase.lower().split() if w not in _FUNCTION_WORDS), phrase.lower())
        for phrase in phrases
    )


_FUNCTION_WORDS = frozenset("a an the of to in on by for as at is are be was were it".split())


def alternation(phrases: Iterable[str], capitalised: bool = False) -> str:
    """A regular expression matching any of the phrases, written as a trie.

    Python's regex engine tries the branches of an alternation one by one; sharing
    prefixes ("s(?:aid|ays|tated)") makes a long word list several times faster to scan.
    A space in a phrase matches any run of white space. With capitalised, "Last year"
    matches as well as "last year": cheaper than re.IGNORECASE, which slows every scan.
    """
    phrases = [" ".join(phrase.split()) for phrase in phrases]
    if capitalised:
        phrases += [phrase[:1].upper() + phrase[1:] for phrase in phrases]
    tree: _Trie = {}
    for phrase in phrases:
        node = tree
        for char in phrase:
            node = node.setdefault(char, {})
        node[""] = {}

    def emit(node: _Trie) -> str:
        branches = [
            (r"\s+" if char == " " else re.escape(char)) + emit(child)
            for char, child in sorted(node.items())
            if char
        ]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    # Checking the first character against a set first lets most positions fail at once.
    firsts = "".join(sorted({re.escape(phrase[0]) for phrase in phrases if phrase}))
    return f"(?:(?=[{firsts}]){emit(tree)})" if len(firsts) > 2 else f"(?:{emit(tree)})"


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

# Facts.
_UNITS = (
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
)
_TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
NUMBER_WORDS: dict[str, float] = {
    **{word: float(value) for value, word in enumerate(_UNITS)},
    **{word: float(10 * (i + 2)) for i, word in enumerate(_TENS)},
    **{
        f"{tens}-{unit}": 10.0 * (i + 2) + j
        for i, tens in enumerate(_TENS)
        for j, unit in enumerate(_UNITS[1:10], start=1)
    },
    "dozen": 12.0,
    "hundred": 100.0,
    "thousand": 1e3,
    # A scale alone is a number after "a": "a million jobs".
    "million": 1e6,
    "billion": 1e9,
    "trillion": 1e12,
}
# Number words without an exact value: still a count ("dozens of people").
VAGUE_NUMBERS = _words("dozens scores tens hundreds thousands millions billions")
# Ranks that count: "the third robbery this year".
ORDINALS = {
    word: float(rank)
    for rank, word in enumerate(
        "second third fourth fifth sixth seventh eighth ninth tenth".split(), start=2
    )
}
# Verbs that state a multiple: "traffic has doubled".
MULTIPLIED = {
    "doubled": 2.0,
    "doubling": 2.0,
    "tripled": 3.0,
    "trebled": 3.0,
    "tripling": 3.0,
    "quadrupled": 4.0,
    "halved": 0.5,
    "halving": 0.5,
}
SCALES = {
    "hundred": 1e2,
    "thousand": 1e3,
    "million": 1e6,
    "billion": 1e9,
    "trillion": 1e12,
    "k": 1e3,
    "m": 1e6,
    "mn": 1e6,
    "bn": 1e9,
}
FRACTIONS = _words(
    "half halves third thirds quarter quarters fifth fifths sixth sixths seventh sevenths "
    "eighth eighths ninth ninths tenth tenths"
)
CURRENCIES = _words("dollars euros pounds rubles roubles yuan yen rupees francs pesos")
PERIODS = _words(
    "second seconds minute minutes hour hours day days week weeks month months year years "
    "decade decades century centuries"
)
# Periods that "last", "next" or "this" make into a date: "last winter".
SEASONS = _words("year month week weekend winter spring summer autumn fall season decade century")
# Written before a number, they qualify it: "More than 10,000 troops".
QUALIFIERS = _phrases(
    "more than | fewer than | less than | over | under | about | around | roughly | "
    "approximately | nearly | almost | up to | at least | at most | as many as | as much as | "
    "as few as | as little as | close to | just over | just under | well over | well under | "
    "an estimated | some"
)
# Before a year these make it a date ("since 2005", "in 2019"); the first seven also
# qualify it and belong to the fact's text.
DATE_PREPOSITIONS = _words(
    "since until till by before after from in of during through between and to early late mid"
)
# -est words that are not superlatives.
NOT_SUPERLATIVE = _words(
    "latest interest west rest forest harvest protest contest request test honest modest earnest "
    "guest chest quest arrest conquest inquest unrest manifest nest pest vest crest zest priest "
    "midwest southwest northwest behest bequest digest suggest invest detest attest infest lest "
    "jest wrest"
)
# Superlatives of praise or hardship, which judge rather than measure ("the best people",
# "the hardest decision"); "the highest rate" or "the worst crisis since ..." can be checked.
JUDGING_SUPERLATIVES = frozenset(
    (
        *("best", "greatest", "finest", "hardest", "dearest", "noblest", "bravest", "proudest"),
        *("most important", "most beautiful", "most wonderful", "most precious"),
    )
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

# Claimants. Not "states" or "state": "member states must ..." is no attribution.
REPORTING_VERBS = _words(
    "said says say told tells tell announced announces announce reported reports report added adds "
    "stated claimed claims claim insisted insists insist argued argues argue warned warns "
    "warn noted notes wrote writes explained explains confirmed confirms denied denies disputed "
    "disputes dispute estimated estimates estimate expects expected expect predicted predicts "
    "predict forecast forecasts believes believe believed suggested suggests suggest found finds "
    "find showed shows show revealed reveals acknowledged acknowledges admitted admits promised "
    "promises promise pledged pledges vowed vows hinted hints doubts doubted contends contended "
    "maintains maintained alleges alleged concluded concludes thinks think reckons asked asks "
    "accused accuses "
    "wondered expecting predicting forecasting estimating"
)
# Verbs that only introduce speech: "X said (that)" can be cut from a statement, while
# "X expects revenue to reach ..." keeps its verb.
SPEECH_VERBS = _words(
    "said says told tells announced announces added adds stated claimed claims insisted "
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
NOT_IN_NAME = (
    BE
    | _words(
        "has have had will would can could should may might must do does did that which who whom "
        "whose if whether not there this these those it's i we you"
    )
    | frozenset(  # a pronoun with its verb ("I've", "we'll", "they’d") is no name either
        f"{pronoun}{apostrophe}{verb}"
        for pronoun in ("i", "we", "you", "they", "he", "she", "it")
        for apostrophe in ("'", "\u2019")
        for verb in ("ve", "ll", "d", "re", "m")
    )
)
NOT_NAME_END = _words("a an the of to in on at for by with from and or its their his her")
# Before one of these a reporting verb is passive or a noun: "are expected", "an estimated".
NOT_BEFORE_VERB = BE | _words("a an the this that these those its their his her our my your")
# A claimant noun followed by one of these heads its phrase: "people familiar with the talks".
QUALIFIED_BY = _words("at in from of with for familiar close briefed involved")
POSSESSIVES = {"its": "it", "their": "they", "his": "he", "her": "she"}
# What a source publishes: a claim "according to a 2022 study in X" is X's claim.
DOCUMENTS = _words(
    "study studies report reports survey surveys analysis analyses paper papers review reviews "
    "poll polls data figures statistics summary summaries statement statements forecast "
    "forecasts estimate estimates audit audits investigation investigations census assessment "
    "assessments research findings website record records results trial trials experiment "
    "experiments"
)
# First words of an inserted clause: "Tom Becker, who voted against the plan, said".
APPOSITIVE = _words("who which whose a an the himself herself itself themselves however as")
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
    "organization group party regulator opposition "
    "administration service society network corporation inc ltd fund federation foundation "
    "spokesman spokeswoman spokesperson"
)
# Org nouns that fit any organisation, so "the agency" may be the bureau named before.
ANY_ORGANISATION = _words("agency company firm group organisation organization body")
PERSON_TITLES = _words(
    "mayor president minister prime senator governor dr mr mrs ms prof professor general gen "
    "chancellor secretary chairman chairwoman chair chief judge rep sen councillor councilor "
    "member farmer nurse doctor director ambassador captain colonel commissioner inspector "
    "sheriff king queen prince pope archbishop bishop"
)

# Classification: the phrases that signal each claim type.
BANS = _phrases(
    "banned | bans | outlawed | prohibited | prohibits | illegal | unlawful | mandatory | "
    "compulsory | legally required | legally obliged | legally bound | required by law | "
    "a ban on | a crime to | a criminal offence | a criminal offense | against the law"
)
LAWS = _words(
    "law laws legislation regulation regulations rules statute statutes act acts treaty treaties "
    "constitution ordinance ordinances bylaw bylaws directive directives code codes"
)
OBLIGATIONS = _phrases(
    "must | cannot | can't | can | may | shall | required | allowed | permitted | obliged | "
    "entitled | forbidden | have to | has to | requires | require | allows | allow | forbids"
)
CAUSES = _phrases(
    "because | due to | owing to | thanks to | as a result | caused | causing | causes | "
    "led to | lead to | leads to | leading to | resulted in | results in | result in | "
    "result of | triggered | triggers | sparked | linked to | blamed on | blamed for | driven by | "
    "fueled by | fuelled by | contributed to | contributes to | responsible for | pushed up | "
    "pushed down | pushes up | drove up | drove down | drives up | driver of | drivers of | "
    "raises the risk | raised the risk | raising the risk | increases the risk | "
    "increased the risk | increasing the risk | reduces the risk | reduced the risk | "
    "reducing the risk | associated with | linked with | contribute to | contributing to"
)
# Matched in lower case only, so that "may" is not the month.
FUTURES = _phrases(
    "will | won't | shall | would | could | might | going to | is set to | are set to | expects | "
    "expect | expected | predicts | predict | predicted | projected | plans to | plan to | "
    "are planning | is planning | planning to | intends to | intend to | promised | promise | "
    "promises | pledged | pledge | is due to | are due to | scheduled to | "
    "vowed | vow | hinted | in the future | may"
)
FIRST_PERSON = _words("I I'm I've my me we we've our us he she his her")
AIMS = _phrases(
    "aim to | aims to | aimed to | objective | objectives | goal is | goals are | seek to | "
    "seeks to | sought to | want to | wants to | wanted to | hope to | hopes to | hoped to"
)
PARTICIPLES = _words(
    "risen fallen grown taken given seen begun shown known done gone made won lost held left paid "
    "sold built spent brought bought become come hit cut set struck sent met kept led run broken "
    "chosen driven spoken stolen written thrown fled fought"
)
PAST_TENSES = _words(
    "rose fell won lost took began met held sent came went gave paid spent sold bought built grew "
    "struck broke ran fled flew fought became beat chose drew drove shot spoke stole threw wrote "
    "led left made kept got brought bought caught taught"
)
# Judgement words: a sentence that rests on one of them, with no figure and no source, is
# an opinion ("It is impossible not to admire her resilience").
OPINIONS = _phrases(
    "I think | I believe | I feel | I guess | I suppose | in my view | in my opinion | admire | "
    "admirable | painful | impossible | shameful | disgraceful | outrageous | ridiculous | "
    "absurd | wonderful | terrible | awful | horrible | tragic | sad | heartbreaking | inspiring | "
    "amazing | "
    "remarkable | brilliant | excellent | beautiful | ugly | stupid | foolish | unacceptable | "
    "unfair | unjust | appalling | deplorable | laudable | commendable | encouraging | "
    "disappointing | worrying | troubling | scandalous | hypocritical | pathetic | fantastic | "
    "incredible | deserve | deserves | shocking | disgusting | brave | courageous | "
    "time will tell | remains to be seen | remain to be seen | "
    # a speaker's own hopes: "We expect this visit to deepen ties"
    "we expect | we hope | I expect | I hope | we trust | we wish | I wish"
)
# What ought to be, not what is: with no figure or source behind it, an opinion
# ("The government must act now"). A rule cue ("Under the law ... must") overrides it.
NORMATIVES = _phrases(
    "should | ought to | must | need to | needs to | it is time | it's time | deserve | deserves | "
    "would do well to | had better"
)
# Words that open an appeal to the reader: "Sign up today", "Share this story".
COMMANDS = _phrases(
    "please | sign up | subscribe | donate | download | register | click | tap | don't | do not | "
    "let's | let\u2019s | let us | let me | make sure | take action | check out | find out | "
    "remember to | stand with"
)
# Things official statistics measure: a sentence about one says something a record can check
# even without a figure ("unemployment has gone up").
MEASURED = _words(
    "tax taxes deficit deficits debt spending budget budgets inflation unemployment unemployed "
    "jobs wages wage income incomes prices price poverty crime crimes gdp growth economy "
    "emissions exports imports trade revenue revenues insurance medicare medicaid pensions "
    "population deaths births casualties troops votes voted"
)
# The public record: what an office leaves behind (bills, votes, vetoes, treaties, budgets,
# sanctions, positions taken on them) can be looked up even with no figure ("I vetoed it").
RECORD = _words(
    "bill bills law laws legislation amendment amendments treaty treaties act vote voted votes "
    "veto vetoed vetoes signed sponsored cosponsored authored supported opposed appointed "
    "administration embargo sanctions budget"
)
# The speaker and the listener: "I", "we", "you" and theirs.
FIRST_AND_SECOND = _words("i my me we our us you your")
# Words that only open a spoken sentence: "Well, let's ...", "And I want to say ...".
FILLERS = _words("well now so and but okay ok look yes no oh")
# A speaker managing the conversation, not saying anything to check: thanks, greetings,
# introductions, turn-taking ("I'll hand over to ...", "I want to say that", "we'd like to").
COURTESIES = _phrases(
    "thank | thanks | appreciate | welcome | apologise | apologize | hand over | turn it over | "
    "want to say | want to ask | want to add | want to start | want to begin | want to thank | "
    "would like to | 'd like to | am pleased | 'm pleased | am delighted | 'm delighted | "
    "am glad | 'm glad | am happy to | 'm happy to | do indeed"
)
# Verbs that are commands only with an object such as "us" or "the": not "Support for".
COMMAND_VERBS = _words(
    "join follow share read watch listen support help contact visit get try learn discover tell "
    "send email give act vote sign"
)

# -ed words that are not past tenses, and words after which an -ed word is
# an adjective or a passive ("the armed forces", "of unprocessed wheat", "are convinced").
NOT_PAST = REPORTING_VERBS | _words(
    "need speed feed seed bed red shed hundred indeed united limited"
)
# Past tenses of wanting and needing: before "to" they tell of an aim, not of a deed.
AIMED = _words("wanted needed wished hoped")
BEFORE_ADJECTIVE = BE | _words(
    "the a an its their his her our my your this that these those of in on at for with by from "
    "to into very more most less well not never so too yet get gets got "
    "feel feels felt seem seems seemed remain remains remained become becomes became"
)
