# Two entry points a newcomer needs (see README.md); everything else is a detail.
VENV ?= .venv
PY := $(VENV)/bin/python

.PHONY: run test check bench catalogs

$(VENV)/.installed: pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

run: $(VENV)/.installed
	$(VENV)/bin/peerhaven

test: $(VENV)/.installed
	bash scripts/test.sh

check: $(VENV)/.installed
	$(VENV)/bin/ruff check peerhaven tests bench
	$(VENV)/bin/ruff format --check peerhaven tests bench
	$(VENV)/bin/mypy
	$(VENV)/bin/lint-imports --no-cache

bench: $(VENV)/.installed
	$(PY) bench/store.py

# re-extract every translatable string and merge it into each language (docs/translating.md)
catalogs: $(VENV)/.installed
	VENV=$(VENV) bash scripts/catalogs.sh
