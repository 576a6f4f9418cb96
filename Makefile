# Tsunagu — two commands on a fresh machine:
#   make run    install everything into .venv and start the service on http://127.0.0.1:8000
#   make test   install everything (plus test tools) and run the whole test suite
#   make test-rasa  the Rasa check: builds Rasa 3.6 in .venv-rasa/, trains, serves, asks (heavy; docs/rasa.md)
# Both install the versions pinned in requirements/ (make lock regenerates them from pyproject.toml).
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1

.PHONY: run test test-fast test-rasa bench-rasa install install-test prebuilt bench bench-plain bench-retrieval bench-routing \
	content lint wheel-check lock clean
PIP_COMPILE := $(BIN)/pip-compile -q --strip-extras --no-emit-index-url --no-emit-find-links --no-emit-trusted-host

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

# the whole dependency tree from the lock file, then the project itself (editable, nothing else resolved)
$(VENV)/.installed: pyproject.toml setup.py requirements/run.txt | $(BIN)/python
	$(BIN)/pip install -q -r requirements/run.txt
	$(BIN)/pip install -q --no-deps -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml setup.py requirements/test.txt | $(BIN)/python
	$(BIN)/pip install -q -r requirements/test.txt
	$(BIN)/pip install -q --no-deps -e .
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

run: install
	$(BIN)/tsunagu serve

test: install-test
	scripts/system-deps.sh
	scripts/with-postgres.sh $(BIN)/python -m pytest --durations=15

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
	$(BIN)/python -m bot.store.prebuild

bench: install
	$(BIN)/python bench/serve_latency.py

bench-plain: install
	PYTHONPATH=$(CURDIR) $(BIN)/python bench/plain_sari.py --ids 20001-25000 --long

bench-retrieval: install
	$(BIN)/python bench/retrieval_accuracy.py

bench-routing: install
	$(BIN)/python bench/routing.py

# ruff (lint and the format check) and mypy over bot/ and knowledge/
lint: install-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

# build the wheel, install it into a fresh venv outside the checkout, ask in three languages
wheel-check: install-test
	PYTHON=$(PYTHON) BUILD_PIP=$(BIN)/pip scripts/check-wheel.sh

# regenerate the lock files after changing the dependencies in pyproject.toml
lock: | $(BIN)/python
	$(BIN)/pip install -q pip-tools==7.6.2
	$(PIP_COMPILE) --extra test --extra actions --extra sentence-transformers --extra lint \
		-o requirements/test.txt pyproject.toml requirements/test.in
	$(PIP_COMPILE) -o requirements/run.txt pyproject.toml requirements/run.in

clean:
	rm -rf $(VENV) var build dist *.egg-info
