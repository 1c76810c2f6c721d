#!/usr/bin/env bash
# Benchmark (not a test) behind docs/scale-out.md: every stage of rxpipe (RUNS runs, release
# build) and of the Spark job (one run, spark-submit --master local[2]) on the cached ROWS-row
# sample, then a check that both lakes agree (quality.json byte for byte, every curated table row
# by row). Report in bench/results/spark-scale-out-ROWS.md. 2.5 M rows take about 12 minutes
# here, 25 M rows about ten times that.
# Usage: bench/spark_scale_out_bench.sh [ROWS] [RUNS]     (make bench-spark)
set -euo pipefail
cd "$(dirname "$0")/.."
ROWS=${1:-2500000}
RUNS=${2:-3}
swift build -c release >/dev/null
BIN=$PWD/.build/release/rxpipe
SRC=$(bench/cached_sample.sh "$BIN" "$ROWS")
WORK=$(mktemp -d /tmp/rxpipe-spark-bench.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
export PATH=$PWD/.venv/bin:$PATH PYSPARK_PYTHON=$PWD/.venv/bin/python
# Spark's memory grows with the rows (local mode: one JVM is driver and executor).
MEMORY=$(( ROWS > 5000000 ? 14 : 6 ))g
PARTITIONS=$(( ROWS > 5000000 ? 16 : 8 ))

timed() {  # timed NAME command…: appends "NAME wall maxrss_kib" to $WORK/times
  local name=$1; shift
  /usr/bin/time -f "%e %M" -o "$WORK/time" "$@" >"$WORK/$name.log" 2>&1 || { tail -20 "$WORK/$name.log"; exit 1; }
  echo "$name $(cat "$WORK/time")" | tee -a "$WORK/times"
}
for run in $(seq "$RUNS"); do
  rm -rf "$WORK/rxpipe"
  for stage in ingest cleanse transform; do
    RXPIPE_SOURCE_KIND=csv RXPIPE_SOURCE_PATH=$PWD/$SRC RXPIPE_LAKE_ROOT=$WORK/rxpipe timed "rxpipe-$stage" "$BIN" "$stage" -q
  done
done
SUBMIT=(spark-submit --master "local[2]" --driver-memory "$MEMORY" --conf spark.ui.enabled=false
        --conf "spark.sql.shuffle.partitions=$PARTITIONS" spark/rxpipe_job.py)
timed spark-ingest "${SUBMIT[@]}" ingest --source "$SRC" --lake "$WORK/spark"
timed spark-cleanse "${SUBMIT[@]}" cleanse --lake "$WORK/spark"
timed spark-transform "${SUBMIT[@]}" transform --lake "$WORK/spark"

cmp "$WORK/rxpipe/cleansed/quality.json" "$WORK/spark/cleansed/quality.json"
equal=$(cd tests/oracles && RXPIPE_BIN=$BIN python - "$WORK/rxpipe" "$WORK/spark" <<'EOF'
import sys
from pathlib import Path
import test_spark_parity as T
ours, theirs = Path(sys.argv[1]), Path(sys.argv[2])
for table in T.TABLES:
    mine, spark = T.rows(ours, table), T.rows(theirs, table)
    assert len(mine) == len(spark), f"{table}: rxpipe {len(mine)} rows, Spark {len(spark)}"
    for i, (w, g) in enumerate(zip(mine, spark)):
        for column in w:
            assert T.equal(w[column], g.get(column)), f"{table} row {i} column {column}: {w[column]!r} vs {g.get(column)!r}"
print(f"{len(T.TABLES)} curated tables equal row by row")
EOF
)

mkdir -p bench/results
report=bench/results/spark-scale-out-$ROWS.md
python - "$WORK/times" "$ROWS" "$RUNS" "$MEMORY" "$PARTITIONS" "$equal" >"$report" <<'EOF'
import statistics
import sys
times, rows, runs, memory, partitions, equal = sys.argv[1:]
wall, rss = {}, {}
for line in open(times):
    name, seconds, kib = line.split()
    wall.setdefault(name, []).append(float(seconds))
    rss[name] = max(rss.get(name, 0), int(kib))
print(f"# rxpipe and the Spark job, {int(rows):,} rows\n")
print(f"rxpipe release build, median of {runs} runs; Spark local[2], driver memory {memory}, "
      f"{partitions} shuffle partitions, one run. Both lakes agree: quality.json byte for byte, {equal}.\n")
print("| stage | rxpipe | Spark | Spark / rxpipe | peak memory rxpipe / Spark |")
print("|---|---|---|---|---|")
total = [0.0, 0.0]
for stage in ("ingest", "cleanse", "transform"):
    ours, theirs = statistics.median(wall[f"rxpipe-{stage}"]), wall[f"spark-{stage}"][0]
    total[0] += ours
    total[1] += theirs
    print(f"| {stage} | {ours:.2f} s | {theirs:.0f} s | {theirs / ours:.0f}× | "
          f"{rss[f'rxpipe-{stage}'] / 1024:.0f} MiB / {rss[f'spark-{stage}'] / 1048576:.1f} GiB |")
print(f"| **three stages** | **{total[0]:.1f} s** | **{total[1]:.0f} s** | **{total[1] / total[0]:.0f}×** | |")
EOF
cat "$report"
