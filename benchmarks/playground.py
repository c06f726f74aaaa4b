"""TensorFlow Playground's first network drawing, timed in the browser page_load.py uses, as the
yardstick of issue 7 ("first network drawn ≤ 0.5× TensorFlow Playground's time").

The playground is built by `bash benchmarks/build_playground.sh` into benchmarks/.playground/dist
(gitignored) and served here from 127.0.0.1 by a plain static file server. Its page asked for
Google Fonts and Google Analytics: the build strips both, and every request that would leave this
machine is aborted here anyway (and reported on stderr). Without web fonts its
icons show as words, which if anything makes it faster.

"Drawn" is the moment its network's first neuron (an SVG `g.node` under #network) is in the
document, observed by a MutationObserver installed before any of its scripts run.
"""
from __future__ import annotations

import functools
import sys
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

DIST = Path(__file__).resolve().parent / ".playground" / "dist"

MARK_FIRST_NODE = """
new MutationObserver((records, observer) => {
  if (document.querySelector('#network svg g.node')) {
    performance.mark('tfp-network-drawn');
    observer.disconnect();
    requestAnimationFrame(() => requestAnimationFrame(() => performance.mark('tfp-network-seen')));
  }
}).observe(document, { childList: true, subtree: true });
"""


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve(folder):
    """A static file server on an ephemeral port of 127.0.0.1, in a daemon thread."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def measure(browser, runs):
    """Milliseconds from navigation to the first neuron and to two animation frames after it (the
    frame showing it produced), one pair of lists over fresh contexts; or, when the playground is
    not built, the reason as a string."""
    if not (DIST / "index.html").is_file():
        return f"no build in {DIST} (run: bash benchmarks/build_playground.sh)"
    server = serve(DIST)
    url = f"http://127.0.0.1:{server.server_port}/index.html"
    outside = []

    def keep_local(route):
        if urlsplit(route.request.url).hostname == "127.0.0.1":
            return route.continue_()
        outside.append(route.request.url)
        return route.abort()

    times, seen = [], []
    try:
        for _ in range(runs):
            context = browser.new_context()
            context.route("**/*", keep_local)
            page = context.new_page()
            page.add_init_script(MARK_FIRST_NODE)
            page.goto(url)
            page.wait_for_function("performance.getEntriesByName('tfp-network-seen').length > 0")
            times.append(page.evaluate("performance.getEntriesByName('tfp-network-drawn')[0].startTime"))
            seen.append(page.evaluate("performance.getEntriesByName('tfp-network-seen')[0].startTime"))
            context.close()
    finally:
        server.shutdown()
    if outside:
        print(f"TF Playground: {len(outside)} request(s) leaving this machine aborted, e.g. {outside[0]}",
              file=sys.stderr)
    return times, seen
