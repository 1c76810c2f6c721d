#!/usr/bin/env bash
# Runs the Python oracle tests (DuckDB, pyarrow) against the rxpipe binary given as $1.
set -euo pipefail
cd "$(dirname "$0")/.."
export RXPIPE_BIN=${1:-.build/debug/rxpipe}
shopt -s nullglob
tests=(tests/oracles/test_*.py)
if [ ${#tests[@]} -eq 0 ]; then
  echo "oracles: no oracle test files yet"
  exit 0
fi
exec .venv/bin/python -m pytest -q tests/oracles
