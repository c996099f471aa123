"""Finding what was already fact-checked, on a retrieval benchmark (CLEF CheckThat! 2020 task 2).

    .venv/bin/python benchmarks/matching.py --claims CLAIMS.tsv --queries QUERIES.tsv \
        --run OUT.tsv [--qrels QRELS] [--tag NAME]
    .venv/bin/python benchmarks/matching.py --claims ... --queries TRAIN.tsv --qrels ... --train

Creates a throwaway PostgreSQL database on DATABASE_URL's server, imports the claims file
(`vclaim_id`, `vclaim`, `title`) as external fact-checks through the import service, then
adds each query (`id`, `text`) as a reviewer adds a claim by hand and writes the fact-checks
the project shows for it, best first, up to 20, as TREC lines
`query_id Q0 vclaim_id rank score tag`. With --qrels it prints MAP@5, MRR and recall@5 (the
definitions of shared/eval/matching/score_matching.py), the same for a plain BM25 over claim
and title (ranked in Python over the same lexemes), and the median and p95 lookup time.
With --train it fits the re-ranking weights on the queries instead (numpy needed) and
prints them for factcheck/matchtext.py. The database is dropped at the end.
"""

import argparse
import csv
import logging
import os
import statistics
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import psycopg

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
# BENCH_DB_SUFFIX keeps the throwaway databases of runs on one server apart.
DB_NAME = f"factcheck_bench_matching_{os.getpid()}{os.environ.get('BENCH_DB_SUFFIX', '')}"


def server_url() -> str:
    url = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres")
    if not url.startswith("postgres"):
        sys.exit("benchmarks/matching.py needs DATABASE_URL to name a PostgreSQL server.")
    return url


def with_db(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, f"/{name}", parts.query, ""))


def read_queries(path: str) -> list[tuple[str, str]]:
    csv.field_size_limit(10**7)
    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle, delimiter="\t"))
    return [(row[0], row[1]) for row in rows[1:] if len(row) >= 2]


def read_qrels(path: str) -> dict[str, set[str]]:
    relevant: dict[str, set[str]] = defaultdict(set)
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            parts = line.split()
            if len(parts) >= 4 and parts[3] != "0":
                relevant[parts[0]].add(parts[2])
    return relevant


def measures(run: dict[str, list[str]], relevant: dict[str, set[str]], k: int = 5) -> str:
    """MAP@k, MRR and recall@k exactly as score_matching.py defines them."""
    n = len(relevant)
    ap = rr = recall = 0.0
    for query, rel in relevant.items():
        ranked = run.get(query, [])
        hits, total = 0, 0.0
        for i, doc in enumerate(ranked[:k], start=1):
            if doc in rel:
                hits += 1
                total += hits / i
        ap += total / min(len(rel), k)
        rr += next((1 / i for i, d in enumerate(ranked, start=1) if d in rel), 0.0)
        recall += len(set(ranked[:k]) & rel) / len(rel)
    return f"MAP@{k}={ap / n:.3f} MRR={rr / n:.3f} recall@{k}={recall / n:.3f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", required=True)
    parser.add_argument("--queries", required=True)
    parser.add_argument("--run")
    parser.add_argument("--qrels")
    parser.add_argument("--tag", default="factcheck")
    parser.add_argument("--train", action="store_true")
    parser.add_argument(
        "--train-similar",
        action="store_true",
        help="fit our own claims' calibration instead (with the weights in factcheck/matchtext.py)",
    )
    parser.add_argument(
        "--similar-baseline",
        action="store_true",
        help="also score the similar-claims lookup alone (find_similar: the same matcher over "
        "our claims), with the fact-checks "
        "stored as claims of ours",
    )
    args = parser.parse_args()
    fitting = args.train or args.train_similar
    if not fitting and not args.run:
        parser.error("--run is needed (or --train or --train-similar with --qrels)")
    if fitting and not args.qrels:
        parser.error("--train and --train-similar need --qrels")

    server = server_url()
    with psycopg.connect(with_db(server, "postgres"), autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {DB_NAME}")
        admin.execute(f"CREATE DATABASE {DB_NAME}")
    url = with_db(server, DB_NAME)
    env = {**os.environ, "DATABASE_URL": url, "DEBUG": "1", "CELERY_BROKER_URL": ""}
    try:
        subprocess.run(
            [sys.executable, str(ROOT / "manage.py"), "migrate", "--noinput"],
            env=env,
            check=True,
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
        )
        os.environ.update(env)
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "factcheck.settings")
        import django

        django.setup()
        logging.disable(logging.INFO)  # the in-process tasks' log lines
        run_benchmark(args)
    finally:
        from django.db import connections

        connections.close_all()
        with psycopg.connect(with_db(server, "postgres"), autocommit=True) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)")


