#!/usr/bin/env bash
# Install the project (editable) and serve it on http://127.0.0.1:8000 for development.
# Extra arguments go to `python -m app`, e.g. bash scripts/run.sh --port 8080
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

PY="${PYTHON:-python3}"
"$PY" -m pip install --disable-pip-version-check --root-user-action=ignore --quiet -e .
exec "$PY" -m app "$@"
