#!/usr/bin/env bash
# Installs what rxpipe needs on a fresh Debian 12 machine with Swift: the C libraries, fonts,
# PostgreSQL (for the real-server tests), Chromium and poppler (site checks), Java and the
# PostgreSQL JDBC driver (Spark interop and parity tests), and a project
# virtualenv with the Python test oracles. Idempotent; quick when everything is in place.
# Usage: scripts/setup.sh [system|python] — one part only (`make test` prepares the virtualenv
# while it builds); both parts when none is named.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(
  pkg-config zlib1g-dev libpq-dev libcmark-gfm-dev libcmark-gfm-extensions-dev libcairo2-dev libzstd-dev libdeflate-dev libssl-dev
  libcurl4-openssl-dev libxml2-dev
  fonts-dejavu-core postgresql chromium poppler-utils python3-venv openjdk-17-jre-headless
  libpostgresql-jdbc-java
)

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

setup_system() {
  missing=()
  for pkg in "${APT_PACKAGES[@]}"; do
    status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
    [ "$status" = "install ok installed" ] || missing+=("$pkg")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "setup: installing ${missing[*]}"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi

  command -v swift >/dev/null || { echo "setup: swift is not on PATH; install Swift 6 first" >&2; exit 1; }
}

setup_python() {
  # Python test oracles (DuckDB, pyarrow, …) live in the project's own virtualenv only.
  PYTHON=${PYTHON:-python3}
  stamp=.venv/.requirements.sha256
  want=$(sha256sum requirements-test.txt | cut -d' ' -f1)
  if [ ! -x .venv/bin/python ] || [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
    echo "setup: preparing .venv with the test oracles"
    [ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
    .venv/bin/python -m pip install -q --disable-pip-version-check -r requirements-test.txt
    echo "$want" > "$stamp"
  fi
}

case "${1:-all}" in
  system) setup_system ;;
  python) setup_python ;;
  all) setup_system; setup_python ;;
  *) echo "setup: unknown part '$1' (system or python)" >&2; exit 2 ;;
esac
echo "setup: everything is in place${1:+ ($1)}"
