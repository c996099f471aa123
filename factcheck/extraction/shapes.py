"""The shapes of page furniture that `boilerplate` looks for: the cue words and the
patterns of a line or sentence that is not the article (datelines, captions, credits,
appeals). Tables only; the decisions are boilerplate.py's."""

from __future__ import annotations

import re

from factcheck.extraction.lexicon import Gates

_SHORT = 250  # furniture is short; a long paragraph that mentions a newsletter is news

# A line of furniture, recognised by how it starts: a label such as "Read more:" or
# "Photo:", or a fixed phrase. These cues are strong enough for a line of any length.
LINE_START = re.compile(
    r"""^[\s\W]*(?:
        (?:read\ more|read\ also|also\ read|related(?:\ (?:stories|articles|coverage))?|see\ also
          |more\ on\ this(?:\ story)?|recommended|most\ read|further\ reading|watch|listen
          |photo(?:graph)?s?|images?|pictures?|captions?|credits?|illustrations?|video|graphic
          |source|topics|tags|filed\ under)(?:\ credit)?\s*[:|\u2013\u2014]
      | (?:photo(?:graph)?|image|illustration)s?\ (?:by|courtesy\ of|via)\b
      | copyright\b\W*\d{4} | \u00a9 | \(c\)\W*\d{4}
      | (?:additional\ )?(?:reporting|editing|writing)\ by\b
      | this\ (?:article|story|interview|piece|report)\ (?:was|has\ been|is)
          \ (?:originally\ |first\ |lightly\ )?
          (?:published|updated|edited|corrected|amended|condensed)
      | (?:editor['\u2019]?s\ note|correction|clarification)\s*:
      | skip\ (?:to\ content|advertisement) | continue\ reading | click\ here | remind\ me\ later
      | listen\ to\ this\ article | story\ continues\ below
    )""",
    re.IGNORECASE | re.VERBOSE,
)

# A whole short line that is nothing but furniture: a byline, a time stamp, a share button.
WHOLE_LINE = re.compile(
    r"""^[\s\W]*(?:
        by\ (?-i:[A-Z][\w.'\u2019-]*(?:\ (?:[A-Z][\w.'\u2019-]*|and|&|de|van|von|al))*)
          (?:\s*[,|/\u2013\u2014-].{0,60})?
      | (?:updated|published|posted|last\ updated|first\ published|modified)\b\D{0,30}\d.{0,60}
      | (?:share|tweet|email|print)(?:\ (?:this|on)\b.{0,40})?
      | advertisement | sponsored(?:\ content)? | comments?\ ?(?:\(\d+\))?
      | recommended(?:\ for\ you)? | most\ (?:popular|read|viewed) | trending(?:\ now)?
      | more\ (?:stories|from\ \w+(?:\ \w+)?)
      | \d{1,2}\ min(?:ute)?s?\ read
    )[\s\W]*$""",
    re.IGNORECASE | re.VERBOSE,
)

