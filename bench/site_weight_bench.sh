#!/usr/bin/env bash
# Benchmark of the rendered site (not a test): `rxpipe run` on the cached ROWS-row sample, then
# RUNS timed `rxpipe render`s (median wall and CPU), and the site's weight against the budgets
# of issue #19 (bench/site_weight.py). Report in bench/results/site-weight-ROWS.md.
# Usage: bench/site_weight_bench.sh [ROWS] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
ROWS=${1:-2500000}
RUNS=${2:-5}
swift build -c release >/dev/null
BIN=$PWD/.build/release/rxpipe
SRC=$(bench/cached_sample.sh "$BIN" "$ROWS")
WORK=$(mktemp -d /tmp/rxpipe-site-bench.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
export RXPIPE_SOURCE_KIND=csv RXPIPE_SOURCE_PATH=$PWD/$SRC RXPIPE_LAKE_ROOT=$WORK/lake RXPIPE_SITE_DIR=$WORK/site \
  RXPIPE_SITE_TEMPLATES=$PWD/templates
"$BIN" run -q

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
walls=() cpus=() rss=()
for _ in $(seq "$RUNS"); do
  /usr/bin/time -f "%e %U %S %M" -o "$WORK/time" "$BIN" render -q
  read -r wall user sys maxrss < "$WORK/time"
  walls+=("$wall") cpus+=("$(awk -v u="$user" -v s="$sys" 'BEGIN {printf "%.2f", u + s}')") rss+=("$maxrss")
done
mkdir -p bench/results
out=bench/results/site-weight-${ROWS}.md
{
  echo "# rxpipe site: $ROWS rows"
  echo
  echo "- date: $(date -u +%F); $(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "- render: median wall $(printf '%s\n' "${walls[@]}" | median) s, CPU $(printf '%s\n' "${cpus[@]}" | median) s," \
    "peak RSS $(printf '%s\n' "${rss[@]}" | sort -n | tail -1) KB (walls: ${walls[*]}; CPU: ${cpus[*]})"
  .venv/bin/python bench/site_weight.py "$WORK/site" || true
} | tee "$out"
