"""Exports of published verdicts at 10,000 and 100,000 rows, against PostgreSQL's COPY.

In one run, on one throwaway PostgreSQL database, at each size:

- time: the CSV, JSON and ClaimReview exports through the API endpoints (the Django test
  client, consuming the streamed response), against `COPY (the same SELECT) TO STDOUT WITH
  CSV` as the floor: the very query the CSV export runs (its columns, already formatted
  and neutralised by the database), written out by PostgreSQL itself. Best of `--repeat`.
- memory: each export in a fresh subprocess, with the peak of Python's allocations during
  the export (tracemalloc) and the process's peak resident size (ru_maxrss).

    .venv/bin/python benchmarks/export.py [--repeat 3]

Needs PostgreSQL at 127.0.0.1:5432 (user postgres); BENCH_DATABASE_URL overrides it.
"""

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import psycopg
from bulkload import default_new_columns

ROOT = Path(__file__).resolve().parent.parent
SERVER = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432")
DB_NAME = "factcheck_bench_export"
SIZES = (10_000, 100_000)
TOKEN = "0" * 39 + "1"
URLS = {
    "csv": "/api/v1/verdicts/export.csv",
    "json": "/api/v1/verdicts/export.json",
    "claimreview": "/api/v1/claimreview.jsonld",
}


def django_env() -> dict[str, str]:
    return {
        **os.environ,
        # JIT off, for the export and the floor alike (see benchmarks/README.md, Export).
        "DATABASE_URL": f"{SERVER}/{DB_NAME}?options=-c%20jit%3Doff",
        "DJANGO_SETTINGS_MODULE": "factcheck.settings",
        "SECRET_KEY": "benchmark-only",
        "SITE_URL": "https://factcheck.example.org",
        "DEBUG": "0",
        "SECURE_SSL_REDIRECT": "0",
        "SECURE_COOKIES": "0",
        "SECURE_HSTS_SECONDS": "0",
        "CELERY_BROKER_URL": "",
        "LOG_LEVEL": "WARNING",
        # A benchmark is not throttled.
        "API_THROTTLE_USER": "1000000/hour",
        "API_THROTTLE_EXPORT": "1000000/hour",
    }


def create_database() -> None:
    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {DB_NAME}")
    subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "migrate", "--noinput"],
        env=django_env(),
        check=True,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
    )


def drop_database() -> None:
    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)")


USERS_SQL = """
INSERT INTO auth_user (id, password, is_superuser, username, first_name, last_name, email,
                       is_staff, is_active, date_joined)
VALUES (1, '!', false, 'author', '', '', '', false, true, now()),
       (2, '!', false, 'approver', '', '', '', false, true, now()),
       (3, '!', false, 'partner', '', '', '', false, true, now());
INSERT INTO accounts_apitoken (prefix, digest, user_id, created)
VALUES (left(%(token)s, 8), encode(sha256(convert_to(%(token)s, 'UTF8')), 'hex'), 3, now());
"""

