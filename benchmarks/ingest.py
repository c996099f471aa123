"""Ingestion throughput: articles submitted through the service layer, processed by Celery.

    .venv/bin/python benchmarks/ingest.py [--articles 1000] [--concurrency 1 2]

1. Builds --articles distinct article texts by recombining the sentences of the demo
   article and of shared/eval/dev/*.txt (when present), with a fixed random seed.
2. Extraction alone: `factcheck.extraction.extract` over the same texts, in this process.
   This is the baseline the other figures are compared with.
3. For each --concurrency: a real `celery -A factcheck worker -c N` subprocess on Redis and
   a throwaway PostgreSQL database; the articles go in through `article_create` (one
   transaction each, extraction queued on commit) and the clock stops when the last one
   is `done`. Prints articles/s end to end, and for the submission alone.

Extraction queues a follow-up job per article, the similar-claims lookup. It is not part
of ingestion and costs far more than it, so the benchmark routes it to a side queue that
the measured worker does not consume; --similar then drains that queue with a second
worker of the same size and prints its rate too (slow: minutes for 1,000 articles).

Needs PostgreSQL at 127.0.0.1:5432 (BENCH_DATABASE_URL overrides the server; the
throwaway database is factcheck_bench_ingest plus BENCH_DB_SUFFIX, if set) and Redis
(BENCH_REDIS_URL, default redis://127.0.0.1:6379/12, a database this script empties).
Results are recorded in benchmarks/README.md (## Ingest).
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import psycopg
import redis

ROOT = Path(__file__).resolve().parent.parent
SERVER = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432").rstrip("/")
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/12")
# BENCH_DB_SUFFIX keeps runs of several checkouts on one server apart (e.g. "_mine").
DB_SUFFIX = os.environ.get("BENCH_DB_SUFFIX", "")
DB_NAME = f"factcheck_bench_ingest{DB_SUFFIX}"
SIMILAR_TASK = "factcheck.articles.tasks.link_similar_claims_task"
SIDE_QUEUE = "bench-similar"
# The worker, with the similar-claims job routed to the side queue (see the docstring).
WORKER_BOOT = (
    "import sys\n"
    "from factcheck.celery import app\n"
    f"app.conf.task_routes = {{{SIMILAR_TASK!r}: {{'queue': {SIDE_QUEUE!r}}}}}\n"
    "app.worker_main(sys.argv[1:])\n"
)
SOURCES = [
    ROOT / "factcheck/demo/zapad-interaction-2021.txt",
    *sorted(Path("/work/shared/eval/dev").glob("*.txt")),
]
TIMEOUT = 1800.0  # seconds for one run; a run far slower than that is broken, not slow

# Django reads these at import: point it at the throwaway database and the broker.
os.environ.update(
    DATABASE_URL=f"{SERVER}/{DB_NAME}",
    CELERY_BROKER_URL=REDIS_URL,
    DEBUG="0",  # DEBUG would keep every query in memory
    SECRET_KEY=os.environ.get("SECRET_KEY", "benchmark-only-secret-key"),
    SITE_URL=os.environ.get("SITE_URL", "http://127.0.0.1:8000"),
    DJANGO_SETTINGS_MODULE="factcheck.settings",
)
sys.path.insert(0, str(ROOT))


def sentences() -> list[str]:
    found: list[str] = []
    for path in SOURCES:
        for paragraph in path.read_text(encoding="utf-8").splitlines():
            found += [s.strip() for s in re.split(r"(?<=[.!?”\"])\s+(?=[A-Z“\"])", paragraph)]
    return [s for s in found if len(s) > 30]


def articles(count: int, pool: list[str], seed: int = 2021) -> list[str]:
    """Distinct texts of 8 to 20 sentences in paragraphs of 1 to 3, like news copy."""
    rng = random.Random(seed)
    texts: dict[str, None] = {}
    while len(texts) < count:
        chosen = rng.sample(pool, rng.randint(8, min(20, len(pool))))
        paragraphs, i = [], 0
        while i < len(chosen):
            step = rng.randint(1, 3)
            paragraphs.append(" ".join(chosen[i : i + step]))
            i += step
        texts.setdefault("\n".join(paragraphs), None)
    return list(texts)


def recreate_database() -> None:
    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{DB_NAME}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{DB_NAME}"')


def drop_database() -> None:
    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{DB_NAME}" WITH (FORCE)')


def start_worker(concurrency: int, log: Path, queue: str = "celery") -> subprocess.Popen[bytes]:
    command = [sys.executable, "-c", WORKER_BOOT, "worker", "-P", "prefork", "-Q", queue]
    command += ["-c", str(concurrency), "-n", f"{queue}{concurrency}@%h", "--loglevel=WARNING"]
    command += ["--without-heartbeat", "--without-mingle", "--without-gossip"]
    with log.open("ab") as out:
        return subprocess.Popen(
            command, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )


def stop_worker(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=30)


def wait_until_ready(app: object, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"the worker exited:\n{log.read_text()[-3000:]}")
        if app.control.ping(timeout=0.5):  # type: ignore[attr-defined]
            return
    raise SystemExit(f"the worker did not start within 120 s:\n{log.read_text()[-3000:]}")


def time_side_queue(app: object, broker: redis.Redis[bytes], concurrency: int) -> float:
    """Seconds a worker of this size takes to run the similar-claims jobs left aside."""
    log = Path(f"/tmp/bench-ingest{DB_SUFFIX}-similar-{concurrency}.log")
    log.unlink(missing_ok=True)
    worker = start_worker(concurrency, log, queue=SIDE_QUEUE)
    try:
        wait_until_ready(app, worker, log)
        start = time.perf_counter()
        deadline = time.monotonic() + TIMEOUT
        while broker.llen(SIDE_QUEUE) or broker.hlen("unacked"):
            if time.monotonic() > deadline or worker.poll() is not None:
                raise SystemExit(f"the side queue did not drain:\n{log.read_text()[-3000:]}")
            time.sleep(0.05)
        return time.perf_counter() - start
    finally:
        stop_worker(worker)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--concurrency", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--similar", action="store_true", help="also time the similar-claims job")
    parser.add_argument(
        "--batch",
        type=int,
        default=1,
        help="submit through articles_create N at a time (an upload of N files); 1: article_create",
    )
    args = parser.parse_args()

    texts = articles(args.articles, sentences())
    print(f"{len(texts)} articles, {sum(map(len, texts)) / len(texts):,.0f} characters on average")
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}"
    )

    from factcheck.extraction import article_language, extract

    for text in texts[:20]:
        extract(text)  # warm up
    article_language(texts[0])  # the submission's language model: loaded once a process
    start = time.perf_counter()
    claims = sum(len(extract(text).claims) for text in texts)
    alone = len(texts) / (time.perf_counter() - start)
    print(f"extraction alone (in-process): {alone:8.1f} articles/s  ({claims} claims)")

    recreate_database()
    broker = redis.Redis.from_url(REDIS_URL)
    try:
        import django

        django.setup()
        from django.contrib.auth.models import User
        from django.core.management import call_command

        from factcheck.articles.models import Article
        from factcheck.articles.services import ArticleText, article_create, articles_create
        from factcheck.celery import app
        from factcheck.claims.models import Claim

        call_command("migrate", verbosity=0)
        user = User.objects.create_superuser("bench", password="bench-pass-123")
        rows = []
        for concurrency in args.concurrency:
            Article.objects.all().delete()
            broker.flushdb()
            log = Path(f"/tmp/bench-ingest{DB_SUFFIX}-worker-{concurrency}.log")
            log.unlink(missing_ok=True)
            worker = start_worker(concurrency, log)
            try:
                wait_until_ready(app, worker, log)
                start = time.perf_counter()
                if args.batch == 1:
                    for text in texts:
                        article_create(actor=user, text=ArticleText(body=text))
                for at in range(0, len(texts), args.batch) if args.batch > 1 else ():
                    items = [{"text": ArticleText(body=t)} for t in texts[at : at + args.batch]]
                    articles_create(actor=user, items=items)
                submitted = time.perf_counter() - start
                deadline = time.monotonic() + TIMEOUT
                while Article.objects.exclude(job_status=Article.Status.DONE).exists():
                    if time.monotonic() > deadline or worker.poll() is not None:
                        raise SystemExit(f"the run did not finish:\n{log.read_text()[-3000:]}")
                    time.sleep(0.05)
                extracted = time.perf_counter() - start
            finally:
                stop_worker(worker)
            stored = Article.objects.count()
            assert stored == len(texts), f"{stored} articles stored, {len(texts)} submitted"
            # Nothing lost or doubled: exactly the claims extraction alone found, once each.
            found = Claim.objects.count()
            spans = Claim.objects.values("article_id", "start", "end").distinct().count()
            assert found == spans == claims, f"{found} claims stored, {claims} extracted"
            similar = time_side_queue(app, broker, concurrency) if args.similar else None
            rows.append((concurrency, len(texts) / extracted, len(texts) / submitted, similar))
        print()
        how = f"articles_create, {args.batch} at a time" if args.batch > 1 else "article_create"
        print(f"end to end: submitted through {how} until every article is extracted")
        print("processes | articles/s | vs extraction alone | submission alone | similar job")
        for c, done, submit, similar in rows:
            side = f"{len(texts) / similar:.1f}" if similar else "not run"
            print(f"{c:>9} | {done:>10.1f} | {done / alone:>19.2f} | {submit:>16.1f} | {side:>11}")
        if len(rows) > 1:
            print(f"\n{rows[-1][0]} processes vs {rows[0][0]}: {rows[-1][1] / rows[0][1]:.2f}x")
    finally:
        from django.db import connections

        connections.close_all()
        broker.flushdb()
        drop_database()


if __name__ == "__main__":
    main()
