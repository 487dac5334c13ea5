# Briefdesk: `make run` starts the app (on the demo library the first time), `make test` runs the tests.
# Both set everything up first: system packages where possible, a virtual environment, pinned dependencies.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
export LANG ?= C.UTF-8

.PHONY: run test lint bench build clean sysdeps

$(BIN)/.installed: pyproject.toml constraints.txt
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@$(BIN)/python -m pip install -q --upgrade pip >$(VENV)/pip.log 2>&1 || (cat $(VENV)/pip.log; exit 1)
	@$(BIN)/python -m pip install -q -c constraints.txt -e '.[dev]' >>$(VENV)/pip.log 2>&1 || (cat $(VENV)/pip.log; exit 1)
	@touch $@

sysdeps:
	@bash scripts/system-deps.sh

run: $(BIN)/.installed
	$(BIN)/briefdesk

test: sysdeps $(BIN)/.installed
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -n auto --dist loadgroup

lint: $(BIN)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/mypy

bench: $(BIN)/.installed
	$(BIN)/python bench/bench_scale.py
	$(BIN)/python bench/bench_export.py
	$(BIN)/python bench/bench_import.py
	$(BIN)/python bench/bench_extract.py
	$(BIN)/python bench/bench_checks.py

build: $(BIN)/.installed
	$(BIN)/pyinstaller --noconfirm build.spec

clean:
	rm -rf build dist .pytest_cache
