#!/usr/bin/env bash
# Benchmarks against real servers over real WebSockets; prints a table of figures.
# Usage: bash scripts/bench.sh [--quick] [--json FILE]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

PY="${PYTHON:-python3}"
"$PY" -m pip install --disable-pip-version-check --root-user-action=ignore --quiet -e '.[test]'
exec "$PY" benchmarks/run.py "$@"
