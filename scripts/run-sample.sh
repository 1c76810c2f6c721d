#!/usr/bin/env bash
# `make run`: runs rxpipe on the shipped sample and prints where the site is.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${1:-.build/release/rxpipe}
"$BIN" config
