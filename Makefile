# The targets people and CI run. Each creates .venv and installs the project when needed.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
EXTRAS := web,dask,parquet,dev

.PHONY: demo test test-fast lint bench fuzz docs schema clean

$(STAMP): pyproject.toml
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[$(EXTRAS)]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/python -m newsgraph.demo

test: $(STAMP)
	$(BIN)/python -m pytest -n 2 -q

test-fast: $(STAMP)
	$(BIN)/python -m pytest -q -m 'not slow and not gate'

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/mypy

bench: $(STAMP)
	$(BIN)/python -m bench.run_all

docs: schema $(STAMP)
	$(BIN)/python -m newsgraph.cli.reference > docs/cli.md

schema: $(STAMP)
	$(BIN)/python -c "from newsgraph.model import dump_schema; print(dump_schema(), end='')" > docs/article.schema.json

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
