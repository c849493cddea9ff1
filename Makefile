# Expo UMKM — the two commands a newcomer runs are `make run` and `make test` (see README.md).
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
# Pytest arguments, e.g. `make test PYTEST_ARGS="tests/core -x"`.
PYTEST_ARGS ?=

.PHONY: run test lint format migrations-check pytest system-deps messages clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed-prod: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@ $(VENV)/.installed-prod

## make run: install, start the embedded PostgreSQL (unless DATABASE_URL is set), migrate,
## load the demo, collect static files and serve http://127.0.0.1:$(PORT)
run: $(VENV)/.installed-prod
	DJANGO_SERVE_MEDIA=1 $(BIN)/python manage.py rundemo 127.0.0.1:$(PORT)

## make test: lint, migrations check, unit + integration + browser tests against PostgreSQL
test: $(VENV)/.installed-dev system-deps lint migrations-check pytest

# import-linter holds the apps' layers (pyproject.toml, docs/architecture.md); tests/test_layers.py
# holds them for the template tag libraries and includes.
lint: $(VENV)/.installed-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

format: $(VENV)/.installed-dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

migrations-check: $(VENV)/.installed-dev
	$(BIN)/python manage.py makemigrations --check --dry-run

pytest: $(VENV)/.installed-dev
	$(BIN)/pytest $(PYTEST_ARGS)

# Browser tests drive Debian's Chromium, the translation test uses GNU gettext, the compose
# test validates docker-compose.yml with docker-compose and the HTML test runs vnu.jar on Java.
system-deps:
	@if ! command -v chromium >/dev/null || ! command -v msgfmt >/dev/null || ! command -v docker-compose >/dev/null || ! command -v java >/dev/null; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium gettext docker-compose default-jre-headless >/dev/null; \
	  else \
	    echo "Please install: sudo apt-get install chromium gettext docker-compose default-jre-headless"; exit 1; \
	  fi; \
	fi

## make messages: extract strings into locale/*/django.po, then compile them (commit both)
messages: $(VENV)/.installed-dev
	$(BIN)/python manage.py makemessages -l id -l en --no-obsolete --ignore='.venv/*' --ignore='var/*' --ignore='tests/*'
	$(BIN)/python manage.py compilemessages --ignore='.venv/*'

clean:
	rm -rf var/static var/cache
