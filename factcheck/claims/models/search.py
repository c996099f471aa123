"""The claim search document: the SQL the GIN index holds and the figure rule it follows."""

import re

FIGURE_SEPARATOR = re.compile(r"(?<=\d)[,\u00a0 ](?=\d{3}(?:\D|$))")
# The claim's search document, as the GIN index of migration 0006 has it: the same
# expression, character for character, so the planner uses the index. The figure
# separators go as in `normalise_figures`.
SEARCH_DOCUMENT = (
    "to_tsvector('english'::regconfig, regexp_replace("
    "coalesce(claims_claim.statement, '') || ' ' || coalesce(claims_claim.quote, '') || ' ' "
    "|| coalesce(claims_claim.claimant, ''), '([0-9])[, \u00a0](?=[0-9]{3}([^0-9]|$))', "
    "'\\1', 'g'))"
)


def normalise_figures(text: str) -> str:
    """500,000 and 500 000 (also with a no-break space) become 500000."""
    return FIGURE_SEPARATOR.sub("", text)
