# newslab: `make lab` (set up + open JupyterLab on the sample), `make test` (set up + every test).
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
NO_BROWSER ?=
CORPUS ?= data/sample
PYTEST_ARGS ?=

.PHONY: install lab test test-fast lint eval train bench report workshop clean

# The venv is (re)built whenever pyproject.toml changes; the stamp file records the last install.
$(VENV)/.installed: pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --upgrade pip
	$(PY) -m pip install -e '.[dev]'
	touch $@

install: $(VENV)/.installed

lab: install
	$(BIN)/jupyter lab notebooks/01_quickstart.ipynb $(if $(NO_BROWSER),--no-browser,)

test: install
	$(BIN)/ruff check newslab tests benchmarks
	$(BIN)/pytest $(PYTEST_ARGS)

test-fast: install
	$(BIN)/pytest -m "not browser" -x -q $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check newslab tests benchmarks

eval: install
	$(PY) -m newslab.evaluation

# Rebuild the shipped models from ../shared (bit for bit: fixed folds, sorted features, no timestamps).
train: install
	$(PY) -m newslab.evaluation.train_stance

bench: install
	for b in benchmarks/bench_*.py; do echo "== $$b"; $(PY) $$b || exit 1; done

report: install
	$(PY) -m newslab.report --corpus $(CORPUS) --out reports

workshop: install
	$(BIN)/voila notebooks/06_workshop.ipynb $(if $(NO_BROWSER),--no-browser,)

clean:
	rm -rf $(VENV) reports .pytest_cache
