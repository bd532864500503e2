# Doorstep: the two commands of the README's quick start.
#   make play   create .venv if needed, install Doorstep, open the Harris case in a window
#   make test   create .venv if needed, install Doorstep with its test extras, run the whole suite
PYTHON ?= $(shell command -v python3.11 2>/dev/null || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
PIP    := $(BIN)/python -m pip --disable-pip-version-check -q

.PHONY: play test bench clean

$(BIN)/python:
	$(PYTHON) -c 'import sys; sys.exit("Doorstep needs Python 3.11 or newer; found " + sys.version.split()[0]) if sys.version_info < (3, 11) else None'
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(PIP) install -e .
	@touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(PIP) install -e '.[test]'
	@touch $@ $(VENV)/.installed

play: $(VENV)/.installed
	$(BIN)/doorstep play scenarios/harris-family

test: $(VENV)/.installed-test
	$(BIN)/python -m pytest

bench: $(VENV)/.installed-test
	$(BIN)/python bench/run_all.py

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis
