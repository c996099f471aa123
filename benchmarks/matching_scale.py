"""Matching and importing at scale: lookup time as the tables grow, import speed and memory.

    .venv/bin/python benchmarks/matching_scale.py [--probes 30]

On one throwaway PostgreSQL database (DATABASE_URL's server), in one run:

1. Import: a DataCommons ClaimReview feed of 20,000 and one of 200,000 reviews (made-up
   texts drawn from real English word frequencies), each by `manage.py import_factchecks`
   in its own process; prints reviews/s and the process's peak memory, next to a process
   that only starts Django (the floor) and one that reads the 200,000 feed with
   `json.load` (what reading it into memory at once would cost).
2. Lookup: the matching of one new claim (`claim_lookup`: our claims and imported
   fact-checks, one matcher, `factcheck.factchecks.matching`) with 10,000 claims + 20,000
   imported fact-checks, then 100,000 + 200,000; each half alone too; next to a plain
   BM25 over the same fact-checks' lexemes (an in-memory inverted index in Python, built
   before timing). The import is timed alone: the rematch job it queues for the claims
   stored before (`claims_rematch_for_factchecks`) is disconnected in its process.

Half the probe claims restate a stored fact-check in other words, half are new text.
"""

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
import similar  # noqa: E402  (the claim loader and word sampler of benchmarks/similar.py)
from matching import server_url, with_db  # noqa: E402  (benchmarks/matching.py)

DB_NAME = f"factcheck_bench_matching_scale_{os.getpid()}{os.environ.get('BENCH_DB_SUFFIX', '')}"
FEED_DIR = Path(os.environ.get("TMPDIR", "/tmp"))
SIZES = ((10_000, 20_000), (100_000, 200_000))  # (our claims, imported fact-checks)


def review_text(index: int, words: list[str], weights: list[float]) -> tuple[str, str]:
    """The claim and headline of review `index`: the same for a given index in every feed."""
    rng = random.Random(index)
    claim, _ = similar.statement(rng, words, weights)
    headline = " ".join(rng.choices(words, cum_weights=weights, k=8)).capitalize() + "?"
    return claim, headline


def write_feed(count: int, words: list[str], weights: list[float]) -> Path:
    path = FEED_DIR / f"factcheck_bench_feed_{count}_{os.getpid()}.json"
    with path.open("w", encoding="utf-8") as out:
        out.write('{"@context": "https://schema.org", "dataFeedElement": [')
        for i in range(count):
            claim, headline = review_text(i, words, weights)
            review = {
                "@type": "ClaimReview",
                "url": f"https://checks.example/review/{i}",
                "claimReviewed": claim,
                "headline": headline,
                "datePublished": f"2024-{1 + i % 12:02d}-{1 + i % 28:02d}",
                "inLanguage": "en",
                "author": {"@type": "Organization", "name": f"Desk {i % 40}"},
                "reviewRating": {"@type": "Rating", "alternateName": "False"},
            }
            out.write(("," if i else "") + json.dumps({"item": [review]}))
        out.write("]}")
    return path


def child(code: str, env: dict[str, str]) -> dict[str, float]:
    """Run `code` in a fresh Python; it prints JSON, to which the peak memory is added."""
    wrapper = (
        "import json, sys, time\n"
        f"sys.path.insert(0, {str(ROOT)!r})\n"
        "result = {}\n" + code + "\n"
        # VmHWM, not ru_maxrss: Linux carries ru_maxrss over from the forked copy of this
        # (large) parent, so a child would report at least the parent's size.
        "hwm = [l for l in open('/proc/self/status') if l.startswith('VmHWM:')][0]\n"
        "result['peak_mb'] = int(hwm.split()[1]) / 1024\n"
        "print(json.dumps(result))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", wrapper], env=env, cwd=ROOT, check=True, capture_output=True,
        text=True,
    )  # fmt: skip
    return json.loads(done.stdout.strip().splitlines()[-1])


DJANGO = (
    "import os, django\n"
    "os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'factcheck.settings')\n"
    "django.setup()\n"
    # As in production: with DEBUG on, Django keeps the text of the last 9,000 queries,
    # here the 2,000-review payload of every batch (40 MB that grew with the feed).
    "from django.conf import settings\n"
    "settings.DEBUG = False\n"
)
IMPORT = DJANGO + (
    "from factcheck.factchecks.services import factchecks_import\n"
    "from factcheck.factchecks.signals import factchecks_imported\n"
    "factchecks_imported.disconnect(dispatch_uid='claims-rematch')\n"
    "start = time.perf_counter()\n"
    "with open({path!r}, 'rb') as f:\n"
    "    r = factchecks_import(source=f, format='datafeed')\n"
    "result.update(seconds=time.perf_counter() - start, read=r.read, created=r.created)\n"
)
JSON_LOAD = "start = time.perf_counter()\ndata = json.load(open({path!r}, 'rb'))\n" + (
    "result.update(seconds=time.perf_counter() - start, read=len(data['dataFeedElement']))\n"
)


