"""Claim extraction: find the check-worthy claims in an article's text.

Pure Python: no Django, no network; the one model, py3langid's language identifier, ships
inside its package. See README.md here.
"""

from factcheck.extraction.language import article_language, detect_language
from factcheck.extraction.pipeline import extract, propose
from factcheck.extraction.records import CLAIM_TYPES, Claim, Extraction, Fact, Span

__all__ = [
    "CLAIM_TYPES", "Claim", "Extraction", "Fact", "Span", "article_language", "detect_language",
    "extract", "propose",
]  # fmt: skip