# Ten claims per article, one published verdict per claim; every tenth claim was corrected
# (a superseded first version and a published second one). One statement in a hundred
# starts with "=" and one summary in a hundred with "-", for the CSV neutralisation.
LOAD_SQL = """
INSERT INTO articles_article (id, title, url, publisher, author, published_at, language,
    body, raw, input_kind, content_hash, boilerplate, job_status, job_error,
    created_at, updated_at)
SELECT a, 'Article ' || a || ': the drills, the troops and what officials said',
       'https://news.example.org/2021/story-' || a, 'Example News', '',
       timestamptz '2021-01-01' + a * interval '7 minutes', 'en', 'body', '', 'text',
       md5('article' || a), '[]', 'done', '', now(), now()
FROM generate_series(%(lo)s / 10 + 1, %(hi)s / 10) AS a;

INSERT INTO claims_claim (id, article_id, start, "end", quote, statement, type, claimant,
    score, reasons, facts, origin, status, dismiss_reason, return_note, version,
    created_at, updated_at)
SELECT c, (c - 1) / 10 + 1, ((c - 1) %% 10) * 300, ((c - 1) %% 10) * 300 + 120, s, s,
       (ARRAY['quantity', 'event', 'statement', 'superlative', 'causal', 'prediction',
              'rule', 'personal_experience', 'other'])[c %% 9 + 1],
       CASE WHEN c %% 3 = 0 THEN '' ELSE 'Ministry of Defence, region ' || c %% 50 END,
       0.8, '[]', '[]', 'machine', 'published', '', '', 6, now(), now()
FROM (
    SELECT c, CASE WHEN c %% 100 = 0 THEN '=SUM(A1:A' || c || ')'
                   ELSE 'More than ' || c || ' troops took part in the five-day exercise '
                        || 'in the north-western region, according to officials' END AS s
    FROM generate_series(%(lo)s + 1, %(hi)s) AS c
) AS statements;

WITH scale AS (SELECT array_agg(id ORDER BY "order") AS ids FROM claims_rating)
INSERT INTO claims_verdict (claim_id, number, state, rating_id, summary, claim_reviewed,
    explanation, correction_note, author_id, approver_id, submitted_at, published_at, version,
    created_at, updated_at)
SELECT c, v.number, v.state, scale.ids[c %% array_length(scale.ids, 1) + 1],
       CASE WHEN c %% 100 = 1 THEN '-' ELSE '' END || 'Fewer than ' || c || ' took part.',
       'More than ' || c || ' troops took part in the exercise',
       'The ministry''s own figures, published the same week, count about half as many '
       || 'troops; satellite images of the camps agree with the lower figure.',
       CASE WHEN v.number = 2 THEN 'The first version misread the ministry''s table.'
            ELSE '' END,
       1, 2, now(), v.published_at, 3, now(), now()
FROM generate_series(%(lo)s + 1, %(hi)s) AS c
CROSS JOIN scale
CROSS JOIN LATERAL (
    SELECT 1 AS number,
           CASE WHEN c %% 10 = 0 THEN 'superseded' ELSE 'published' END AS state,
           timestamptz '2022-01-01' + c * interval '1 minute' AS published_at
    UNION ALL
    SELECT 2, 'published', timestamptz '2022-06-01' + c * interval '1 minute'
    WHERE c %% 10 = 0
) AS v;
"""


def load(lo: int, hi: int) -> float:
    started = time.perf_counter()
    with psycopg.connect(f"{SERVER}/{DB_NAME}") as conn:
        default_new_columns(conn, "export")
        # One statement per execute: psycopg sends parameters with each, separately.
        if lo == 0:
            for statement in USERS_SQL.strip().split(";\n"):
                conn.execute(statement, {"token": TOKEN})
        for statement in LOAD_SQL.strip().split(";\n\n"):
            conn.execute(statement, {"lo": lo, "hi": hi})
        conn.execute("ANALYZE")
    return time.perf_counter() - started


# In-process measurements (Django set up on the benchmark database)


def setup_django() -> None:
    os.environ.update(django_env())
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def floor_sql() -> str:
    """COPY of the very SELECT the CSV export runs (same columns, same formatting)."""
    from django.db import connection

    from factcheck.claims.exports import export_rows

    sql, params = export_rows(for_csv=True).query.sql_with_params()
    return f"COPY ({connection.ops.compose_sql(sql, params)}) TO STDOUT WITH CSV HEADER"


def time_copy(sql: str) -> tuple[float, int]:
    with psycopg.connect(f"{SERVER}/{DB_NAME}", options="-c jit=off") as conn, conn.cursor() as cur:
        started = time.perf_counter()
        size = 0
        with cur.copy(sql) as copy:
            for block in copy:
                size += len(block)
        return time.perf_counter() - started, size


def time_endpoint(url: str) -> tuple[float, int]:
    from django.test import Client

    client = Client(HTTP_AUTHORIZATION=f"Token {TOKEN}")
    started = time.perf_counter()
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    size = sum(len(chunk) for chunk in response.streaming_content)
    return time.perf_counter() - started, size


