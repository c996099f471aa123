"""Which language a text is in, and which extraction rules serve it.

Detection uses py3langid, whose model (a naive Bayes over byte n-grams, 97 languages) ships
inside the package: nothing is downloaded. It is loaded on the first call (about a second)
and then classifies a page in a few milliseconds; only the opening `SAMPLE` characters are
read, so the cost does not grow with the text.
"""

from __future__ import annotations

# The languages with extraction rules of their own; any other is extracted with English ones.
RULES = ("en", "es")
SAMPLE = 2000


def detect_language(text: str) -> str:
    """The ISO 639-1 code of text's language ("en", "es", "fr", ...); "" when it has no letters."""
    sample = text[:SAMPLE]
    if not any(char.isalpha() for char in sample):
        return ""
    import py3langid  # imported on first use: loading its model takes about a second

    language, _ = py3langid.classify(sample)
    return str(language)


def rules_for(language: str | None) -> str:
    """The rules to extract a text in language with: its own, else English ("es-AR" -> "es")."""
    base = (language or "").lower().split("-")[0].split("_")[0]
    return base if base in RULES else "en"
