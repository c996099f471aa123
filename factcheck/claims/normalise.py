"""The normalised statement that similar-claim lookup compares: no Django, no database.

Lower case, punctuation gone, function words gone. Without the last step every claim
shares trigrams like " th" and " wa" with every other, and a trigram index narrows
nothing down.
"""

import re

STOPWORDS = frozenset(
    "a about above after again against all am an and any are as at be because been before "
    "being below between both but by can could did do does doing down during each few for "
    "from further had has have having he her here hers herself him himself his how i if in "
    "into is it its itself just me more most my myself no nor not now of off on once only "
    "or other our ours ourselves out over own same she should so some such than that the "
    "their theirs them themselves then there these they this those through to too under "
    "until up very was we were what when where which while who whom why will with would "
    "you your yours yourself yourselves said says say also".split()
)
_WORD = re.compile(r"[^\W_]+")


def normalise(statement: str) -> str:
    return " ".join(w for w in _WORD.findall(statement.lower()) if w not in STOPWORDS)
