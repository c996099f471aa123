"""The engine is plain Python: importable without Django, with the API the Django side uses."""

import ast
import dataclasses
import json
import subprocess
import sys
from pathlib import Path

import pytest

import factcheck.extraction
from factcheck.extraction import CLAIM_TYPES, Claim, Extraction, Fact, Span, extract

PACKAGE = Path(factcheck.extraction.__file__).parent
ROOT = PACKAGE.parent.parent


def test_importing_the_package_loads_no_django_module() -> None:
    script = (
        "import json, sys\n"
        "import factcheck.extraction\n"
        "factcheck.extraction.extract('The council said 3% of roads were closed.')\n"
        "print(json.dumps([m for m in sys.modules if m.split('.')[0] in ('django', 'celery')]))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert json.loads(result.stdout) == []


def test_no_module_of_the_package_imports_django() -> None:
    for path in PACKAGE.rglob("*.py"):  # the language packs too
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            else:
                continue
            assert not any(n == "django" or n.startswith("django.") for n in names), path.name


def test_the_public_api_is_exported() -> None:
    assert set(factcheck.extraction.__all__) == {
        "CLAIM_TYPES",
        "Claim",
        "Extraction",
        "Fact",
        "article_language",
        "Span",
        "detect_language",
        "extract",
        "propose",
    }
    assert CLAIM_TYPES == (
        "quantity",
        "superlative",
        "causal",
        "prediction",
        "rule",
        "event",
        "statement",
        "personal_experience",
        "other",
    )


def test_extract_returns_frozen_claims_with_facts_and_spans() -> None:
    text = "Headline\nThe ministry said more than 200 schools closed in 2020."
    result = extract(text)
    assert isinstance(result, Extraction)
    assert result.sentences == [Span(0, 8), Span(9, len(text))]
    [claim] = result.claims
    assert isinstance(claim, Claim)
    assert (claim.start, claim.end) == (9, len(text))
    assert claim.text == text[9:]
    assert claim.type in CLAIM_TYPES
    assert claim.claimant == "ministry"
    assert 0 <= claim.score <= 1
    assert isinstance(claim.reasons, tuple)
    assert claim.statement == "More than 200 schools closed in 2020."
    assert all(isinstance(fact, Fact) for fact in claim.facts)
    with pytest.raises(dataclasses.FrozenInstanceError):
        claim.score = 0.0  # type: ignore[misc]


def test_to_dict_gives_the_command_line_contract() -> None:
    text = "Prices rose by 4% in May 2024, the statistics office said."
    data = extract(text).to_dict()
    assert set(data) == {"claims", "sentences", "boilerplate"}
    [claim] = data["claims"]
    assert {"start", "end", "text", "type", "claimant", "score", "reasons", "facts"} <= set(claim)
    assert isinstance(claim["reasons"], list)
    assert {"kind", "text", "start", "end", "qualifier", "value", "unit"} <= set(claim["facts"][0])
    assert data["sentences"] == [{"start": 0, "end": len(text)}]
    json.dumps(data)
