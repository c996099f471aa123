"""One settings module; everything deployment-specific comes from environment variables.

See the configuration table in README.md.
"""

import os
from pathlib import Path
from urllib.parse import urlsplit

import django_stubs_ext
from celery.schedules import crontab
from django.conf.locale import LANG_INFO
from django.utils.csp import CSP
from django.utils.text import capfirst

from factcheck.env import cache_from_url, database_from_url, envbool, envfloat, envint, envlist
from factcheck.extraction import classify as extraction_classify
from factcheck.fetch import parse_host_port  # standard library only: safe in settings

# Lets the admin and querysets be written with type parameters (ModelAdmin[Claim]).
django_stubs_ext.monkeypatch()

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = envbool("DEBUG", "false")
SECRET_KEY = os.getenv("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise RuntimeError("SECRET_KEY must be set when DEBUG is off (see README.md)")
    SECRET_KEY = "insecure-development-key-do-not-use-in-production"

ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS", "")
SITE_URL = os.getenv("SITE_URL", "").strip().rstrip("/")
if not SITE_URL:
    # Every ClaimReview, feed, sitemap and canonical link names this address: a silent
    # default would publish them on another host.
    if not DEBUG:
        raise RuntimeError(
            "SITE_URL must be set when DEBUG is off, e.g. SITE_URL=https://factcheck.example.org "
            "(the public address used in ClaimReview, feeds and the sitemap; see README.md)"
        )
    SITE_URL = "http://127.0.0.1:8000"
elif urlsplit(SITE_URL).scheme not in ("http", "https") or not urlsplit(SITE_URL).netloc:
    raise RuntimeError(
        f"SITE_URL must be an http(s) address such as https://example.org, not {SITE_URL!r}"
    )

# The organisation that publishes the verdicts: the `author` of every ClaimReview.
ORGANISATION_NAME = os.getenv("ORGANISATION_NAME", "Factcheck Desk")
ORGANISATION_URL = os.getenv("ORGANISATION_URL", SITE_URL)
# The language of a verdict whose article's language is unknown: ClaimReview's
# `inLanguage` (BCP 47); a verdict is otherwise in its article's language.
REVIEW_LANGUAGE = os.getenv("REVIEW_LANGUAGE", "en").strip() or "en"
# Webhooks (README, Webhooks): attempts per delivery, the first retry's delay (doubling
# after), and how many deliveries may fail for good in a row before a subscriber pauses.
WEBHOOK_MAX_ATTEMPTS = envint("WEBHOOK_MAX_ATTEMPTS", "8")
WEBHOOK_RETRY_SECONDS = envfloat("WEBHOOK_RETRY_SECONDS", "30")
WEBHOOK_PAUSE_AFTER = envint("WEBHOOK_PAUSE_AFTER", "5")
# The organisation's corrections policy, linked from every public fact check (Google's
# fact-check eligibility asks for one). Empty: no link.
CORRECTIONS_POLICY_URL = os.getenv("CORRECTIONS_POLICY_URL", "").strip()

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.postgres",
    "django_htmx",
    "django_filters",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "simple_history",
    "factcheck.accounts",
    "factcheck.articles",
    "factcheck.claims",
    "factcheck.jobs",
    "factcheck.webhooks",
    "factcheck.insight",
    "factcheck.factchecks",
    "factcheck.notifications",
    "factcheck.monitoring",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The language from the cookie set by the switcher, else Accept-Language, else English;
    # before CommonMiddleware, which resolves URLs in the active language.
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # A signed-in user's saved choice overrides the browser's (needs request.user).
    "factcheck.accounts.language.UserLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "factcheck.throttling.RateLimitHeadersMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
]

