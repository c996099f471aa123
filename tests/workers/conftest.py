"""A real Celery worker on the real Redis broker and PostgreSQL, and a local web to fetch.

Tests marked `worker` start Celery's embedded test worker in a thread
(`celery.contrib.testing.worker.start_worker`) or a `celery worker` subprocess. They use
transactional tests, so the worker's own database connection sees committed rows.
"""

import os
import threading
from collections.abc import Iterator

import pytest
import redis
from celery import Celery
from celery.contrib.testing.worker import start_worker
from celery.signals import task_postrun
from celery.worker import WorkController
from django.db import connections

from factcheck.celery import app as celery_app

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


@pytest.fixture
def broker() -> Iterator["redis.Redis[bytes]"]:
    """The test Redis database, empty before and after, so no test sees another's messages."""
    client: redis.Redis[bytes] = redis.Redis.from_url(REDIS_URL, socket_timeout=10)
    try:
        client.ping()
    except redis.ConnectionError as exc:
        pytest.fail(f"Redis is not reachable at {REDIS_URL} ({exc}); start redis-server.")
    client.flushdb()
    yield client
    client.flushdb()
    client.close()


@pytest.fixture
def celery_on_redis(broker: "redis.Redis[bytes]") -> Iterator[Celery]:
    """The project's Celery app sending to Redis instead of running tasks in-process."""
    saved = {key: celery_app.conf[key] for key in ("broker_url", "task_always_eager")}
    celery_app.conf.update(broker_url=REDIS_URL, task_always_eager=False)
    forget_broker_connections(celery_app)
    yield celery_app
    celery_app.conf.update(saved)
    forget_broker_connections(celery_app)


def forget_broker_connections(app: Celery) -> None:
    """Drop the pooled broker connections, so the next publish uses the current broker_url.

    Eager calls take a producer from the pool too, so after eager tests it points at the
    default broker (amqp://localhost). Not app.close(): that also unregisters the app, and
    tasks imported afterwards would be missing from its registry.
    """
    app._pool = None  # not closed: kombu keeps one pool per broker URL and hands it out again
    app.amqp._producer_pool = None


@pytest.fixture
def worker(celery_on_redis: Celery, transactional_db: None) -> Iterator[WorkController]:
    """An embedded worker thread (solo pool) consuming from the test Redis database."""
    main = threading.main_thread()

    def close_worker_connections(**kwargs: object) -> None:
        # The worker thread's persistent connection would keep the test database open
        # and block its teardown; the test thread's own connection is left alone.
        if threading.current_thread() is not main:
            connections.close_all()

    task_postrun.connect(close_worker_connections, weak=False)
    try:
        with start_worker(
            celery_on_redis,
            perform_ping_check=False,
            pool="solo",
            concurrency=1,
            loglevel="WARNING",
            shutdown_timeout=30,
        ) as running:
            yield running
    finally:
        task_postrun.disconnect(close_worker_connections)