def run_benchmark(args: argparse.Namespace) -> None:
    from factcheck.factchecks.models import FactCheck
    from factcheck.factchecks.services import factchecks_import

    started = time.perf_counter()
    with open(args.claims, "rb") as source:
        result = factchecks_import(source=source, format="tsv", publisher="benchmark")
    print(f"imported {result.created:,} fact-checks in {time.perf_counter() - started:.1f} s")
    external_id = dict(FactCheck.objects.values_list("pk", "external_id"))
    queries = read_queries(args.queries)
    if args.train:
        train(queries, read_qrels(args.qrels), external_id)
        return
    if args.train_similar:
        train_similar(args, read_qrels(args.qrels))
        return

    from django.contrib.auth.models import Group, User

    from factcheck.articles.services import ArticleText, article_create
    from factcheck.claims.matching import claim_factcheck_candidates
    from factcheck.claims.services import WorkflowError, claim_create

    reviewer = User.objects.create_user("bench-reviewer")
    reviewer.groups.add(Group.objects.get(name="Reviewer"))
    run: dict[str, list[str]] = {}
    baseline: dict[str, list[str]] = {}
    timings = []
    with open(args.run, "w", encoding="utf-8") as out:
        for query_id, text in queries:
            article, _ = article_create(actor=reviewer, text=ArticleText(body=text))
            try:
                claim = claim_create(
                    article=article, actor=reviewer, start=0, end=len(article.body)
                )
            except WorkflowError:  # the extractor proposed exactly this passage already
                claim = article.claims.get(start=0, end=len(article.body))
            started = time.perf_counter()
            shown = claim_factcheck_candidates(claim, limit=20)
            timings.append(time.perf_counter() - started)
            run[query_id] = [external_id[factcheck.pk] for factcheck, _ in shown]
            for rank, (factcheck, ranked) in enumerate(shown, start=1):
                out.write(
                    f"{query_id}\tQ0\t{external_id[factcheck.pk]}\t{rank}\t"
                    f"{ranked.confidence:.4f}\t{args.tag}\n"
                )
            if args.qrels:
                baseline[query_id] = bm25_baseline(claim.quote, external_id)
    if args.qrels:
        relevant = read_qrels(args.qrels)
        print(f"{'system':<28} measures ({len(relevant)} judged queries)")
        print(f"{'factcheck matching':<28} {measures(run, relevant)}")
        print(f"{'BM25 over claim + title':<28} {measures(baseline, relevant)}")
        if args.similar_baseline:
            print(f"{'find_similar alone':<28} {measures(similar_baseline(args), relevant)}")
        print(f"queries with no result: {sum(1 for q in relevant if not run.get(q))}")
    ms = sorted(t * 1000 for t in timings)
    print(
        f"lookup: median {statistics.median(ms):.1f} ms, "
        f"p95 {statistics.quantiles(ms, n=20)[-1]:.1f} ms over {len(ms)} claims"
    )


