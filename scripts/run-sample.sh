#!/usr/bin/env bash
# `make run`: runs rxpipe on the shipped sample and says what it produced.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${1:-.build/release/rxpipe}

if "$BIN" --help | grep -qE '^ +run +'; then
  "$BIN" run
  echo "site: $(pwd)/site/index.html"
  exit 0
fi

echo "== rxpipe ingest (the shipped sample in local_data/raw → the lake's raw zone)"
"$BIN" ingest
echo
echo "== rxpipe lake ls"
"$BIN" lake ls
cat <<'MSG'

No site/index.html yet: cleanse, transform, profile, render and `rxpipe run` (which chains
them) are still open issues. What exists today: configuration, the sample generator, the CSV
and PostgreSQL readers, raw ingest, the Parquet lake and the chart library.
MSG
