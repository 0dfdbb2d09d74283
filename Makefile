# Two commands: `make run` serves the demo, `make test` runs the whole suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

CATALOGUES := $(wildcard formsvc/translations/*/LC_MESSAGES/messages.po)
COMPILED := $(CATALOGUES:.po=.mo)

.PHONY: run test lint audit lock system-check translations clean

run: system-check $(VENV)/.installed $(COMPILED)
	$(BIN)/formsvc demo

test: system-check $(VENV)/.installed-dev $(COMPILED)
	$(BIN)/pytest

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/bandit -q -r formsvc -ll

system-check:
	@$(PYTHON) scripts/check_system_deps.py

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# requirements.lock pins every dependency (make lock): installs are the versions tested.
$(VENV)/.installed: pyproject.toml requirements.lock | $(VENV)/bin/python
	$(BIN)/pip install --quiet -c requirements.lock -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml requirements.lock | $(VENV)/bin/python
	$(BIN)/pip install --quiet -c requirements.lock -e ".[dev]"
	touch $@ $(VENV)/.installed

# Known vulnerabilities in the locked versions; fails if any package could not be checked.
audit: $(VENV)/.installed-dev
	$(BIN)/pip-audit --strict --no-deps --disable-pip -r requirements.lock

# After changing dependencies: resolve afresh in a scratch venv and pin the result.
lock:
	rm -rf .lock-venv
	$(PYTHON) -m venv .lock-venv
	.lock-venv/bin/pip install --quiet -e ".[dev]"
	.lock-venv/bin/pip freeze --exclude-editable > requirements.lock
	rm -rf .lock-venv

# The English interface: compiled from the committed .po files.
%.mo: %.po | $(VENV)/.installed
	$(BIN)/pybabel compile --statistics -i $< -o $@

# After changing interface text: refresh the template and the catalogues, then translate.
translations: $(VENV)/.installed
	$(BIN)/pybabel extract -F babel.cfg -k _l -k N_ --no-location --sort-output \
		-o formsvc/translations/messages.pot .
	$(BIN)/pybabel update -i formsvc/translations/messages.pot -d formsvc/translations --no-fuzzy-matching

clean:
	rm -rf $(VENV) instance .pytest_cache .mypy_cache .ruff_cache
