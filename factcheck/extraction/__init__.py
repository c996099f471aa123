"""Claim extraction: find the check-worthy claims in an article's text.

Pure Python and standard library only: no Django, no network, no model. See README.md here.
"""

from factcheck.extraction.pipeline import extract, propose
from factcheck.extraction.records import CLAIM_TYPES, Claim, Extraction, Fact, Span

__all__ = ["CLAIM_TYPES", "Claim", "Extraction", "Fact", "Span", "extract", "propose"]
