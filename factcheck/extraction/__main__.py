"""`python -m factcheck.extraction FILE`: print the claims of a text file as JSON."""

from __future__ import annotations

import argparse
import json
import sys

from factcheck.extraction import extract
from factcheck.extraction.language import detect_language


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m factcheck.extraction",
        description="Print the check-worthy claims of a UTF-8 text file as JSON "
        "(offsets are character offsets into the file's text).",
    )
    parser.add_argument("file", help="a UTF-8 text file, or - for standard input")
    parser.add_argument(
        "--min-score", type=float, default=0.0, metavar="SCORE",
        help="print only claims scoring at least SCORE (LOW_PRIORITY_BELOW is the usual cut)",
    )
    parser.add_argument(
        "--language", default="auto", metavar="CODE",
        help="the text's language (en, es, ...); auto, the default, detects it",
    )
    args = parser.parse_args(argv)
    try:
        if args.file == "-":
            text = sys.stdin.buffer.read().decode("utf-8")
        else:
            # newline="" keeps \r\n as two characters, so offsets match the file's text.
            with open(args.file, encoding="utf-8", newline="") as handle:
                text = handle.read()
    except (OSError, UnicodeDecodeError) as error:
        parser.exit(2, f"{parser.prog}: cannot read {args.file}: {error}\n")
    language = detect_language(text) if args.language == "auto" else args.language
    result = extract(text, language).to_dict()
    result["language"] = language
    result["claims"] = [claim for claim in result["claims"] if claim["score"] >= args.min_score]
    output = json.dumps(result, ensure_ascii=False, indent=2)
    sys.stdout.buffer.write(output.encode("utf-8") + b"\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
