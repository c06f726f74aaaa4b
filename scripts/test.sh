#!/usr/bin/env bash
# Install everything the tests need, then run every test: node's (tests/js) and pytest's,
# browser tests included. Usage: bash scripts/test.sh [extra pytest arguments]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

PY="${PYTHON:-python3}"

echo "== installing the project and its test dependencies"
"$PY" -m pip install --disable-pip-version-check --root-user-action=ignore --quiet -e '.[test]'

bash scripts/install-system.sh

# axe-core (the accessibility scan of tests/test_a11y.py), from npm, into tests/axe (not committed).
AXE_VERSION=4.14.1
if [ ! -f tests/axe/node_modules/axe-core/axe.min.js ] \
    || ! grep -q "\"version\": \"$AXE_VERSION\"" tests/axe/node_modules/axe-core/package.json; then
    echo "== installing axe-core $AXE_VERSION from npm"
    npm install --no-save --no-package-lock --no-audit --no-fund --prefix tests/axe "axe-core@$AXE_VERSION"
fi

status=0

js_tests=$(find tests/js -type f \( -name '*.test.js' -o -name '*.test.mjs' -o -name '*.test.cjs' \
    -o -name '*-test.js' -o -name '*-test.mjs' -o -name '*_test.js' -o -name '*_test.mjs' \
    -o -name 'test-*.js' -o -name 'test-*.mjs' \) 2>/dev/null | sort || true)
if [ -n "$js_tests" ] && command -v node >/dev/null 2>&1; then
    echo "== node --test tests/js/"
    # shellcheck disable=SC2086
    node --test $js_tests || status=1
elif [ -n "$js_tests" ]; then
    echo "!! tests/js has tests but node is not installed: they did not run" >&2
    status=1
fi

echo "== python -m pytest"
set +e
"$PY" -m pytest "$@"
rc=$?
set -e
if [ "$rc" -eq 5 ]; then
    echo "!! pytest collected no tests: that counts as a failure" >&2
    rc=1
fi
if [ "$rc" -ne 0 ]; then
    status=$rc
fi

exit "$status"
