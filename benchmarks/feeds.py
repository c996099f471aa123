"""Followed feeds at scale: a polling round where nothing changed, and one where all is new.

    .venv/bin/python benchmarks/feeds.py [--feeds 500] [--items 50] [--new-feeds 20]

A local web in this process serves --feeds RSS feeds of --items entries each, answering
`If-None-Match` with 304 when the feed has not changed, and an article page per entry
(texts recombined from the demo article's and shared/eval/dev's sentences, as in
benchmarks/ingest.py). A real `celery worker -c 2` (prefork) polls them on a throwaway
PostgreSQL database.

1. Nothing new: every feed is due and was polled before (its ETag stored), so beat's
   dispatch queues one task per feed and each gets a 304. The clock stops when every
   feed has its new `last_checked_at`. Baseline, same run: the same conditional GETs
   through the safe fetcher alone, one after another in this process (no Celery, no
   database).
2. All new: the first --new-feeds feeds change (a new ETag, --items new entries each);
   one round ingests them through URL ingestion: fetch, text, claims, then the matching
   (similar claims and imported fact-checks). The clock stops when every article is
   extracted and the queue is empty. Counted: items, articles, no entry twice, every
   article done with claims. Baseline, same run: extraction alone over the same texts.

Needs PostgreSQL at 127.0.0.1:5432 (BENCH_DATABASE_URL overrides the server;
the throwaway database is factcheck_bench_feeds plus BENCH_DB_SUFFIX, if set) and Redis
(BENCH_REDIS_URL, default redis://127.0.0.1:6379/12, a database this script empties).
Results are recorded in benchmarks/README.md (## Followed feeds).
"""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
import threading
import time
from datetime import timedelta
from html import escape
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import ingest  # noqa: E402  (its texts and database helpers; it sets the environment first)

DB_NAME = f"factcheck_bench_feeds{ingest.DB_SUFFIX}"
os.environ["DATABASE_URL"] = f"{ingest.SERVER}/{DB_NAME}"
ingest.DB_NAME = DB_NAME  # its recreate/drop helpers then act on this database
PROGRESS_EVERY = 60.0  # seconds between progress lines in a long round


class FeedWeb:
    """Feeds /f/N.xml (ETag "N-version") and their article pages /a/N/I."""

    def __init__(self, feeds: int, items: int, texts: list[str]) -> None:
        self.items, self.texts = items, texts
        self.version = [1] * feeds
        self.hits = 0
        web = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.0"

            def do_GET(self) -> None:
                web.hits += 1
                status, body, headers = web.answer(self.path, self.headers.get("If-None-Match"))
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.server.request_queue_size = 256
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def answer(self, path: str, none_match: str | None) -> tuple[int, bytes, dict[str, str]]:
        parts = path.strip("/").split("/")
        if parts[0] == "f":
            n = int(parts[1].removesuffix(".xml"))
            etag = f'"{n}-{self.version[n]}"'
            if none_match == etag:
                return 304, b"", {"ETag": etag}
            entries = "".join(
                f"<item><title>Story {n}-{self.version[n]}-{i}</title>"
                f"<link>{self.url(f'/a/{n}/{i}')}</link></item>"
                for i in range(self.items)
            )
            body = f'<rss version="2.0"><channel><title>Feed {n}</title>{entries}</channel></rss>'
            return 200, body.encode(), {"ETag": etag, "Content-Type": "application/rss+xml"}
        n, i = int(parts[1]), int(parts[2])
        text = self.texts[(n * self.items + i) % len(self.texts)]
        paragraphs = "".join(f"<p>{escape(p)}</p>" for p in text.split("\n"))
        page = (
            f"<!doctype html><html><head><title>Story {n}-{i}</title></head><body><article>"
            f"<h1>Story {n}-{i}</h1>{paragraphs}</article></body></html>"
        )
        return 200, page.encode(), {"Content-Type": "text/html; charset=utf-8"}


