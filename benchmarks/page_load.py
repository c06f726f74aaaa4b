"""How fast the page arrives, in headless Chromium against the production command (gunicorn):
bytes transferred and requests on a first visit, bytes on a repeat visit (304s), and the time from
navigation to the network's first drawing (the page's own
`bp-network-drawn` performance mark). Prints each figure beside its target. Also, not a target:
when the network is on screen, two animation frames after the drawing, for both pages (the drawing
is not the frame a student sees: the rest of the start-up and that frame's work come between).

Bytes are read once the page has drawn its network *and* the network has been quiet for 500 ms
(Playwright's "networkidle"), so a module fetched with import() at start-up would be counted.

With TensorFlow Playground built (`bash benchmarks/build_playground.sh`, into the gitignored
benchmarks/.playground/), the same run also times its first network drawing, served from this
machine, and prints our time as a fraction of it (issue 7's target: ≤ 0.5×). Without the build
that figure is skipped with the reason printed.

Run alone with `python benchmarks/page_load.py [--quick]`; `bash scripts/bench.sh` runs it too.
"""
from __future__ import annotations

import statistics
import sys

import playground
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

# When the drawing is on screen: the page's rendering is blocked until its script ran, and the
# frame that paints the canvas comes after the rest of the start-up; two animation frames after
# the mark, that frame has been produced (the Playground's mark gets the same, see playground.py).
MARK_SEEN = """
new PerformanceObserver((list, observer) => {
  if (!list.getEntries().some((entry) => entry.name === 'bp-network-drawn')) return;
  observer.disconnect();
  requestAnimationFrame(() => requestAnimationFrame(() => performance.mark('bp-network-seen')));
}).observe({ type: 'mark' });
"""


def measure(browser, url, runs):
    first, repeat = [], []
    for _ in range(runs):
        # bypass_csp: Playwright's waiting evaluates strings, which the page's CSP (rightly) refuses.
        context = browser.new_context(bypass_csp=True)
        page = context.new_page()
        page.goto(url)
        page.wait_for_function("performance.getEntriesByName('bp-network-drawn').length > 0")
        page.wait_for_load_state("networkidle")
        first.append(page.evaluate(READ_TIMINGS))
        page.goto(url)  # the same context: a repeat visit revalidates its cache
        page.wait_for_function("performance.getEntriesByName('bp-network-drawn').length > 0")
        page.wait_for_load_state("networkidle")
        repeat.append(page.evaluate(READ_TIMINGS))
        context.close()
    return first, repeat


def measure_seen(browser, url, runs):
    """Milliseconds from navigation to two frames after the drawing, in visits of their own: the
    observer this needs, injected before the page's script, delays the drawing itself."""
    seen = []
    for _ in range(runs):
        context = browser.new_context(bypass_csp=True)
        page = context.new_page()
        page.add_init_script(MARK_SEEN)
        page.goto(url)
        page.wait_for_function("performance.getEntriesByName('bp-network-seen').length > 0")
        seen.append(page.evaluate("performance.getEntriesByName('bp-network-seen')[0].startTime"))
        context.close()
    return seen


def rows(quick=False):
    from playwright.sync_api import sync_playwright

    server = start_gunicorn()
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
            runs = 3 if quick else 10
            first, repeat = measure(browser, f"{server.base_url}/", runs)
            ours_seen = statistics.median(measure_seen(browser, f"{server.base_url}/", runs))
            theirs = playground.measure(browser, runs)
            theirs, theirs_seen = theirs if isinstance(theirs, tuple) else (theirs, None)
            browser.close()
    finally:
        server.stop()
    median = lambda key, runs: statistics.median(r[key] for r in runs if r[key] is not None)
    ours = median("drawn", first)
    rows = [
        ("page, first visit: bytes transferred", median("bytes", first) / 1024, "KiB", "target ≤ 100 KB"),
        ("page, first visit: requests", median("requests", first), "", ""),
        ("page, repeat visit: bytes transferred", median("bytes", repeat) / 1024, "KiB", "304s for the files"),
        ("page: navigation to network drawn", ours, "ms", f"median of {len(first)} first visits"),
    ]
    if isinstance(theirs, str):
        print(f"TensorFlow Playground comparison skipped: {theirs}", file=sys.stderr)
        return rows
    return rows + [
        ("TF Playground: navigation to network drawn", statistics.median(theirs), "ms",
         f"median of {len(theirs)} first visits, same browser"),
        ("page: first drawing / TF Playground's", ours / statistics.median(theirs), "×", "target ≤ 0.5×"),
        ("page: network on screen", ours_seen, "ms", "two frames after the drawing"),
        ("TF Playground: network on screen", statistics.median(theirs_seen), "ms",
         "two frames after its first neuron"),
        ("page: on screen / TF Playground's", ours_seen / statistics.median(theirs_seen), "×", "not a target"),
    ]


if __name__ == "__main__":
    for name, value, unit, note in rows("--quick" in sys.argv):
        # A ratio with two decimals: 0.55 must not read as the target's 0.5.
        print(f"{name:<42} {value:>10.{2 if unit == '×' else 1}f} {unit:<6} {note}")
