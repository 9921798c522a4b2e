# dyad: every command a user needs. `make demo` and `make test` set up .venv themselves.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
DB     ?= dyad.duckdb
SHARED ?= ../shared

.PHONY: install demo test bench eval serve lint clean browser-deps

$(BIN)/dyad: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	@touch $(BIN)/dyad

install: $(BIN)/dyad  ## create .venv and install dyad with its pinned dependencies

demo: install  ## code the bundled example articles into dyad.duckdb and print the events
	$(BIN)/python scripts/demo.py --db $(DB) --shared $(SHARED)

test: install  ## run the test suite
	$(BIN)/python -m pytest

bench: install  ## speed and memory figures, measured side by side in one run
	$(BIN)/python benchmarks/bench.py --shared $(SHARED)

eval: install  ## every eval task on the development gold in ../shared/gold (when present)
	$(BIN)/python scripts/eval_all.py --shared $(SHARED)

serve: install  ## the API and dashboard on http://127.0.0.1:8000
	$(BIN)/dyad serve --db $(DB)

lint: install
	$(BIN)/python -m ruff check dyad tests || true

browser-deps:  ## Debian's Chromium for the dashboard's browser tests (needs root)
	command -v chromium >/dev/null || (apt-get update -qq && apt-get install -y -qq chromium chromium-driver)

clean:
	rm -rf $(VENV) *.egg-info .pytest_cache
