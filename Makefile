# Cổng — the two set-up commands: `make demo` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
# Test processes (pytest-xdist): one per core, at most four (each has its own database, Redis db, indices).
TEST_WORKERS ?= $(shell n=$$(nproc 2>/dev/null || echo 2); echo $$(( n > 4 ? 4 : n )))
export PORT

.PHONY: demo test install services services-stop lint messages checks

$(VENV)/.installed: requirements.txt
	@$(PYTHON) -c 'import sys; assert sys.version_info[:2] == (3, 11), "Cổng needs Python 3.11, found " + sys.version.split()[0]'
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	@touch $@

install: $(VENV)/.installed

## The embedded default: SQLite, database search, Celery eager. Rerunnable.
demo: install
	DJANGO_SETTINGS_MODULE=config.settings.dev $(PY) manage.py migrate --noinput
	DJANGO_SETTINGS_MODULE=config.settings.dev $(PY) manage.py load_demo
	@echo "Serving the demo province at http://camau.localhost:$(PORT)/ (Ctrl-C stops it)"
	DJANGO_SETTINGS_MODULE=config.settings.dev $(PY) manage.py runserver 127.0.0.1:$(PORT)

## The whole suite on PostgreSQL, Redis and the search node, which scripts/services.sh installs and starts,
## after the static checks (lint, migrations, compiled messages); coverage is gated (pyproject.toml).
test: install
	scripts/services.sh
	scripts/quality_tools.sh
	$(MAKE) --no-print-directory checks
	source .services/env && $(VENV)/bin/pytest -n $(TEST_WORKERS) --dist loadgroup --durations=15 \
		--cov --cov-report=term:skip-covered
	VENV_BIN=$(VENV)/bin scripts/security_scan.sh

## Fast static checks: ruff, no model change without a migration, catalogues compiled and complete in Vietnamese.
checks: lint
	DATABASE_URL=sqlite:///:memory: REDIS_URL= SEARCH_URL= DJANGO_SETTINGS_MODULE=config.settings.test \
		$(PY) manage.py makemigrations --check --dry-run
	$(PY) scripts/check_messages.py

services:
	scripts/services.sh

services-stop:
	scripts/services.sh stop

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

messages: install
	$(PY) manage.py makemessages -l vi -l en --ignore=.venv --ignore=.services --ignore=cms/demo_seeds --ignore=tests
	$(PY) manage.py compilemessages --ignore=.venv
