#!/usr/bin/env bash
# PostgreSQL source benchmark (not a test): generates ROWS CMS rows, loads them into a throwaway
# local PostgreSQL with `rxpipe db load`, then reads the four tables back with `rxpipe db read`
# (binary COPY), and ingests them into a scratch lake's raw zone with `rxpipe ingest` (three runs
# each). Prints the commands' own figures.
#
#   bench/pg_bench.sh [ROWS=2500000]
set -euo pipefail
cd "$(dirname "$0")/.."
ROWS=${1:-2500000}
BIN=.build/release/rxpipe
PG_BIN=${RXPIPE_PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}
PORT=54329
[ -x "$PG_BIN/initdb" ] || { echo "pg_bench: PostgreSQL binaries not found; run \`make setup\`" >&2; exit 1; }
[ -x "$BIN" ] || swift build -c release

BASE=$(mktemp -d /tmp/pgtest.XXXXXX)
DATA=$(mktemp -d /tmp/rxpipe-pgbench.XXXXXX)
as_server() {
  if [ "$(id -u)" -eq 0 ]; then setpriv --reuid=postgres --regid=postgres --init-groups -- "$@"; else "$@"; fi
}
[ "$(id -u)" -eq 0 ] && chown postgres: "$BASE"
chmod 700 "$BASE"
stop() {
  if [ -f "$BASE/data/postmaster.pid" ]; then
    kill -INT "$(head -1 "$BASE/data/postmaster.pid")" 2>/dev/null || true
    for _ in $(seq 1 100); do [ -f "$BASE/data/postmaster.pid" ] || break; sleep 0.1; done
  fi
  rm -rf "$BASE" "$DATA"
}
trap stop EXIT

"$BIN" sample --rows "$ROWS" --years 2022 --out "$DATA" --quiet >/dev/null
(cd "$BASE" && as_server "$PG_BIN/initdb" -D "$BASE/data" -A trust -U postgres -E UTF8 --locale=C -N --no-instructions >"$BASE/initdb.log")
(cd "$BASE" && as_server "$PG_BIN/pg_ctl" -D "$BASE/data" -l "$BASE/server.log" -w -t 30 \
  -o "-k $BASE -p $PORT -c listen_addresses='' -c fsync=off -c synchronous_commit=off -c full_page_writes=off" start >/dev/null)
URL="host=$BASE port=$PORT user=postgres dbname=postgres"

echo "== rxpipe db load ($ROWS rows)"
/usr/bin/time -f "wall %e s, peak RSS %M KB" "$BIN" db load --to "$URL" --from "$DATA" 2>&1 | grep -v '^  skipped' | tail -8
for run in 1 2 3; do
  echo "== rxpipe db read, run $run"
  /usr/bin/time -f "wall %e s, peak RSS %M KB" "$BIN" db read --from "$URL" 2>&1
done
for run in 1 2 3; do
  echo "== rxpipe ingest from PostgreSQL into the raw zone, run $run"
  LAKE=$(mktemp -d /tmp/rxpipe-pgbench-lake.XXXXXX)
  RXPIPE_SOURCE_KIND=postgres RXPIPE_SOURCE_URL="$URL" RXPIPE_LAKE_ROOT="$LAKE" \
    /usr/bin/time -f "wall %e s, peak RSS %M KB" "$BIN" ingest --quiet 2>&1 | grep -E "prescriber_drug|wall"
  rm -rf "$LAKE"
done
