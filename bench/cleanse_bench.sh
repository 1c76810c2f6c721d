#!/usr/bin/env bash
# Cleanse benchmark (not a test): generates ROWS CMS rows (one year, with faults), ingests them
# into a scratch lake, then times `rxpipe cleanse` RUNS times with /usr/bin/time (wall, CPU,
# peak RSS). Add PSEUDONYMIZE=1 to time the pseudonymising run.
#
#   bench/cleanse_bench.sh [ROWS=2500000] [RUNS=3]
set -euo pipefail
cd "$(dirname "$0")/.."
ROWS=${1:-2500000}
RUNS=${2:-3}
BIN=.build/release/rxpipe
[ -x "$BIN" ] || swift build -c release
DATA=$(mktemp -d /tmp/rxpipe-cleansebench.XXXXXX)
trap 'rm -rf "$DATA"' EXIT
export RXPIPE_LAKE_ROOT="$DATA/lake"
if [ "${PSEUDONYMIZE:-0}" = 1 ]; then
  export RXPIPE_PRIVACY_PSEUDONYMIZE=true RXPIPE_PSEUDONYM_KEY=bench-key-0123456789abcdef
fi
"$BIN" sample --rows "$ROWS" --years 2022 --seed 7 --faults 100 --compress zstd --out "$DATA/src" --quiet >/dev/null
"$BIN" ingest --source "$DATA/src" --quiet >/dev/null
echo "== rxpipe cleanse ($ROWS rows + 100 faults, $RUNS runs)"
for _ in $(seq 1 "$RUNS"); do
  /usr/bin/time -f "wall %e s, user %U s, sys %S s, peak RSS %M KB" "$BIN" cleanse --quiet 2>&1 >/dev/null | tail -1
done
