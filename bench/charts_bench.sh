#!/usr/bin/env bash
# Measures the Charts render figure: the chart set of a full site (315 charts, 55 of them
# locator maps) rendered to SVG + 2× PNG on all cores, in a release build.
# Usage: bench/charts_bench.sh   (prints one "charts-bench:" line per run)
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --build-tests -Xswiftc -enable-testing >/dev/null
for run in 1 2 3; do
  RXPIPE_CHART_BENCH=1 swift test -c release --skip-build -Xswiftc -enable-testing \
    --filter rendersASiteWorthOfChartsInParallel 2>&1 | grep -E "charts-bench:" || { echo "bench run $run failed" >&2; exit 1; }
done
echo "cores: $(nproc); load: $(cut -d' ' -f1-3 /proc/loadavg)"
