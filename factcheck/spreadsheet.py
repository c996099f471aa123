"""The CSV formula guard, in one place and Django-free (the insight charts import it).

A spreadsheet runs a cell that starts with one of FORMULA_START as a formula (CSV
injection); a leading apostrophe makes it text. The verdict exports apply the same rule in
SQL (`factcheck.claims.exports.neutralised`), built from this tuple.
"""

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise[T: (str, int, float)](cell: T) -> T | str:
    """A text cell that would run as a formula gets a leading apostrophe; numbers pass."""
    if isinstance(cell, str) and cell[:1] in FORMULA_START:
        return "'" + cell
    return cell
