# Doorstep: the two commands of the README's quick start.
#   make play   create .venv if needed, install Doorstep from the lock, open the Harris case in a window
#   make test   create .venv if needed, install Doorstep and its test extras from the lock, run the whole suite
#               (the xAPI tests also need a real LRS: Ralph, installed into .venv-lrs from requirements/lrs.txt;
#               the suite starts it on a free loopback port and stops it)
#
# Both install exactly what requirements/*.txt pin (with hashes), so a release upstream cannot change
# what a fresh clone runs. Trying newer releases is done on purpose:
#   make test-latest   the newest versions pyproject.toml allows, in .venv-latest, then the suite
#   make test-pyyaml   the YAML reader's tests against every PyYAML release pyproject.toml allows
#   make lock          re-resolve requirements/*.txt after editing pyproject.toml, keeping other pins
#   make lock UPGRADE=1   the same, moving every pin to the newest release pyproject.toml allows
PYTHON ?= $(shell command -v python3.11 2>/dev/null || command -v python3)
VENV   ?= .venv
LRS_VENV ?= .venv-lrs
BIN    := $(VENV)/bin
PIP    := $(BIN)/python -m pip --disable-pip-version-check -q
UV_VERSION := 0.13.9
PYYAML_RANGE := 6.0.1 6.0.2 6.0.3 6.0.4

.PHONY: play test browser desktop screen-reader test-latest test-pyyaml lock bench fuzz clean

# A .venv whose interpreter no longer runs (a deleted or upgraded Python), or runs an older one,
# is rebuilt rather than trusted. Checked while the Makefile is read, before make looks at any stamp.
ifneq ($(wildcard $(VENV)),)
ifneq ($(shell $(BIN)/python -c 'import sys; print(sys.version_info >= (3, 11))' 2>/dev/null),True)
$(info $(VENV) does not run under Python 3.11 or newer; rebuilding it)
$(shell rm -rf $(VENV))
endif
endif

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit("Doorstep needs Python 3.11 or newer; found " + sys.version.split()[0]) if sys.version_info < (3, 11) else None'
	$(PYTHON) -m venv $(VENV)

# The lock first (hashes required, so nothing unpinned slips in), then Doorstep itself with no
# dependencies and no build isolation: its build backend is in the lock too.
$(VENV)/.installed: requirements/play.txt pyproject.toml | $(BIN)/python
	$(PIP) install --require-hashes -r requirements/play.txt
	$(PIP) install --no-deps --no-build-isolation -e .
	@rm -f $(VENV)/.installed-test
	@touch $@

$(VENV)/.installed-test: requirements/test.txt pyproject.toml | $(BIN)/python
	$(PIP) install --require-hashes -r requirements/test.txt
	$(PIP) install --no-deps --no-build-isolation -e .
	@touch $@ $(VENV)/.installed

# Ralph, the Learning Record Store the xAPI tests send to, has many dependencies of its own: it lives in
# its own venv, from its own hashed lock, so nothing of it can clash with Doorstep's.
$(LRS_VENV)/.installed: requirements/lrs.txt
	rm -rf $(LRS_VENV)
	$(PYTHON) -m venv $(LRS_VENV)
	$(LRS_VENV)/bin/python -m pip --disable-pip-version-check -q install --require-hashes -r requirements/lrs.txt
	@touch $@

play: $(VENV)/.installed
	$(BIN)/doorstep play scenarios/harris-family

test: $(VENV)/.installed-test $(LRS_VENV)/.installed browser desktop node_modules/.installed
	$(BIN)/python -m pytest

# The workshop's browser tests drive Debian's chromium through chromedriver (headless; no browser is downloaded);
# the printed debrief is read back with poppler's pdftotext (tests/test_report_print.py).
# Installed here when missing (apt-get, as root or through sudo); if that fails, make test stops with a message
# rather than letting the browser tests be skipped.
browser:
	@if ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1 || ! command -v pdftotext >/dev/null 2>&1; then \
		echo "Installing Debian's chromium, chromium-driver and poppler-utils for the browser and print tests"; \
		if [ "$$(id -u)" = 0 ]; then run=""; else run="sudo"; fi; \
		{ $$run apt-get update -qq && $$run env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver poppler-utils >/dev/null; } \
			|| { echo "make test: could not install chromium, chromium-driver and poppler-utils, which the browser and print tests need; install them (apt-get install chromium chromium-driver poppler-utils) and run make test again" >&2; exit 1; }; \
	fi

