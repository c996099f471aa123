"""The Insight page for a quarter, on two years of a busy desk, against the claim list's first
page measured in the same run.

    .venv/bin/python benchmarks/insight.py [--claims 100000] [--verdicts 20000] [--rounds 15]

1. Creates a throwaway PostgreSQL database (dropped at the end), migrates it and fills it
   with COPY: --claims claims over 730 days (85% extracted, 15% by hand) in articles of 5
   claims from 40 outlets, 300 claimants; --verdicts of them checked and published (10% sent
   back once on the way), twice as many dismissed with one of 8 reasons, some taken and
   still being checked; 2% repeats of published claims and as many similar-claim links;
   and the history django-simple-history would have written for all of it (a row per
   creation, take, submission, sending back, approval and dismissal, at its time).
2. VACUUM ANALYZEs, then times in-process (Django's test client, DEBUG off, the production
   middleware) --rounds requests of each page after 3 warm-ups, alternating: the Insight
   page for the last quarter as an editor, and the claim list (50 rows, newest first) as a
   reviewer. Prints the median and 90th percentile of the server time, the median CPU
   time a request cost (this process's and the PostgreSQL backend's, from /proc: unlike
   the time it does not grow when other programs share the CPUs), the queries each page
   ran, the ratio of the two pages, and the Insight page's slowest queries. The goal: the
   Insight page under 300 ms.

Only 127.0.0.1 is contacted. Needs PostgreSQL at 127.0.0.1:5432 (BENCH_DATABASE_URL sets the
server). Results are recorded in benchmarks/README.md (## Insight).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import statistics
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import psycopg

ROOT = Path(__file__).resolve().parent.parent
SERVER = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432").rstrip("/")
DB_NAME = f"factcheck_bench_insight_{os.getpid()}"
os.environ.update(
    {
        "DATABASE_URL": f"{SERVER}/{DB_NAME}",
        "DJANGO_SETTINGS_MODULE": "factcheck.settings",
        "DEBUG": "0",
        "SECRET_KEY": os.environ.get("SECRET_KEY", "benchmark-only-secret-key"),
        "SITE_URL": os.environ.get("SITE_URL", "http://127.0.0.1:8000"),
        "CELERY_BROKER_URL": "",
        "SECURE_SSL_REDIRECT": "0",
        "SECURE_COOKIES": "0",
        "SECURE_HSTS_SECONDS": "0",
        "LOG_LEVEL": "WARNING",
    }
)
sys.path.insert(0, str(ROOT))

DAYS = 730
OUTLETS = [f"Outlet {i}" for i in range(40)]
CLAIMANTS = [f"Claimant {i}" for i in range(300)] + [""] * 100
REASONS = [f"Reason {i}" for i in range(8)]


def admin_connection() -> psycopg.Connection:
    return psycopg.connect(f"{SERVER}/postgres", autocommit=True)


class Table:
    """Rows for one model's table, written with COPY; columns from the model's fields."""

    def __init__(self, model: Any, *, with_pk: bool = False) -> None:
        self.model = model
        self.fields = [f for f in model._meta.concrete_fields if with_pk or not f.primary_key]
        self.columns = [f.column for f in self.fields]
        self.defaults = {f.attname: (None if f.null else f.get_default()) for f in self.fields}
        self.rows: list[tuple[Any, ...]] = []

    def add(self, **values: Any) -> None:
        row = {**self.defaults, **values}
        as_json = {f.attname for f in self.fields if f.get_internal_type() == "JSONField"}
        self.rows.append(
            tuple(
                json.dumps(row[name]) if name in as_json else row[name]
                for name in (f.attname for f in self.fields)
            )
        )

    def copy(self, conn: psycopg.Connection) -> None:
        table = self.model._meta.db_table
        columns = ", ".join(f'"{c}"' for c in self.columns)
        with conn.cursor() as cursor, cursor.copy(f'COPY "{table}" ({columns}) FROM STDIN') as copy:
            for row in self.rows:
                copy.write_row(row)
        self.rows.clear()


def fill(claims: int, verdicts: int, seed: int = 15) -> dict[str, Any]:
    import django

    django.setup()
    from django.contrib.auth.models import Group, User
    from django.core.management import call_command

    from factcheck.articles.models import Article
    from factcheck.claims.models import Claim, Rating, SimilarClaim, Verdict

    call_command("migrate", verbosity=0)
    rng = random.Random(seed)
    reviewers = []
    for i in range(10):
        user = User.objects.create_user(f"reviewer{i}", password="bench-pass-123")
        user.groups.add(Group.objects.get(name="Reviewer"))
        reviewers.append(user.pk)
    editors = []
    for i in range(4):
        user = User.objects.create_user(f"editor{i}", password="bench-pass-123")
        user.groups.add(Group.objects.get(name="Editor"))
        editors.append(user.pk)
    ratings = list(Rating.objects.values_list("pk", flat=True))
    now = datetime.now(UTC)
    begin = now - timedelta(days=DAYS)

    articles = Table(Article, with_pk=True)
    claim_rows = Table(Claim, with_pk=True)
    verdict_rows = Table(Verdict, with_pk=True)
    claim_history = Table(Claim.history.model)
    verdict_history = Table(Verdict.history.model)
    similar = Table(SimilarClaim)
    per_article = 5
    sentence = "In 2024 more than 12,000 jobs were created in the region, the minister said."
    fates = (
        ["published"] * verdicts
        + ["dismissed"] * (2 * verdicts)
        + ["checking"] * (claims // 10)
        + ["repeat"] * (claims // 50)
    )
    fates += ["new"] * max(0, claims - len(fates))
    rng.shuffle(fates)
    published_ids: list[int] = []
    claim_fields: dict[str, Any] = {}

    def history(
        table: Table, values: dict[str, Any], when: datetime, kind: str, user: int | None
    ) -> None:
        table.add(**values, history_date=when, history_type=kind, history_user_id=user,
                  history_change_reason=None)  # fmt: skip

    # Creation times in order, so that ids grow with time as they do on a real desk.
    times = sorted(begin + timedelta(seconds=rng.uniform(0, DAYS * 86400)) for _ in range(claims))
    for index in range(claims):
        pk = index + 1
        created = times[index]
        if index % per_article == 0:
            article_id = index // per_article + 1
            body = " ".join([sentence] * per_article)
            articles.add(id=article_id, title=f"Article {article_id}", body=body, raw="",
                         publisher=rng.choice(OUTLETS), content_hash=f"{article_id:064x}",
                         job_status="done", created_at=created, updated_at=created,
                         boilerplate=[])  # fmt: skip
        start = (index % per_article) * (len(sentence) + 1)
        fate = fates[index]
        claim_fields = {
            "id": pk,
            "article_id": index // per_article + 1,
            "start": start,
            "end": start + len(sentence),
            "quote": sentence,
            "statement": f"{sentence} ({pk})",
            "normalised": "",
            "type": "quantity",
            "claimant": rng.choice(CLAIMANTS),
            "score": 0.7,
            "reasons": [],
            "facts": [],
            "origin": "human" if rng.random() < 0.15 else "machine",
            "status": "new",
            "dismiss_reason": "",
            "return_note": "",
            "assignee_id": None,
            "duplicate_of_id": None,
            "version": 1,
            "created_by_id": None,
            "created_at": created,
        }
        history(claim_history, claim_fields, created, "+", None)
        when = created
        if fate == "dismissed":
            when = created + timedelta(hours=rng.uniform(1, 72))
            claim_fields.update(status="dismissed", dismiss_reason=rng.choice(REASONS), version=2)
            history(claim_history, claim_fields, when, "~", rng.choice(editors))
        elif fate in ("published", "checking"):
            author = rng.choice(reviewers)
            when = created + timedelta(hours=rng.uniform(1, 48))
            claim_fields.update(status="checking", assignee_id=author, version=2)
            history(claim_history, claim_fields, when, "~", author)
        if fate == "published":
            number = len(published_ids) + 1
            taken = when
            submitted = taken + timedelta(hours=rng.uniform(2, 120))
            approved = submitted + timedelta(hours=rng.uniform(1, 72))
            approver = rng.choice(editors)
            verdict = {
                "id": number, "claim_id": pk, "number": 1, "state": "draft",
                "rating_id": rng.choice(ratings), "summary": "Checked.", "explanation": "",
                "correction_note": "", "author_id": author, "approver_id": None,
                "submitted_at": None, "published_at": None, "version": 1, "created_at": taken,
            }  # fmt: skip
            history(verdict_history, verdict, taken, "+", author)
            if rng.random() < 0.1:
                verdict.update(state="submitted", submitted_at=submitted)
                history(verdict_history, verdict, submitted, "~", author)
                verdict.update(state="draft", submitted_at=None)
                history(verdict_history, verdict, submitted + timedelta(hours=2), "~", approver)
                submitted += timedelta(hours=12)
                approved += timedelta(hours=12)
            verdict.update(state="submitted", submitted_at=submitted)
            history(verdict_history, verdict, submitted, "~", author)
            claim_fields.update(status="awaiting_approval")
            history(claim_history, claim_fields, submitted, "~", author)
            verdict.update(state="published", approver_id=approver, published_at=approved)
            history(verdict_history, verdict, approved, "~", approver)
            claim_fields.update(status="published")
            history(claim_history, claim_fields, approved, "~", approver)
            verdict_rows.add(**verdict, updated_at=approved)
            published_ids.append(pk)
            when = approved
        if fate == "repeat" and published_ids:
            original = rng.choice(published_ids[-200:])
            claim_fields.update(duplicate_of_id=original, status="published")
            history(claim_history, claim_fields, created + timedelta(hours=2), "~", editors[0])
            similar.add(claim_id=pk, other_id=original, score=0.9, reasons=[], created_at=created)
        claim_rows.add(**claim_fields, updated_at=when)
    with psycopg.connect(f"{SERVER}/{DB_NAME}") as conn:
        for table in (articles, claim_rows, verdict_rows, claim_history, verdict_history, similar):
            table.copy(conn)
        for model in (Article, Claim, Verdict):
            conn.execute(
                f"SELECT setval(pg_get_serial_sequence('{model._meta.db_table}', 'id'), "
                f"(SELECT MAX(id) FROM {model._meta.db_table}))"
            )
        conn.commit()
    # What autovacuum does on a live desk: statistics, and the visibility map that lets
    # PostgreSQL answer from an index alone.
    with psycopg.connect(f"{SERVER}/{DB_NAME}", autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE")
    counts = {
        "claims": Claim.objects.count(),
        "verdicts": Verdict.objects.count(),
        "claim history": Claim.history.count(),
        "verdict history": Verdict.history.count(),
        "similar links": SimilarClaim.objects.count(),
    }
    return {"counts": counts, "editor": editors[0], "reviewer": reviewers[0]}


def backend_cpu() -> float:
    """CPU seconds used so far by the PostgreSQL process serving this connection (from
    /proc: the server runs on this machine)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime, stime


