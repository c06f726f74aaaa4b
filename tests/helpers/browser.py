"""Launch Debian's Chromium through Playwright and watch a page for errors and outside requests."""

from __future__ import annotations

import math
import os
from pathlib import Path
from urllib.parse import urlsplit

CHROMIUM = os.environ.get("BP_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def check_chromium() -> str:
    """Return Chromium's path, or explain how to install it (never skip silently)."""
    if not Path(CHROMIUM).exists():
        raise AssertionError(
            f"Chromium is missing at {CHROMIUM}: the browser tests need it. "
            "Run `bash scripts/test.sh` (it installs Debian's chromium) or "
            "`apt-get update && apt-get install -y chromium`.")
    return CHROMIUM


def origin(url: str) -> str:
    """Return scheme-less host:port of an http(s)/ws(s) URL."""
    parts = urlsplit(url)
    port = parts.port or {"http": 80, "ws": 80, "https": 443, "wss": 443}.get(parts.scheme, 0)
    return f"{parts.hostname}:{port}"


class PageWatch:
    """Record console errors, page errors, failed requests and requests to other hosts."""

    def __init__(self, allowed: list[str]):
        self.allowed = {origin(u) for u in allowed}
        self.console_errors: list[str] = []
        self.page_errors: list[str] = []
        self.failed: list[str] = []
        self.outside: list[str] = []

    def allow(self, url: str) -> None:
        """Also accept requests to url's host:port."""
        self.allowed.add(origin(url))

    def attach(self, page) -> None:
        """Listen to one page's events."""
        page.on("console", self._on_console)
        page.on("pageerror", lambda err: self.page_errors.append(str(err)))
        page.on("request", lambda req: self._check_url(req.url))
        page.on("websocket", lambda ws: self._check_url(ws.url))
        page.on("requestfailed", self._on_failed)

    def _on_console(self, msg) -> None:
        if msg.type == "error":
            loc = msg.location or {}
            self.console_errors.append(f"{msg.text} ({loc.get('url', '')}:{loc.get('lineNumber', '')})")

    def _on_failed(self, req) -> None:
        self.failed.append(f"{req.method} {req.url}: {req.failure}")

    def _check_url(self, url: str) -> None:
        scheme = urlsplit(url).scheme
        if scheme in ("data", "blob", "about"):
            return
        if scheme not in ("http", "https", "ws", "wss") or origin(url) not in self.allowed:
            self.outside.append(url)

    def problems(self) -> list[str]:
        """Return every recorded problem as a readable line."""
        return (
            [f"console error: {e}" for e in self.console_errors]
            + [f"page error: {e}" for e in self.page_errors]
            + [f"failed request: {e}" for e in self.failed]
            + [f"request to another host: {u}" for u in self.outside]
        )


def lr_position(lr: float) -> str:
    """The η slider's value for lr (two significant digits): its positions are every η the table
    keeps, 90 a decade from 0.001 (static/js/control-specs.js, lrSlider)."""
    decade = math.floor(math.log10(lr) + 1e-9)
    return str((decade + 3) * 90 + round(lr / 10 ** (decade - 1)) - 10)


def wait_until(target, predicate: str, arg=None, timeout: float = 15.0) -> None:
    """Poll `predicate` (a JS function source) in `target` (a page or frame) until it is true.

    Playwright's own wait_for_function evaluates its predicate with eval() on later polls, which
    the app's Content-Security-Policy (no 'unsafe-eval') refuses whenever the first poll is false;
    `evaluate` calls the function without eval."""
    import time

    deadline = time.monotonic() + timeout
    while not target.evaluate(predicate, arg):
        if time.monotonic() > deadline:
            raise AssertionError(f"not true after {timeout} s: {predicate}")
        target.wait_for_timeout(50)


def frames_reach(page, frames, count, seconds=5):
    """Wait until Playwright has handed over `count` frames (its events come asynchronously)."""
    for _ in range(int(seconds * 50)):
        if len(frames) >= count:
            return
        page.wait_for_timeout(20)
    raise AssertionError(f"{len(frames)} frames, expected {count}")
