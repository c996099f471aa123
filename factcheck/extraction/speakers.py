"""Recognise a transcript: who speaks each line of a debate, interview, hearing or briefing.

A transcript marks each turn with its speaker, in one of two shapes:

- a label opening the line: `BIDEN:`, `Q:` / `A:`, `MODERATOR (Ana Ruiz):`, `[00:12:31] Jo Li:`,
  `Mr King:`, `The DEPUTY PRESIDENT:`, `Ana Ruiz, Official Spokesperson:`;
- a heading line of its own, repeated at each of the speaker's turns, made of the speaker's
  name and some detail (party, seat, office) and no sentence ("Jo Li Labour, Minister of Health").

A text is a transcript only when at least two different speakers take at least three turns,
so that a caption kicker ("FLOOD WATCH: ...") in an article is not read as a speaker. Each
line after a label or heading belongs to that speaker's turn until the next one. An
interviewer's "Q" is nobody in particular; an "A" is the person whose briefing or interview
the title names ("Spokesperson Jo Li's Regular Press Conference"), and so are the opening
announcements before the first question. Initials ("AB:") stand for the name in the text
with those initials ("Ann Baker").
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field
from itertools import pairwise

from factcheck.extraction.records import Span

# Capitals with accents too ("LÓPEZ", "NÚÑEZ"; U+00D7 is the multiplication sign).
_CAPS = "A-Z\u00c0-\u00d6\u00d8-\u00de"
_CAPS_WORD = rf"[{_CAPS}][{_CAPS}.'\u2019-]+"
_NAME_WORD = r"[A-Z][\w.'\u2019-]*"
HONORIFICS = r"(?:Mr|Mrs|Ms|Miss|Mx|Dr|Sen|Rep|Prof|Shri|Smt|Hon|Sir|Dame|Lord|Lady)\.?"
ROLES = r"(?:Chairman|Chairwoman|Chair|Speaker|Moderator|Interviewer|Host|Presenter|Witness)"
LABEL = re.compile(
    rf"""(?:\[?\d{{1,2}}:\d{{2}}(?::\d{{2}})?\]?\s*)?   # a time stamp
    (?:Q\d+\s+)?                                       # a numbered question in a hearing
    (?P<label>
        [QA](?=\s*:)
      | (?:The\s+)?{_CAPS_WORD}(?:\s+{_CAPS_WORD}){{0,3}}
      | {HONORIFICS}(?:\s+{_NAME_WORD}){{1,3}}
      | (?:The\s+)?{ROLES}
      | {_NAME_WORD}(?:\s+{_NAME_WORD}){{1,3}}(?=\s*,)
      | (?:(?<=\d\d\]\ )|(?<=\d\d\ )){_NAME_WORD}(?:\s+{_NAME_WORD}){{0,3}}  # after a time
    )
    (?:\s*,\s*(?P<role>[^:,\n]{{1,40}}?))?
    (?:\s*\((?P<paren>[^()\n]{{1,50}})\))?
    \s*:\s+(?=\S)""",
    re.VERBOSE,
)
HONORIFIC = re.compile(rf"^(?:The\s+)?{HONORIFICS}\s+")
# A heading line: a name of two or three capitalised words, then details, no full stop.
_HEADING_WORD = r"(?:Mc|Mac|O['\u2019]|D['\u2019]|Di|De|La|Le)?[A-Z][a-z\u00e0-\u00ff'\u2019-]+"
HEADING = re.compile(
    rf"^(?:(?:Photo|Image|Picture)\s+of\s+)?(?P<name>{_HEADING_WORD}"
    rf"(?:\s+{_HEADING_WORD}(?![A-Za-z])){{1,2}})(?:\s|\(|$)"
)
_HEADING_MAX = 90
DOUBLED = re.compile(r"^(?:(?:Photo|Image|Picture)\s+of\s+)?(?P<name>.{3,40}?)(?P=name)")
# Labels that name a speaker by title or role: two turns with these make a transcript.
STRONG = re.compile(
    rf"(?:\[?\d|Q\d|[QA]\s*:|(?:The\s+)?{HONORIFICS}\s|(?:The\s+)?{ROLES}\b|.*[,(])"
)
# A heading's details: capitalised words, small linking words, brackets and commas only.
TITLE_CASE = re.compile(
    r"^(?:[A-Z\u00c0-\u00de][^\s]*|of|the|and|for|de|du|la|van|von|[(),\u2014\u2013-])"
    r"(?:\s+(?:[A-Z\u00c0-\u00de(][^\s]*|of|the|and|for|de|du|la|van|von|[\u2014\u2013-]))*$"
)
INITIALS = re.compile(r"^[A-Z]{2,3}$")
FULL_NAME = re.compile(r"\b[A-Z][a-z'\u2019-]+(?:\s+[A-Z][a-z'\u2019-]+){1,2}\b")
NAME_WORD = re.compile(r"[A-Z][a-z-]+")
# The person whose briefing, interview or speech the title names.
OWNER = re.compile(
    r"(?P<name>[A-Z][\w-]+(?:\s+[A-Z][\w-]+){1,2})['\u2019]s\s+(?:[\w-]+\s+){0,3}?"
    r"(?:press\s+conference|press\s+briefing|briefing|interview|speech|remarks|statement)",
    re.IGNORECASE,
)
TITLE_WORDS = frozenset(
    "spokesperson spokesman spokeswoman minister president secretary senator governor "
    "chairman chair official foreign ministry".split()
)


@dataclass(slots=True)
class Transcript:
    """The turns of a transcript: where each speaker's label is, and who speaks where."""

    labels: list[Span] = field(default_factory=list)  # "BIDEN: " (with the space after)
    headings: list[Span] = field(default_factory=list)  # heading lines, never claims
    starts: list[int] = field(default_factory=list)  # where each turn starts, in order
    speakers: list[str | None] = field(default_factory=list)  # who speaks from there on

    def speaker_at(self, position: int) -> str | None:
        turn = bisect_right(self.starts, position) - 1
        return self.speakers[turn] if turn >= 0 else None