def measure(client: Any, path: str) -> tuple[float, float, int]:
    """One request: its wall time, the CPU time it cost (this process's and the database
    server's), and its number of queries."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    cpu, db_cpu, started = time.process_time(), backend_cpu(), time.perf_counter()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    wall = time.perf_counter() - started
    cpu_used = time.process_time() - cpu + backend_cpu() - db_cpu
    if response.status_code != 200:
        raise SystemExit(f"{path} answered {response.status_code}")
    return wall, cpu_used, len(queries.captured_queries)


def slowest_queries(client: Any, path: str, count: int = 5) -> list[tuple[float, str]]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        client.get(path)
    timed = [(float(q["time"]), " ".join(q["sql"].split())[:90]) for q in queries.captured_queries]
    return sorted(timed, reverse=True)[:count]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--claims", type=int, default=100_000)
    parser.add_argument("--verdicts", type=int, default=20_000)
    parser.add_argument("--rounds", type=int, default=15)
    args = parser.parse_args()
    with admin_connection() as conn:
        conn.execute(f'CREATE DATABASE "{DB_NAME}"')
    try:
        started = time.perf_counter()
        filled = fill(args.claims, args.verdicts)
        print(f"filled in {time.perf_counter() - started:.0f} s: {filled['counts']}")
        from django.contrib.auth.models import User
        from django.test import Client

        editor, reviewer = Client(), Client()
        editor.force_login(User.objects.get(pk=filled["editor"]))
        reviewer.force_login(User.objects.get(pk=filled["reviewer"]))
        pages = {
            "Insight, last quarter (editor)": (editor, "/insight/?period=quarter"),
            "claim list, first 50 (reviewer)": (reviewer, "/claims/"),
        }
        for client, path in pages.values():
            for _ in range(3):
                client.get(path)
        times: dict[str, list[float]] = {name: [] for name in pages}
        cpus: dict[str, list[float]] = {name: [] for name in pages}
        queries: dict[str, int] = {}
        for _ in range(args.rounds):
            for name, (client, path) in pages.items():
                wall, cpu, queries[name] = measure(client, path)
                times[name].append(wall)
                cpus[name].append(cpu)
        print(f"Python {platform.python_version()}, load average {os.getloadavg()[0]:.1f}")
        print(f"{'page':34} {'median ms':>10} {'p90 ms':>8} {'CPU ms':>8} {'queries':>8}")
        for name, values in times.items():
            p90 = statistics.quantiles(values, n=10)[8] * 1000
            median = statistics.median(values) * 1000
            cpu = statistics.median(cpus[name]) * 1000
            print(f"{name:34} {median:10.1f} {p90:8.1f} {cpu:8.0f} {queries[name]:8}")
        print("the Insight page's slowest queries (one request):")
        for seconds, sql in slowest_queries(editor, pages["Insight, last quarter (editor)"][1]):
            print(f"  {seconds * 1000:6.1f} ms  {sql}")
        insight, listing = (statistics.median(v) for v in times.values())
        cpu_insight, cpu_listing = (statistics.median(v) for v in cpus.values())
        print(
            f"Insight / claim list: x{insight / listing:.2f} "
            f"(CPU x{cpu_insight / cpu_listing:.2f}); goal, Insight under 300 ms: "
            f"{'met' if insight < 0.3 else 'NOT met'}"
        )
    finally:
        from django.db import connections

        connections.close_all()
        with admin_connection() as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{DB_NAME}" WITH (FORCE)')


if __name__ == "__main__":
    main()