def best(measure: Any, repeat: int) -> tuple[float, int]:
    runs = [measure() for _ in range(repeat)]
    return min(runs)


def measure_memory(fmt: str) -> dict[str, int]:
    """Run one export in a fresh process: peak Python allocations and peak RSS."""
    out = subprocess.run(
        [sys.executable, __file__, "--memory-of", fmt],
        env=django_env(),
        check=True,
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def memory_child(fmt: str) -> None:
    import tracemalloc

    setup_django()
    from django.test import Client

    client = Client(HTTP_AUTHORIZATION=f"Token {TOKEN}")
    # Warm up: imports, URL resolution, the first query; then measure only the export.
    warm = client.get(URLS[fmt], {"since": "2999-01-01"})
    b"".join(warm.streaming_content)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    tracemalloc.start()
    response = client.get(URLS[fmt])
    size = sum(len(chunk) for chunk in response.streaming_content)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"bytes": size, "traced_peak": peak, "rss_before": before, "rss": after}))


def mib(value: float) -> str:
    return f"{value / 1024 / 1024:.1f} MiB"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--keep", action="store_true", help="Keep the database afterwards.")
    parser.add_argument("--memory-of", choices=sorted(URLS), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.memory_of:
        memory_child(args.memory_of)
        return

    print(f"Creating {DB_NAME} and migrating...", flush=True)
    create_database()
    setup_django()
    results: dict[int, dict[str, Any]] = {}
    loaded = 0
    try:
        for size in SIZES:
            seconds = load(loaded, size)
            print(f"\nLoaded verdicts {loaded + 1:,}..{size:,} in {seconds:.1f} s (SQL).")
            loaded = size
            from factcheck.claims.models import Verdict

            published = Verdict.objects.published().count()
            assert published == size, published
            floor = best(lambda: time_copy(floor_sql()), args.repeat)
            row: dict[str, Any] = {"copy": floor}
            for fmt, url in URLS.items():
                row[fmt] = best(lambda url=url: time_endpoint(url), args.repeat)
            for fmt in URLS:
                row[f"mem_{fmt}"] = measure_memory(fmt)
            results[size] = row
            print(f"{published:,} published verdicts")
            print(f"  COPY (same SELECT) TO STDOUT WITH CSV  {floor[0]:7.3f} s  {mib(floor[1])}")
            for fmt in URLS:
                seconds, length = row[fmt]
                mem = row[f"mem_{fmt}"]
                print(
                    f"  {fmt:<12} export {seconds:7.3f} s  {mib(length):>10}  "
                    f"{seconds / floor[0]:5.2f}x COPY   traced peak {mib(mem['traced_peak'])}, "
                    f"peak RSS {mem['rss'] / 1024:.1f} MiB"
                )
    finally:
        if not args.keep:
            drop_database()

    small, large = (results[s] for s in SIZES)
    print("\nSummary")
    for fmt in URLS:
        ratio = large[fmt][0] / large["copy"][0]
        growth = large[f"mem_{fmt}"]["traced_peak"] / small[f"mem_{fmt}"]["traced_peak"]
        rss = large[f"mem_{fmt}"]["rss"] / small[f"mem_{fmt}"]["rss"]
        print(
            f"  {fmt:<12} {ratio:5.2f}x COPY at {SIZES[1]:,};  peak memory at {SIZES[1]:,} vs "
            f"{SIZES[0]:,}: traced {growth:.2f}x, RSS {rss:.2f}x"
        )
    print()
    for fmt in ("csv", "claimreview"):
        ratio = large[fmt][0] / large["copy"][0]
        verdict = "met" if ratio <= 3 else "MISSED"
        print(f"Goal: {fmt} within 3x of COPY at {SIZES[-1]:,}: {verdict} ({ratio:.2f}x)")


if __name__ == "__main__":
    main()