def similar_baseline(args: argparse.Namespace) -> dict[str, list[str]]:
    """The similar-claims lookup alone, on the fact-checks stored as our claims."""
    from factcheck.claims.similar import find_similar

    vclaim_of, added = similar_claims(args)
    return {
        query_id: [
            vclaim_of[m.claim.pk] for m in find_similar(claim, limit=20) if m.claim.pk in vclaim_of
        ]
        for query_id, claim in added
    }


def train_similar(args: argparse.Namespace, relevant: dict[str, set[str]]) -> None:
    """Fit our own claims' calibration: P(right | score) over the fully scored candidates
    of each query's lookup, with the fact-checks stored as our claims."""
    import numpy as np

    from factcheck.claims.similar import CLAIMS, claim_query
    from factcheck.factchecks.matching import ranked

    vclaim_of, added = similar_claims(args)
    scores, labels = [], []
    for query_id, claim in added:
        found = ranked(claim_query(claim), CLAIMS, limit=CLAIMS.rich, apart=claim.article_id)
        for candidate in found:
            scores.append(candidate.score)
            labels.append(vclaim_of.get(candidate.key) in relevant.get(query_id, ()))
    a, c = calibrate(np.array(scores), np.array(labels, dtype=float))
    print(f"SIMILAR_CALIBRATION = ({a:.4f}, {c:.4f})")


def similar_claims(args: argparse.Namespace) -> tuple[dict[int, str], list[tuple[str, Any]]]:
    """Each fact-check stored as a claim of its own article (with its figures, as
    extraction would), each query as a claim added by hand: the fact-checks' ids by claim,
    and the queries' claims."""
    from django.contrib.auth.models import Group, User

    from factcheck.articles.models import Article
    from factcheck.articles.services import ArticleText, article_create
    from factcheck.claims.models import Claim
    from factcheck.claims.normalise import normalise
    from factcheck.claims.services import WorkflowError, claim_create
    from factcheck.extraction import facts

    csv.field_size_limit(10**7)
    with open(args.claims, encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle, delimiter="\t"))[1:]
    articles = Article.objects.bulk_create(
        Article(title=f"vclaim {r[0]}", body=r[1], job_status="done") for r in rows
    )
    vclaim_of = {}
    claims = Claim.objects.bulk_create(
        Claim(
            article=a,
            start=0,
            end=len(r[1]),
            quote=r[1],
            statement=r[1],
            normalised=normalise(r[1]),
            facts=[f.to_dict() for f in facts.find(r[1], 0, len(r[1]))],
        )
        for a, r in zip(articles, rows, strict=True)
    )
    for claim, row in zip(claims, rows, strict=True):
        vclaim_of[claim.pk] = row[0]
    reviewer, _ = User.objects.get_or_create(username="bench-reviewer")
    reviewer.groups.add(Group.objects.get(name="Reviewer"))
    added = []
    for query_id, text in read_queries(args.queries):
        article, _ = article_create(actor=reviewer, text=ArticleText(body=text))
        try:
            claim = claim_create(article=article, actor=reviewer, start=0, end=len(article.body))
        except WorkflowError:
            claim = article.claims.get(start=0, end=len(article.body))
        added.append((query_id, claim))
    return vclaim_of, added


_BASELINE: dict[str, object] = {}


def bm25_baseline(text: str, external_id: dict[int, str]) -> list[str]:
    """Plain BM25 over claim + title (the same stemmed lexemes), the raw text as query."""
    from django.db import connection

    from factcheck import matchtext
    from factcheck.factchecks.matching import lexemes_of

    if not _BASELINE:
        with connection.cursor() as cursor:
            cursor.execute("SELECT id, search::text FROM factchecks_factcheck")
            docs = {pk: matchtext.parse_tsvector(v) for pk, v in cursor.fetchall()}
        frequency: dict[str, int] = defaultdict(int)
        postings: dict[str, list[int]] = defaultdict(list)
        for pk, lexemes in docs.items():
            for lexeme in lexemes:
                frequency[lexeme] += 1
                postings[lexeme].append(pk)
        length = sum(sum(len(p) for p in d.values()) for d in docs.values()) / len(docs)
        _BASELINE.update(
            docs=docs, postings=postings, stats=matchtext.Stats(len(docs), length, frequency)
        )
    docs, postings, stats = _BASELINE["docs"], _BASELINE["postings"], _BASELINE["stats"]
    query = lexemes_of(text)
    candidates = {pk for lexeme in query for pk in postings.get(lexeme, ())}  # type: ignore[attr-defined]
    scored = sorted(candidates, key=lambda pk: (-matchtext.bm25(query, docs[pk], stats), pk))  # type: ignore[index,arg-type]
    return [external_id[pk] for pk in scored[:20]]


