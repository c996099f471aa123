# `make run`: set up and serve the demo on SQLite.  `make test`: set up and run the suite
# on PostgreSQL (the whole suite also measures coverage).  `make lint`: ruff and mypy.
# `make screenshots`: run the browser tests and refresh docs/screenshots/.
# `make messages`: gather the interface's strings into locale/*/django.po and compile them.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
TEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/factcheck
TEST_REDIS_URL ?= redis://127.0.0.1:6379/15
# The Django-free engines are held to mypy --strict.
STRICT := factcheck/fetch.py factcheck/text.py factcheck/extraction
# The whole suite measures coverage and holds it to the floor in pyproject.toml; a run of
# chosen tests (PYTEST_ARGS) does not, as it cannot reach the floor.
COVERAGE := $(if $(PYTEST_ARGS),,--cov --cov-report=term:skip-covered)

# Django 6.1 needs Python 3.12+: take one from PATH, else one that pyenv installed. Each
# candidate must run and be new enough (a pyenv shim can exist for a version not selected).
define find_python
ok() { "$$1" -c 'import sys; sys.exit(sys.version_info < (3, 12))' >/dev/null 2>&1; }; \
root=$$(pyenv root 2>/dev/null || echo "$$HOME/.pyenv"); \
for c in python3.14 python3.13 python3.12 "$$root"/versions/3.1[432]*/bin/python; do \
  p=$$(command -v "$$c") && ok "$$p" && echo "$$p" && exit 0; \
done; exit 1
endef

.PHONY: run test lint mypy worker clean chromium screenshots messages

$(VENV)/.installed: pyproject.toml
	@py=$$($(find_python)) || { echo "make: Python 3.12 or newer is needed (python3.12/python3.13 on PATH, or installed with pyenv). Install one and run make again." >&2; exit 1; }; \
	echo "Using $$py"; \
	[ -x $(PY) ] || $$py -m venv $(VENV); \
	$(PY) -m pip install -q --upgrade pip && $(PY) -m pip install -q -e '.[dev]'
	@touch $@

run: $(VENV)/.installed
	DEBUG=1 $(PY) manage.py migrate --noinput
	DEBUG=1 $(PY) manage.py load_demo
	@echo "Serving on http://127.0.0.1:8000/ (admin: http://127.0.0.1:8000/admin/)"
	DEBUG=1 DEMO_JOBS_AFTER_RESPONSE=1 $(PY) manage.py runserver 127.0.0.1:8000

# The browser tests drive Debian's chromium (never a downloaded browser). As root, install
# it the way .ci/run installs its packages; otherwise stop at once and say what to run.
chromium:
	@[ -x /usr/bin/chromium ] || { \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium; \
	  else \
	    echo "make: the browser tests need Debian's chromium at /usr/bin/chromium:" \
	      "run 'sudo apt-get install chromium', then make test again." >&2; exit 1; \
	  fi; }

test: $(VENV)/.installed chromium
	DATABASE_URL=$${DATABASE_URL:-$(TEST_DATABASE_URL)} TEST_REDIS_URL=$${TEST_REDIS_URL:-$(TEST_REDIS_URL)} \
	SECRET_KEY=test-only-secret-key SITE_URL=$${SITE_URL:-http://127.0.0.1:8000} DEBUG=0 SECURE_SSL_REDIRECT=0 SECURE_COOKIES=0 SECURE_HSTS_SECONDS=0 \
	CELERY_BROKER_URL= $(PY) -m pytest $(COVERAGE) $(PYTEST_ARGS)

# Tests write screenshots to build/screenshots/; this refreshes the README's.
screenshots:
	SCREENSHOTS_DIR=docs/screenshots $(MAKE) test PYTEST_ARGS="-m browser -q"

# The catalogs of the interface: new strings from templates/ and factcheck/ are added to each
# locale/<language>/LC_MESSAGES/django.po (translate them there), gone ones dropped, and the
# .mo files that Django reads compiled. Both are committed; tests/i18n checks they agree.
MESSAGES_IGNORE := --ignore=build --ignore=staticfiles --ignore=tests --ignore=benchmarks --ignore=docs
messages: $(VENV)/.installed
	cd $(CURDIR) && for dir in locale/*/; do \
	  DEBUG=1 $(CURDIR)/$(PY) manage.py makemessages -l "$$(basename "$$dir")" --no-obsolete $(MESSAGES_IGNORE) || exit 1; \
	done
	DEBUG=1 $(PY) manage.py compilemessages --ignore=.venv

lint: $(VENV)/.installed mypy
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

mypy: $(VENV)/.installed
	DEBUG=1 $(VENV)/bin/mypy factcheck
	DEBUG=1 $(VENV)/bin/mypy --strict $(STRICT)

worker: $(VENV)/.installed
	$(VENV)/bin/celery -A factcheck worker -B --loglevel=INFO

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles build .coverage