def probes(count: int, stored: int, words: list[str], weights: list[float]) -> list:
    """New claims: half restate a stored fact-check (words dropped and swapped), half new."""
    from factcheck.articles.models import Article
    from factcheck.claims.models import Claim
    from factcheck.claims.normalise import normalise

    rng = random.Random(7)
    made = []
    for n in range(count):
        if n % 2 == 0:
            claim, _ = review_text(rng.randrange(stored), words, weights)
            kept = [w for w in claim.split() if rng.random() > 0.25]
            text = " ".join(kept + rng.choices(words, cum_weights=weights, k=3))
        else:
            text, _ = similar.statement(rng, words, weights)
        made.append(
            Claim(
                # Never stored: an article of id 0 (none has it) that gives the language.
                article=Article(pk=0, language="en"),
                statement=text,
                quote=text,
                normalised=normalise(text),
                facts=[],
            )
        )
    return made


def time_lookups(claims: list, repeat: int = 3) -> dict[str, tuple[float, float]]:
    """Best of `repeat` for each claim: the whole lookup as the job runs it (the claim's
    query built once, our claims, then imported fact-checks), and each half alone."""
    from factcheck.claims.matching import STORED, claim_factcheck_candidates, claim_lookup
    from factcheck.claims.similar import find_similar

    samples: dict[str, list[float]] = defaultdict(list)
    cpu, db_cpu = time.process_time(), backend_cpu()
    for claim in claims:
        ours = theirs = both = float("inf")
        for _ in range(repeat):
            start = time.perf_counter()
            find_similar(claim)
            middle = time.perf_counter()
            claim_factcheck_candidates(claim, limit=STORED)
            end = time.perf_counter()
            claim_lookup(claim)
            done = time.perf_counter()
            ours, theirs = min(ours, middle - start), min(theirs, end - middle)
            both = min(both, done - end)
        samples["our claims (find_similar)"].append(ours)
        samples["imported fact-checks"].append(theirs)
        samples["one new claim, both (claim_lookup)"].append(both)
    # CPU per whole lookup (this process's and the database backend's, from /proc): what
    # the machine's other jobs inflate far less than the wall time. Each claim ran the
    # whole lookup twice per round (its halves, then claim_lookup).
    lookups = 2 * repeat * len(claims)
    used = (time.process_time() - cpu) / lookups, (backend_cpu() - db_cpu) / lookups
    found = {k: summary(v) for k, v in samples.items()}
    found["CPU per lookup, app / database"] = (used[0] * 1000, used[1] * 1000)
    return found


