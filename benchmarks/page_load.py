"""How fast the page arrives, in headless Chromium against the production command (gunicorn):
bytes transferred and requests on a first visit, bytes on a repeat visit (304s), and the time from
navigation to the network's first drawing (the page's own
`bp-network-drawn` performance mark). Prints each figure beside its target.

Run alone with `python benchmarks/page_load.py [--quick]`; `bash scripts/bench.sh` runs it too.
"""
from __future__ import annotations

import statistics
import sys

from common import start_gunicorn

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]

READ_TIMINGS = """() => {
  const resources = performance.getEntriesByType('resource');
  const navigation = performance.getEntriesByType('navigation')[0];
  const drawn = performance.getEntriesByName('bp-network-drawn')[0];
  return {
    bytes: navigation.transferSize + resources.reduce((sum, r) => sum + r.transferSize, 0),
    requests: 1 + resources.filter((r) => r.initiatorType !== 'other' || r.name.startsWith('http')).length,
    drawn: drawn ? drawn.startTime : null,
  };
}"""


def measure(browser, url, runs):
    first, repeat = [], []
    for _ in range(runs):
        # bypass_csp: Playwright's waiting evaluates strings, which the page's CSP (rightly) refuses.
        context = browser.new_context(bypass_csp=True)
        page = context.new_page()
        page.goto(url)
        page.wait_for_function("performance.getEntriesByName('bp-network-drawn').length > 0")
        first.append(page.evaluate(READ_TIMINGS))
        page.goto(url)  # the same context: a repeat visit revalidates its cache
        page.wait_for_function("performance.getEntriesByName('bp-network-drawn').length > 0")
        repeat.append(page.evaluate(READ_TIMINGS))
        context.close()
    return first, repeat


def rows(quick=False):
    from playwright.sync_api import sync_playwright

    server = start_gunicorn()
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
            first, repeat = measure(browser, f"{server.base_url}/", 3 if quick else 10)
            browser.close()
    finally:
        server.stop()
    median = lambda key, runs: statistics.median(r[key] for r in runs if r[key] is not None)
    return [
        ("page, first visit: bytes transferred", median("bytes", first) / 1024, "KiB", "target ≤ 100 KB"),
        ("page, first visit: requests", median("requests", first), "", ""),
        ("page, repeat visit: bytes transferred", median("bytes", repeat) / 1024, "KiB", "304s for the files"),
        ("page: navigation to network drawn", median("drawn", first), "ms", f"median of {len(first)} first visits"),
    ]


if __name__ == "__main__":
    for name, value, unit, note in rows("--quick" in sys.argv):
        print(f"{name:<42} {value:>10.1f} {unit:<6} {note}")
