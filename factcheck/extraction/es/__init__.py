"""The Spanish language pack: the word lists, patterns and furniture shapes that the one
pipeline (`factcheck/extraction/pipeline.py`) uses for a text in Spanish.

`lexicon.py` holds the word lists, `claimants.py` finds who says what ("según X", "X afirmó
que", "informó la policía"), `facts.py` reads figures written the Spanish way ("10.000",
"1,5", "un millón de", "por ciento", "12 de marzo de 2024") and superlatives ("el mayor",
"por primera vez", "récord"), `rules.py` gives the classifier its cues and the furniture
its shapes ("Lee también", "Suscríbete", "Foto:").
"""
