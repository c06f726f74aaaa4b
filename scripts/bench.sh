#!/usr/bin/env bash
# Benchmarks against real servers over real WebSockets; prints a table of figures.
# Usage: bash scripts/bench.sh [--quick] [--json FILE]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

PY="${PYTHON:-python3}"
"$PY" -m pip install --disable-pip-version-check --root-user-action=ignore --quiet -e '.[test]'
"$PY" benchmarks/run.py "$@"
# The decision boundary: bytes a grid adds to a reply, its compute time, its draw time in Chromium.
quick=""
for arg in "$@"; do [ "$arg" = "--quick" ] && quick="--quick"; done
"$PY" benchmarks/boundary.py $quick
# The training engine in process: train against a bare NumPy loop and the step-by-step path.
"$PY" benchmarks/engine.py $( [ -n "$quick" ] && echo --repeats 2 )
# A reply's compression as browsers negotiate it: time and bytes per kind of reply, per terms.
"$PY" benchmarks/compression.py $quick
# Auto-training at full speed in Chromium: XOR to MSE < 0.01, epochs shown a second, frames a second.
exec "$PY" benchmarks/autotrain.py
