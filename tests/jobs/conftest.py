"""Pointing the project's Celery app at a broker: the test Redis, or a port nobody serves."""

import socket
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager

import pytest

from factcheck.celery import app as celery_app
from tests.workers.conftest import broker, forget_broker_connections

__all__ = ["broker"]  # the test Redis, emptied before and after each test

EXTRA_PORTS = range(7100, 7200)  # the ports these tests may use for servers of their own


def free_port() -> int:
    """A port of our range that nothing listens on now."""
    for port in EXTRA_PORTS:
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError(f"no free port in {EXTRA_PORTS}")


@contextmanager
def sending_to(broker_url: str) -> Iterator[None]:
    """Tasks go to `broker_url` instead of running in-process, as with a real broker."""
    saved = {key: celery_app.conf[key] for key in ("broker_url", "task_always_eager")}
    celery_app.conf.update(broker_url=broker_url, task_always_eager=False)
    forget_broker_connections(celery_app)
    try:
        yield
    finally:
        celery_app.conf.update(saved)
        forget_broker_connections(celery_app)


@pytest.fixture
def broker_at() -> Callable[[str], AbstractContextManager[None]]:
    return sending_to


@pytest.fixture
def dead_broker_url() -> str:
    """A Redis address where no Redis runs: every publish is refused."""
    return f"redis://127.0.0.1:{free_port()}/0"
