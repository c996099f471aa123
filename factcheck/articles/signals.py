"""Events for whoever listens, so that `articles` needs to know nothing of claims: apps
import one way (claims may use articles, never the reverse).

- `article_text_stored`: an article's text is stored and waits for its claims (sender=
  Article, article=<the article>). Sent inside the service's transaction; the claims app
  queues the extraction, which runs after the commit.
"""

from django.dispatch import Signal

article_text_stored = Signal()
