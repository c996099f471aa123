"""The committed catalogs are complete and compiled: `make messages` run on a copy of the
source leaves no untranslated or fuzzy entry in any language, and each committed .mo says
what its .po says. A string marked but never translated fails here, not in front of a desk."""

import gettext
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

BASE = Path(settings.BASE_DIR)
# What makemessages reads: the code, the templates, and the catalogs it updates.
SOURCES = ["factcheck", "templates", "locale", "manage.py"]
LANGUAGES = [code for code, _name in settings.LANGUAGES if code != "en"]

pytestmark = pytest.mark.skipif(
    shutil.which("msgfmt") is None, reason="gettext is not installed (.ci/run installs it)"
)


def gettext_tool(*args: str) -> str:
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout


def entries(output: str) -> list[str]:
    """The msgids a msgattrib listing names, the header left out."""
    return [line for line in output.splitlines() if line.startswith("msgid ")][1:]


def copy_of_the_source(root: Path) -> Path:
    for name in SOURCES:
        path = BASE / name
        if path.is_dir():
            shutil.copytree(path, root / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(path, root / name)
    return root


def gather(root: Path) -> None:
    """makemessages for each language, as `make messages` runs it."""
    for language in LANGUAGES:
        subprocess.run(
            [sys.executable, "manage.py", "makemessages", "-l", language, "--no-obsolete"],
            cwd=root,
            check=True,
            capture_output=True,
            env={"DEBUG": "1", "PATH": "/usr/bin:/bin", "PYTHONPATH": str(root)},
        )


def untranslated(po: Path) -> list[str]:
    return entries(gettext_tool("msgattrib", "--untranslated", "--no-wrap", str(po)))


@pytest.fixture(scope="module")
def refreshed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the source with its catalogs gathered again."""
    root = copy_of_the_source(tmp_path_factory.mktemp("source"))
    gather(root)
    return root


def test_spanish_is_among_the_languages() -> None:
    assert settings.LANGUAGES[0] == ("en", "English")
    assert ("es", "Español") in settings.LANGUAGES


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_marked_string_is_translated(refreshed: Path, language: str) -> None:
    po = refreshed / "locale" / language / "LC_MESSAGES" / "django.po"
    missing = untranslated(po)
    fuzzy = entries(gettext_tool("msgattrib", "--only-fuzzy", "--no-wrap", str(po)))
    assert not missing, f"untranslated in {language} (run make messages):\n" + "\n".join(missing)
    assert not fuzzy, f"fuzzy in {language}, to check and unmark:\n" + "\n".join(fuzzy)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_committed_catalog_has_every_string_of_the_source(
    refreshed: Path, language: str
) -> None:
    """Nothing marked since the last `make messages` is missing from the committed .po."""
    relative = Path("locale") / language / "LC_MESSAGES" / "django.po"
    committed = set(entries(gettext_tool("msgattrib", "--no-wrap", str(BASE / relative))))
    current = set(entries(gettext_tool("msgattrib", "--no-wrap", str(refreshed / relative))))
    assert current <= committed, "not in the committed catalog (run make messages):\n" + "\n".join(
        sorted(current - committed)
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_committed_mo_matches_its_po(tmp_path: Path, language: str) -> None:
    folder = BASE / "locale" / language / "LC_MESSAGES"
    fresh = tmp_path / "django.mo"
    gettext_tool("msgfmt", "--check", "-o", str(fresh), str(folder / "django.po"))
    with (folder / "django.mo").open("rb") as committed, fresh.open("rb") as compiled:
        assert (
            gettext.GNUTranslations(committed)._catalog  # type: ignore[attr-defined]
            == gettext.GNUTranslations(compiled)._catalog  # type: ignore[attr-defined]
        ), f"locale/{language}/LC_MESSAGES/django.mo is stale: run make messages"


def test_a_string_marked_but_not_translated_is_found(tmp_path: Path) -> None:
    """The check above can fail: a new template string shows up untranslated."""
    root = copy_of_the_source(tmp_path)
    (root / "templates" / "new.html").write_text(
        '{% load i18n %}<p>{% translate "A sentence nobody has translated yet" %}</p>'
    )
    gather(root)
    for language in LANGUAGES:
        po = root / "locale" / language / "LC_MESSAGES" / "django.po"
        assert untranslated(po) == ['msgid "A sentence nobody has translated yet"']
