# The two set-up commands: `make run` and `make test`. Both create .venv on
# first use and reinstall when the pinned requirements change.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
RUNTIME_STAMP := $(VENV)/.runtime-installed
DEV_STAMP     := $(VENV)/.dev-installed
PYTEST_ARGS ?=

.PHONY: run test lint format bench install superuser token editor need-user lock clean

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

## An admin login (a superuser). These run beside `make run`, with the settings of the .env it wrote.
superuser: $(RUNTIME_STAMP)
	$(BIN)/python manage.py createsuperuser

# The user to act on, from the command line only (`make token USER=alice`): make would
# otherwise take the shell's own $USER, the login name, without a word.
need-user:
	@if [ "$(origin USER)" != "command line" ]; then echo "Name the user: make $(MAKECMDGOALS) USER=username" >&2; exit 2; fi

## An API token for a user (prints it; the same one again on a second run).
token: need-user $(RUNTIME_STAMP)
	$(BIN)/python manage.py drf_create_token "$(USER)"

## Make an existing user an editor: staff, in the "editors" group.
editor: need-user $(RUNTIME_STAMP)
	$(BIN)/python manage.py make_editor "$(USER)"

## Regenerate the pinned requirements from requirements/*.in.
lock: $(DEV_STAMP)
	$(BIN)/pip install --quiet pip-tools
	$(BIN)/pip-compile --quiet --strip-extras --no-header --no-emit-index-url --no-emit-find-links -o requirements.txt requirements/base.in
	$(BIN)/pip-compile --quiet --strip-extras --no-header --no-emit-index-url --no-emit-find-links -o requirements-dev.txt requirements/dev.in

clean:
	rm -rf var/test .pytest_cache .ruff_cache .mypy_cache
