# The two commands a newcomer needs: `make site` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
export NO_MKDOCS_2_WARNING := 1

.PHONY: site test check serve clean

$(VENV)/.installed: requirements.txt constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed requirements-test.txt
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-test.txt
	touch $@

## site: install pinned dependencies and build the real site into site/
site: $(VENV)/.installed
	$(PY) build.py build

## check: validate all content without building
check: $(VENV)/.installed
	$(PY) build.py check

## serve: live preview on http://127.0.0.1:8000/
serve: $(VENV)/.installed
	$(PY) build.py serve

# axe-core and the Nu HTML checker for the browser audit. --ignore-scripts: vnu-jar's install
# script downloads a Java runtime (no network for that here); the system Java is used.
node_modules/.installed: package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund
	touch $@

## test: install test dependencies and run every test (browser audit needs chromium and java)
# The audit's figures go to .build/tilgjengelighet.json; a later `make site` puts them in the
# accessibility statement.
test: $(VENV)/.installed-test node_modules/.installed
	INNOMED_AUDIT_SUMMARY=.build/tilgjengelighet.json $(PY) -m pytest

clean:
	rm -rf site .build .site.new .site.old node_modules