# Furniture anywhere in a short sentence, each shape with the words it cannot match without:
# a sentence runs only the shapes whose words it holds.
_ANYWHERE: dict[str, tuple[tuple[str, ...], str]] = {
    "signup": (
        ("sign", "subscribe", "register"),
        r"""\b(?:sign\ up|subscribe|register)\b
                   .{0,60}\b(?:newsletters?|updates|alerts|inbox)\b""",
    ),
    "newsletter": (
        ("newsletter", "newsletters"),
        r"\b(?:our|the\ \w+)\ newsletters?\b.{0,40}\b(?:sign|subscri|inbox|free)",
    ),
    "inbox": (("inbox",), r"\bdelivered\ (?:straight\ |directly\ )?to\ your\ inbox\b"),
    "donate": (
        ("donate", "contribute"),
        r"\b(?:donate|contribute)\b(?:\ \w+){0,4}?\ (?:today|now|here|monthly|to\ us)\b",
    ),
    "give": (("give",), r"\bgive\ (?:what\ you\ can|generously)\b"),
    "support": (
        ("support",),
        r"""\bsupport\ (?:us|our\ (?:work|journalism|reporting|newsroom)
                                  |independent\ (?:journalism|media|reporting))\b""",
    ),
    "become": (
        ("become",),
        r"\bbecome\ an?\ (?:member|subscriber|supporter|patron)\b(?!\ of\ (?!our\b))",
    ),
    "cookies": (
        ("cookie", "cookies"),
        r"""\b(?:we|this\ (?:site|website))\ uses?\ cookies\b
                                         | \bcookie\ (?:policy|settings|preferences)\b
                                         | \baccept\ (?:all\ )?cookies\b""",
    ),
    "rights": (("rights",), r"\ball\ rights\ reserved\b"),
    "edited": (("edited",), r"\bedited\ (?:and\ condensed\ )?for\ (?:clarity|length|brevity)\b"),
    "follow": (
        ("follow", "download"),
        r"\bfollow\ (?:us\ on|our\ live)\b | \bdownload\ our\ app\b",
    ),
    "share": (("share",), r"\bshare\ this\ (?:article|story|page|post)\b"),
    # "Contact the author at ..."
    "address": (("@",), r"[\w.+-]+@[\w-]+\.[\w.]+"),
    "embed": (("pic",), r"\bpic\.twitter\.com/\w+"),  # an embedded post's picture link
    # An author's biography: "Jane Doe is a reporter for the Gazette covering health."
    "biography": (
        ("reporter", "correspondent", "editor", "writer", "journalist", "columnist", "contributor"),
        r"""(?-i:[A-Z][\w'\u2019-]+\ [A-Z][\w'\u2019-]+)\ is\ (?:a|an|the)\ [^.]{0,60}?
                      (?:reporter|correspondent|editor|writer|journalist|columnist|contributor)\b""",
    ),
    "thanks": (("thank",), r"\bthank\ you\ for\ (?:reading|your\ support|supporting)\b"),
    # The page, not the story: the browser, promotions, other stories, the comment section.
    "page": (
        ("browser", "javascript", "promotional", "privacy", "terms"),
        r"""\byour\ browser\b | \benable\ javascript\b
               | \bpromotional\ (?:content|offers|emails)\b | \bprivacy\ (?:policy|notice)\b
               | \bterms\ (?:of\ (?:use|service)|and\ conditions)\b""",
    ),
    "also": (("also",), r"\byou\ (?:may|might)\ also\ (?:like|enjoy)\b"),
    "coverage": (("coverage",), r"\bover\ our\ coverage\b"),
    "comments": (("comment", "comments"), r"\bcomments?\ (?:section|are\ closed)\b"),
    "old": (("old",), r"\bthis\ (?:article|story|page)\ is\ (?:more|over)\ than\ \w+\ \w+\ old"),
    "read": (
        ("reading", "read", "trust"),
        r"\breading\ time\b | \b\d+\ mins?\ (?:to\ )?read\b | \bwhy\ you\ can\ trust\b",
    ),
    "appeal": (
        ("like", "journalism", "consider"),
        r"""\breaders\ like\ you\b | \bmake\ our\ journalism\b
                 | \bconsider\ (?:a\ donation|donating|subscribing|supporting\ us)\b""",
    ),
}
ANYWHERE = {
    name: re.compile(pattern, re.IGNORECASE | re.VERBOSE)
    for name, (_, pattern) in _ANYWHERE.items()
}
ANYWHERE_GATES = Gates(**{name: words for name, (words, _) in _ANYWHERE.items()})
# The shapes of page furniture that is not a sentence, whatever its words.
_MONTHS = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_DAYS = r"(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)[a-z]*\.?"
# A date or time alone, perhaps after a short label: "Tue, March 30, 2021", "23 FEBRUARY 2010",
# "Wed 9 Dec 2009 06.16 EST", "10:30 am", "Date of meeting: 25 Apr 2018". A label of one
# word may go without its colon ("Aired March 15"); a longer one needs it, or a short sentence
# with a day in it would go grey: "The port reopened on Monday."
DATE_LINE = re.compile(
    rf"""^(?:[A-Za-z]+:?\ |[A-Za-z]+(?:\ [a-z]+){{1,2}}:\ )?
    (?:(?:(?i:{_DAYS}|{_MONTHS}|[ap]\.?m\.?|at|on)(?![A-Za-z])|\d{{1,4}}(?:[:./]\d{{1,2}})*(?!\d)
        |[A-Z]{{2,4}}(?![A-Za-z])|-|\u2013)
       [\s,]*){{1,9}}$""",
    re.VERBOSE,
)
DATE_WORD = re.compile(
    rf"\b(?:{_MONTHS}|{_DAYS})(?!\w)|\d:\d\d|\b(?:1[89]|20)\d\d\b", re.IGNORECASE
)
# A video or audio title ending in its running time: "Floods hit the valley 02:05".
DURATION_END = re.compile(r"[^.!?:\s]\s+\(?\d{1,2}:\d{2}(?::\d{2})?\)?$")
# A numbered stub ("1.", "(2)"), a temperature widget ("53\u00b0 F"), a kicker ("Food Index").
STUB = re.compile(r"^[\W\d]*(?:\w+[\W\d]*){0,3}$")
LABEL_STUB = re.compile(r"^(?:\S+\s+){0,5}\S+:$")
# Navigation: "Home > Press Release", "Link to this: Individually | In context".
NAVIGATION = re.compile(r"\s(?:>|\u203a|\u00bb|\|)\s")
# A chart or table title closed by its source: "Jobs by region, 2024 (Source: Statistics Office)".
SOURCE_END = re.compile(r"\((?:source|sources|data)\s*:[^()]{2,60}\)$", re.IGNORECASE)
# Words a title in title case leaves in lower case.
TITLE_SMALL_WORDS = frozenset(
    "a an the of in on at for to by with from and or vs nor but as into over per via".split()
)
# A teaser for another story, cut off: "Riverton, Apr 2: The mayor praised the crews, calling..."
TEASER_END = re.compile(r"\w(?:\.\.\.|\u2026)$")
# A link to another story under a kicker, no full stop: "2nd Test: Striker admits to surprise".
KICKER = re.compile(r"^(?![A-Z\s]+:)[\w&'\u2019]+(?:\ [\w&'\u2019]+){0,2}:\s+\S")
# A stage direction in a transcript: "[Applause]", "(CROSSTALK)", "[Interjections.]".
STAGE = re.compile(r"[\[(][^\[\]()]{1,60}[\])][.,]?")
# A photo caption: a name and what the person is doing in the picture, no finite verb.
CAPTION = re.compile(
    r"^(?:[A-Z][\w.'\u2019-]*\s+){1,5}(?:speaking|addressing|gesturing|arriving|waving|posing"
    r"|attending|looking|walking|holding|celebrating|reacting|listening|smiling|leaving"
    r"|seen|pictured)\s+(?:during|at|in|on|to|with|after|before|as|outside|inside)\b"
)
# A dateline opening a story: "BRUSSELS (Reuters) -", "LONDON, March 29 (UPI) --",
# "Riverton, Sept 15 \u2014", "KUALA LUMPUR:". A place in capitals, or a place with a date or
# an agency, then a dash or colon.
DATELINE = re.compile(
    rf"""(?P<place>[A-Z][\w.'\u2019-]*(?:[\ -][A-Z][\w.'\u2019-]*){{0,3}})
    (?P<date>,\ (?:{_MONTHS}|{_DAYS})(?:\ \d{{1,2}})?(?:,?\ \d{{4}})?)?
    (?P<agency>\ ?\([A-Z][\w.&\ -]{{0,25}}\))?
    \s*(?:--|\u2014|\u2013|-|:)\s+(?=\S)""",
    re.IGNORECASE | re.VERBOSE,
)
# What every dateline ends in: a dash or a colon, then a space.
DASH_THEN_SPACE = re.compile(r"[-:\u2014\u2013]\s")


