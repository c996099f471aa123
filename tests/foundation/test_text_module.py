"""Text handling is plain Python beside extraction/ and fetch.py: no Django, no Celery."""

import json
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

import factcheck.text
from factcheck.text import TextRefused, check_body, decode_bytes, text_from_html, text_from_upload

ROOT = Path(factcheck.text.__file__).parent.parent


def test_importing_the_text_module_loads_no_django_module() -> None:
    script = (
        "import json, sys\n"
        "import factcheck.text as t\n"
        "t.text_from_upload(name='a.txt', data=b'The council met.', max_bytes=100)\n"
        "print(json.dumps([m for m in sys.modules if m.split('.')[0] in ('django', 'celery')]))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert json.loads(result.stdout) == []


def test_it_refuses_with_a_message_for_the_person() -> None:
    with pytest.raises(TextRefused, match="too long: 11 characters; the limit is 10"):
        check_body("x" * 11, max_chars=10)
    with pytest.raises(TextRefused, match="too large"):
        text_from_upload(name="a.txt", data=b"abc", max_bytes=2)
    with pytest.raises(TextRefused, match="binary"):
        decode_bytes(b"a\x00b")


def test_a_pages_date_becomes_midnight_utc() -> None:
    html = (
        "<html><head><title>Roads</title><meta name='date' content='2024-03-05'></head>"
        "<body><article><p>"
        + "The council said that three of every hundred roads were closed last winter. " * 5
        + "</p></article></body></html>"
    )
    found = text_from_html(html)
    assert found.published_at == datetime(2024, 3, 5, tzinfo=UTC)
