"""Auto-training at full speed in headless Chromium: XOR 2–2–1, η = 0.5. How long from the
click to "Erro (MSE)" < 0.01 and at how many frames a second; epochs shown per second over 5 s
from 0.2 s after the click (or to the run's end: toward the target 0.0001, XOR stops at epoch
14,056, about a second at full speed), and where that time went: each `train` reply's epochs and
size, the time from a request going out to its answer (the server's work) and from an answer to
the next request (the page's). Each line also gives the longest gap between two frames and how
many frames took over 20 ms (a dropped frame at 60 Hz), the frames a student sees stutter; each
such frame of the run to the target is listed with what happened in it (`--frames`): how long after
the click it ended, and which `train` answers arrived while it was drawn (the first answer, the
last one, which carries the stop).

The page times itself: the clock starts at the click event on "Treinar automático" (the button is
found and measured before, so Playwright's search for it is not counted) and stops at the first
frame after the stop message was written (that frame's drawing and layout are counted); frames
are the page's requestAnimationFrame callbacks in between. What the page draws once the stop is
on screen (the math panel, the views out of sight) is not in that window: the longest frame of the
half second after it is printed beside it, so work moved past the stop still shows.

`--trace` records a Chromium trace of the run to the target and prints the main-thread task of
the stop frame and the longest task before it, with their script, style, layout and paint
(benchmarks/frame_trace.py; tracing slows the page, so compare traced runs with traced runs).

Run alone with `python benchmarks/autotrain.py [--runs N] [--server production|dev] [--frames] [--trace]` (about 15 s
a run; starts the Dockerfile's command — gunicorn with its gevent workers, what students get — or
the README's `python -m app`, and Chromium; with several runs, each run and the medians);
`bash scripts/bench.sh` runs it too. Targets (issue 8): ≤ 1 s at ≥ 55 fps, and ≥ 10,000 epochs
a second at ≥ 55 fps.
"""
from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "benchmarks"))

import frame_trace  # noqa: E402  (beside this file)

# Frame times, the click's time and the time the stop message is written, all in the page's clock;
# `shown` settles at the first frame after the stop (waited for in one call: polling the page with
# an evaluate every 50 ms put tasks of up to 2 ms on its main thread in the frames it measures).
WATCH = """() => {
  const watch = { frames: [], click: null, stopped: null };
  window.__bpWatch = watch;
  let shown;
  watch.shown = new Promise((resolve) => { shown = resolve; });
  const tick = (t) => {
    watch.frames.push(t);
    if (watch.stopped !== null && t > watch.stopped) shown();
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
  document.getElementById('bp_auto').addEventListener('click', (event) => { watch.click ??= event.timeStamp; },
    { capture: true, once: true });
  const message = document.getElementById('bp_msg');
  new MutationObserver(() => {
    if (watch.stopped === null && message.textContent.startsWith('Treino parado')) watch.stopped = performance.now();
  }).observe(message, { childList: true, characterData: true, subtree: true });
}"""
READ = """() => ({ ...window.__bpWatch, now: performance.now(),
  epoch: Number(document.getElementById('bp_epoch').textContent) })"""
READY = "() => document.getElementById('bp_status').textContent.startsWith('Fase')"
# The frames after the stop are watched this long (ms): what waited for the pause (the math panel,
# the views out of sight) is drawn in them, when nothing moves any more; their longest is printed.
AFTER_MS = 500
SHOWN = """(ms) => Promise.race([window.__bpWatch.shown,
  new Promise((_, reject) => setTimeout(() => reject(new Error(`no stop shown after ${ms} ms`)), ms))])"""


# Before the page's own scripts: note when each `train` goes out and when each answer comes in.
WIRE_PROBE = """(() => {
  window.__wire = [];
  const Native = window.WebSocket;
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args);
      // Registered before the page's onmessage: runs first, before the reply is parsed.
      this.addEventListener('message', (event) => {
        if (event.data.includes('"reply_to":"train"')) {
          window.__wire.push(['in', performance.now(), event.data.length, window.__frames || 0]);
        }
      });
    }
    send(data) {
      if (typeof data === 'string' && data.includes('"train"')) window.__wire.push(['out', performance.now(), 0, 0]);
      return super.send(data);
    }
  };
})();"""