def find(text: str, sentences: list[Span]) -> Transcript:
    """The turns of text, or an empty Transcript when text is not a transcript.

    A label may open any sentence ('... ever?  RICE: Well, ...'); a heading is a whole line.
    """
    # Only a line short enough and without a sentence's final mark can be a heading.
    counts = Counter(
        text[span.start : span.end]
        for span in sentences
        if span.end - span.start <= _HEADING_MAX and text[span.end - 1] not in _SENTENCE_END
    )
    # Headings show themselves by repeating; once a text has them, a line of the same
    # shape (a name, then capitalised details) heads a turn even if that speaker spoke once.
    has_headings = any(
        count > 1 and _heading_name(line) for line, count in counts.items() if _headlike(line)
    )
    # (turn start, label end, sentence end, who); label end == sentence end for a heading
    labelled: list[tuple[int, int, int, str | None]] = []
    strong = True
    for span in sentences:
        # Every label ends in a colon: most sentences have none, and LABEL backtracks.
        has_colon = text.find(":", span.start, span.end) >= 0
        label = LABEL.match(text, span.start, span.end) if has_colon else None
        if label:
            labelled.append((span.start, label.end(), span.end, _label_name(label)))
            strong = strong and bool(STRONG.match(label.group()))
            continue
        if not has_headings:
            continue
        line = text[span.start : span.end]
        if _headlike(line) and (counts[line] > 1 or TITLE_CASE.match(line)):
            name = _heading_name(line)
            if name:
                labelled.append((span.start, span.end, span.end, name))
    names = {who for *_, who in labelled}
    if len(names) < 2 or (len(labelled) < 3 and not strong):
        return Transcript()
    transcript = Transcript()
    answerer = _answerer(text) if "A" in names else None
    if answerer and labelled[0][3] == "Q":
        transcript.starts.append(0)  # a briefing opens with the spokesperson's announcements
        transcript.speakers.append(answerer)
    for start, label_end, end, who in labelled:
        if label_end == end:
            transcript.headings.append(Span(start, end))
        else:
            transcript.labels.append(Span(start, label_end))
        transcript.starts.append(start)
        transcript.speakers.append(_resolve(who, text, answerer))
    return transcript


_SENTENCE_END = '.!?:;,"\u201d'


def _headlike(line: str) -> bool:
    return len(line) <= _HEADING_MAX and line[-1] not in _SENTENCE_END


def _label_name(label: re.Match[str]) -> str | None:
    name = label.group("label")
    paren = label.group("paren")
    if paren and FULL_NAME.fullmatch(paren.strip()):
        name = paren.strip()  # "MODERATOR (Ana Ruiz)"
    name = HONORIFIC.sub("", name).removeprefix("The ").strip()
    if name.isupper() and not INITIALS.match(name) and len(name) > 1:
        name = name.title()  # "DEPUTY PRESIDENT" -> "Deputy President"
    return name


def _heading_name(line: str) -> str | None:
    doubled = DOUBLED.match(line)  # a scraped image's alt text glued to the name
    if doubled and HEADING.match(doubled.group("name")):
        return doubled.group("name").strip()
    heading = HEADING.match(line)
    return heading.group("name") if heading else None


def _resolve(who: str | None, text: str, answerer: str | None) -> str | None:
    if who == "Q":
        return None  # a journalist or a member of the audience: nobody in particular
    if who == "A":
        return answerer
    if who and INITIALS.match(who):
        # Every run of len(who) capitalised words in the opening text, overlapping.
        words = [(w.start(), w.end(), w.group()) for w in NAME_WORD.finditer(text, 0, 5000)]
        size = len(who)
        for i in range(len(words) - size + 1):
            run = words[i : i + size]
            joined = all(text[a[1] : b[0]] == " " for a, b in pairwise(run))
            if joined and "".join(word[2][0] for word in run) == who:
                return " ".join(word[2] for word in run)
    return who


def _answerer(text: str) -> str | None:
    """The person whose briefing or interview the opening lines name."""
    owner = OWNER.search(text, 0, 600)
    if owner is None:
        return None
    words = owner.group("name").split()
    while len(words) > 1 and words[0].lower() in TITLE_WORDS:
        words.pop(0)
    return " ".join(words)
