# rxpipe — the two commands that do everything on a fresh machine: `make run` and `make test`.
SWIFT ?= swift
BIN_RELEASE = .build/release/rxpipe
BIN_DEBUG = .build/debug/rxpipe
SETUP_STAMP = .venv/.requirements.sha256

.PHONY: setup setup-system setup-python build release run test test-build test-prepare test-heavy test-full check-sanitizers bench bench-spark clean help

help:
	@echo "make run    build and run rxpipe on the shipped sample"
	@echo "make test   the Swift suites and the DuckDB/pyarrow/Chromium oracles (about 10 minutes on a fresh clone)"
	@echo "make test-heavy  the scale, crash and end-to-end oracles (2.5 M rows, SIGKILL, PostgreSQL, recipes)"
	@echo "make test-full   both: what CI runs"
	@echo "make setup  install system packages and the .venv test oracles (idempotent)"
	@echo "make bench  benchmarks (ROWS=25000000 make bench for full scale)"
	@echo "make bench-spark  rxpipe against the Spark job, every stage (docs/scale-out.md)"
	@echo "make check-sanitizers  Swift suites and a sample run under AddressSanitizer and ThreadSanitizer"

setup:
	@scripts/setup.sh

setup-system:
	@scripts/setup.sh system

# The virtualenv needs python3-venv from the system part.
setup-python: setup-system
	@scripts/setup.sh python

build: setup
	$(SWIFT) build

release: setup
	$(SWIFT) build -c release

run: release
	@scripts/run-sample.sh $(BIN_RELEASE)

# One build serves both test layers: with RXPIPE_OPTIMIZED_TESTS=1 rxpipe's own targets compile
# with -O and stay testable (Package.swift), so the oracles drive a fast .build/debug/rxpipe.
# A plain `swift build` afterwards recompiles without it (and the next `make test` with it).
TEST_BUILD = RXPIPE_OPTIMIZED_TESTS=1 $(SWIFT)

test-build: setup-system
	$(TEST_BUILD) build --build-tests

# The virtualenv is prepared while Swift builds (two jobs: pip waits on the network, the
# compiler on the CPU).
test-prepare:
	@$(MAKE) --no-print-directory -j2 test-build setup-python

test: test-prepare
	$(TEST_BUILD) test --skip-build
	@scripts/test-oracles.sh $(BIN_DEBUG) -m "not heavy" -n auto

test-heavy: test-prepare
	@scripts/test-oracles.sh $(BIN_DEBUG) -m heavy

test-full: test
	@scripts/test-oracles.sh $(BIN_DEBUG) -m heavy

# Address and thread sanitizers over the Swift suites and a pipeline run on the sample
# (scripts/check-sanitizers.sh; separate build folders .build-address, .build-thread).
check-sanitizers: setup
	@scripts/check-sanitizers.sh

# Benchmarks, not tests: figures for the closing notes and the README.
# First every pipeline stage against DuckDB and Polars (report in bench/results/), then the
# per-component benchmarks.
bench: setup
	.venv/bin/python -m pip install -q --disable-pip-version-check -r requirements-bench.txt
	$(SWIFT) build -c release
	.venv/bin/python bench/pipeline_bench.py --rows $(or $(ROWS),2500000)
	bench/sample_bench.sh $(or $(ROWS),2500000) 3
	.venv/bin/python bench/lake_bench.py --rows $(or $(ROWS),2500000) --runs 3
	.venv/bin/python bench/transform_bench.py --rows $(or $(ROWS),2500000) --runs 3 --bin $(BIN_RELEASE)
	bench/charts_bench.sh
	bench/site_weight_bench.sh $(or $(ROWS),2500000) 5
	bench/pg_bench.sh $(or $(ROWS),2500000)
	.venv/bin/python bench/profile_bench.py --rows $(or $(ROWS),2500000) --runs 3

# rxpipe against the Spark job, every stage (docs/scale-out.md): 12 minutes at 2.5 M rows.
bench-spark: setup
	bench/spark_scale_out_bench.sh $(or $(ROWS),2500000) 3

clean:
	rm -rf .build site local_data/lake
