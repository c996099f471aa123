"""Apps import one way: claims may use articles, never the reverse (README, Architecture).
Checked over the source, so a function-level import hidden in a service counts too."""

import ast
from pathlib import Path

import factcheck.articles

ARTICLES = Path(factcheck.articles.__file__).parent


def imported_modules(path: Path) -> set[str]:
    modules = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            modules.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            modules.add(node.module)
            # `from factcheck import claims` names the app as an imported name
            modules.update(f"{node.module}.{alias.name}" for alias in node.names)
    return modules


def reaches_claims(module: str) -> bool:
    return module == "factcheck.claims" or module.startswith("factcheck.claims.")


def test_the_articles_app_imports_nothing_of_the_claims_app() -> None:
    offenders = sorted(
        f"{path.relative_to(ARTICLES.parent.parent)}: {module}"
        for path in ARTICLES.rglob("*.py")
        for module in imported_modules(path)
        if reaches_claims(module)
    )
    assert offenders == []


def test_the_check_sees_every_form_of_import(tmp_path: Path) -> None:
    source = tmp_path / "sample.py"
    source.write_text(
        "def later():\n"
        "    from factcheck.claims.models import Claim\n"
        "import factcheck.claims.services\n"
        "from factcheck import claims\n"
    )
    found = {module for module in imported_modules(source) if reaches_claims(module)}
    assert found == {
        "factcheck.claims",
        "factcheck.claims.models",
        "factcheck.claims.models.Claim",
        "factcheck.claims.services",
    }
