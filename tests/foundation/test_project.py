"""The project as an operator meets it: settings, migrations, deploy checks, compose, demo."""

import os
import shutil
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from factcheck.env import database_from_url, envbool, envfloat, envint

ROOT = Path(settings.BASE_DIR)
PRODUCTION_ENV = {
    "DEBUG": "0",
    "SECRET_KEY": "a-long-random-production-secret-key-0123456789-abcdefghijklmnop",
    "ALLOWED_HOSTS": "factcheck.example.org",
    "SITE_URL": "https://factcheck.example.org",
    "DATABASE_URL": "sqlite:///:memory:",
    "SECURE_SSL_REDIRECT": "1",
    "SECURE_COOKIES": "1",
    "SECURE_HSTS_SECONDS": "31536000",
}


def manage(
    *args: str, env: dict[str, str] | None = None, check: bool = True, cwd: Path = ROOT
) -> subprocess.CompletedProcess[str]:
    # Not what an operator has: the browser tests' async opt-out trips `check --deploy`.
    dropped = {*PRODUCTION_ENV, "DJANGO_ALLOW_ASYNC_UNSAFE"}
    clean = {k: v for k, v in os.environ.items() if k not in dropped}
    return subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), *args],
        env={**clean, **(env or {})},
        cwd=cwd,
        capture_output=True,
        text=True,
        check=check,
        timeout=300,
    )


def test_database_url_parses_postgres_and_sqlite() -> None:
    pg = database_from_url("postgres://u:p%40ss@db.example:6543/fc?sslmode=require")
    assert pg["ENGINE"] == "django.db.backends.postgresql"
    assert (pg["NAME"], pg["USER"], pg["PASSWORD"], pg["HOST"], str(pg["PORT"])) == (
        "fc",
        "u",
        "p@ss",
        "db.example",
        "6543",
    )
    assert pg["OPTIONS"] == {"sslmode": "require"}
    assert database_from_url("sqlite:////tmp/x.db")["NAME"] == "/tmp/x.db"
    with pytest.raises(ImproperlyConfigured, match="unsupported engine"):
        database_from_url("mysql://x/y")
    with pytest.raises(ImproperlyConfigured, match="DATABASE_URL cannot be read"):
        database_from_url("nosuchdb://x/y")
    with pytest.raises(ImproperlyConfigured, match="DATABASE_URL cannot be read"):
        database_from_url("postgres://db.example:port/fc")


def test_database_url_reads_a_socket_directory_and_an_in_memory_sqlite() -> None:
    socket_db = database_from_url("postgres://fc@%2Fvar%2Frun%2Fpostgresql/factcheck")
    assert (socket_db["HOST"], socket_db["NAME"]) == ("/var/run/postgresql", "factcheck")
    assert database_from_url("sqlite://:memory:")["NAME"] == ":memory:"
    assert database_from_url("sqlite:///:memory:")["NAME"] == ":memory:"


def test_environment_switches_and_numbers_are_read_strictly(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for word, meaning in (("1", True), ("Yes", True), (" on ", True), ("0", False), ("off", False)):
        monkeypatch.setenv("SOME_SWITCH", word)
        assert envbool("SOME_SWITCH", "false") is meaning
    monkeypatch.setenv("SOME_SWITCH", "")
    assert envbool("SOME_SWITCH", "true") is True  # empty is unset: the default
    for typo in ("ture", "flase", "2", "enabled"):
        monkeypatch.setenv("SOME_SWITCH", typo)
        with pytest.raises(ImproperlyConfigured, match=f"SOME_SWITCH='{typo}' is not a yes or no"):
            envbool("SOME_SWITCH", "false")
    monkeypatch.setenv("SOME_NUMBER", "ten")
    with pytest.raises(ImproperlyConfigured, match="SOME_NUMBER='ten' is not a whole number"):
        envint("SOME_NUMBER", "1")
    with pytest.raises(ImproperlyConfigured, match="SOME_NUMBER='ten' is not a number"):
        envfloat("SOME_NUMBER", "1")
    monkeypatch.setenv("SOME_NUMBER", "2.5")
    assert envfloat("SOME_NUMBER", "1") == 2.5


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("DEBUG", "ture", "DEBUG='ture' is not a yes or no"),
        ("SECURE_COOKIES", "flase", "SECURE_COOKIES='flase' is not a yes or no"),
        ("LOGIN_LOCKOUT_SECONDS", "15m", "LOGIN_LOCKOUT_SECONDS='15m' is not a whole number"),
        ("DATABASE_URL", "postgress://db/fc", "DATABASE_URL cannot be read"),
    ],
)
def test_settings_refuse_to_start_on_a_value_they_cannot_read(
    name: str, value: str, message: str
) -> None:
    result = manage("check", env={**PRODUCTION_ENV, name: value}, check=False)
    assert result.returncode != 0
    assert message in result.stderr


