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
# Below this many characters detection is a guess: a language declared by the page wins.
SHORT = 200


def detect_language(text: str) -> str:
    """The ISO 639-1 code of text's language ("en", "es", "fr", ...); "" when it has no letters."""
    sample = text[:SAMPLE]
    if not any(char.isalpha() for char in sample):
        return ""
    import py3langid  # imported on first use: loading its model takes about a second

    language, _ = py3langid.classify(sample)
    return str(language)


def base_code(language: str | None) -> str:
    """The primary subtag of a language tag, lower-cased: "es-AR" -> "es", "EN_gb" -> "en"."""
    return (language or "").strip().lower().replace("_", "-").split("-")[0]


def article_language(text: str, declared: str | None = "") -> str:
    """The language an article is stored in: the one detected in its text, else the one
    its page declares, else English.

    The text wins over the page's `lang`, which sites often leave at their default
    whatever the article is written in; but a text too short to tell (a headline, a line
    of figures) takes the declared language when there is one.
    """
    claimed = base_code(declared)
    if claimed and len(text.strip()) < SHORT:
        return claimed
    return detect_language(text) or claimed or "en"


def rules_for(language: str | None) -> str:
    """The rules to extract a text in language with: its own, else English ("es-AR" -> "es")."""
    base = base_code(language)
    return base if base in RULES else "en"
