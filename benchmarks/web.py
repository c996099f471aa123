"""Web pages under gunicorn on PostgreSQL: the article reader and the claim list, against a
bare Django view measured in the same run.

    .venv/bin/python benchmarks/web.py [--requests 600] [--clients 2] [--workers 2]

1. Creates a throwaway PostgreSQL database (dropped at the end), migrates it and fills it:
   one article with 200 claims (the reader's worst realistic case: every sentence a claim,
   with boilerplate), and 2,000 claims over 40 articles for the claim list (50 per page,
   with assignees and published verdicts, so every column has something to show).
2. Serves the app with gunicorn (--workers sync workers) on 127.0.0.1, DEBUG off, with the
   production middleware (sessions, CSRF, CSP, htmx, history) and a logged-in session.
3. For each page, --clients threads with keep-alive connections send --requests requests in
   all (after a warm-up), each checked for status 200 and its content. Prints p50 and p95
   latency, requests per second and the gunicorn workers' CPU time per request (from /proc:
   it does not grow when other programs share the CPUs, as latency does), and each as a
   ratio to the floor: `/__floor__/`, a view that returns "ok" through the same middleware
   (benchmarks/webapp_urls.py).

Only 127.0.0.1 is contacted. Needs PostgreSQL at 127.0.0.1:5432 (BENCH_DATABASE_URL sets
the server). Results are recorded in benchmarks/README.md (## Web pages).
"""

from __future__ import annotations

import argparse
import http.client
import os
import platform
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parent.parent
SERVER = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432").rstrip("/")
DB_NAME = f"factcheck_bench_web_{os.getpid()}"  # two runs at once never share one
SENTENCE = "In 2021 more than {n:,} troops took part in the drills, the ministry said. "
BOILERPLATE = "Support our journalism: donate today. Subscribe to the newsletter.\n"

# The app under test reads these: the throwaway database, no broker, DEBUG off.
APP_ENV = {
    "DATABASE_URL": f"{SERVER}/{DB_NAME}",
    "DJANGO_SETTINGS_MODULE": "webapp",
    "PYTHONPATH": f"{ROOT}{os.pathsep}{ROOT / 'benchmarks'}",
    "DEBUG": "0",
    "SECRET_KEY": os.environ.get("SECRET_KEY", "benchmark-only-secret-key"),
    "ALLOWED_HOSTS": "127.0.0.1",
    "CELERY_BROKER_URL": "",
    "SECURE_SSL_REDIRECT": "0",
    "SECURE_COOKIES": "0",
    "SECURE_HSTS_SECONDS": "0",
    "LOG_LEVEL": "WARNING",
}
os.environ.update(APP_ENV)
sys.path[:0] = [str(ROOT), str(ROOT / "benchmarks")]


def admin_connection() -> psycopg.Connection:
    return psycopg.connect(f"{SERVER}/postgres", autocommit=True)


def create_database() -> None:
    with admin_connection() as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{DB_NAME}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{DB_NAME}"')


def drop_database() -> None:
    from django.db import connections

    connections.close_all()
    with admin_connection() as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{DB_NAME}" WITH (FORCE)')


@dataclass
class Fixtures:
    session: str
    article_path: str
    list_path: str


def fill() -> Fixtures:
    """Migrate and fill the database through the ORM; returns a logged-in session."""
    import django

    django.setup()
    from django.contrib.auth.models import Group, User
    from django.core.management import call_command
    from django.test import Client

    from factcheck.articles.models import Article, content_hash
    from factcheck.claims.models import Claim, Rating, Verdict

    call_command("migrate", verbosity=0)
    reviewer = User.objects.create_user("bench-reviewer", password="bench-pass-123")
    reviewer.groups.add(Group.objects.get(name="Reviewer"))
    editor = User.objects.create_user("bench-editor", password="bench-pass-123")
    editor.groups.add(Group.objects.get(name="Editor"))

    # The reader: 200 claims, one per sentence, and a donation appeal at the end.
    body = "".join(SENTENCE.format(n=10_000 + i) for i in range(200))
    grey_start = len(body)
    body += BOILERPLATE * 5
    article = Article.objects.create(
        title="Two hundred claims",
        body=body,
        content_hash=content_hash(body),
        boilerplate=[[grey_start, len(body)]],
        job_status=Article.Status.DONE,
    )
    statuses = [s for s, _ in Claim.Status.choices]
    claims = []
    offset = 0
    for i in range(200):
        text = SENTENCE.format(n=10_000 + i)
        status = statuses[i % len(statuses)]
        claims.append(
            Claim(
                article=article,
                start=offset,
                end=offset + len(text) - 1,
                quote=text.strip(),
                statement=text.strip(),
                type=Claim.Type.QUANTITY,
                status=status,
                dismiss_reason="Not checkable." if status == "dismissed" else "",
                score=0.7,
            )
        )
        offset += len(text)
    Claim.objects.bulk_create(claims)

    # The claim list: 2,000 claims over 40 articles, some assigned, some with verdicts.
    rating = Rating.objects.get(slug="false")
    listed = []
    for a in range(40):
        text = "".join(SENTENCE.format(n=a * 1000 + i) for i in range(50))
        other = Article.objects.create(
            title=f"Article {a}",
            body=text,
            content_hash=content_hash(text),
            job_status=Article.Status.DONE,
        )
        step = len(SENTENCE.format(n=a * 1000))
        listed += [
            Claim(
                article=other,
                start=i * step,
                end=(i + 1) * step - 1,
                quote="quote",
                statement=f"Claim {i} of article {a}: more than {i:,} troops took part.",
                claimant="The ministry",
                assignee=reviewer if i % 3 == 0 else None,
                status=Claim.Status.CHECKING,
            )
            for i in range(50)
        ]
    created = Claim.objects.bulk_create(listed)
    Verdict.objects.bulk_create(
        Verdict(claim=claim, rating=rating, summary="Fewer took part.", author=reviewer)
        for claim in created[::4]
    )

    client = Client()
    client.force_login(reviewer)
    return Fixtures(
        session=client.cookies["sessionid"].value,
        article_path=article.get_absolute_url(),
        list_path="/claims/",
    )


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_gunicorn(port: int, workers: int) -> subprocess.Popen[bytes]:
    command = [
        str(ROOT / ".venv/bin/gunicorn"),
        "factcheck.wsgi:application",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(workers),
        "--worker-class",
        "sync",
        "--keep-alive",
        "30",
        "--log-level",
        "warning",
    ]
    process = subprocess.Popen(command, cwd=ROOT, env={**os.environ, **APP_ENV})
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/__floor__/")
            if conn.getresponse().status == 200:
                return process
        except OSError:
            time.sleep(0.2)
    process.terminate()
    raise SystemExit("gunicorn did not start within 30 s")


