# JagaNetral. `make run` serves the site on SQLite; `make test` runs the whole suite.
# Needs only Python 3.11+ with pip: uv is installed into var/tools when it is not on PATH.
SHELL := /bin/bash
PYTHON ?= python3
UV_TOOL_DIR := var/tools/uv
UV := $(or $(shell command -v uv 2>/dev/null),$(UV_TOOL_DIR)/bin/uv)
export UV_PYTHON_DOWNLOADS := never
export UV_PYTHON := $(shell $(PYTHON) -c 'import sys; print(sys.executable)')
PYTEST_ARGS ?=

.PHONY: run test setup setup-dev lint typecheck check messages clean

$(UV_TOOL_DIR)/bin/uv:
	@echo "uv tidak ditemukan; memasang uv ke $(UV_TOOL_DIR) ..."
	$(PYTHON) -m pip install --quiet --disable-pip-version-check --target $(UV_TOOL_DIR) uv

setup: $(UV)
	$(UV) sync --frozen --no-dev --inexact

setup-dev: $(UV)
	$(UV) sync --frozen --all-extras

run: setup
	$(UV) run --no-sync jaganetral serve

test: setup-dev
	$(UV) run --no-sync pytest $(PYTEST_ARGS)

lint: setup-dev
	$(UV) run --no-sync ruff check src tests bench
	$(UV) run --no-sync ruff format --check src tests bench
	$(UV) run --no-sync lint-imports --no-cache

typecheck: setup-dev
	$(UV) run --no-sync mypy

check: lint typecheck test

# Source strings are Bahasa Indonesia; locale/en holds the English catalogue.
messages: setup-dev
	cd src/jaganetral && JAGANETRAL_VAR_DIR=$(CURDIR)/var DJANGO_SETTINGS_MODULE=jaganetral.settings $(CURDIR)/.venv/bin/django-admin makemessages -l en --no-obsolete --no-location
	$(UV) run --no-sync python scripts/compilemessages.py

clean:
	rm -rf .venv var/static