HARD = 10  # wrong candidates per query of the second fit


def train(
    queries: list[tuple[str, str]], relevant: dict[str, set[str]], external_id: dict[int, str]
) -> None:
    """Fit the re-ranking weights: pairwise logistic regression (right vs wrong candidate)."""
    import numpy as np

    from factcheck import matchtext
    from factcheck.factchecks import matching

    rows, labels, groups = [], [], []
    for query_id, text in queries:
        query = matching.build_query(text)
        stats = matching.corpus_stats(matching.FACTCHECKS)
        docs, order, _ = matching._postgres_candidates(query, matching.FACTCHECKS, stats, None)
        best = max(
            (matchtext.bm25(query.lexemes, d.lexemes, stats) for d in docs.values()), default=0.0
        )
        for place, pk in enumerate(order):
            values = matchtext.features(query, docs[pk], stats, place, best)
            rows.append([values[f] for f in matchtext.FEATURES])
            labels.append(external_id[pk] in relevant.get(query_id, ()))
            groups.append(query_id)
    x, y = np.array(rows), np.array(labels, dtype=float)
    found = sum(y) / sum(len(r) for r in relevant.values())
    print(f"candidates hold {found:.1%} of the right fact-checks")
    mean, spread = x.mean(0), x.std(0) + 1e-9
    z = (x - mean) / spread
    by_query: dict[str, list[int]] = defaultdict(list)
    for i, q in enumerate(groups):
        by_query[q].append(i)

    def fit(pairs: list[tuple[int, int]]) -> np.ndarray:
        d = np.array([z[p] - z[n] for p, n in pairs])
        w = np.zeros(z.shape[1])
        for _ in range(2000):
            g = 1 / (1 + np.exp(-(d @ w))) - 1
            w -= 0.3 * (d.T @ g / len(g) + 1e-3 * w)
        return w

    # First against every wrong candidate, then again against the wrong ones among each
    # query's HARD best by the first fit: the ranking must beat those, and the ~99 easy
    # ones per query otherwise outweigh them (4-fold CV on train, MAP@5 0.857 -> 0.860).
    w = fit([(p, n) for ids in by_query.values() for p in ids if y[p] for n in ids if not y[n]])
    first = z @ w
    pairs = []
    for ids in by_query.values():
        best = sorted(ids, key=lambda i: -first[i])[:HARD]
        pairs += [(p, n) for p in ids if y[p] for n in best if not y[n]]
    weights = fit(pairs) / spread
    a, c = calibrate(x @ weights, y)  # on all candidates
    print("WEIGHTS = {")
    for name, value in zip(matchtext.FEATURES, weights, strict=True):
        print(f'    "{name}": {value:.4f},')
    print("}")
    print(f"CALIBRATION = ({a:.4f}, {c:.4f})")


def calibrate(scores: Any, right: Any) -> tuple[float, float]:
    """P(right | score): a one-variable logistic regression, (a, c) of logistic(a * s + c)."""
    import numpy as np

    a, c = 1.0, 0.0
    for _ in range(5000):
        p = 1 / (1 + np.exp(-(a * scores + c)))
        a -= 0.5 * float(np.mean((p - right) * scores))
        c -= 0.5 * float(np.mean(p - right))
    return a, c


if __name__ == "__main__":
    main()