def breakdown(wire, epochs):
    """Medians of the server's time (request out → answer in), the page's (answer in → next
    request out) in ms, and the answers' size in bytes; epochs an answer on average."""
    server, page, sizes = [], [], []
    for (kind, at, size, _), (next_kind, next_at, next_size, _) in zip(wire, wire[1:]):
        if kind == 'out' and next_kind == 'in':
            server.append(next_at - at)
            sizes.append(next_size)
        elif kind == 'in' and next_kind == 'out':
            page.append(next_at - at)
    med = lambda values: statistics.median(values) if values else float('nan')
    return med(server), med(page), med(sizes), epochs / max(1, len(sizes))


def frames_between(frames, start, end, from_event=False):
    """Frames a second, the longest gap (ms) and the gaps over 20 ms, in [start, end]. With
    from_event, start is an event's time (the click) and the wait from it to the first frame
    counts as a gap too: the frame answering the click is as late as that."""
    times = [t for t in frames if start <= t <= end]
    edges = [start, *times] if from_event else times
    gaps = [b - a for a, b in zip(edges, edges[1:])]
    seconds = (end - start) / 1000
    return {"fps": len(times) / seconds, "longest": max(gaps, default=0.0), "over20": sum(g > 20 for g in gaps)}


def long_frames(frames, wire, start, end, over=20.0):
    """The frames over `over` ms in [start, end], each as (ms from start to its end, its length,
    what it held). A frame is the gap between two animation-frame callbacks: the first one's
    rendering (the store draws in its callback) and whatever ran until the next; so it drew the
    `train` answers that arrived in the gap before it (by number, 1 the first; the last carries the
    stop), and parsed those arriving inside it."""
    answers = [at for kind, at, _, _ in wire if kind == 'in' and start <= at <= end]
    times = [start, *(t for t in frames if start <= t <= end)]  # from the click: as in frames_between
    named = lambda lo, hi: [f"{k + 1}{' (the last)' if k + 1 == len(answers) else ''}"
                            for k, at in enumerate(answers) if lo <= at < hi]
    found = []
    for i, (a, b) in enumerate(zip(times, times[1:])):
        if b - a > over:
            drew, came = named(times[i - 1] if i else start, a), named(a, b)
            what = "; ".join(part for part in (drew and f"drew answer {', '.join(drew)}",
                                               came and f"answer {', '.join(came)} arrived") if part)
            found.append((b - start, b - a, what or ("the click to its first frame" if i == 0
                                                     else "no answer drawn or arrived")))
    return found


def click_training(page, base_url, query):
    """Open the page, wait for its first state, start the watch and click "Treinar automático"."""
    from helpers.browser import wait_until

    page.goto(f"{base_url}/{query}")
    wait_until(page, READY)
    box = page.get_by_role("button", name="Treinar automático").bounding_box()
    page.evaluate(WATCH)
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)


def to_target(page, base_url):
    click_training(page, base_url, "?lr=0.5&speed=10")
    page.evaluate(SHOWN, 60_000)
    page.wait_for_timeout(AFTER_MS)
    watch = page.evaluate(READ)
    end = next(t for t in watch["frames"] if t > watch["stopped"])  # the frame with the message is done
    wire = page.evaluate("() => window.__wire ?? []")  # the WIRE_PROBE, when the page has it
    return {"seconds": (end - watch["click"]) / 1000, "epoch": watch["epoch"],
            **frames_between(watch["frames"], watch["click"], end, from_event=True),
            "after": frames_between(watch["frames"], end, end + AFTER_MS)["longest"],
            "long": long_frames(watch["frames"], wire, watch["click"], end)}