# The author line under an embedded social-media post: "— Statistics Office (@stats) May 2".
EMBED_CREDIT = re.compile(
    r"^[\u2014\u2013-]\s*(?P<name>[^()\r\n]{1,80}?)\s*\(@\w{1,30}\)", re.MULTILINE
)
HASHTAG = re.compile(r"#\w+\s*[|:]\s+(?=\S)")
# A photo credit such as "(Ana Costa/Reuters)" closing a caption.
CREDIT_END = re.compile(r"\([^()/]{2,60}/[^()/]{2,60}\)$")
# A credit on its own line, or closing a caption without brackets: "Ana Costa/Reuters",
# "... near Dalmore. REUTERS/Ana Costa", "... | Getty Images".
CREDIT = re.compile(
    r"""(?:^|[.|]\s*)(?:(?:Photo|Picture|Image)s?:\s*)?  # "... 2019. Photo: Ana Costa/Gazette"
        (?:[A-Z][\w.'\u2019-]*\ ?){1,4}/\ ?(?:[A-Z][\w.&'\u2019-]*\ ?){1,4}$
      | (?:/|\|)\s*(?:Getty\ Images|AFP|AP|Reuters|REUTERS|EPA|Alamy|Shutterstock|Bloomberg)$
      # "... on Friday. Photo: Ana Costa"
      | [.|]\s*(?:Photo|Picture|Image)s?:\s*(?:[A-Z][\w.'\u2019-]*\ ?){1,4}$
    """,
    re.VERBOSE,
)

