# Tunet: `make run` sets up and serves the app with demo data on SQLite;
# `make test` sets up and runs the whole test suite (PostgreSQL when DATABASE_URL is set).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test lint format demo setup messages lock bench clean

setup: $(VENV)/.installed node_modules/.installed

$(VENV)/.installed: requirements/base.txt requirements/dev.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements/base.txt -r requirements/dev.txt
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

run: setup
	$(PY) manage.py migrate --noinput
	$(PY) manage.py demo
	$(PY) manage.py runserver $(HOST):$(PORT)

demo: setup
	$(PY) manage.py migrate --noinput
	$(PY) manage.py demo

test: setup
	$(PY) -m pytest $(PYTEST_ARGS)

lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports
	$(VENV)/bin/mypy tunet
	$(PY) manage.py makemigrations --check --dry-run

format: setup
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# Benchmark of the catalogue search on PostgreSQL (benchmark/run.py): builds the synthetic data set in
# the database tunet_bench (BENCH_DATABASE_URL) once, serves the app with gunicorn, measures it
# against its floor and the admin. Not part of `make test`. Options: make bench BENCH_ARGS="--rebuild".
bench: setup
	$(PY) -m benchmark.run $(BENCH_ARGS)

# Regenerate the Norwegian translation files after changing user-visible strings (needs gettext).
messages: setup
	$(PY) manage.py makemessages --locale nb --no-obsolete --no-location --ignore '.venv/*' --ignore 'node_modules/*'
	$(PY) manage.py compilemessages --locale nb --ignore '.venv/*' --ignore 'node_modules/*'

# Pin the dependencies (needs uv): the files carry no registry addresses.
lock:
	cd requirements && uv pip compile --quiet --no-header --no-annotate base.in -o base.txt --python-version 3.11
	cd requirements && uv pip compile --quiet --no-header --no-annotate dev.in -o dev.txt --python-version 3.11

clean:
	rm -rf $(VENV) node_modules staticfiles db.sqlite3
