"""Similar-claim lookup for one new claim against 10,000 and 100,000 stored claims.

Measures, in one run and on one throwaway PostgreSQL database, the lookup that runs when
a claim is created (`factcheck.claims.similar.find_similar`) with its GIN index and
without it (a sequential scan), at both sizes. (Until 2026-12-01 the lookup was pg_trgm
over rare words and figures, with their own indexes; the results below it in
benchmarks/README.md are of that lookup.)

    .venv/bin/python benchmarks/similar.py [--probes 30]

Needs PostgreSQL at 127.0.0.1:5432 (user postgres); BENCH_DATABASE_URL overrides it.
"""

import argparse
import io
import itertools
import json
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

import psycopg
import wordfreq  # benchmark only: pip install wordfreq (the `bench` extra)
from bulkload import default_new_columns

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from factcheck.claims.normalise import normalise  # Django-free

ROOT = Path(__file__).resolve().parent.parent
SERVER = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432")
DB_NAME = "factcheck_bench_similar"
SIZES = (10_000, 100_000)
# The index the lookup reads (migration 0014): our claims are searched by the matcher of
# factcheck.factchecks.matching, full-text over `match_vector`.
INDEXES = {"claims_claim_match_gin": "USING gin (match_vector)"}
NOW = "2026-11-24 00:00:00+00"
UNITS = ["troops", "people", "tonnes", "patients", "votes", "jobs", "homes", "schools", "cases"]


def vocabulary() -> tuple[list[str], list[float]]:
    """English words with their real frequencies (wordfreq), as cumulative weights."""
    words = [w for w in wordfreq.top_n_list("en", 50_000) if w.isalpha()]
    weights = itertools.accumulate(wordfreq.word_frequency(w, "en") for w in words)
    return words, list(weights)


def statement(rng: random.Random, words: list[str], weights: list[float]) -> tuple[str, list]:
    count = rng.randint(10, 24)  # about half are function words, which normalising drops
    body = rng.choices(words, cum_weights=weights, k=count)
    value = rng.choice([rng.randint(2, 99), rng.randint(100, 9999) * 10, rng.randint(1, 40) * 1000])
    unit = rng.choice(UNITS)
    at = rng.randint(1, len(body) - 1)
    text = " ".join([*body[:at], f"{value:,}", unit, *body[at:]]).capitalize() + "."
    facts = [{"kind": "quantity", "text": f"{value:,} {unit}", "value": float(value), "unit": unit}]
    return text, facts


def manage(*args: str, env: dict[str, str]) -> None:
    subprocess.run([sys.executable, str(ROOT / "manage.py"), *args], env=env, check=True,
                   cwd=ROOT, stdout=subprocess.DEVNULL)


def load(conn: psycopg.Connection, rng: random.Random, count: int, first_id: int,
         words: list[str], weights: list[float]) -> None:
    """COPY `count` claims (ten per article) in; the ORM row by row would take minutes."""
    articles, claims = io.StringIO(), io.StringIO()
    for i in range(first_id, first_id + count):
        if i % 10 == 0:
            articles.write(f"{i // 10 + 1}\tArticle {i // 10 + 1}\t\t\ten\tbody\t\ttext\th{i}\t[]"
                           f"\tdone\t\t{NOW}\t{NOW}\n")
        text, facts = statement(rng, words, weights)
        start = (i % 10) * 1000  # spans must differ within an article
        claims.write("\t".join([str(i + 1), str(i // 10 + 1), str(start), str(start + len(text)),
                                text, text, normalise(text),
                                "quantity", "", "0.5", "[]", json.dumps(facts), "machine", "new",
                                "", "", "1", NOW, NOW]) + "\n")
    default_new_columns(conn, "similar")
    with conn.cursor() as cur:
        with cur.copy("COPY articles_article (id, title, publisher, author, language, body, raw, "
                      "input_kind, content_hash, boilerplate, job_status, job_error, "
                      "created_at, updated_at) FROM STDIN") as copy:
            copy.write(articles.getvalue())
        with cur.copy("COPY claims_claim (id, article_id, start, \"end\", quote, statement, "
                      "normalised, type, "
                      "claimant, score, reasons, facts, origin, status, dismiss_reason, "
                      "return_note, version, created_at, updated_at) FROM STDIN") as copy:
            copy.write(claims.getvalue())
    conn.commit()
    vacuum()


def vacuum() -> None:
    """What autovacuum does after a bulk load: statistics, and GIN's pending list merged."""
    with psycopg.connect(f"{SERVER}/{DB_NAME}", autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE articles_article")
        conn.execute("VACUUM ANALYZE claims_claim")


def time_lookups(probes: list, repeat: int = 3) -> tuple[float, float]:
    from factcheck.claims.similar import find_similar

    samples = []
    for probe in probes:
        best = min(_once(find_similar, probe) for _ in range(repeat))
        samples.append(best)
    return statistics.median(samples) * 1000, statistics.quantiles(samples, n=20)[-1] * 1000


def _once(fn, probe) -> float:  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    fn(probe)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--probes", type=int, default=30)
    args = parser.parse_args()

    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {DB_NAME}")
        admin.execute(f"CREATE DATABASE {DB_NAME}")
    url = f"{SERVER}/{DB_NAME}"
    env = {**os.environ, "DATABASE_URL": url, "DEBUG": "1", "CELERY_BROKER_URL": ""}
    manage("migrate", "--noinput", env=env)
    os.environ.update(env)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "factcheck.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from factcheck.claims.models import Claim

    rng = random.Random(2021)
    words, weights = vocabulary()
    results: dict[tuple[int, bool], tuple[float, float]] = {}
    try:
        with psycopg.connect(url) as conn:
            loaded = 0
            for size in SIZES:
                load(conn, rng, size - loaded, loaded, words, weights)
                loaded = size
                # New claims in an article of their own, as when an article comes in.
                probe_rows = [statement(rng, words, weights) for _ in range(args.probes)]
                probes = [
                    Claim(article_id=0, statement=t, normalised=normalise(t), facts=f)
                    for t, f in probe_rows
                ]
                results[(size, True)] = time_lookups(probes)
                with conn.cursor() as cur:
                    for name in INDEXES:
                        cur.execute(f"DROP INDEX {name}")
                conn.commit()
                vacuum()
                results[(size, False)] = time_lookups(probes, repeat=1)
                with conn.cursor() as cur:
                    for name, how in INDEXES.items():
                        cur.execute(f"CREATE INDEX {name} ON claims_claim {how}")
                conn.commit()
                vacuum()
    finally:
        from django.db import connections

        connections.close_all()
        with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)")

    print(f"similar-claim lookup, {args.probes} probe claims, median and p95 of the best of runs")
    print(f"{'stored claims':>14} {'index':>6} {'median ms':>10} {'p95 ms':>8}")
    for (size, indexed), (median, p95) in sorted(results.items()):
        print(f"{size:>14,} {'yes' if indexed else 'no':>6} {median:>10.2f} {p95:>8.2f}")
    small, large = results[(SIZES[0], True)][0], results[(SIZES[1], True)][0]
    print(f"indexed growth {SIZES[1]:,} / {SIZES[0]:,}: {large / small:.2f}x (goal <= 2x)")
    for size in SIZES:
        gain = results[(size, False)][0] / results[(size, True)][0]
        print(f"index speed-up at {size:,}: {gain:.1f}x (goal >= 10x)")


if __name__ == "__main__":
    main()
