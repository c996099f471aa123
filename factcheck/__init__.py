"""The factcheck project.

Deliberately empty: `factcheck.extraction` must import without Django. The Celery app is
loaded by the articles app's `ready()` in Django processes, and `celery -A factcheck`
finds `factcheck.celery` by itself.
"""