# The words a line matched by LINE_START, WHOLE_LINE or APPEAL_START can begin with: other
# lines skip those patterns.
OPENING_WORDS = frozenset(
    (
        "read",
        "also",
        "related",
        "see",
        "more",
        "recommended",
        "most",
        "further",
        "watch",
        "listen",
        "photo",
        "photos",
        "photograph",
        "photographs",
        "image",
        "images",
        "picture",
        "pictures",
        "caption",
        "captions",
        "credit",
        "credits",
        "illustration",
        "illustrations",
        "video",
        "graphic",
        "source",
        "copyright",
        "c",
        "additional",
        "reporting",
        "editing",
        "writing",
        "this",
        "skip",
        "continue",
        "click",
        "remind",
        "by",
        "updated",
        "published",
        "posted",
        "last",
        "first",
        "modified",
        "share",
        "tweet",
        "email",
        "print",
        "advertisement",
        "sponsored",
        "comment",
        "comments",
        "a",
        "an",
        "dear",
        "before",
        "we",
        "editor",
        "editors",
        "correction",
        "clarification",
        "topics",
        "tags",
        "filed",
        "story",
        "trending",
    )
)
FIRST_WORD = re.compile(r"[\s\W]*(\w*)")
# The first line of an appeal, and what keeps the appeal going on the next lines.
APPEAL_START = re.compile(
    r"""^[\s\W]*(?:an?\ (?:message|note|word|letter)\ from\b
    |dear\ (?:readers?|friends?|subscribers?)\b|before\ you\ go\b
    |we\ need\ your\ (?:help|support)\b|a\ personal\ appeal\b)""",
    re.IGNORECASE | re.VERBOSE,
)
APPEAL_GOES_ON = re.compile(
    r"\b(?:we|we're|our|ours|us|you|you're|your|yours|readers?|support\w*|donat\w*|contribut\w*"
    r"|subscri\w*|journalism|remind\ me)\b",
    re.IGNORECASE | re.VERBOSE,
)
