#!/usr/bin/env bash
# Benchmark of `rxpipe sample` (not a test): rows per second at ROWS rows, median of RUNS runs,
# plain CSV and zstd. Usage: bench/sample_bench.sh [ROWS] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
ROWS=${1:-2500000}
RUNS=${2:-3}
swift build -c release >/dev/null
BIN=.build/release/rxpipe
OUT=$(mktemp -d /tmp/rxpipe-sample-bench.XXXXXX)
trap 'rm -rf "$OUT"' EXIT

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }

echo "rxpipe sample: $ROWS rows, median of $RUNS runs, $(nproc) cores"
for compress in none zstd; do
  times=()
  for _ in $(seq "$RUNS"); do
    start=$(date +%s.%N)
    "$BIN" sample --rows "$ROWS" --years 2022 --seed 1 --compress "$compress" --out "$OUT" -q >/dev/null
    end=$(date +%s.%N)
    times+=("$(awk -v a="$start" -v b="$end" 'BEGIN {printf "%.3f", b - a}')")
  done
  med=$(printf '%s\n' "${times[@]}" | median)
  size=$(du -b "$OUT"/* | awk '{s+=$1} END {print s}')
  rate=$(awk -v r="$ROWS" -v t="$med" 'BEGIN {printf "%.0f", r / t}')
  printf '  compress=%-5s median %.2f s  %.0f rows/s  %d bytes  (runs: %s)\n' "$compress" "$med" "$rate" "$size" "${times[*]}"
  rm -f "$OUT"/*
done
