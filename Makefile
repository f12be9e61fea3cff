# Safeguard: `make run` serves the demo borough; `make test` runs the whole suite.
SHELL := /bin/bash
PYTHON ?= $(shell for p in python3.13 python3.12 python3.11 python3; do \
	if command -v $$p >/dev/null && $$p -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then echo $$p; break; fi; done)
VENV := .venv
BIN := $(VENV)/bin
# The DfE's rule validators pin pandas 1.5, which has no wheels beyond Python 3.11.
VALIDATORS := var/dfe-validators
VALIDATOR_PYTHON ?= $(shell for p in python3.11 python3.10; do \
	if command -v $$p >/dev/null; then echo $$p; break; fi; done)
SQLITE_DB ?= var/safeguard.sqlite3
PG_URL ?= postgres://postgres@127.0.0.1:5432/safeguard
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: setup run test lint bench assets validators splink clean help

help:
	@echo "make run    set up, load the demo borough into SQLite and serve on http://$(HOST):$(PORT)/"
	@echo "make test   set up, then ruff, mypy, makemigrations --check, pytest on PostgreSQL and on SQLite"
	@echo "make lint   ruff, ruff format --check and mypy"
	@echo "make bench  benchmarks under bench/ (needs PostgreSQL)"
	@echo "make validators  the DfE's return validators, in their own venv (make test builds it)"

setup: $(VENV)/.installed node_modules/.installed var/static/.collected

$(VENV)/bin/python:
	@test -n "$(PYTHON)" || { echo "Python 3.11 or newer is needed"; exit 1; }
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: $(VENV)/bin/python requirements.lock pyproject.toml
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

build/static/.built: node_modules/.installed assets/build.mjs $(shell find assets -type f)
	node assets/build.mjs
	touch $@

var/static/.collected: build/static/.built $(VENV)/.installed $(shell find safeguard -path '*/static/*' -type f)
	mkdir -p var
	$(BIN)/safeguard collectstatic --noinput --verbosity 0
	touch $@

assets: build/static/.built

validators: $(VALIDATORS)/.installed

# Splink, for the matching benchmark only: its own venv, so it never reaches the app's.
splink: var/splink/.installed

var/splink/.installed: tools/splink/requirements.lock
	rm -rf var/splink
	$(PYTHON) -m venv var/splink
	var/splink/bin/python -m pip install --quiet --disable-pip-version-check \
		-r tools/splink/requirements.lock
	touch $@

$(VALIDATORS)/.installed: tools/dfe_validators/requirements.lock
	@test -n "$(VALIDATOR_PYTHON)" || { echo "The DfE validators need Python 3.10 or 3.11"; exit 1; }
	rm -rf $(VALIDATORS)
	$(VALIDATOR_PYTHON) -m venv $(VALIDATORS)
	$(VALIDATORS)/bin/python -m pip install --quiet --disable-pip-version-check \
		-r tools/dfe_validators/requirements.lock
	touch $@

run: setup
	DATABASE_URL=sqlite:///$(SQLITE_DB) $(BIN)/safeguard migrate --noinput --verbosity 0
	DATABASE_URL=sqlite:///$(SQLITE_DB) $(BIN)/safeguard demo-data --if-empty
	DATABASE_URL=sqlite:///$(SQLITE_DB) $(BIN)/safeguard demo-sign-ins --url http://$(HOST):$(PORT)/
	DATABASE_URL=sqlite:///$(SQLITE_DB) SAFEGUARD_DEMO_SKIP_MFA=1 \
		$(BIN)/safeguard runserver --noreload $(HOST):$(PORT)

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

test: setup lint validators
	DATABASE_URL=sqlite:///var/check.sqlite3 $(BIN)/safeguard makemigrations --check --dry-run
	rm -rf var/test-logs
	@echo "== pytest on PostgreSQL (with browser tests) =="
	DATABASE_URL=$(PG_URL) $(BIN)/pytest -n 2 --dist loadgroup
	@echo "== pytest on SQLite =="
	DATABASE_URL=sqlite:///var/test.sqlite3 $(BIN)/pytest -n 2 -m "not browser and not postgres_only and not external"
	@echo "== the run's logs hold no NHS numbers =="
	$(BIN)/python -m tools.logs.find_nhs_numbers var/test-logs

bench: setup validators splink
	DATABASE_URL=$(PG_URL) $(BIN)/python -m bench

clean:
	rm -rf $(VENV) node_modules build var
