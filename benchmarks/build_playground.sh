#!/usr/bin/env bash
# Build TensorFlow Playground (github.com/tensorflow/playground) into benchmarks/.playground/ for
# page_load.py's comparison figure. Its page asks for Google Fonts and Google Analytics: both are
# stripped from the built index.html (page_load.py also blocks any request leaving localhost).
# Usage: bash benchmarks/build_playground.sh [SOURCE]   (SOURCE: a git URL or a local clone;
# default https://github.com/tensorflow/playground). Needs git, node and npm.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
SOURCE="${1:-https://github.com/tensorflow/playground}"
OUT=.playground
rm -rf "$OUT"
git clone --quiet --depth 1 "$SOURCE" "$OUT/src"
cd "$OUT/src"
npm ci --no-audit --no-fund --loglevel=error
mkdir -p dist
npm run --silent build
# No request may leave the machine: drop the web-font link and the analytics script.
sed -i -e '/fonts.googleapis.com/d' -e '/<script src="analytics.js"><\/script>/d' dist/index.html
mv dist ../dist
echo "TensorFlow Playground built in benchmarks/$OUT/dist"
