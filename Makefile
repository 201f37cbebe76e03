# Two commands on a fresh machine: `make play` and `make test`. Each creates .venv when it is
# missing and (re)installs the project only when pyproject.toml changed, so a second run is quick.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
SCENARIO ?=

.PHONY: play test test-all demo bench lint schema clean

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip

$(VENV)/.installed-run: pyproject.toml | $(PY)
	$(PY) -m pip install -q -e .
	@touch $@

$(VENV)/.installed-test: pyproject.toml | $(PY)
	$(PY) -m pip install -q -e '.[test]'
	@touch $@ $(VENV)/.installed-run

play: $(VENV)/.installed-run
	$(PY) main.py play $(SCENARIO)

test: $(VENV)/.installed-test
	$(PY) -m pytest -q -m "not slow"

test-all: $(VENV)/.installed-test
	$(PY) -m pytest -q

demo: $(VENV)/.installed-run
	$(PY) main.py simulate $(SCENARIO) --turns 3

bench: $(VENV)/.installed-run
	$(PY) main.py bench

lint: $(VENV)/.installed-test
	$(VENV)/bin/ruff check .

schema: $(VENV)/.installed-run
	$(PY) main.py schema --all scenarios/schema

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis *.egg-info
