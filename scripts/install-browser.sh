#!/usr/bin/env bash
# Make sure Debian's Chromium is at /usr/bin/chromium (the browser tests drive it through
# Playwright; `playwright install` cannot download browsers here, so it is never used).
set -euo pipefail

CHROMIUM="${BP_CHROMIUM:-/usr/bin/chromium}"
if [ -x "$CHROMIUM" ]; then
    exit 0
fi

echo "== installing Debian's chromium (absent at $CHROMIUM)"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    SUDO="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update
$SUDO apt-get install -y chromium

if [ ! -x "$CHROMIUM" ]; then
    echo "!! chromium is still missing at $CHROMIUM" >&2
    exit 1
fi