def workers_cpu(master: int) -> float:
    """CPU seconds the gunicorn workers have used so far (user + system), from /proc.

    Unlike latency it does not grow when other programs share the machine's CPUs.
    """
    tick = os.sysconf("SC_CLK_TCK")
    children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    total = 0
    for pid in children:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / tick


@dataclass
class Result:
    name: str
    latencies: list[float]
    seconds: float
    cpu_seconds: float

    @property
    def p50(self) -> float:
        return statistics.median(self.latencies) * 1000

    @property
    def p95(self) -> float:
        return statistics.quantiles(self.latencies, n=20)[18] * 1000

    @property
    def rps(self) -> float:
        return len(self.latencies) / self.seconds

    @property
    def cpu_ms(self) -> float:
        return self.cpu_seconds / len(self.latencies) * 1000


def check(name: str, body: bytes) -> None:
    if name == "article page" and body.count(b"<mark data-claim-id=") < 200:
        raise SystemExit("the article page does not show its 200 claims")
    if name == "claim list" and body.count(b'class="claim-cell"') != 50:
        raise SystemExit("the claim list does not show 50 rows")


def measure(
    name: str, port: int, path: str, session: str, requests: int, clients: int, master: int
) -> Result:
    headers = {"Cookie": f"sessionid={session}", "Host": "127.0.0.1"}
    latencies: list[float] = []
    lock = threading.Lock()
    errors: list[str] = []

    def client(count: int) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        mine = []
        for _ in range(count):
            began = time.perf_counter()
            conn.request("GET", path, headers=headers)
            response = conn.getresponse()
            response.read()
            mine.append(time.perf_counter() - began)
            if response.status != 200:
                errors.append(f"{name}: HTTP {response.status}")
                break
        conn.close()
        with lock:
            latencies.extend(mine)

    # Warm-up: connections, caches, each worker's first request.
    warm = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    for _ in range(max(10, clients * 4)):
        warm.request("GET", path, headers=headers)
        response = warm.getresponse()
        body = response.read()
        if response.status != 200:
            raise SystemExit(f"{name}: HTTP {response.status} on {path}")
    check(name, body)
    warm.close()

    threads = [threading.Thread(target=client, args=(requests // clients,)) for _ in range(clients)]
    cpu_before = workers_cpu(master)
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    seconds = time.perf_counter() - began
    cpu = workers_cpu(master) - cpu_before
    if errors:
        raise SystemExit("; ".join(errors))
    return Result(name, latencies, seconds, cpu)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=600, help="per page, in all")
    parser.add_argument("--clients", type=int, default=2, help="concurrent connections")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn sync workers")
    args = parser.parse_args()

    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(
        f"Python {platform.python_version()}, {os.cpu_count()} CPUs (load average {load}), "
        f"PostgreSQL {SERVER}"
    )
    create_database()
    gunicorn = None
    try:
        fixtures = fill()
        port = free_port()
        gunicorn = start_gunicorn(port, args.workers)
        print(
            f"gunicorn: {args.workers} sync workers; {args.clients} clients, "
            f"{args.requests} requests per page\n"
        )
        pages = [
            ("floor (bare view)", "/__floor__/"),
            ("article page", fixtures.article_path),
            ("claim list", fixtures.list_path),
        ]
        results = [
            measure(name, port, path, fixtures.session, args.requests, args.clients, gunicorn.pid)
            for name, path in pages
        ]
    finally:
        if gunicorn is not None:
            gunicorn.send_signal(signal.SIGTERM)
            gunicorn.wait(timeout=30)
        drop_database()

    floor = results[0]
    print(
        f"{'page':<20}{'p50 ms':>8}{'p95 ms':>8}{'req/s':>7}{'CPU ms':>8}"
        "   vs floor: p50, p95, req/s, CPU"
    )
    for r in results:
        print(
            f"{r.name:<20}{r.p50:>8.1f}{r.p95:>8.1f}{r.rps:>7.0f}{r.cpu_ms:>8.1f}   "
            f"x{r.p50 / floor.p50:.1f}, x{r.p95 / floor.p95:.1f}, x{r.rps / floor.rps:.2f}, "
            f"x{r.cpu_ms / floor.cpu_ms:.1f}"
        )


if __name__ == "__main__":
    main()
