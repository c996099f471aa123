"""The similar-claim job: bounded per run, batched writes, retried on database errors."""

from typing import Any

import psycopg
import pytest
from django.db import connection

from factcheck.claims.models import Claim, SimilarClaim
from factcheck.claims.normalise import normalise
from factcheck.claims.services import queue_similar_lookup
from factcheck.claims.similar import CLAIMS, LINK_CHUNK, MAX_LINKS, claims_link_similar
from factcheck.claims.tasks import link_similar_claims_task
from factcheck.factchecks.counts import corpus_stats
from tests.factories import ArticleFactory, ClaimFactory


def troops_claims(count: int, wording: str) -> list[Claim]:
    """Claims of one article that all state the same figure, in nearly the same words."""
    article = ArticleFactory()
    claims = []
    for i in range(count):
        statement = f"{wording} {i}"
        claims.append(
            ClaimFactory(
                article=article,
                start=i * 200,
                end=i * 200 + len(statement),
                statement=statement,
                quote=statement,
                normalised=normalise(statement),
                facts=[{"kind": "quantity", "text": "10,000 troops", "value": 10000.0}],
            )
        )
    return claims


@pytest.mark.django_db
def test_linking_stores_every_match_in_a_fixed_number_of_queries_per_claim(
    django_assert_max_num_queries: Any,
) -> None:
    troops_claims(8, "More than 10,000 troops took part in the Zapad exercise, stage")
    new = troops_claims(4, "Over 10,000 troops took part in the Zapad drills, stage")
    corpus_stats(CLAIMS)  # the word counts: made when the claims have grown, not per lookup
    # Per claim: its words, the corpus totals, the ranked candidates, the rows. Then one
    # read of the existing links, one insert (and an update when some exist), whatever
    # the number of matches.
    with django_assert_max_num_queries(1 + 4 * len(new) + 5):
        made = claims_link_similar(claim_ids=[c.pk for c in new])
    assert made == len(new) * MAX_LINKS
    assert SimilarClaim.objects.count() == made
    with django_assert_max_num_queries(1 + 4 * len(new) + 5):
        assert claims_link_similar(claim_ids=[c.pk for c in new]) == 0  # updated, not added
    assert SimilarClaim.objects.count() == made


@pytest.mark.django_db
def test_a_long_article_is_linked_by_several_jobs_of_at_most_one_chunk_each(
    django_capture_on_commit_callbacks: Any,
) -> None:
    ids = list(range(1, 2 * LINK_CHUNK + 2))
    with django_capture_on_commit_callbacks() as queued:
        queue_similar_lookup(ids)
    chunks = [callback.args[0] for callback in queued]
    assert [len(chunk) for chunk in chunks] == [LINK_CHUNK, LINK_CHUNK, 1]
    assert [pk for chunk in chunks for pk in chunk] == ids


@pytest.mark.django_db
def test_one_run_looks_up_at_most_one_chunk_and_queues_the_rest(
    django_capture_on_commit_callbacks: Any,
) -> None:
    claims = troops_claims(3, "More than 10,000 troops took part in the Zapad exercise, stage")
    ids = [c.pk for c in claims] + list(range(10**9, 10**9 + LINK_CHUNK))
    with django_capture_on_commit_callbacks() as queued:
        claims_link_similar(claim_ids=ids)
    assert [callback.args[0] for callback in queued] == [ids[LINK_CHUNK:]]


@pytest.mark.django_db(transaction=True)
def test_linking_is_retried_when_the_database_connection_drops() -> None:
    troops_claims(3, "More than 10,000 troops took part in the Zapad exercise, stage")
    new = troops_claims(2, "Over 10,000 troops took part in the Zapad drills, stage")
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    db = connection.settings_dict
    with psycopg.connect(
        host=db["HOST"], port=db["PORT"] or 5432, user=db["USER"], dbname=db["NAME"]
    ) as admin:
        admin.execute("SELECT pg_terminate_backend(%s)", [pid])  # as a restart or failover would
    link_similar_claims_task.apply(args=[[c.pk for c in new]])
    assert SimilarClaim.objects.filter(claim__in=new).count() == 2 * 3


def test_linking_retries_database_errors_with_backoff() -> None:
    from django.db import InterfaceError, OperationalError

    task = link_similar_claims_task
    assert set(task.autoretry_for) == {OperationalError, InterfaceError}
    assert task.retry_backoff and task.retry_jitter and task.max_retries >= 3
    assert task.acks_late and task.reject_on_worker_lost


def test_matching_again_after_an_import_retries_database_errors_with_backoff() -> None:
    from django.db import InterfaceError, OperationalError

    from factcheck.claims.tasks import rematch_claims_task

    task = rematch_claims_task
    assert set(task.autoretry_for) == {OperationalError, InterfaceError}
    assert task.retry_backoff and task.retry_jitter and task.max_retries >= 3
    assert task.acks_late and task.reject_on_worker_lost
