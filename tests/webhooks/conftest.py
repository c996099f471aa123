# The real Celery worker on Redis, as tests/workers uses it.
from tests.workers.conftest import broker, celery_on_redis, worker  # noqa: F401
