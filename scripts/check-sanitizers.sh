#!/usr/bin/env bash
# `make check-sanitizers`: the Swift suites and a whole pipeline run on the shipped sample under
# AddressSanitizer, then under ThreadSanitizer, each in its own build folder (a sanitized build
# shares nothing with the plain one). Any report fails the run: ASan aborts on the first error,
# TSan is told to (halt_on_error).
# Usage: scripts/check-sanitizers.sh [--pipeline-only] [address|thread ...]
# --pipeline-only builds only the rxpipe binary and runs the sample through it (what CI runs
# after make test: a few minutes per sanitizer instead of ten to twenty).
set -euo pipefail
cd "$(dirname "$0")/.."
PIPELINE_ONLY=false
if [ "${1:-}" = --pipeline-only ]; then PIPELINE_ONLY=true; shift; fi
SANITIZERS=("$@")
[ ${#SANITIZERS[@]} -gt 0 ] || SANITIZERS=(address thread)
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0:abort_on_error=1}
export TSAN_OPTIONS=${TSAN_OPTIONS:-halt_on_error=1}
for sanitizer in "${SANITIZERS[@]}"; do
  build=.build-$sanitizer
  echo "check-sanitizers: $sanitizer: building into $build"
  if $PIPELINE_ONLY; then
    swift build --product rxpipe --sanitize="$sanitizer" --build-path "$build"
  else
    swift build --build-tests --sanitize="$sanitizer" --build-path "$build"
    echo "check-sanitizers: $sanitizer: Swift suites"
    swift test --skip-build --sanitize="$sanitizer" --build-path "$build"
  fi
  echo "check-sanitizers: $sanitizer: rxpipe run on the shipped sample"
  work=$(mktemp -d "/tmp/rxpipe-$sanitizer.XXXXXX")
  RXPIPE_LAKE_ROOT=$work/lake RXPIPE_SITE_DIR=$work/site "$build/debug/rxpipe" run -q
  RXPIPE_LAKE_ROOT=$work/lake RXPIPE_SITE_DIR=$work/site "$build/debug/rxpipe" audit -q >/dev/null
  rm -rf "$work"
done
echo "check-sanitizers: no sanitizer report"