ROOT_URLCONF = "factcheck.urls"
WSGI_APPLICATION = "factcheck.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "factcheck.notifications.context_processors.unread_notifications",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {
    "default": database_from_url(
        os.getenv("DATABASE_URL") or "sqlite:///db.sqlite3",
        conn_max_age=envint("DB_CONN_MAX_AGE", "60"),
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Login and API throttling count in the cache. Per process by default (tests, the demo);
# a deployment with several processes points CACHE_URL at a Redis they share.
CACHES = {"default": cache_from_url(os.getenv("CACHE_URL", ""))}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
# Failed logins allowed per username and per client address within the lockout window
# (factcheck/accounts/login.py); then every attempt waits until the window ends.
LOGIN_FAILURES_PER_USER = envint("LOGIN_FAILURES_PER_USER", "5")
LOGIN_FAILURES_PER_IP = envint("LOGIN_FAILURES_PER_IP", "20")
LOGIN_LOCKOUT_SECONDS = envint("LOGIN_LOCKOUT_SECONDS", "900")
# Reverse proxies of ours in front of the app: the client address is then read from
# X-Forwarded-For; with 0 that header is ignored, as anyone can send it.
NUM_PROXIES = envint("NUM_PROXIES", "0")
LOGIN_REDIRECT_URL = "dashboard"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "en"
# Catalogs (makemessages/compilemessages): locale/<language>/LC_MESSAGES/django.po.
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True
# The interface's languages: English, plus one per catalog under locale/ (a third language
# is a locale/<code>/LC_MESSAGES/django.po, compiled by `make messages`; no code to change).
# Names are each language's own, as the switcher shows them ("Español").
_CATALOGS = sorted(p.parent.parent.name for p in LOCALE_PATHS[0].glob("*/LC_MESSAGES/django.po"))
LANGUAGES = [("en", "English")] + [
    (code, capfirst(LANG_INFO.get(code, {}).get("name_local", code)))
    for code in _CATALOGS
    if code != "en"
]
# Dates and numbers in each language's own way (Django's formats per locale), with the
# few named formats the templates use set in factcheck/formats/<code>/formats.py.
FORMAT_MODULE_PATH = ["factcheck.formats"]

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Hashed names need `collectstatic` first: the Docker image does it and sets this on.
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if envbool("STATIC_MANIFEST", "false")
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
# Tests and `make run` serve static files without a collectstatic step.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

# E-mail (notifications) through Django's mail framework: SMTP when EMAIL_HOST is set,
# else printed to the console (the `make run` demo).
EMAIL_HOST = os.getenv("EMAIL_HOST", "")
EMAIL_PORT = envint("EMAIL_PORT", "25")
EMAIL_HOST_USER = os.getenv("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.getenv("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", "false")
EMAIL_USE_SSL = envbool("EMAIL_USE_SSL", "false")
EMAIL_TIMEOUT = envint("EMAIL_TIMEOUT", "10")
DEFAULT_FROM_EMAIL = os.getenv("DEFAULT_FROM_EMAIL", "factcheck@localhost")
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend"
)

# A verdict goes to an editor only with at least one source attached.
VERDICT_REQUIRES_SOURCE = envbool("VERDICT_REQUIRES_SOURCE", "true")

# Limits on what users send us; each refusal names the limit.
ARTICLE_MAX_CHARS = envint("ARTICLE_MAX_CHARS", "1000000")
# Machine claims scoring below this are proposed as low priority instead of new. The default
# is the engine's own cut (see factcheck/extraction/README.md for what the score means).
CLAIM_LOW_PRIORITY_BELOW = envfloat(
    "CLAIM_LOW_PRIORITY_BELOW", str(extraction_classify.LOW_PRIORITY_BELOW)
)
UPLOAD_MAX_BYTES = envint("UPLOAD_MAX_BYTES", str(5 * 1024 * 1024))
DATA_UPLOAD_MAX_MEMORY_SIZE = UPLOAD_MAX_BYTES + 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = UPLOAD_MAX_BYTES + 1024 * 1024
FETCH_MAX_BYTES = envint("FETCH_MAX_BYTES", str(10 * 1024 * 1024))
FETCH_TIMEOUT_SECONDS = envfloat("FETCH_TIMEOUT_SECONDS", "10")
FETCH_CONNECT_TIMEOUT_SECONDS = envfloat("FETCH_CONNECT_TIMEOUT_SECONDS", "5")
# For a whole fetch, redirects included; well under the fetch tasks' soft time limit (120 s).
FETCH_DEADLINE_SECONDS = envfloat("FETCH_DEADLINE_SECONDS", "30")
# Fact-check feeds of other organisations (ClaimReview / DataCommons JSON, TSV or CSV),
# imported daily by Celery beat through the same safe fetcher, with their own caps.
FACTCHECK_FEED_URLS = envlist("FACTCHECK_FEED_URLS", "")
FACTCHECK_FEED_MAX_BYTES = envint("FACTCHECK_FEED_MAX_BYTES", str(1024**3))
FACTCHECK_FEED_DEADLINE_SECONDS = envfloat("FACTCHECK_FEED_DEADLINE_SECONDS", "300")
# Followed feeds (factcheck/monitoring): the body cap of one poll, failed polls in a row
# before a feed is paused, and how often beat looks for due feeds.
FEEDS_MAX_BYTES = envint("FEEDS_MAX_BYTES", str(FETCH_MAX_BYTES))
FEEDS_PAUSE_AFTER = envint("FEEDS_PAUSE_AFTER", "5")
FEEDS_DISPATCH_SECONDS = envfloat("FEEDS_DISPATCH_SECONDS", "60")
# A folder on this server under which the desk may follow folders of transcripts and
# files (each new .txt, .md or .html becomes an article); empty: no folder can be followed.
FEEDS_FOLDER_ROOT = os.getenv("FEEDS_FOLDER_ROOT", "")
# host:port pairs the fetcher may reach although they are not global addresses. Tests
# only. Checked here, so a bare host stops the process at start rather than every fetch.
FETCH_ALLOWED_PRIVATE_HOSTS: list[str] = envlist("FETCH_ALLOWED_PRIVATE_HOSTS", "")
for _entry in FETCH_ALLOWED_PRIVATE_HOSTS:
    parse_host_port(_entry)

# Security: strict CSP (no inline script; nonces where a script must be inline).
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "connect-src": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
    "base-uri": [CSP.NONE],
    "object-src": [CSP.NONE],
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", "false" if DEBUG else "true")
SESSION_COOKIE_SECURE = envbool("SECURE_COOKIES", "false" if DEBUG else "true")
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", "0" if DEBUG else "31536000")
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HSTS_SECONDS > 0
SECURE_HSTS_PRELOAD = SECURE_HSTS_SECONDS > 0
if envbool("BEHIND_TLS_PROXY", "false"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Celery: with no broker configured (the demo), tasks run in-process.
# Seconds between sweeps of the job outbox (factcheck/jobs): how soon after the broker
# comes back the jobs it refused are sent.
JOBS_SWEEP_SECONDS = envfloat("JOBS_SWEEP_SECONDS", "20")
CELERY_BROKER_URL = os.getenv("CELERY_BROKER_URL", "")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
# The demo (`make run`, no broker): jobs nobody waits for run after the response.
DEMO_JOBS_AFTER_RESPONSE = CELERY_TASK_ALWAYS_EAGER and envbool("DEMO_JOBS_AFTER_RESPONSE", "false")
CELERY_TASK_EAGER_PROPAGATES = False
CELERY_RESULT_BACKEND = None
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = 300
CELERY_TASK_SOFT_TIME_LIMIT = 240
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Redis redelivers a message that was taken but never acknowledged (its worker died) once
# visibility_timeout has passed. It must exceed the longest a message stays taken: the
# longest hard time limit (300 s, CELERY_TASK_TIME_LIMIT), plus a retry's countdown, which
# a worker holds unacknowledged (at most 16 s with the fetch tasks' backoff), plus a wait
# for a free pool process; else a slow task runs twice. Ten minutes covers that with room,
# and brings back a task lost with its whole worker within minutes (see README).
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": envint("CELERY_VISIBILITY_TIMEOUT", "600"),
    # A broker that does not answer must not hold a request: the outbox keeps the job.
    "socket_connect_timeout": 2,
    # How often a worker sweeps for such messages (seconds; every sweep, not every 10th).
    "unacked_restore_interval": envint("CELERY_UNACKED_RESTORE_INTERVAL", "10"),
    "unacked_restore_throttle": 1,
}
# With late acks, tasks still running when the broker connection drops are redelivered
# anyway: cancel them rather than let two copies run (Celery 6's default).
CELERY_WORKER_CANCEL_LONG_RUNNING_TASKS_ON_CONNECTION_LOSS = True
CELERY_BEAT_SCHEDULE: dict[str, dict[str, object]] = {
    # Mark dead links among the sources of claims still being checked; archives are kept.
    "recheck-sources-daily": {
        "task": "factcheck.claims.tasks.recheck_sources_task",
        "schedule": crontab(hour=3, minute=30),
    },
    # Import the configured fact-check feeds of other organisations (FACTCHECK_FEED_URLS).
    "import-factcheck-feeds-daily": {
        "task": "factcheck.factchecks.tasks.import_factcheck_feeds_task",
        "schedule": crontab(hour=4, minute=10),
    },
    # Queue again the jobs of articles stuck in pending/running (a job lost with Redis).
    "requeue-stalled-articles": {
        "task": "factcheck.articles.tasks.requeue_stalled_articles_task",
        "schedule": crontab(minute="*/5"),
    },
    # Send the outbox's jobs that the broker refused when their request committed.
    "dispatch-jobs": {
        "task": "factcheck.jobs.tasks.dispatch_jobs_task",
        "schedule": JOBS_SWEEP_SECONDS,
        "options": {"expires": JOBS_SWEEP_SECONDS},  # a backlog of sweeps is one sweep
    },
    # Queue a poll of each followed feed whose time has come (one task per feed).
    "poll-due-feeds": {
        "task": "factcheck.monitoring.tasks.dispatch_due_feeds_task",
        "schedule": FEEDS_DISPATCH_SECONDS,
        "options": {"expires": FEEDS_DISPATCH_SECONDS},
    },
}

REST_FRAMEWORK = {
    # Token first: an anonymous client then gets 401 with `WWW-Authenticate: Token`
    # (DRF answers 403 when the first authenticator cannot name a challenge).
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "factcheck.accounts.authentication.HashedTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "factcheck.api.IdCursorPagination",
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["factcheck.api_parsers.JSONParser"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "factcheck.api.exception_handler",
    # Per token (each user has one) or, for the public feed, per address. The cache that
    # counts must be shared by all processes in production (see README, API).
    "DEFAULT_THROTTLE_CLASSES": [
        "factcheck.throttling.AnonRateThrottle",
        "factcheck.throttling.UserRateThrottle",
        "factcheck.throttling.ScopedRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": os.getenv("API_THROTTLE_ANON", "600/hour"),
        "user": os.getenv("API_THROTTLE_USER", "20000/hour"),
        "export": os.getenv("API_THROTTLE_EXPORT", "600/hour"),
    },
    "PAGE_SIZE": 50,
    # Anonymous calls are counted per client address; DRF's default (None) would take
    # it from X-Forwarded-For, which the client writes.
    "NUM_PROXIES": NUM_PROXIES,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Factcheck API",
    "DESCRIPTION": "Articles, claims, sources and verdicts; exports of published verdicts.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # No call to the online validator: nothing is loaded from the internet at run time.
    "SWAGGER_UI_SETTINGS": {"deepLinking": True, "validatorUrl": None},
    "COMPONENT_SPLIT_REQUEST": True,
    "SCHEMA_PATH_PREFIX": r"/api/v1",  # tags and operation ids from the next path segment
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "factcheck.api.document_input_errors",
    ],
    "ENUM_NAME_OVERRIDES": {
        "ClaimStatusEnum": "factcheck.claims.models.Claim.Status",
        "ClaimTypeEnum": "factcheck.claims.models.Claim.Type",
        "VerdictStateEnum": "factcheck.claims.models.Verdict.State",
        "ExtractionStatusEnum": "factcheck.articles.models.Article.Status",
    },
}

# Corrections and the audit trail are never rewritten through the admin.
SIMPLE_HISTORY_REVERT_DISABLED = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.getenv("LOG_LEVEL", "INFO")},
}
