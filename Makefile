# Two entry points: `make demo` (install, ingest corpus/, answer a sample query) and `make test`.
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: demo test lint clean eval-table model

$(BIN)/oifgraph: pyproject.toml
	python3 -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[test]"
	touch $@

demo: $(BIN)/oifgraph
	$(BIN)/oifgraph ingest corpus/
	$(BIN)/oifgraph query -f examples/who-works-where.rq

test: $(BIN)/oifgraph
	@command -v rapper >/dev/null || (apt-get update -qq && apt-get install -y -qq raptor2-utils)
	$(BIN)/ruff check src tests
	$(BIN)/pytest

# Regenerate the scores table of README.md on corpus/test (with plain spaCy NER beside them).
eval-table: $(BIN)/oifgraph
	$(BIN)/oifgraph evaluate corpus/test --baseline --format markdown | $(BIN)/python scripts/splice_readme.py README.md eval

# Retrain the entity typer and relation classifier shipped with oifgraph on corpus/dev (after
# changing corpus/dev: a test checks that the shipped classifier was trained on the corpus as it is).
model: $(BIN)/oifgraph
	$(BIN)/oifgraph train corpus/dev -o src/oifgraph/nlp/data/classifier.json

lint: $(BIN)/oifgraph
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests

clean:
	rm -rf oifgraph-store .pytest_cache