def wait(
    what: str,
    done: object,
    worker: object,
    log: Path,
    timeout: float,
    progress: object = None,
) -> None:
    """Polls `done` until it holds; a long round prints `progress()` now and then, so an
    operator can tell a slow round from a stuck one."""
    start = time.monotonic()
    shown = start
    while not done():  # type: ignore[operator]
        now = time.monotonic()
        if now - start > timeout or worker.poll() is not None:  # type: ignore[attr-defined]
            raise SystemExit(f"{what} did not finish:\n{log.read_text()[-3000:]}")
        if progress is not None and now - shown > PROGRESS_EVERY:
            print(f"  {now - start:7.0f} s: {progress()}", flush=True)  # type: ignore[operator]
            shown = now
        time.sleep(0.5)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--feeds", type=int, default=500)
    parser.add_argument("--items", type=int, default=50)
    parser.add_argument("--new-feeds", type=int, default=20)
    parser.add_argument("--concurrency", type=int, default=2)
    parser.add_argument(
        "--timeout", type=float, default=3600.0, help="seconds a round may take (default 3600)"
    )
    args = parser.parse_args()

    new_count = args.new_feeds * args.items
    texts = ingest.articles(max(new_count, 1), ingest.sentences())
    web = FeedWeb(args.feeds, args.items, texts)
    os.environ["FETCH_ALLOWED_PRIVATE_HOSTS"] = f"127.0.0.1:{web.port}"
    os.environ["DB_CONN_MAX_AGE"] = "60"
    print(f"{args.feeds} feeds of {args.items} items; {args.concurrency} worker processes")
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}"
    )

    ingest.recreate_database()
    import redis

    broker = redis.Redis.from_url(ingest.REDIS_URL)
    broker.flushdb()
    try:
        import django

        django.setup()
        from django.contrib.auth.models import User
        from django.core.management import call_command
        from django.db.models import Count
        from django.db.models.functions import Greatest, Least
        from django.utils import timezone

        from factcheck.articles.models import Article
        from factcheck.celery import app
        from factcheck.claims.models import Claim, SimilarClaim
        from factcheck.extraction import extract
        from factcheck.fetch import fetch
        from factcheck.jobs.models import Job
        from factcheck.monitoring import services
        from factcheck.monitoring.models import Feed, FeedItem

        call_command("migrate", verbosity=0)
        user = User.objects.create_superuser("bench", password="bench-pass-123")
        now = timezone.now()
        Feed.objects.bulk_create(
            Feed(
                name=f"Feed {n}", url=web.url(f"/f/{n}.xml"), created_by=user, kind="rss",
                etag=f'"{n}-1"', next_poll_at=now, last_checked_at=now - timedelta(hours=1),
            )
            for n in range(args.feeds)
        )  # fmt: skip

        # Baseline: the same conditional GETs, one after another, through the fetcher alone.
        policy = services._policy()
        start = time.perf_counter()
        for n in range(args.feeds):
            page = fetch(web.url(f"/f/{n}.xml"), policy, headers={"If-None-Match": f'"{n}-1"'})
            assert page.not_modified
        alone = time.perf_counter() - start

        log = Path(f"/tmp/bench-feeds{ingest.DB_SUFFIX}-worker.log")
        log.unlink(missing_ok=True)
        worker = start_worker(args.concurrency, log)
        try:
            ingest.wait_until_ready(app, worker, log)
            before = timezone.now()
            start = time.perf_counter()
            services.feeds_dispatch_due()
            wait(
                "the 304 round",
                lambda: not Feed.objects.filter(last_checked_at__lt=before).exists(),
                worker,
                log,
                args.timeout,
            )
            round_304 = time.perf_counter() - start
            assert not FeedItem.objects.exists(), "a 304 brought items"
            assert not Feed.objects.filter(failures__gt=0).exists(), "a feed failed"
        finally:
            ingest.stop_worker(worker)

        print()
        print("round with nothing new (every feed answers 304)")
        print(f"  {args.feeds} conditional GETs through the fetcher alone, in turn: {alone:6.2f} s")
        print(
            f"  the polling round on {args.concurrency} worker processes:        {round_304:6.2f} s"
        )
        print(f"  goal: under 30 s for 500 feeds; per feed {round_304 / args.feeds * 1000:.1f} ms")

        if not new_count:
            return
        for text in texts[:20]:
            extract(text)
        start = time.perf_counter()
        claims_alone = sum(len(extract(text).claims) for text in texts[:new_count])
        extraction_rate = new_count / (time.perf_counter() - start)

        for n in range(args.new_feeds):
            web.version[n] = 2
        changed = [web.url(f"/f/{n}.xml") for n in range(args.new_feeds)]
        Feed.objects.update(next_poll_at=timezone.now() + timedelta(days=1))
        Feed.objects.filter(url__in=changed).update(next_poll_at=timezone.now())
        worker = start_worker(args.concurrency, log)
        try:
            ingest.wait_until_ready(app, worker, log)
            start = time.perf_counter()
            services.feeds_dispatch_due()

            def settled() -> bool:
                return (
                    FeedItem.objects.count() == new_count
                    and not Article.objects.exclude(
                        job_status__in=[Article.Status.DONE, Article.Status.FAILED]
                    ).exists()
                    and broker.llen("celery") == 0
                    and broker.hlen("unacked") == 0
                    and not Job.objects.undispatched().exists()
                )

            def progress() -> str:
                done = Article.objects.filter(job_status=Article.Status.DONE).count()
                waiting = broker.llen("celery")
                return (
                    f"{FeedItem.objects.count()} items, {done} articles extracted, "
                    f"{Claim.objects.count()} claims, {waiting} tasks waiting"
                )

            wait("the round of new items", settled, worker, log, args.timeout, progress)
            ingested = time.perf_counter() - start
        finally:
            ingest.stop_worker(worker)

        doubled = FeedItem.objects.values("feed", "guid").annotate(n=Count("id")).filter(n__gt=1)
        failed = Article.objects.filter(job_status=Article.Status.FAILED).count()
        articles = Article.objects.count()
        without_claims = Article.objects.filter(claims__isnull=True).count()
        claims = Claim.objects.count()
        spans = Claim.objects.values("article_id", "start", "end").distinct().count()
        links = SimilarClaim.objects.count()
        ends = {"lo": Least("claim_id", "other_id"), "hi": Greatest("claim_id", "other_id")}
        pairs = SimilarClaim.objects.annotate(**ends).values("lo", "hi").distinct().count()
        unsent = Job.objects.undispatched().count()
        print()
        print(f"round where every item is new: {args.new_feeds} feeds x {args.items} items")
        print(
            f"  items stored {FeedItem.objects.count()}, articles {articles}, expected {new_count}"
        )
        print(f"  entries stored twice {doubled.count()}, articles failed {failed}, "
              f"without claims {without_claims}")  # fmt: skip
        print(f"  claims stored {claims} ({spans} distinct spans; extraction alone found "
              f"{claims_alone} in the texts as written), similar-claim links {links} "
              f"({pairs} distinct pairs, either way round), jobs left unsent {unsent}")  # fmt: skip
        rate = f"{extraction_rate:8.1f} articles/s ({claims_alone} claims)"
        print(f"  extraction alone (in-process):      {rate}")
        print(f"  end to end, fetch + claims + match: {new_count / ingested:8.1f} articles/s "
              f"({new_count / ingested / extraction_rate:.3f} of extraction alone)")  # fmt: skip
        assert articles == new_count and not doubled.exists() and not failed
        assert claims == spans and links == pairs and not unsent
    finally:
        from django.db import connections

        connections.close_all()
        broker.flushdb()
        ingest.drop_database()
        web.server.shutdown()


def start_worker(concurrency: int, log: Path) -> subprocess.Popen[bytes]:
    """A plain `celery worker` (not ingest's, which sets the matching aside): matching is
    part of what the round of new items measures."""
    command = [sys.executable, "-m", "celery", "-A", "factcheck", "worker", "-P", "prefork"]
    command += ["-c", str(concurrency), "-n", f"feeds{concurrency}@%h", "--loglevel=WARNING"]
    command += ["--without-heartbeat", "--without-mingle", "--without-gossip"]
    with log.open("ab") as out:
        return subprocess.Popen(
            command, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )


if __name__ == "__main__":
    main()
