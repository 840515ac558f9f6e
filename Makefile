# newslab: `make lab` (set up + open JupyterLab on the sample), `make test` (set up + every test).
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
NO_BROWSER ?=
CORPUS ?= data/sample
PYTEST_ARGS ?=

.PHONY: install lab lab-copy test test-fast lint eval train bench report workshop clean

# conda route: inside the activated `newslab` environment (environment.yml) the tools run from it and
# nothing is installed, so `make lab`, `make workshop` and `make report` work offline there too.
ifeq ($(CONDA_DEFAULT_ENV),newslab)
RUN_BIN := $(CONDA_PREFIX)/bin
SETUP :=
else
RUN_BIN := $(BIN)
SETUP := install
endif
# `make lab` opens copies of the notebooks (in lab/, not tracked): JupyterLab's autosave never writes outputs
# or edits into notebooks/, which are committed stripped. A copy you changed is kept on the next `make lab`.
LAB ?= lab

# The venv is (re)built whenever pyproject.toml changes; the stamp file records the last install.
$(VENV)/.installed: pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --upgrade pip
	$(PY) -m pip install -e '.[dev]'
	touch $@

install: $(VENV)/.installed

lab-copy:
	mkdir -p $(LAB)
	for nb in notebooks/*.ipynb; do test -e $(LAB)/$$(basename $$nb) || cp $$nb $(LAB)/; done

lab: $(SETUP) lab-copy
	$(RUN_BIN)/jupyter lab $(LAB)/01_quickstart.ipynb $(if $(NO_BROWSER),--no-browser,)

test: install
	$(BIN)/ruff check newslab tests benchmarks
	$(BIN)/pytest $(PYTEST_ARGS)

test-fast: install
	$(BIN)/pytest -m "not browser" -x -q $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check newslab tests benchmarks

eval: install
	$(PY) -m newslab.evaluation

# Rebuild the shipped models from ../shared (bit for bit: fixed folds, sorted features, no timestamps):
# the stance classifier, the learned attribution layer and the page-furniture classifier (newslab/models/).
train: install
	$(PY) -m newslab.evaluation.train_stance
	$(PY) -m newslab.evaluation.train_attribution
	$(PY) -m newslab.evaluation.train_furniture

bench: install
	for b in benchmarks/bench_*.py; do echo "== $$b"; $(PY) $$b || exit 1; done

report: $(SETUP)
	$(RUN_BIN)/python -m newslab.ui.report --corpus $(CORPUS) --out reports

# voila.json (read from this folder) culls kernels of closed or reloaded pages; see docs/workshop.md
workshop: $(SETUP)
	$(RUN_BIN)/voila notebooks/06_workshop.ipynb $(if $(NO_BROWSER),--no-browser,)

clean:
	rm -rf $(VENV) reports .pytest_cache
