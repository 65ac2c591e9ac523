# policybot: `make run` installs, indexes corpus/ and serves on http://127.0.0.1:8000;
# `make test` installs and runs the whole test suite; `make demo` serves the demo collection
# (demo/: the seeds and sample notices, settings in demo/demo.env) for the README's tour.
VENV    := .venv
PY      := $(VENV)/bin/python
BIN     := $(VENV)/bin
STAMP   := $(VENV)/.installed
PYTHON  ?= python3

export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1
export GRADIO_ANALYTICS_ENABLED := False

.PHONY: install index run demo test lint bench bench-long clean browser servers

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	# CPU torch first (a local wheel here); otherwise pip resolves a multi-GB CUDA build.
	# Bytecode is compiled after, on every core (pip compiles one file at a time: ~40 of its ~100 s);
	# like pip, a file that does not compile (some packages ship such test data) is left as it is.
	$(BIN)/pip install --quiet --no-compile torch==2.13.0
	$(BIN)/pip install --quiet --no-compile -e '.[dev]'
	$(PY) -m compileall -q -j 0 $(VENV)/lib >/dev/null || true
	touch $(STAMP)

install: $(STAMP)

# Chromium for the widget's and the chat's browser tests, and CJK fonts so Chinese renders in
# their screenshots (Debian's packages; never a downloaded browser).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null; }
	@fc-list :lang=zh 2>/dev/null | grep -q . || { \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-noto-cjk >/dev/null; }

# PostgreSQL and Redis for the storage, rate-limit and replica tests, which start private instances
# of them (tests/dbservers.py; Debian's packages, installed when missing). `make run` needs neither.
servers:
	@ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || { \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null; }
	@command -v redis-server >/dev/null 2>&1 || { \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null; }

# Exit status 1 means some files were skipped (reported); the rest is indexed.
index: install
	$(BIN)/policybot index --plain || [ $$? -eq 1 ]

run: index
	$(BIN)/policybot serve --host 127.0.0.1 --port 8000

# The demo starts from demo/corpus each time (a copy: the tour's uploads change only the copy);
# unchanged documents keep their vectors, so a second run indexes in seconds.
DEMO := .policybot/demo

demo: install
	rm -rf $(DEMO)/corpus && mkdir -p $(DEMO) && cp -r demo/corpus $(DEMO)/corpus
	set -a && . ./demo/demo.env && set +a && \
	  { $(BIN)/policybot index --plain || [ $$? -eq 1 ]; } && \
	  $(BIN)/policybot serve --host 127.0.0.1 --port 8000

# Two pytest processes (pytest-xdist), each test file whole in one of them: its module fixtures
# (servers, indexes) start once. TEST_WORKERS=1 runs the suite in one process.
TEST_WORKERS ?= 2
test: install browser servers
	$(BIN)/ruff check .
	$(PY) -m pytest -q $(if $(filter 1,$(TEST_WORKERS)),,-p xdist -n $(TEST_WORKERS) --dist loadfile)

lint: install
	$(BIN)/ruff check .

# Quick benchmarks, short options, a few minutes in all on 2 shared cores; results in
# bench/results/quick/ (bench/README.md has the figures and what each one measures).
# The long ones (`make bench-long`, over an hour): bench.load (~10 min), bench.ann (1M vectors,
# ~14 min), bench.encoders (6-17 min), bench.incremental (1,000 documents, 15-20 min); SciFact
# (`policybot eval --beir ../shared/bench/beir-scifact`, 12-38 min) needs the data set and is run by hand.
BENCH_OUT := bench/results/quick

bench: install index
	$(PY) -m bench.abstention bench/calibration_questions.jsonl --out $(BENCH_OUT)/abstention.json
	$(PY) -m bench.latency --index .policybot/index --rounds 5 --budget 30 --out $(BENCH_OUT)/latency.json
	$(PY) -m bench.indexing --min-chunks 300 --rounds 1 --out $(BENCH_OUT)/indexing.json
	$(PY) -m bench.incremental --docs 50 --repeats 1 --out $(BENCH_OUT)/incremental.json
	$(PY) -m bench.ann --n 20000 --sweep 10000 --hnsw-n 10000 --queries 100 --budget 20 --out $(BENCH_OUT)/ann.json
	$(PY) -m bench.load --index .policybot/index --rounds 1 --slice 2 --long 300 --no-threads-compare \
	  --no-shared-baseline --two-servers 0 --out $(BENCH_OUT)/load.json
	$(PY) -m bench.encoders --skip-quality --queries 24 --min-chunks 40 --rounds 2 --budget 20 \
	  --out $(BENCH_OUT)/encoders.json

bench-long: install
	$(PY) -m bench.load --index bench/.work/index
	$(PY) -m bench.ann
	$(PY) -m bench.encoders
	$(PY) -m bench.incremental

clean:
	rm -rf .policybot .pytest_cache
