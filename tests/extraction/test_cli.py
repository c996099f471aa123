"""`python -m factcheck.extraction FILE` prints the JSON contract with offsets into the file."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "factcheck.extraction", *args],
        capture_output=True, input=stdin, cwd=ROOT, check=False,
    )


def test_cli_prints_claims_with_offsets_into_the_files_text(tmp_path: Path) -> None:
    # \r\n and non-ASCII text: offsets count characters of the text exactly as stored.
    text = "Caf\u00e9 prices\r\nPrices rose 12% in 2024, the statistics office said.\r\n"
    path = tmp_path / "article.txt"
    path.write_bytes(text.encode("utf-8"))
    result = run(str(path))
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout.decode("utf-8"))
    [claim] = data["claims"]
    assert text[claim["start"] : claim["end"]] == claim["text"]
    assert claim["text"] == "Prices rose 12% in 2024, the statistics office said."
    assert claim["type"] == "quantity"
    assert claim["claimant"] == "statistics office"
    for fact in claim["facts"]:
        assert text[fact["start"] : fact["end"]] == fact["text"]


def test_cli_reads_standard_input_given_a_dash() -> None:
    result = run("-", stdin=b"Rents rose 9% last year.")
    assert json.loads(result.stdout)["claims"][0]["text"] == "Rents rose 9% last year."


def test_cli_reports_an_unreadable_file_without_a_traceback(tmp_path: Path) -> None:
    result = run(str(tmp_path / "missing.txt"))
    assert result.returncode == 2
    assert b"cannot read" in result.stderr
    assert b"Traceback" not in result.stderr


def test_the_cli_in_process_takes_a_language_and_a_minimum_score(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from factcheck.extraction.__main__ import main

    path = tmp_path / "nota.txt"
    path.write_text("Según la Autoridad Portuaria, el puerto movió 41.000 contenedores en 2025.\n"
                    "El muelle mide 900 metros.\n", encoding="utf-8")
    assert main(["--language", "es", str(path)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["language"] == "es"
    assert [claim["claimant"] for claim in data["claims"]] == ["Autoridad Portuaria", None]
    assert main(["--language", "es", "--min-score", "0.5", str(path)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [claim["claimant"] for claim in data["claims"]] == ["Autoridad Portuaria"]