# The accessibility tests read the real window over a real AT-SPI bus (Xvfb, a session bus, at-spi2-core, Debian's
# python3 with pyatspi as the screen reader's side, xdotool as the keyboard) and hear self-voicing through espeak-ng,
# measured with sox. Installed here when missing (apt-get, as root or through sudo); if that fails, make test stops
# with a message rather than letting those tests be skipped.
DESKTOP_PACKAGES := xvfb dbus at-spi2-core python3-pyatspi gir1.2-atspi-2.0 xdotool espeak-ng sox
# Orca itself reads the window in tests/check_orca.py (make screen-reader); its voice speaks into ALSA's null device there.
SCREEN_READER_PACKAGES := orca speech-dispatcher speech-dispatcher-espeak-ng
desktop:
	@if ! command -v Xvfb >/dev/null 2>&1 || ! command -v dbus-daemon >/dev/null 2>&1 || ! command -v xdotool >/dev/null 2>&1 \
		|| ! command -v espeak-ng >/dev/null 2>&1 || ! command -v sox >/dev/null 2>&1 || [ ! -x /usr/libexec/at-spi-bus-launcher ] \
		|| ! /usr/bin/python3 -c 'import pyatspi' >/dev/null 2>&1; then \
		echo "Installing $(DESKTOP_PACKAGES) for the accessibility tests"; \
		if [ "$$(id -u)" = 0 ]; then run=""; else run="sudo"; fi; \
		{ $$run apt-get update -qq && $$run env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(DESKTOP_PACKAGES) >/dev/null; } \
			|| { echo "make test: could not install $(DESKTOP_PACKAGES), which the accessibility tests need; install them (apt-get install $(DESKTOP_PACKAGES)) and run make test again" >&2; exit 1; }; \
	fi

# Orca itself reading the window (tests/check_orca.py): not part of make test (see the file for why).
screen-reader: $(VENV)/.installed-test desktop
	@if ! command -v orca >/dev/null 2>&1 || ! command -v speech-dispatcher >/dev/null 2>&1; then \
		echo "Installing Debian's Orca screen reader (without its recommends) for tests/check_orca.py"; \
		if [ "$$(id -u)" = 0 ]; then run=""; else run="sudo"; fi; \
		{ $$run apt-get update -qq && $$run env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $(SCREEN_READER_PACKAGES) >/dev/null; } \
			|| { echo "make screen-reader: could not install $(SCREEN_READER_PACKAGES); install them (apt-get install --no-install-recommends $(SCREEN_READER_PACKAGES)) and run it again" >&2; exit 1; }; \
	fi
	$(BIN)/python -m pytest tests/check_orca.py

# axe-core, which tests/test_axe.py runs in chromium against the report and the phone page, from package-lock.json.
# Node.js and npm come from Debian when the machine has none.
node_modules/.installed: package-lock.json
	@if ! command -v npm >/dev/null 2>&1; then \
		echo "Installing Debian's nodejs and npm for axe-core"; \
		if [ "$$(id -u)" = 0 ]; then run=""; else run="sudo"; fi; \
		{ $$run apt-get update -qq && $$run env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null; } \
			|| { echo "make test: could not install nodejs and npm, which the axe-core checks need; install them and run make test again" >&2; exit 1; }; \
	fi
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

test-latest:
	$(PYTHON) -m venv .venv-latest
	.venv-latest/bin/python -m pip --disable-pip-version-check -q install --upgrade --upgrade-strategy eager -e '.[test]'
	.venv-latest/bin/python -m pip --disable-pip-version-check list
	.venv-latest/bin/python -m pytest

test-pyyaml: $(VENV)/.installed-test
	@for v in $(PYYAML_RANGE); do \
		rm -rf .venv-pyyaml/$$v; \
		$(PIP) install --no-deps --target .venv-pyyaml/$$v "PyYAML==$$v" || exit 1; \
		echo "PyYAML $$v:"; \
		PYTHONPATH=.venv-pyyaml/$$v $(BIN)/python -m pytest -p no:cacheprovider tests/test_yamlstrict.py tests/test_diagnostics.py tests/test_cli.py || exit 1; \
	done