def steady(page, base_url):
    click_training(page, base_url, "?lr=0.5&speed=10&target=0.0001&max_epochs=1000000")
    page.wait_for_timeout(200)  # past the first request; the run may last only a second
    first = {**page.evaluate(READ), "wire": page.evaluate("() => window.__wire.length")}
    page.wait_for_timeout(5000)
    last = page.evaluate(READ)
    wire = page.evaluate(f"() => window.__wire.slice({first['wire']})")
    if last["stopped"] is not None:
        # The run ended within the window: count up to its stop, not the idle seconds after it.
        last["now"] = last["stopped"]
    seconds = (last["now"] - first["now"]) / 1000
    server_ms, page_ms, size, per_answer = breakdown(wire, last["epoch"] - first["epoch"])
    return {"epochs": (last["epoch"] - first["epoch"]) / seconds,
            **frames_between(last["frames"], first["now"], last["now"]),
            "per_answer": per_answer, "server_ms": server_ms, "page_ms": page_ms, "kB": size / 1000,
            "seconds": seconds}


def print_run(a, b, label="", frames=False):
    print(f"{label}XOR 2–2–1, η 0.5, full speed: click → MSE < 0.01 in {a['seconds']:.2f} s (epoch {a['epoch']:.0f}), "
          f"{a['fps']:.0f} frames/s, longest frame {a['longest']:.0f} ms, {a['over20']:g} over 20 ms "
          f"(target ≤ 1 s at ≥ 55); then the longest frame of the {AFTER_MS} ms after the stop {a['after']:.0f} ms")
    for at, length, what in a.get("long", []) if frames else []:
        print(f"{label}  a frame of {length:.0f} ms ending {at:.0f} ms after the click: {what}")
    print(f"{label}XOR 2–2–1 at full speed: {b['epochs']:,.0f} epochs shown a second, {b['fps']:.0f} frames/s, "
          f"longest frame {b['longest']:.0f} ms, {b['over20']:g} over 20 ms, over {b['seconds']:.1f} s "
          f"(target ≥ 10,000 at ≥ 55)")
    print(f"{label}  where it went: {b['per_answer']:,.0f} epochs an answer; median request → answer "
          f"{b['server_ms']:.1f} ms, answer → next request {b['page_ms']:.1f} ms; answers of {b['kB']:.1f} kB")


def print_trace(found, label):
    if found is None:
        print(f"{label}trace: the stop frame's task was not found")
        return
    stop, longest, at = found
    print(f"{label}traced: the stop frame's task {stop}; the longest before it, {at:.0f} ms after the click, {longest}")


def main():
    from helpers.browser import CHROMIUM_ARGS
    from helpers.servers import start_dev_server, start_gunicorn
    from playwright.sync_api import sync_playwright

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=1, help="runs, each on a fresh page (medians printed)")
    parser.add_argument("--server", choices=("production", "dev"), default="production",
                        help="the Dockerfile's gunicorn (default) or `python -m app`")
    parser.add_argument("--frames", action="store_true",
                        help="list each frame over 20 ms of the run to the target, with the answers that arrived in it")
    parser.add_argument("--trace", action="store_true",
                        help="trace the run to the target in Chromium (it then runs slower) and print the main-thread "
                             "task of the stop frame and the longest one before it (benchmarks/frame_trace.py)")
    args = parser.parse_args()
    runs = args.runs
    server = start_gunicorn() if args.server == "production" else start_dev_server()
    results = []
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
            for i in range(runs):
                page = browser.new_page(viewport={"width": 1280, "height": 900})
                page.add_init_script(WIRE_PROBE)
                label = f"run {i + 1}: " if runs > 1 else ""
                if args.trace:
                    page.add_init_script(frame_trace.STOP_MARK)
                    browser.start_tracing(page=page, categories=frame_trace.CATEGORIES)
                target = to_target(page, server.base_url)
                if args.trace:
                    print_trace(frame_trace.stop_and_longest(browser.stop_tracing()), label)
                results.append((target, steady(page, server.base_url)))
                page.close()
                print_run(*results[-1], label=label, frames=args.frames)
            browser.close()
    finally:
        server.stop()
    if runs > 1:
        median = lambda k, key: statistics.median(r[k][key] for r in results)
        keys = lambda k: [key for key in results[0][k] if key != "long"]
        print_run(*({key: median(k, key) for key in keys(k)} for k in (0, 1)), label=f"median of {runs}: ")


if __name__ == "__main__":
    main()
