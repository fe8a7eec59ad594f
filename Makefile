# The targets people and CI run. Each creates .venv and installs the project when needed.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
EXTRAS := web,dask,parquet,dev

.PHONY: browser-deps demo test test-fast lint bench fuzz docs schema event-tables clean

$(STAMP): pyproject.toml
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[$(EXTRAS)]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/python -m newsgraph.demo

# Debian's Chromium for the browser tests (never a browser download of Playwright's own).
browser-deps:
	@command -v chromium >/dev/null 2>&1 || (apt-get update -qq && apt-get install -y -qq chromium >/dev/null) \
		|| echo "warning: chromium could not be installed: the browser tests will skip"

test: $(STAMP) browser-deps
	$(BIN)/python -m pytest -n 2 -q

test-fast: $(STAMP)
	$(BIN)/python -m pytest -q -m 'not slow and not gate'

lint: $(STAMP)
	$(BIN)/ruff check src tests bench fuzz
	$(BIN)/ruff format --check src tests bench fuzz
	$(BIN)/mypy
	$(BIN)/vulture src/newsgraph tests/vulture_whitelist.py --min-confidence 60 \
		--ignore-decorators '@api.*,@pages.*,@app.*'

# The long fuzz run: hypothesis's fuzz profile, the long hostile inputs, then atheris.
fuzz: $(STAMP)
	$(BIN)/pip install --quiet -e '.[fuzz]'
	HYPOTHESIS_PROFILE=fuzz NEWSGRAPH_LONG_TESTS=1 $(BIN)/python -m pytest -q tests/fuzz tests/test_hostile_input.py
	mkdir -p out/fuzz/textdump out/fuzz/html out/fuzz/artifacts
	$(BIN)/python fuzz/fuzz_textdump.py out/fuzz/textdump fuzz/corpus/textdump -max_total_time=300 -timeout=10 -rss_limit_mb=2048 -artifact_prefix=out/fuzz/artifacts/textdump- -print_final_stats=1
	$(BIN)/python fuzz/fuzz_html.py out/fuzz/html fuzz/corpus/html -max_total_time=300 -timeout=10 -rss_limit_mb=2048 -artifact_prefix=out/fuzz/artifacts/html- -print_final_stats=1

bench: $(STAMP)
	$(BIN)/python -m bench.run_all

docs: schema $(STAMP)
	$(BIN)/python -m newsgraph.cli.reference > docs/cli.md

# The CAMEO tables the events stage ships, rebuilt from the expert dictionaries in ../shared.
event-tables: $(STAMP)
	$(BIN)/python -m newsgraph.nlp.events.build

schema: $(STAMP)
	$(BIN)/python -c "from newsgraph.model import dump_schema; print(dump_schema(), end='')" > docs/article.schema.json

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