lock:
	$(PYTHON) -m venv .venv-tools
	.venv-tools/bin/python -m pip --disable-pip-version-check -q install "uv==$(UV_VERSION)"
	.venv-tools/bin/uv pip compile pyproject.toml requirements/build.in --extra test \
		--universal --python-version 3.11 --generate-hashes $(if $(UPGRADE),--upgrade) -o requirements/test.txt
	.venv-tools/bin/uv pip compile pyproject.toml requirements/build.in -c requirements/test.txt \
		--universal --python-version 3.11 --generate-hashes -o requirements/play.txt
	.venv-tools/bin/uv pip compile pyproject.toml requirements/build.in --extra test --extra fuzz -c requirements/test.txt \
		--universal --python-version 3.11 --generate-hashes -o requirements/fuzz.txt
	.venv-tools/bin/uv pip compile requirements/lrs.in \
		--universal --python-version 3.11 --generate-hashes $(if $(UPGRADE),--upgrade) -o requirements/lrs.txt

bench: $(VENV)/.installed-test
	$(BIN)/python bench/run_all.py

# The long mutation campaign (hostile scenario, evidence, record, settings, art and store files, and hostile LRSs,
# against every command; then hostile clients against a real workshop server).
#   make fuzz                       ten minutes, a seed from the clock (printed, so a run can be repeated)
#   make fuzz MINUTES=60 SEED=7     longer, or again with a given seed
#   The campaign takes MINUTES; the workshop's hostile clients (bench/fuzz_workshop.py) WORKSHOP_SECONDS, then floods of
#   connections, joins, forged tokens, huge bodies, `..` paths and unread streams (bench/attack_workshop.py, a minute); then random
#   valid scenarios of every shape (bench/fuzz_scenarios.py: validate clean => every policy and 100 seeds end, every tool
#   runs) take SCENARIO_MINUTES; damaged, foreign and re-signed load caches (bench/fuzz_cache.py) CACHE_SECONDS; then each
#   atheris target (coverage-guided, bench/fuzz_atheris.py) takes ATHERIS_SECONDS. The third campaign (bench/fuzz_shapes.py:
#   YAML edited as a graph, JSON texts, store cells of another kind, odd and full folders, hostile arguments and streams)
#   takes SHAPES_MINUTES; the fourth (bench/fuzz_hostile.py: other encodings, YAML 1.1 scalars, self-linking folders,
#   files rewritten while read, locked and size-limited stores, odd variables, outputs named as inputs; records, settings,
#   lrs.json and stores edited by hand; odd YAML numbers, anchors and merge keys) HOSTILE_MINUTES.
#   Each stops at the first failure it cannot survive and says where the input is kept.
MINUTES ?= 10
WORKSHOP_SECONDS ?= 120
SCENARIO_MINUTES ?= 5
ATHERIS_SECONDS ?= 120
CACHE_SECONDS ?= 60
SHAPES_MINUTES ?= 5
HOSTILE_MINUTES ?= 5
fuzz: $(VENV)/.installed-fuzz
	$(BIN)/python bench/fuzz_campaign.py --minutes $(MINUTES) $(if $(SEED),--seed $(SEED))
	$(BIN)/python bench/fuzz_shapes.py --minutes $(SHAPES_MINUTES) $(if $(SEED),--seed $(SEED))
	nice -n 10 $(BIN)/python bench/fuzz_hostile.py --minutes $(HOSTILE_MINUTES) $(if $(SEED),--seed $(SEED))
	$(BIN)/python bench/fuzz_workshop.py --seconds $(WORKSHOP_SECONDS) $(if $(SEED),--seed $(SEED))
	$(BIN)/python bench/attack_workshop.py
	$(BIN)/python bench/fuzz_scenarios.py --minutes $(SCENARIO_MINUTES) $(if $(SEED),--seed $(SEED))
	$(BIN)/python bench/fuzz_cache.py --seconds $(CACHE_SECONDS) $(if $(SEED),--seed $(SEED))
	@for t in episode record condition json; do \
		echo "== atheris: $$t ($(ATHERIS_SECONDS) s) =="; log=$$(mktemp); \
		$(BIN)/python bench/fuzz_atheris.py $$t -max_total_time=$(ATHERIS_SECONDS) -rss_limit_mb=4096 -print_final_stats=1 > $$log 2>&1; \
		code=$$?; grep -E "stat::number_of_executed_units|stat::peak_rss_mb" $$log; \
		if [ $$code -ne 0 ]; then grep -v "^#\|^\"" $$log | tail -40; rm -f $$log; exit 1; fi; rm -f $$log; \
	done

$(VENV)/.installed-fuzz: requirements/fuzz.txt $(VENV)/.installed-test
	$(PIP) install --require-hashes -r requirements/fuzz.txt
	$(PIP) install --no-deps --no-build-isolation -e .
	@touch $@

clean:
	rm -rf node_modules $(VENV) $(LRS_VENV) .venv-latest .venv-pyyaml .venv-tools .pytest_cache .hypothesis
