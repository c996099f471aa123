"""Settings for benchmarks/web.py: production's, with a URLconf that adds one bare view.

Used only when gunicorn is started with DJANGO_SETTINGS_MODULE=webapp and benchmarks/ on
the Python path; the app itself never serves `/__floor__/`.
"""

from factcheck.settings import *  # noqa: F403  (the same settings as production)

ROOT_URLCONF = "webapp_urls"
