#!/usr/bin/env bash
# Prints the folder of the cached ROWS-row benchmark sample (one data year, seed 1, no faults,
# plain CSV), generating it with BIN first if it is not complete.
# Usage: bench/cached_sample.sh BIN ROWS
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=$1
ROWS=$2
SRC=bench/cache/sample-rows${ROWS}-year2022-seed1-faults0
if [ ! -f "$SRC/.complete" ]; then
  rm -rf "$SRC" "$SRC.partial"
  "$BIN" sample --rows "$ROWS" --years 2022 --seed 1 --faults 0 --compress none --out "$SRC.partial" -q >/dev/null
  mv "$SRC.partial" "$SRC" && touch "$SRC/.complete"
fi
echo "$SRC"
