# Postdesk: `make run` installs and starts the app, `make test` installs and runs the tests.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test bench screenshot system-deps clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[test]"
	touch $(STAMP)

system-deps:
	@bash scripts/system-deps.sh

run: system-deps $(STAMP)
	$(VENV)/bin/postdesk $(REPO)

test: system-deps $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -p no:cacheprovider $(PYTEST_ARGS)

bench: $(STAMP)
	$(PY) bench/run.py
	$(PY) bench/keystrokes.py

screenshot: system-deps $(STAMP)
	xvfb-run -a -s "-screen 0 1440x900x24" $(PY) scripts/screenshot.py

clean:
	rm -rf $(VENV) build dist *.egg-info
