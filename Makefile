# The two set-up commands: `make run` and `make test`. Both create .venv on
# first use and reinstall when the pinned requirements change.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
RUNTIME_STAMP := $(VENV)/.runtime-installed
DEV_STAMP     := $(VENV)/.dev-installed
PYTEST_ARGS ?=

.PHONY: run test lint format bench install superuser lock clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(RUNTIME_STAMP): requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(DEV_STAMP): requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt -r requirements-dev.txt
	touch $@ $(RUNTIME_STAMP)

install: $(DEV_STAMP)

## The service on http://$HOST:$PORT with a Celery worker and beat (Ctrl-C stops all).
run: $(RUNTIME_STAMP)
	$(BIN)/python -m tracker.devserver

# Django is loaded by the migrations check, mypy's plugin and the import linter: test-only settings.
CHECK_ENV := SECRET_KEY=$${SECRET_KEY:-test-only-not-secret-0123456789abcdefghijklmnopqrstuvwxyz} VAR_DIR=$${VAR_DIR:-var/test}

## Lint (ruff, mypy, import layers), migrations check, and the whole test suite.
test: lint
	$(CHECK_ENV) $(BIN)/python manage.py makemigrations --check --dry-run --verbosity 0
	$(BIN)/pytest $(PYTEST_ARGS)

lint: $(DEV_STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(CHECK_ENV) $(BIN)/mypy
	$(CHECK_ENV) $(BIN)/lint-imports --no-cache

format: $(DEV_STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

## Benchmarks: each figure a ratio against a baseline measured in the same run.
bench: $(DEV_STAMP)
	$(BIN)/python -m bench

superuser: $(RUNTIME_STAMP)
	DEBUG=$${DEBUG:-true} $(BIN)/python manage.py createsuperuser

## Regenerate the pinned requirements from requirements/*.in.
lock: $(DEV_STAMP)
	$(BIN)/pip install --quiet pip-tools
	$(BIN)/pip-compile --quiet --strip-extras --no-header --no-emit-index-url --no-emit-find-links -o requirements.txt requirements/base.in
	$(BIN)/pip-compile --quiet --strip-extras --no-header --no-emit-index-url --no-emit-find-links -o requirements-dev.txt requirements/dev.in

clean:
	rm -rf var/test .pytest_cache .ruff_cache .mypy_cache
