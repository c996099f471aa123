"""Reading settings from environment variables: a value that cannot be read stops the start.

A typo must not turn a switch off in silence (`DEBUG=ture`, `SECURE_COOKIES=flase`), nor a
number into a crash deep in a request: each helper names the variable and what it accepts.
An empty value counts as unset, so `VAR=` in a Makefile or compose file means the default.
"""

import os
from collections.abc import Callable
from typing import Any

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

TRUE = ("1", "true", "yes", "on")
FALSE = ("0", "false", "no", "off")
# The engines the project is written and tested for; the parser knows many more.
DATABASE_ENGINES = ("django.db.backends.postgresql", "django.db.backends.sqlite3")


def _raw(name: str, default: str) -> str:
    return os.getenv(name, "").strip() or default


def envbool(name: str, default: str) -> bool:
    value = _raw(name, default).lower()
    if value in TRUE:
        return True
    if value in FALSE:
        return False
    raise ImproperlyConfigured(
        f"{name}={value!r} is not a yes or no: use one of {', '.join(TRUE + FALSE)}"
    )


def envint(name: str, default: str) -> int:
    return _read(name, default, int, "a whole number")


def envfloat(name: str, default: str) -> float:
    return _read(name, default, float, "a number")


def _read[T](name: str, default: str, cast: Callable[[str], T], what: str) -> T:
    value = _raw(name, default)
    try:
        return cast(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={value!r} is not {what}") from None


def envlist(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.getenv(name, default).split(",") if item.strip()]


def database_from_url(url: str, *, conn_max_age: int = 0) -> dict[str, Any]:
    """`postgres://user:pass@host:port/name?opt=val`, `sqlite:///path` or `sqlite://:memory:`.

    dj-database-url reads what a hand-written parser got wrong: a socket directory as the
    host (`postgres://%2Fvar%2Frun%2Fpostgresql/fc`), `sqlite://:memory:`.
    """
    try:
        config = dict(
            dj_database_url.parse(url, conn_max_age=conn_max_age, conn_health_checks=True)
        )
    except ValueError as exc:  # an unknown scheme, a port that is not a number
        raise ImproperlyConfigured(f"DATABASE_URL cannot be read: {exc}") from None
    if config["ENGINE"] not in DATABASE_ENGINES:
        raise ImproperlyConfigured(
            f"DATABASE_URL: unsupported engine {config['ENGINE']!r} (use postgres:// or sqlite://)"
        )
    return config


def cache_from_url(url: str) -> dict[str, object]:
    """`redis://host:port/db` (or `rediss://`) for a shared cache; empty for one in memory."""
    if not url:
        return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    if url.partition("://")[0] in ("redis", "rediss"):
        return {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url}
    raise ImproperlyConfigured("CACHE_URL: use redis://host:port/db, or leave it empty")
