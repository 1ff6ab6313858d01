# Postdesk: `make run` installs and starts the app, `make test` installs and runs the tests.
# Missing Debian packages are installed first; when apt is busy (a new desktop's automatic updates)
# that waits for it up to POSTDESK_APT_LOCK_TIMEOUT seconds (600) and says who holds it.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test test-deps bench screenshot screenshots system-deps package smoke-test install-desktop uninstall-desktop clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[test]"
	touch $(STAMP)

system-deps:
	@bash scripts/system-deps.sh

# The app's packages and the tests' ones in one apt run (one wait for apt, one apt-get update).
test-deps:
	@bash scripts/system-deps.sh packaging/debian-test-packages.txt

run: system-deps $(STAMP)
	$(VENV)/bin/postdesk $(REPO)

# The Node packages of Astro's Markdown pipeline (pinned by package-lock.json) for the generator-fidelity tests.
GENERATOR_NODE := scripts/generators/node
$(GENERATOR_NODE)/node_modules/.package-lock.json: $(GENERATOR_NODE)/package-lock.json
	npm ci --prefix $(GENERATOR_NODE) --no-audit --no-fund --silent

test: test-deps $(STAMP) $(GENERATOR_NODE)/node_modules/.package-lock.json
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -p no:cacheprovider $(PYTEST_ARGS)

bench: $(STAMP)
	$(PY) bench/run.py
	$(PY) bench/keystrokes.py
	$(PY) bench/startup.py
	$(PY) bench/writing_modes.py
	$(PY) bench/writing.py
	$(PY) bench/git_bench.py
	$(PY) bench/quick_open.py
	$(PY) bench/huge_front_matter.py
	$(PY) bench/journal.py
	$(PY) bench/render_rate.py
	$(PY) bench/ladder.py --sizes 1000,10000

screenshot: system-deps $(STAMP)
	xvfb-run -a -s "-screen 0 1440x900x24" $(PY) scripts/screenshot.py

# Write and review mode at 1440×900 and 1280×720, light and dark, into docs/.
screenshots: system-deps $(STAMP)
	for size in 1440x900 1280x720; do for theme in light dark; do \
		POSTDESK_THEME=$$theme xvfb-run -a -s "-screen 0 $${size}x24" $(PY) scripts/screenshot_modes.py docs || exit 1; \
	done; done

# The self-contained Linux bundle dist/postdesk/ and its .tar.gz (packaging/build.sh; README notes).
package: system-deps $(STAMP)
	PY=$(PY) bash packaging/build.sh

# Runs the built bundle: --version, render against the source, --self-test, desktop entry, writes.
smoke-test: $(STAMP)
	$(PY) packaging/smoke_test.py dist/postdesk

# Puts the bundle (built first if missing) in the desktop's menu, opening .md files.
install-desktop:
	test -x dist/postdesk/postdesk || $(MAKE) package
	dist/postdesk/postdesk --install-desktop

uninstall-desktop: $(STAMP)
	$(VENV)/bin/postdesk --uninstall-desktop

clean:
	rm -rf $(VENV) build dist *.egg-info
