# Build, check and test the Motor documentation site.
#
#   make html    build the site into _build/html (warnings are errors)
#   make test    build, then run every test and every example on both tiers
#
# Both create .venv and install the pinned requirements on first use, and
# again whenever requirements.txt changes.

PYTHON      ?= python3
VENV        := .venv
BIN         := $(VENV)/bin
STAMP       := $(VENV)/.requirements.txt
SPHINXOPTS  ?=
BUILDDIR    := _build
SPHINXBUILD := $(BIN)/sphinx-build -b html -j auto -W -n --keep-going $(SPHINXOPTS)
PYTEST_ARGS ?=

.PHONY: help venv html serve test check bench stress clean

help:
	@echo "make html    build the site into $(BUILDDIR)/html"
	@echo "make serve   rebuild on change and serve on http://127.0.0.1:8000 with live reload"
	@echo "make test    run the test suite (build, examples on both tiers, browser checks)"
	@echo "make check   lint the reStructuredText (sphinx-lint) and the Python (ruff)"
	@echo "make bench   print speed and size figures"
	@echo "make stress  run the suite three times in a row with every core kept busy"
	@echo "make clean   remove build output and caches (keeps .venv)"

# Reinstall only when the pins differ from the ones last installed.
venv:
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@cmp -s requirements.txt $(STAMP) || { \
	  $(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt && \
	  cp requirements.txt $(STAMP); }
	@test -x $(BIN)/motor-to-pymongo || $(BIN)/python -m pip install --quiet --disable-pip-version-check \
	  --no-deps --no-build-isolation --editable .

html: venv
	$(SPHINXBUILD) . $(BUILDDIR)/html

serve: venv
	$(BIN)/sphinx-autobuild -b html -n $(SPHINXOPTS) --host 127.0.0.1 --port 8000 \
	  --ignore "$(BUILDDIR)/*" --ignore "$(VENV)/*" --ignore "tests/*" . $(BUILDDIR)/html

test: venv
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# The same checks the suite runs, from the one module that knows the site's paths.
check: venv
	$(BIN)/python -m pytest -q -o addopts= -p no:cacheprovider tests/test_lint.py

bench: venv
	$(BIN)/python -m tools.bench

# Three runs in a row beside one busy process per core: a test that needs an idle machine fails here.
stress: venv
	$(BIN)/python -m tools.stress $(PYTEST_ARGS)

clean:
	rm -rf $(BUILDDIR) .pytest_cache .ruff_cache
	find . -path ./$(VENV) -prune -o -name __pycache__ -type d -exec rm -rf {} +
