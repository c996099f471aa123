"""The claims app's models, one module per noun; every name importable from here.

claims.py comes first: verdicts.py takes Claim for its foreign key.
"""

from factcheck.claims.models.claims import ORDERINGS, Claim, ClaimQuerySet
from factcheck.claims.models.comments import Comment
from factcheck.claims.models.links import FactCheckMatch, SimilarClaim
from factcheck.claims.models.ratings import Rating
from factcheck.claims.models.search import FIGURE_SEPARATOR, SEARCH_DOCUMENT, normalise_figures
from factcheck.claims.models.sources import Source, SourceQuerySet
from factcheck.claims.models.verdicts import Verdict, VerdictQuerySet

__all__ = [
    "FIGURE_SEPARATOR",
    "ORDERINGS",
    "SEARCH_DOCUMENT",
    "Claim",
    "ClaimQuerySet",
    "Comment",
    "FactCheckMatch",
    "Rating",
    "SimilarClaim",
    "Source",
    "SourceQuerySet",
    "Verdict",
    "VerdictQuerySet",
    "normalise_figures",
]
