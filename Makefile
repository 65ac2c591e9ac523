# policybot: `make run` installs, indexes corpus/ and serves on http://127.0.0.1:8000;
# `make test` installs and runs the whole test suite.
VENV    := .venv
PY      := $(VENV)/bin/python
BIN     := $(VENV)/bin
STAMP   := $(VENV)/.installed
PYTHON  ?= python3

export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1
export GRADIO_ANALYTICS_ENABLED := False

.PHONY: install index run test lint bench clean browser

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	# CPU torch first (a local wheel here); otherwise pip resolves a multi-GB CUDA build.
	$(BIN)/pip install --quiet torch==2.13.0
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

# Chromium for the widget's browser tests (Debian's package; never a downloaded browser).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null; }

# Exit status 1 means some files were skipped (reported); the rest is indexed.
index: install
	$(BIN)/policybot index --plain || [ $$? -eq 1 ]

run: index
	$(BIN)/policybot serve --host 127.0.0.1 --port 8000

test: install browser
	$(BIN)/ruff check .
	$(PY) -m pytest -q

lint: install
	$(BIN)/ruff check .

clean:
	rm -rf .policybot .pytest_cache
