"""Figures of the decision boundary: what the grid adds to a reply, what it costs the server to
compute, and how long the page takes to draw it (headless Chromium at 1280 px).

Run alone with `python benchmarks/boundary.py [--quick]` (the draw-time part starts `python -m
app` and Chromium, about 10 s); `bash scripts/bench.sh` runs it too.
"""
from __future__ import annotations

import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from app.protocol import Conversation  # noqa: E402
from app.protocol.boundary import boundary_message  # noqa: E402

CASES = [
    ("XOR 2–2–1", {"dataset": "xor"}),
    ("circle, 100 points, 2–2–1", {"dataset": "circle"}),
    ("spiral, 400 points, 2–8×6–1", {"dataset": "spiral", "points": 400, "hidden": [8] * 6}),
]


def reply_bytes(setup):
    """(bytes of a `train` reply carrying a grid, bytes of the grid field, bytes of a reply
    whose grid is unchanged)."""
    conversation = Conversation()
    conversation.reply(json.dumps({"op": "configure", **setup}))
    with_grid = conversation.reply(json.dumps({"op": "train", "epochs": 1}))
    grid = json.dumps(json.loads(with_grid)["boundary"], separators=(",", ":"))
    conversation.reply(json.dumps({"op": "step"}))
    without = conversation.reply(json.dumps({"op": "step"}))  # a backward: no weight changed
    return len(with_grid), len(grid), len(without)


def grid_time_ms(setup, repeats):
    conversation = Conversation()
    conversation.reply(json.dumps({"op": "configure", **setup}))
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        boundary_message(conversation.session)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def draw_time_ms(repeats):
    """Median time of drawBoundary on the page's own canvas, 1280 px wide viewport."""
    from helpers.servers import start_dev_server
    from playwright.sync_api import sync_playwright

    server = start_dev_server()
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"])
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.goto(f"{server.base_url}/?dataset=circle")
            page.wait_for_function("() => document.getElementById('bp_status').textContent.startsWith('Fase')")
            result = page.evaluate(DRAW_TIMING, repeats)
            browser.close()
    finally:
        server.stop()
    return result


DRAW_TIMING = """async (repeats) => {
  const { drawBoundary } = await import('/static/js/render-boundary.js');
  const canvas = document.getElementById('bp_boundary');
  const box = canvas.getBoundingClientRect();
  const ctx = canvas.getContext('2d');
  const n = 48;
  // A wavy boundary, as a trained spiral network draws: several closed 0.5 contours.
  const values = Uint8Array.from({ length: n * n }, (_, k) => {
    const x = ((k % n) / n) * 6 - 3;
    const y = (Math.floor(k / n) / n) * 6 - 3;
    return Math.round(255 / (1 + Math.exp(-4 * Math.sin(2 * x) * Math.cos(1.5 * y))));
  });
  const X = Array.from({ length: 100 }, (_, k) => [Math.cos(k) * 0.8, Math.sin(k * 1.3) * 0.8]);
  const view = { grid: { size: n, plane: [-1.5, 1.5, -1.5, 1.5], values },
    data: { X, Y: X.map((_, k) => k % 2), train: 80 }, scratch: document.createElement('canvas'),
    colors: { fg: '#111111', muted: '#666666', bg: '#ffffff' }, labels: { x1: 'x1', x2: 'x2', legend: 'y' },
    formatTick: String };
  const times = [];
  for (let i = 0; i < repeats; i += 1) {
    const start = performance.now();
    drawBoundary(ctx, view, { width: box.width, height: box.height });
    ctx.getImageData(0, 0, 1, 1);  // wait for the drawing to be done
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const { contourSegments } = await import('/static/js/render-boundary.js');
  return { median: times[times.length >> 1], p95: times[Math.floor(times.length * 0.95)],
    width: box.width, height: box.height, segments: contourSegments(values, n).length };
}"""


def main():
    quick = "--quick" in sys.argv
    print(f"{'case':34} {'reply with grid':>16} {'grid field':>11} {'reply, grid unchanged':>22} {'grid compute':>13}")
    for name, setup in CASES:
        with_grid, grid, without = reply_bytes(setup)
        ms = grid_time_ms(setup, 20 if quick else 200)
        print(f"{name:34} {with_grid:>10,} bytes {grid:>5,} bytes {without:>16,} bytes {ms:>10.3f} ms")
    draw = draw_time_ms(20 if quick else 200)
    print(f"heat map draw (48×48 grid, {draw['segments']} contour segments, 100 examples, canvas {draw['width']:.0f}×{draw['height']:.0f} CSS px "
          f"at 1280 px): median {draw['median']:.2f} ms, p95 {draw['p95']:.2f} ms (target ≤ 4 ms)")


if __name__ == "__main__":
    main()
