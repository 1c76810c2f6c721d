#!/usr/bin/env bash
# Runs the Python oracle tests (DuckDB, pyarrow, Chromium) against the rxpipe binary given as $1;
# further arguments go to pytest (`-m "not heavy"`, `-m heavy`, `-k name`).
set -euo pipefail
cd "$(dirname "$0")/.."
export RXPIPE_BIN=${1:-.build/debug/rxpipe}
shift || true
shopt -s nullglob
tests=(tests/oracles/test_*.py)
if [ ${#tests[@]} -eq 0 ]; then
  echo "oracles: no oracle test files yet"
  exit 0
fi
exec .venv/bin/python -m pytest -q --durations=10 tests/oracles "$@"