def backend_cpu() -> float:
    """CPU seconds used so far by the PostgreSQL process serving this connection."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        (pid,) = cursor.fetchone()
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def summary(seconds: list[float]) -> tuple[float, float]:
    ms = [s * 1000 for s in seconds]
    return statistics.median(ms), statistics.quantiles(ms, n=20)[-1]


def bm25_lookups(claims: list, repeat: int = 3) -> tuple[float, float]:
    """Plain BM25 over the same fact-checks' lexemes, scored in Python from postings."""
    from django.db import connection

    from factcheck import matchtext
    from factcheck.factchecks.matching import lexemes_of

    postings: dict[str, list[tuple[int, int, int]]] = defaultdict(list)
    total = 0
    with connection.cursor() as cursor:
        cursor.execute("SELECT id, search::text FROM factchecks_factcheck")
        for pk, vector in cursor.fetchall():
            lexemes = matchtext.parse_tsvector(vector)
            length = sum(len(p) for p in lexemes.values())
            total += length
            for lexeme, places in lexemes.items():
                postings[lexeme].append((pk, len(places), length))
    documents = len({pk for plist in postings.values() for pk, _, _ in plist})
    average = total / documents
    k1, b = matchtext.K1, matchtext.B
    queries = [lexemes_of(c.quote) for c in claims]  # stemming is not what is timed
    times = []
    for query in queries:
        best = float("inf")
        for _ in range(repeat):
            start = time.perf_counter()
            scores: dict[int, float] = defaultdict(float)
            for lexeme in query:
                plist = postings.get(lexeme, [])
                idf = matchtext.Stats(documents, average, {lexeme: len(plist)}).idf(lexeme)
                for pk, tf, length in plist:
                    scores[pk] += idf * tf * (k1 + 1) / (tf + k1 * (1 - b + b * length / average))
            sorted(scores.items(), key=lambda kv: -kv[1])[:5]
            best = min(best, time.perf_counter() - start)
        times.append(best)
    return summary(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--probes", type=int, default=30)
    parser.add_argument("--scale", type=float, default=1.0, help="try it smaller first: 0.05")
    args = parser.parse_args()
    global SIZES
    SIZES = tuple((int(c * args.scale), int(r * args.scale)) for c, r in SIZES)
    server = server_url()
    with psycopg.connect(with_db(server, "postgres"), autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {DB_NAME}")
        admin.execute(f"CREATE DATABASE {DB_NAME}")
    url = with_db(server, DB_NAME)
    env = {**os.environ, "DATABASE_URL": url, "DEBUG": "1", "CELERY_BROKER_URL": ""}
    similar.SERVER, similar.DB_NAME = url.rsplit("/", 1)[0], DB_NAME  # its vacuum() target
    feeds: list[Path] = []
    try:
        similar.manage("migrate", "--noinput", env=env)
        words, weights = similar.vocabulary()
        feeds = [write_feed(n, words, weights) for _, n in SIZES]
        floor = child(DJANGO, env)
        imports = {}
        os.environ.update(env)
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "factcheck.settings")
        import django

        django.setup()
        from django.conf import settings

        # As in production: with DEBUG on, every query's text is kept and timed again.
        settings.DEBUG = False
        lookups, baseline = {}, {}
        loaded = 0
        rng = random.Random(2021)
        with psycopg.connect(url) as conn:
            for (claims, reviews), feed in zip(SIZES, feeds, strict=True):
                conn.execute("TRUNCATE factchecks_factcheck, factchecks_lexeme CASCADE")
                conn.commit()
                imports[reviews] = child(IMPORT.format(path=str(feed)), env)
                similar.load(conn, rng, claims - loaded, loaded, words, weights)
                loaded = claims
                with psycopg.connect(url, autocommit=True) as plain:
                    # What autovacuum does after a bulk load; the postings' visibility map
                    # lets their index answer alone.
                    for table in ("factchecks_factcheck", "factchecks_posting", "claims_posting"):
                        plain.execute(f"VACUUM ANALYZE {table}")
                probe_claims = probes(args.probes, reviews, words, weights)
                time_lookups(probe_claims[:2], repeat=1)  # warm: the word statistics load
                lookups[(claims, reviews)] = time_lookups(probe_claims)
                baseline[(claims, reviews)] = bm25_lookups(probe_claims)
        reading = child(JSON_LOAD.format(path=str(feeds[-1])), env)
    finally:
        from django.db import connections

        connections.close_all()
        for feed in feeds:
            feed.unlink(missing_ok=True)
        with psycopg.connect(with_db(server, "postgres"), autocommit=True) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)")

    print("import of a DataCommons ClaimReview feed (each in its own process)")
    print(f"{'':<36} {'reviews/s':>10} {'peak MB':>8}")
    print(f"{'floor: Django started, nothing read':<36} {'':>10} {floor['peak_mb']:>8.0f}")
    for reviews, result in imports.items():
        rate = result["read"] / result["seconds"]
        print(
            f"{f'import_factchecks, {reviews:,} reviews':<36} {rate:>10,.0f} "
            f"{result['peak_mb']:>8.0f}"
        )
    print(f"{f'json.load of the {SIZES[-1][1]:,} feed':<36} {'':>10} {reading['peak_mb']:>8.0f}")
    print()
    print(f"lookup for one new claim, {args.probes} probes, best of 3, median / p95 ms")
    for (claims, reviews), rows in lookups.items():
        print(f"{claims:,} claims + {reviews:,} imported fact-checks")
        for name, (median, p95) in rows.items():
            print(f"  {name:<34} {median:>7.2f} {p95:>7.2f}")
        median, p95 = baseline[(claims, reviews)]
        print(f"  {'BM25 in Python (fact-checks only)':<34} {median:>7.2f} {p95:>7.2f}")
    (small, large) = (lookups[s]["one new claim, both (claim_lookup)"][0] for s in SIZES)
    print(
        f"growth {SIZES[1][0]:,} / {SIZES[0][0]:,}: {large / small:.2f}x (goal <= 2x), "
        f"median at the large size {large:.1f} ms (goal <= 20 ms)"
    )


if __name__ == "__main__":
    main()
