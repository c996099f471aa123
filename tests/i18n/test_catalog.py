"""The Spanish catalog: every message has a translation that keeps its placeholders, and
the compiled file the application reads holds exactly what the catalog says."""

import ast
import gettext
import re
from pathlib import Path

from django.conf import settings

CATALOG = Path(settings.BASE_DIR) / "locale" / "es" / "LC_MESSAGES" / "django.po"
PLACEHOLDER = re.compile(r"%\(\w+\)[a-z]|%%")


def entries() -> list[dict[str, str]]:
    """The catalog's entries as {"msgctxt", "msgid", "msgid_plural", "msgstr", "msgstr[n]"}
    (obsolete and header entries left out). Strings are C-quoted, as Python's literals."""
    found, current, key = [], {}, ""
    for line in [*CATALOG.read_text(encoding="utf-8").splitlines(), ""]:
        if not line.strip():
            if current.get("msgid"):
                found.append(current)
            current, key = {}, ""
        elif line.startswith("#"):
            current.setdefault("flags", "")
            if line.startswith("#,"):
                current["flags"] += line
        elif line.startswith('"'):
            current[key] += ast.literal_eval(line)
        else:
            key, _, value = line.partition(" ")
            current[key] = ast.literal_eval(value)
    return found


def translations(entry: dict[str, str]) -> list[str]:
    return [text for key, text in entry.items() if key.startswith("msgstr")]


def test_every_message_has_a_translation_with_the_same_placeholders() -> None:
    catalog = entries()
    assert len(catalog) > 400  # the whole catalog was read
    for entry in catalog:
        assert "fuzzy" not in entry.get("flags", ""), entry["msgid"]
        source = entry.get("msgid_plural", entry["msgid"])
        for text in translations(entry):
            assert text, f"untranslated: {entry['msgid']!r}"
            assert set(PLACEHOLDER.findall(text)) == set(PLACEHOLDER.findall(source)), text


def test_the_compiled_catalog_is_the_catalog() -> None:
    with CATALOG.with_suffix(".mo").open("rb") as compiled:
        read = gettext.GNUTranslations(compiled)
    for entry in entries():
        context = entry.get("msgctxt")
        if "msgid_plural" in entry:
            got = (
                read.npgettext(context, entry["msgid"], entry["msgid_plural"], 1)
                if context
                else read.ngettext(entry["msgid"], entry["msgid_plural"], 1)
            )
            assert got == entry["msgstr[0]"]
        else:
            got = (
                read.pgettext(context, entry["msgid"]) if context else read.gettext(entry["msgid"])
            )
            assert got == entry["msgstr"], entry["msgid"]