def test_settings_refuse_to_start_without_secret_key_when_debug_is_off() -> None:
    result = manage("check", env={"DEBUG": "0", "SECRET_KEY": ""}, check=False)
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_settings_refuse_to_start_without_site_url_when_debug_is_off() -> None:
    result = manage("check", env={**PRODUCTION_ENV, "SITE_URL": ""}, check=False)
    assert result.returncode != 0
    assert "SITE_URL must be set when DEBUG is off" in result.stderr


def test_settings_refuse_a_site_url_that_is_not_an_address() -> None:
    result = manage(
        "check", env={**PRODUCTION_ENV, "SITE_URL": "factcheck.example.org"}, check=False
    )
    assert result.returncode != 0
    assert "SITE_URL must be an http(s) address" in result.stderr


@pytest.mark.django_db
def test_models_and_migrations_are_in_step() -> None:
    result = manage("makemigrations", "--check", "--dry-run", env={"DEBUG": "1"}, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_deploy_check_is_clean_under_production_settings() -> None:
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_compose_file_is_valid() -> None:
    if shutil.which("docker-compose") is None:
        pytest.skip("docker-compose (Debian package) is not installed; .ci/run installs it")
    result = subprocess.run(
        ["docker-compose", "-f", str(ROOT / "docker-compose.yml"), "config", "-q"],
        env={**os.environ, "SECRET_KEY": "compose-check"},
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    config = subprocess.run(
        ["docker-compose", "-f", str(ROOT / "docker-compose.yml"), "config", "--services"],
        env={**os.environ, "SECRET_KEY": "compose-check"},
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
    )
    assert set(config.stdout.split()) == {"db", "redis", "web", "worker"}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_make_run_path_migrates_loads_the_demo_once_and_serves_login(tmp_path: Path) -> None:
    db_file = tmp_path / "demo.sqlite3"
    env = {"DEBUG": "1", "DATABASE_URL": f"sqlite:///{db_file}", "CELERY_BROKER_URL": ""}
    manage("migrate", "--noinput", env=env)
    first = manage("load_demo", env=env)
    assert "reviewer" in first.stdout and "editor" in first.stdout
    assert "password" in first.stdout
    second = manage("load_demo", env=env)
    assert "already present" in second.stdout

    with sqlite3.connect(db_file) as conn:
        articles = conn.execute("select count(*) from articles_article").fetchone()[0]
        claims = conn.execute("select count(*) from claims_claim").fetchone()[0]
        users = conn.execute("select username from auth_user order by username").fetchall()
    assert articles == 1
    assert claims >= 5
    assert [u for (u,) in users] == ["admin", "editor", "reviewer"]

    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, str(ROOT / "manage.py"), "runserver", "--noreload", f"127.0.0.1:{port}"],
        env={**os.environ, **env},
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(100):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/login/", timeout=2) as resp:
                    page = resp.read().decode()
                break
            except OSError:
                time.sleep(0.2)
        else:
            pytest.fail("the demo server did not answer")
        assert "Username" in page and "Password" in page
    finally:
        server.terminate()
        server.wait(timeout=10)
