"""Linking the similar claims of one long article: one job before, bounded jobs now.

Loads 100,000 stored claims (as benchmarks/similar.py does: real English word
frequencies, one figure each, COPY and vacuum) and one new article of 3,000 claims into a
throwaway PostgreSQL database, then links the article's claims twice in the same run:

- before: the code this replaced, one job over every claim, two queries per link found;
- after: `claims_link_similar` as the worker runs it, one job per LINK_CHUNK claims, each
  with batched writes.

It prints the total time, the longest a single job holds a worker (what other jobs wait
behind), the number of jobs and the queries per claim. The links are deleted between the
two, so both store the same links.

    .venv/bin/python benchmarks/similar_article.py [--stored 100000] [--claims 3000]

Needs PostgreSQL at 127.0.0.1:5432 (user postgres); BENCH_DATABASE_URL overrides it.
Needs wordfreq (the `bench` extra).
"""

import argparse
import io
import json
import os
import random
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import psycopg

sys.path.insert(0, str(Path(__file__).resolve().parent))
import similar as base  # the loader and claim generator of benchmarks/similar.py

from factcheck.claims.normalise import normalise  # Django-free; after `similar` adds the root

DB_NAME = "factcheck_bench_similar_article"
base.DB_NAME = DB_NAME  # base.load() vacuums this database
ARTICLE_ID = 10**8


def load_article(conn: psycopg.Connection, rng: random.Random, count: int) -> list[int]:
    """One article of `count` claims, as extraction would store a very long article."""
    claims = io.StringIO()
    words, weights = base.vocabulary()
    ids = list(range(10**8, 10**8 + count))
    for n, pk in enumerate(ids):
        text, facts = base.statement(rng, words, weights)
        start = n * 1000
        claims.write(
            "\t".join(
                [
                    str(pk),
                    str(ARTICLE_ID),
                    str(start),
                    str(start + len(text)),
                    text,
                    text,
                    normalise(text),
                    "quantity",
                    "",
                    "0.5",
                    "[]",
                    json.dumps(facts),
                    "machine",
                    "new",
                    "",
                    "",
                    "1",
                    base.NOW,
                    base.NOW,
                ]
            )
            + "\n"
        )
    with conn.cursor() as cur:
        cur.execute(
            "INSERT INTO articles_article (id, title, publisher, author, language, body, raw, "
            "input_kind, content_hash, boilerplate, job_status, job_error, "
            "created_at, updated_at) VALUES (%s, 'Long', '', '', 'en', 'body', '', 'text', "
            "'long', '[]', 'done', '', %s, %s)",
            [ARTICLE_ID, base.NOW, base.NOW],
        )
        with cur.copy(
            'COPY claims_claim (id, article_id, start, "end", quote, statement, '
            "normalised, type, claimant, score, reasons, facts, origin, status, "
            "dismiss_reason, return_note, version, created_at, updated_at) "
            "FROM STDIN"
        ) as copy:
            copy.write(claims.getvalue())
    conn.commit()
    base.vacuum()
    return ids


def link_one_by_one(claim_ids: Sequence[int]) -> int:
    """The linking code before this change, kept as the baseline: every link found costs
    an UPDATE and, when new, an INSERT, and the whole article is one job."""
    from django.db.models import Q

    from factcheck.claims.models import Claim, SimilarClaim
    from factcheck.claims.similar import find_similar

    made = 0
    for claim in Claim.objects.filter(pk__in=claim_ids):
        for match in find_similar(claim):
            pair = Q(claim=claim, other=match.claim) | Q(claim=match.claim, other=claim)
            updated = SimilarClaim.objects.filter(pair).update(
                score=match.score, reasons=list(match.reasons)
            )
            if not updated:
                SimilarClaim.objects.create(
                    claim=claim, other=match.claim, score=match.score, reasons=list(match.reasons)
                )
                made += 1
    return made


@contextmanager
def counting_queries() -> Iterator[list[int]]:
    from django.db import connection

    count = [0]

    def count_one(execute: Callable[..., Any], *args: Any) -> Any:
        count[0] += 1
        return execute(*args)

    with connection.execute_wrapper(count_one):
        yield count


def run_jobs(jobs: list[list[int]], link: Callable[[list[int]], int]) -> dict[str, float]:
    longest = total = 0.0
    links = 0
    with counting_queries() as queries:
        for chunk in jobs:
            start = time.perf_counter()
            links += link(chunk)
            took = time.perf_counter() - start
            longest, total = max(longest, took), total + took
    claims = sum(len(chunk) for chunk in jobs)
    return {
        "jobs": len(jobs),
        "total": total,
        "longest": longest,
        "links": links,
        "queries": queries[0] / claims,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stored", type=int, default=100_000)
    parser.add_argument("--claims", type=int, default=3_000)
    args = parser.parse_args()

    with psycopg.connect(f"{base.SERVER}/postgres", autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {DB_NAME}")
        admin.execute(f"CREATE DATABASE {DB_NAME}")
    url = f"{base.SERVER}/{DB_NAME}"
    env = {**os.environ, "DATABASE_URL": url, "DEBUG": "1", "CELERY_BROKER_URL": ""}
    base.manage("migrate", "--noinput", env=env)
    os.environ.update(env)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "factcheck.settings")
    import django

    django.setup()
    from factcheck.claims.models import SimilarClaim
    from factcheck.claims.similar import LINK_CHUNK, claims_link_similar

    rng = random.Random(2021)
    try:
        with psycopg.connect(url) as conn:
            words, weights = base.vocabulary()
            base.load(conn, rng, args.stored, 0, words, weights)
            ids = load_article(conn, rng, args.claims)
        before = run_jobs([ids], link_one_by_one)
        SimilarClaim.objects.all().delete()
        chunks = [ids[i : i + LINK_CHUNK] for i in range(0, len(ids), LINK_CHUNK)]
        after = run_jobs(chunks, lambda chunk: claims_link_similar(claim_ids=chunk))
    finally:
        from django.db import connections

        connections.close_all()
        with psycopg.connect(f"{base.SERVER}/postgres", autocommit=True) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)")

    print(f"linking one article of {args.claims:,} claims against {args.stored:,} stored claims")
    print(
        f"{'':>8} {'jobs':>5} {'total s':>8} {'longest job s':>14} {'links':>7} "
        f"{'queries/claim':>14}"
    )
    for name, row in (("before", before), ("after", after)):
        print(
            f"{name:>8} {row['jobs']:>5.0f} {row['total']:>8.1f} {row['longest']:>14.1f} "
            f"{row['links']:>7.0f} {row['queries']:>14.1f}"
        )
    print(
        f"longest hold of a worker: {before['longest'] / after['longest']:.0f}x shorter; "
        f"total time x{after['total'] / before['total']:.2f}"
    )


if __name__ == "__main__":
    main()
