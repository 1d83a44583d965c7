# One task runner. `make site` and `make test` set everything up on their own.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: site build test lint typecheck golden clean serve bench audit

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

site: $(STAMP)  ## set up and build the sample site into output/
	$(BIN)/authorsite build
	@echo "Open output/index.html in a browser, or run: make serve"

build: $(STAMP)
	$(BIN)/authorsite build

serve: $(STAMP)
	$(BIN)/authorsite serve

# The suite runs on every core (pytest-xdist), each test file whole in one process: its
# module fixtures (a built site, a browser) are made once, as in a serial run.
# `make test TEST_WORKERS=0` runs it in this one process; `TEST_WORKERS=3` on three.
TEST_WORKERS ?= auto

test: $(STAMP)  ## set up and run the whole suite, on every core
	$(BIN)/python -m pytest -n $(TEST_WORKERS) --dist loadfile

lint: $(STAMP)
	$(BIN)/ruff check generator tests bench tools
	$(BIN)/ruff format --check generator tests bench tools

typecheck: $(STAMP)
	$(BIN)/mypy --strict generator

golden: $(STAMP)  ## regenerate tests/golden/ from the sample site; review with git diff
	$(BIN)/python -m tests.golden regenerate

# The audit's tools, pinned, in an ignored folder. --ignore-scripts: vnu-jar's postinstall
# would download a Java runtime; the machine's Java runs vnu.jar.
AUDIT_STAMP := .audit/.installed
AUDIT_NPM   := vnu-jar@26.9.27 axe-core@4.14.1 lighthouse@12.2.3

$(AUDIT_STAMP): Makefile
	mkdir -p .audit
	npm install --prefix .audit --no-audit --no-fund --ignore-scripts --no-save $(AUDIT_NPM)
	touch $(AUDIT_STAMP)

audit: $(STAMP) $(AUDIT_STAMP)  ## vnu, axe-core, Lighthouse and weight of the sample site (slow); AUDIT_ARGS="--site DIR" for another
	CHROME_PATH=/usr/bin/chromium $(BIN)/python tools/audit.py $(AUDIT_ARGS)

bench: $(STAMP)  ## time builds of synthetic sites (1k and 10k papers); BENCH_ARGS=--quick for a smoke run
	$(BIN)/python -m bench.run $(BENCH_ARGS)

clean:
	rm -rf output .authorsite-cache .pytest_cache .mypy_cache .ruff_cache *.egg-info
