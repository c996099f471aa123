"""Nothing turns escaping off: no `|safe` or `{% autoescape off %}` in the templates, and
`mark_safe` only where the function escapes every piece itself (each named and tested:
the article reader, the JSON-LD of the public page, the claim search's selects, the
Insight page's charts and a claim's appearances chart)."""

import ast
import re
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)
# module -> functions allowed to call mark_safe, each escaping what it marks.
MARK_SAFE_ALLOWED = {
    "factcheck/claims/views/reader.py": {"body_html"},
    "factcheck/claims/views/public.py": {"ld_json"},
    "factcheck/claims/forms.py": {"render"},
    # charts.svg and charts.table_html escape; the claim page's card draws with chart_svg
    "factcheck/insight/views.py": {"chart_svg", "figure_of"},
}


def test_no_template_turns_escaping_off() -> None:
    offenders = [
        f"{path.relative_to(ROOT)}: {match.group(0)}"
        for path in (ROOT / "templates").rglob("*.html")
        for match in re.finditer(r"\|\s*safe\b|autoescape\s+off|\|\s*safeseq\b", path.read_text())
    ]
    assert offenders == []


def test_mark_safe_is_called_only_by_functions_that_escape_what_they_mark() -> None:
    calls = set()
    for path in (ROOT / "factcheck").rglob("*.py"):
        tree = ast.parse(path.read_text(), filename=str(path))
        for function in ast.walk(tree):
            if not isinstance(function, ast.FunctionDef):
                continue
            for node in ast.walk(function):
                if isinstance(node, ast.Call) and getattr(node.func, "id", "") in (
                    "mark_safe",
                    "SafeString",
                ):
                    calls.add((str(path.relative_to(ROOT)), function.name))
    allowed = {(module, name) for module, names in MARK_SAFE_ALLOWED.items() for name in names}
    assert calls <= allowed, calls - allowed
    assert calls, "the scan found no call at all: it is not looking in the right place"
