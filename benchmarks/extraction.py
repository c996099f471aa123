"""How fast is claim extraction? Compared with pysbd's sentence splitting, and by text size.

    python benchmarks/extraction.py [ARTICLE.txt ...] [--rounds 5]

1. The corpus (the demo article and the articles of the extraction tests, or the files
   given) goes through the whole extraction and, separately, through pysbd's segmenter
   alone; the ratio of the two times is the headline figure (the goal is at most 0.25: all
   of extraction in a quarter of the time pysbd needs just to find the sentences).
2. The corpus is repeated into texts of about 10 KB, 100 KB and 1 MB; the time per MB
   should stay flat if the cost grows linearly with length.
3. Where the evaluation data is (--eval-dir), the same ratio on real input: the real news
   pages, the transcripts, the Spanish news pages (Spanish rules against pysbd's Spanish
   segmenter), and the ClaimBuster debate sentences one per line; with
   --quality, the shared scorers' figures on each set too (ClaimBuster as its goal is
   scored, every claim, and at the low-priority threshold, as a desk sees the queue).

Each time is the best of --rounds runs, in CPU seconds; the two sides of the ratio take turns.
Results are in benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pysbd

from factcheck.extraction import extract
from factcheck.extraction.classify import LOW_PRIORITY_BELOW

ROOT = Path(__file__).resolve().parent.parent
SIZES = (10_000, 100_000, 1_000_000)


def cpu_time(work: Callable[[], object]) -> float:
    # CPU time of this process, not wall time: on a shared machine other processes
    # would otherwise be counted against whichever side happened to run beside them.
    start = time.process_time()
    work()
    return time.process_time() - start


def best_time(work: Callable[[], object], rounds: int) -> float:
    return min(cpu_time(work) for _ in range(rounds))


def repeated(articles: list[str], size: int) -> str:
    """The articles joined over and over, cut at a line break near size characters."""
    text = ""
    while len(text) < size:
        text += "\n\n".join(articles) + "\n\n"
    cut = text.rfind("\n", 0, size)
    return text[: cut if cut > 0 else size]


def eval_corpora(base: Path) -> list[tuple[str, str, list[str]]]:
    """The real-input corpora of the evaluation data that exist under base, with their
    language: Spanish news is extracted with the Spanish rules, against pysbd's Spanish."""
    corpora = []
    for name, language in (
        ("realnews-dev", "en"),
        ("transcripts-dev", "en"),
        ("realnews-es-dev", "es"),
    ):
        files = sorted((base / name).glob("*.txt"))
        if files:
            corpora.append((name, language, [path.read_text(encoding="utf-8") for path in files]))
    sentences = base / "claimbuster" / "train.json"
    if sentences.exists():
        rows = json.loads(sentences.read_text(encoding="utf-8"))
        # As the scorer gives it to the extractor: one file, one sentence a line.
        lines = "\n".join(" ".join(row["text"].split()) for row in rows)
        corpora.append(("claimbuster train", "en", [lines]))
    return corpora


def quality(base: Path) -> None:
    """The last line of each shared scorer, run on the command line the README gives."""
    command = f"{sys.executable} -m factcheck.extraction {{file}}"
    runs = [
        (name, [base / "score_extraction.py", base / name / "gold.json", "--cmd", command])
        for name in ("realnews-dev", "transcripts-dev", "dev", "realnews-es-dev")
        if (base / name / "gold.json").exists()
    ]
    sentences = base / "claimbuster" / "train.json"
    if sentences.exists():
        # As the goal is scored (every claim, the default command), and as a desk sees the
        # queue (the low-priority claims folded away).
        cut = command.replace("{file}", f"--min-score {LOW_PRIORITY_BELOW} {{file}}")
        scorer = base / "claimbuster" / "score_sentences.py"
        runs.append(("claimbuster train", [scorer, sentences, "--cmd", command]))
        runs.append(("claimbuster train, low priority folded", [scorer, sentences, "--cmd", cut]))
    print("quality (shared scorers):")
    for name, argv in runs:
        out = subprocess.run(
            [sys.executable, *map(str, argv)], capture_output=True, text=True, cwd=ROOT, check=True
        )
        print(f"  {name}: {out.stdout.strip().splitlines()[-1]}")


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    return f"{cpu}, {platform.system()} {platform.release()}, Python {platform.python_version()}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "files",
        nargs="*",
        type=Path,
        default=[
            *sorted((ROOT / "factcheck" / "demo").glob("*.txt")),
            *sorted((ROOT / "tests" / "extraction" / "data").glob("*.txt")),
        ],
    )
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--quality", action="store_true", help="also run the shared scorers")
    parser.add_argument(
        "--eval-dir",
        type=Path,
        default=ROOT.parent / "shared" / "eval",
        help="the evaluation data: its real-news articles, transcripts and ClaimBuster "
        "sentences are timed too when it exists",
    )
    args = parser.parse_args()
    articles = [path.read_text(encoding="utf-8") for path in args.files]
    segmenter = pysbd.Segmenter(language="en", clean=False)

    print(f"machine: {machine()}")
    chars = sum(len(article) for article in articles)
    print(f"corpus: {chars:,} characters in {len(articles)} file(s)")
    # The two sides take turns, so that a slower spell of the machine falls on both.
    pairs = [
        (
            cpu_time(lambda: [extract(article) for article in articles]),
            cpu_time(lambda: [segmenter.segment(article) for article in articles]),
        )
        for _ in range(args.rounds)
    ]
    ours, theirs = min(pair[0] for pair in pairs), min(pair[1] for pair in pairs)
    print(f"  extraction (all stages) {ours * 1000:9.2f} ms")
    print(f"  pysbd segmentation only {theirs * 1000:9.2f} ms")
    print(
        f"  ratio extraction / pysbd {ours / theirs:8.3f}  (goal: <= 0.25; median of rounds "
        f"{statistics.median(a / b for a, b in pairs):.3f})"
    )

    # Real input: pasted news pages and transcripts, and debate sentences one per line.
    segmenters = {"en": segmenter, "es": pysbd.Segmenter(language="es", clean=False)}
    for name, language, texts in eval_corpora(args.eval_dir):
        sbd = segmenters[language]
        pairs = [
            (
                cpu_time(
                    lambda texts=texts, language=language: [
                        extract(text, language) for text in texts
                    ]
                ),
                cpu_time(lambda texts=texts, sbd=sbd: [sbd.segment(text) for text in texts]),
            )
            for _ in range(max(1, args.rounds // 2))
        ]
        ours, theirs = min(pair[0] for pair in pairs), min(pair[1] for pair in pairs)
        size = sum(len(text) for text in texts)
        print(
            f"  {name} ({size:,} chars, {language}): extraction {ours * 1000:.1f} ms, pysbd "
            f"{theirs * 1000:.1f} ms, ratio {ours / theirs:.3f}"
        )

    if args.quality:
        quality(args.eval_dir)

    print("scaling (extraction of one text):")
    for size in SIZES:
        text = repeated(articles, size)
        seconds = best_time(lambda text=text: extract(text), max(1, args.rounds // 2))
        per_mb = seconds / (len(text) / 1_000_000)
        print(f"  {len(text):>9,} chars {seconds * 1000:9.1f} ms  {per_mb:6.3f} s per MB")


if __name__ == "__main__":
    main()
