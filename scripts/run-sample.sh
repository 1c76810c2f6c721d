#!/usr/bin/env bash
# `make run`: runs the whole pipeline on the shipped sample (ingest → cleanse → transform →
# profile → render, incrementally) and says where the site is.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${1:-.build/release/rxpipe}

status=0
"$BIN" run || status=$?
if [ "$status" -ne 0 ] && [ "$status" -ne 3 ]; then
  exit "$status"
fi
[ "$status" -eq 3 ] && echo "a quality gate failed: see the banner on the overview and quality pages"
echo "site: $(pwd)/site/index.html"
echo "(open it in a browser; no server needed. \`$BIN runs\` lists the runs, \`$BIN diff previous latest\` compares the last two.)"
exit "$status"
