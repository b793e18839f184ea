# Two commands for a newcomer: `make run` (the bot on SQLite) and `make test` (the whole suite).
# Both make their own virtualenv in .venv and install exactly the versions of the lock file
# (requirements-test.lock, with hashes); `make test` also checks the Debian packages the tests
# need (.ci/debian-pakketten) and installs them when run as root.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
LOCK   := requirements.lock
TESTLOCK := requirements-test.lock

.PHONY: run test lint demo lock lock-upgrade clean

$(STAMP): pyproject.toml $(TESTLOCK)
	$(PYTHON) -m tests.systeem make
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --require-hashes --no-deps -r $(TESTLOCK)
	$(BIN)/pip install --quiet --no-deps -e .
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/stj bot

test: $(STAMP)
	$(PYTHON) -m tests.systeem test
	$(BIN)/ruff check --no-cache .
	$(BIN)/ruff format --no-cache --check .
	$(BIN)/mypy
	$(BIN)/stj vragenlijst controleer
	$(BIN)/python -m pytest -q

demo: $(STAMP)
	$(BIN)/stj demo --uit demo-uit

# The lock files, after a change to the dependencies in pyproject.toml (versions already pinned
# stay); `make lock-upgrade` moves everything to the newest versions the ranges allow. The
# runtime lock (the Dockerfile's) comes first and pins the test lock, so both agree.
LOCKVENV := $(VENV)-lock
PIP_COMPILE = $(LOCKVENV)/bin/pip-compile --quiet --generate-hashes --strip-extras

$(LOCKVENV)/bin/pip-compile:
	$(PYTHON) -m venv $(LOCKVENV)
	$(LOCKVENV)/bin/pip install --quiet pip-tools

lock: $(LOCKVENV)/bin/pip-compile
	$(PIP_COMPILE) $(UPGRADE) --output-file $(LOCK) pyproject.toml
	$(PIP_COMPILE) $(UPGRADE) --extra test --constraint $(LOCK) --output-file $(TESTLOCK) pyproject.toml

lock-upgrade:
	$(MAKE) lock UPGRADE=--upgrade

clean:
	rm -rf $(VENV) $(LOCKVENV) *.egg-info .pytest_cache .mypy_cache .ruff_cache
