#!/usr/bin/env bash
# Make sure the Debian packages the tests need are there: chromium at /usr/bin/chromium (the
# browser tests drive it through Playwright; `playwright install` cannot download browsers here,
# so it is never used), node (the JavaScript unit tests, and the real JSON round trips of
# the resume tests) with npm (axe-core for the accessibility scan), and nginx (the load balancer
# of tests/test_scale_out.py). Installs only what is absent.
set -euo pipefail

CHROMIUM="${BP_CHROMIUM:-/usr/bin/chromium}"
missing=()
[ -x "$CHROMIUM" ] || missing+=(chromium)
command -v node >/dev/null 2>&1 || missing+=(nodejs)
[ -x /usr/sbin/nginx ] || command -v nginx >/dev/null 2>&1 || missing+=(nginx)
command -v npm >/dev/null 2>&1 || missing+=(npm)
if [ "${#missing[@]}" -eq 0 ]; then
    exit 0
fi

echo "== installing Debian's ${missing[*]}"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    SUDO="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update
$SUDO apt-get install -y "${missing[@]}"

if [ ! -x "$CHROMIUM" ] || ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1 \
        || ! [ -x /usr/sbin/nginx ]; then
    echo "!! chromium, node, npm or nginx is still missing" >&2
    exit 1
fi
