"""Read a gettext catalog (.po) for the tests: each entry's English and its translations.

The standard library reads only compiled catalogs, which drop msgid_plural; the browser
test needs the English plural too, to recognise "3 claims" left untranslated."""

import ast
import re
from dataclasses import dataclass, field
from pathlib import Path

PLACEHOLDER = re.compile(r"%\(\w+\)s|\{\w+\}")
TAG = re.compile(r"<[^>]+>")


@dataclass
class Entry:
    context: str = ""
    english: list[str] = field(default_factory=list)  # msgid, and msgid_plural if any
    translations: list[str] = field(default_factory=list)
    fuzzy: bool = False


def read_po(path: Path) -> list[Entry]:
    """The entries of `path`, the header left out."""
    entries: list[Entry] = []
    entry, target = Entry(), None
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        if not line.strip():
            if entry.english and entry.english[0]:
                entries.append(entry)
            entry, target = Entry(), None
        elif line.startswith("#,"):
            entry.fuzzy = "fuzzy" in line
        elif line.startswith("#"):
            continue
        else:
            keyword, _, rest = line.partition(" ") if not line.startswith('"') else ("", "", line)
            text = ast.literal_eval(rest)  # a C-style quoted string, as Python reads it
            if keyword == "msgctxt":
                entry.context = text
                target = None
            elif keyword in ("msgid", "msgid_plural"):
                entry.english.append(text)
                target = entry.english
            elif keyword.startswith("msgstr"):
                entry.translations.append(text)
                target = entry.translations
            elif target is not None:  # a continuation line
                target[-1] += text
    return entries


def visible_form(message: str) -> str:
    """The message as a reader sees it: without its HTML tags."""
    return " ".join(TAG.sub("", message).split())
