# The two commands a newcomer needs: `make site` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
export NO_MKDOCS_2_WARNING := 1

.PHONY: site test check serve clean

$(VENV)/.installed: requirements.txt
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

## test: install test dependencies and run every test
test: $(VENV)/.installed-test
	$(PY) -m pytest

clean:
	rm -rf site .build .site.new .site.old
