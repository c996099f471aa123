# Load Celery with Django so that @shared_task uses this app's configuration.
from factcheck.celery import app as celery_app

__all__ = ["celery_app"]
