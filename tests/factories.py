"""factory_boy factories: rows without going through extraction, for tests that need many.

Users too: `make_user("rita", "Reviewer")` (or `UserFactory`) is the one way a test makes
an account; each logs in with the password `<username>-pass-123`.
"""

import importlib
from typing import Any

import factory
from django.apps import apps as django_apps
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group, User

from factcheck.articles.models import Article, content_hash
from factcheck.claims.models import Claim, Rating, Source, Verdict

SENTENCE = "More than 10,000 troops are taking part in the five-day drills."


def ensure_groups_and_scale() -> None:
    """Transactional tests flush the tables, data migrations included: put them back."""
    if Group.objects.filter(name="Editor").exists():
        return
    for migration in (
        "factcheck.claims.migrations.0002_groups_and_rating_scale",
        "factcheck.claims.migrations.0006_reviewers_edit_article_details",
        "factcheck.insight.migrations.0001_insight_permission",
        "factcheck.claims.migrations.0012_self_service_triage",
        "factcheck.monitoring.migrations.0002_reviewers_and_editors_follow_feeds",
    ):
        importlib.import_module(migration).forwards(django_apps, None)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.LazyAttribute(lambda user: make_password(f"{user.username}-pass-123"))

    @factory.post_generation
    def groups(self, create: bool, extracted: list[str] | None, **kwargs: Any) -> None:
        """`UserFactory(groups=["Editor"])`: group names, which must exist."""
        if create and extracted:
            ensure_groups_and_scale()
            self.groups.add(*(Group.objects.get(name=name) for name in extracted))


def make_user(username: str, group: str | None = None, **extra: Any) -> User:
    """An account in `group` ("Reviewer", "Editor") or in none, like a partner's.

    The groups and the rating scale are put back first: a transactional test flushed them.
    """
    ensure_groups_and_scale()
    user: User = UserFactory(username=username, groups=[group] if group else [], **extra)
    return user


class ArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Article

    title = factory.Sequence(lambda n: f"Article {n}")
    body = factory.Sequence(lambda n: f"{SENTENCE} Article number {n}.")
    content_hash = factory.LazyAttribute(lambda a: content_hash(a.body))
    job_status = Article.Status.DONE


class ClaimFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Claim

    article = factory.SubFactory(ArticleFactory)
    start = 0
    end = len(SENTENCE)
    quote = SENTENCE
    statement = SENTENCE
    type = Claim.Type.QUANTITY
    score = 0.8


class SourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Source

    claim = factory.SubFactory(ClaimFactory)
    url = factory.Sequence(lambda n: f"https://example.org/source/{n}")
    title = "A source"


class VerdictFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Verdict

    claim = factory.SubFactory(ClaimFactory)
    rating = factory.LazyFunction(lambda: Rating.objects.get(slug="false"))
    summary = "Fewer troops took part."
    author = factory.SubFactory(UserFactory)


def ensure_source(claim: Claim) -> None:
    """A verdict is submitted only with a source (VERDICT_REQUIRES_SOURCE): tests about
    something else attach one first."""
    if not Source.objects.filter(claim_id=claim.pk).exists():
        SourceFactory(claim=claim)


REPEATED = "The ministry said 12,000 soldiers and 300 tanks joined the drills near Brest."


def repeated_claims(count: int) -> list[Claim]:
    """One statement in `count` articles, linked as similar claims: a long list to show."""
    from factcheck.claims.similar import claims_link_similar

    claims = [
        ClaimFactory(
            article=ArticleFactory(body=f"{REPEATED} Report {n}."),
            quote=REPEATED,
            statement=REPEATED,
            end=len(REPEATED),
        )
        for n in range(count)
    ]
    claims_link_similar(claim_ids=[c.pk for c in claims])
    return claims
