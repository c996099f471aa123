"""Claims are born here: the extraction engine's findings become claims, and every new
claim has its similar claims and matching fact-checks looked up by the worker."""

import logging
from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from factcheck.articles.models import Article
from factcheck.articles.services import article_mark_failed
from factcheck.claims.models import Claim
from factcheck.claims.normalise import normalise
from factcheck.claims.similar import LINK_CHUNK
from factcheck.extraction import Claim as ExtractedClaim
from factcheck.extraction import extract
from factcheck.history import history_copy
from factcheck.jobs.services import (
    commit_without_waiting,
    job_batch,
    job_enqueue,
    job_enqueue_grouped,
)
from factcheck.versioning import Actor, attribute

logger = logging.getLogger(__name__)


def queue_extraction(*, sender: Any = None, article: Article, **kwargs: Any) -> None:
    """Queue the claim extraction of an article whose text was just stored; the articles
    of one batch (an upload, a feed poll: `job_batch`) share a job.

    Connected to `articles.signals.article_text_stored` (ClaimsConfig.ready).
    """
    from factcheck.claims.tasks import extract_articles_claims_task

    job_enqueue_grouped(task=extract_articles_claims_task, item=article.pk)


def claims_reextract(*, sender: Any = None, article: Article, actor: Actor, **kwargs: Any) -> None:
    """Find an article's claims again after its language changed: the machine's proposals
    nobody has worked on go, and the extraction runs with the new language's rules.

    Connected to `articles.signals.article_language_changed` (ClaimsConfig.ready), inside
    the transaction that changed the language. Human claims and every claim someone
    worked on stay; the new extraction skips their spans. An article still waiting for
    its extraction (or failed, to be retried) gets the new language when it runs.
    """
    if article.job_status != Article.Status.DONE or not article.body:
        return
    for claim in article.claims.untouched_proposals():
        attribute(claim, actor, "extracted again in another language")
        claim.delete()
    article.job_status = Article.Status.PENDING
    article.save(update_fields=["job_status", "updated_at"])
    queue_extraction(article=article)


def claims_create_from_extraction(*, article_id: int) -> Article:
    """Run the extraction engine over an article and store its claims (see
    `claims_create_from_extractions`)."""
    claims_create_from_extractions(article_ids=[article_id])
    return Article.objects.get(pk=article_id)


def claims_create_from_extractions(*, article_ids: Sequence[int]) -> int:
    """Run the extraction engine over articles and store their claims; returns how many
    articles were extracted.

    Safe to run twice: a finished article is left alone, and a span that already has a
    claim (say, one a reviewer added meanwhile) is not stored again. An article the
    engine fails on is marked failed, with why; the others are stored all the same.

    One transaction and one commit for them all: the articles are locked, extracted (a
    few ms each; the lock only holds back an edit of these articles meanwhile) and their
    claims, the claims' history rows, the articles' new state and the matching jobs are
    written in a statement each, however many articles. The commit does not wait for
    the disk (`synchronous_commit = off`): everything written here is derived from the
    stored texts, so if the database crashed and lost the last moments of commits, the
    articles would be back to pending and `articles_requeue_stalled` would queue their
    extraction again; a matching job sent meanwhile finds no claims.
    """
    with transaction.atomic():
        commit_without_waiting()
        articles = list(
            Article.objects.select_for_update()
            .filter(pk__in=article_ids)
            .exclude(job_status=Article.Status.DONE)
            .exclude(body="")
            .order_by("pk")
            .only("pk", "body", "language", "job_status")
        )
        taken: set[tuple[int, int, int]] = set(
            Claim.objects.filter(article__in=articles).values_list("article_id", "start", "end")
        )
        claims: list[Claim] = []
        done: list[Article] = []
        for article in articles:
            try:
                result = extract(article.body, language=article.language)
            except Exception as exc:  # the engine must not take the article down with it
                logger.exception("extraction failed for article %s", article.pk)
                article_mark_failed(article_id=article.pk, error=f"Claim extraction failed: {exc}")
                continue
            claims += [
                _claim(article, c)
                for c in result.claims
                if (article.pk, c.start, c.end) not in taken
            ]
            article.boilerplate = [[span.start, span.end] for span in result.boilerplate]
            done.append(article)
        # The claims in one INSERT, their history rows copied from them in another.
        created = Claim.objects.bulk_create(claims, batch_size=500)
        if created:
            history_copy(
                Claim,
                pks=[c.pk for c in created],
                user=None,
                date=timezone.now(),
                history_type="+",
                reason="extracted",
            )
        with job_batch():  # the matching jobs in one INSERT, sent together
            queue_similar_lookup([c.pk for c in created])
        _mark_done(done)
    return len(done)


def _mark_done(articles: list[Article]) -> None:
    """One UPDATE for all: done, with the boilerplate each was found to have. The job's
    state is not part of an article's history (Article.history leaves it out), so no
    history row is written for it."""
    now = timezone.now()
    for article in articles:
        article.job_status, article.job_error, article.updated_at = Article.Status.DONE, "", now
    fields = ["boilerplate", "job_status", "job_error", "updated_at"]
    Article.objects.bulk_update(articles, fields)


def _claim(article: Article, c: ExtractedClaim) -> Claim:
    return Claim(
        article=article,
        start=c.start,
        end=c.end,
        quote=c.text,
        statement=c.statement,
        normalised=normalise(c.statement),
        type=c.type,
        claimant=(c.claimant or "")[:200],
        claimant_kind=c.claimant_kind or "",
        score=c.score,
        low_priority=c.score < settings.CLAIM_LOW_PRIORITY_BELOW,
        extra_spans=[[span.start, span.end] for span in c.extra_spans],
        reasons=list(c.reasons),
        facts=[f.to_dict() for f in c.facts],
        origin=Claim.Origin.MACHINE,
    )


def queue_similar_lookup(claim_ids: list[int]) -> None:
    """Queue the similar-claim lookup in chunks, so no one job holds a worker for long."""
    from factcheck.claims.tasks import link_similar_claims_task

    if claim_ids and settings.DEMO_JOBS_AFTER_RESPONSE:
        # The demo without a broker: after the response, not inside the request.
        from factcheck.background import run_after_response

        transaction.on_commit(lambda: run_after_response(link_similar_claims_task, claim_ids))
        return
    for start in range(0, len(claim_ids), LINK_CHUNK):
        job_enqueue(task=link_similar_claims_task, args=[claim_ids[start : start + LINK_CHUNK]])
