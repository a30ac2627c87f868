# The two commands a newcomer needs: `make site` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip install --quiet --disable-pip-version-check
export NO_MKDOCS_2_WARNING := 1
# The lock tool, pinned; it lives in a venv of its own so it never changes what is locked.
PIP_TOOLS := pip-tools==7.6.2
LOCK_VENV := .venv-lock
LOCK := $(LOCK_VENV)/bin/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras \
	--no-emit-index-url --no-emit-find-links
LINT_PATHS := innomed tests build.py benchmarks

.PHONY: site test test-fast test-build test-browser test-tools lint lock check serve edit clean

# Every package at a locked version and hash: make site installs only the site's lock.
$(VENV)/.installed: requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(PIP) --require-hashes -r requirements.lock
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed requirements-test.lock
	$(PIP) --require-hashes -r requirements-test.lock
	touch $@

## site: install the locked dependencies and build the real site into site/
# node_modules too: /admin/ publishes Decap's script from it, so without it a newcomer's site
# lacked the /admin/ that CI publishes. npm ci checks every package against package-lock.json.
site: $(VENV)/.installed node_modules/.installed-site
	$(PY) build.py build

node_modules/.installed-site: package.json package-lock.json
	@command -v npm >/dev/null 2>&1 || { echo "make site trenger npm for /admin/ (needs npm): installer Node.js og npm, f.eks. sudo apt-get install nodejs npm" >&2; exit 1; }
	@[ node_modules/.installed -nt package-lock.json ] && [ node_modules/.installed -nt package.json ] || npm ci --ignore-scripts --no-audit --no-fund
	touch node_modules/.installed $@

## check: validate all content without building
check: $(VENV)/.installed
	$(PY) build.py check

## serve: live preview on http://127.0.0.1:8000/
serve: $(VENV)/.installed
	$(PY) build.py serve

## edit: edit in the browser at http://127.0.0.1:8000/admin/ (saves the files in this clone)
# decap-server (loopback only) reads and writes the files; the preview shows each save.
edit: $(VENV)/.installed node_modules/.installed
	@trap 'kill $$decap' EXIT INT TERM; \
	BIND_HOST=127.0.0.1 PORT=8081 GIT_REPO_DIRECTORY="$(CURDIR)" node_modules/.bin/decap-server & \
	decap=$$!; $(PY) build.py serve

# axe-core and the Nu HTML checker for the browser audit. --ignore-scripts: vnu-jar's install
# script downloads a Java runtime (no network for that here); the system Java is used.
# Chromium, Java and npm, installed when missing (a fresh machine has none of them): npm is
# needed before node_modules can be, so every target that needs node_modules runs this first.
test-tools:
	scripts/install-test-tools.sh

node_modules/.installed: package.json package-lock.json | test-tools
	npm ci --ignore-scripts --no-audit --no-fund
	touch $@

## lint: ruff (lint and format check) and mypy, versions pinned in requirements-test.txt
lint: $(VENV)/.installed-test
	$(VENV)/bin/ruff check $(LINT_PATHS)
	$(VENV)/bin/ruff format --check $(LINT_PATHS)
	$(VENV)/bin/mypy innomed

## test: static checks, then every test; installs chromium, Java and npm first when missing.
# The browser audit writes its figures to data/tilgjengelighetstest.json (commit the change);
# `make site` builds the accessibility statement from that committed file only.
test: lint test-tools node_modules/.installed
	$(PY) -m pytest

## test-fast: the unit tier only (no site build, no browser), seconds
# node_modules: the CMS format's round-trip tests run admin/innomed-cms.js with node.
test-fast: $(VENV)/.installed-test node_modules/.installed
	$(PY) -m pytest -m unit

## test-build: the build tier only (scratch and real site builds, no browser)
test-build: $(VENV)/.installed-test node_modules/.installed
	$(PY) -m pytest -m build

## test-browser: the browser tier only (the accessibility audit in Chromium)
test-browser: $(VENV)/.installed-test test-tools node_modules/.installed
	$(PY) -m pytest -m browser

## lock: re-resolve requirements*.txt into requirements.lock and requirements-test.lock
# Keeps every pin the locks already have; `make lock LOCK_ARGS=--upgrade` takes the newest.
lock:
	test -x $(LOCK_VENV)/bin/pip-compile || ($(PYTHON) -m venv $(LOCK_VENV) && \
		$(LOCK_VENV)/bin/python -m pip install --quiet --disable-pip-version-check $(PIP_TOOLS))
	$(LOCK) $(LOCK_ARGS) --output-file requirements.lock requirements.txt
	$(LOCK) $(LOCK_ARGS) --constraint requirements.lock --output-file requirements-test.lock \
		requirements-test.txt

clean:
	rm -rf site .build .site.new .site.old node_modules
