"""Events for whoever listens, so that `articles` needs to know nothing of claims: apps
import one way (claims may use articles, never the reverse).

- `article_text_stored`: an article's text is stored and waits for its claims (sender=
  Article, article=<the article>). Sent inside the service's transaction; the claims app
  queues the extraction, which runs after the commit.
- `article_is_public_record`: asked before an article's published metadata changes
  (sender=Article, article=<the article>); a receiver answers True when something public
  (a published claim's ClaimReview) shows that metadata, so it must stay as approved.
- `article_language_changed`: a person corrected the article's language (sender=Article,
  article=<the article, saved>, actor=<who changed it>), inside the service's
  transaction; the claims app extracts the article again with its language's rules.
"""

from django.dispatch import Signal

from factcheck.articles.models import Article

article_text_stored = Signal()
article_is_public_record = Signal()
article_language_changed = Signal()


def is_public_record(article: Article) -> bool:
    """Whether any app says this article's published metadata is on the public record."""
    return any(answer for _, answer in article_is_public_record.send(Article, article=article))
