"""How long "Pausar" and the next "Próximo passo" wait behind a `train` already running, in
headless Chromium against the Dockerfile's command, on the largest network (spiral, 400 points,
six hidden layers of 8, online: ~30 ms an epoch) at speed 9 (300 epochs a request).

Each run starts auto-training, lets it go for a while (a different time each run, so the pause
lands anywhere in a request), then clicks "Pausar" and "Próximo passo" in one task, as a student
would in quick succession, and reads from the page's own clock: pause → the last `train` answer,
the epochs it reports, "Próximo passo" → its `step` answer, and the page's longest task meanwhile
(the page reads an answer only when its main thread is free: on this network, drawing what waited
for the pause takes it for a while). Then the same on the wire, from a client without a page.
Medians are printed with the load.

Run alone with `python benchmarks/stop_delay.py [--runs N]` (about 3 s a run). Not a target: the
figure to compare is one epoch (~30 ms) against BP_MAX_TRAIN_SECONDS (1 s), what it was before a
`train` ended at the first epoch after another message arrived.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import time
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from helpers.ws import connect, recv_json, request  # noqa: E402

LARGEST = "?dataset=spiral&points=400&hidden=8,8,8,8,8,8&speed=9&max_epochs=1000000&target=0.0001"

# Before the page's scripts: every frame out (its op) and in (its reply_to), on the page's clock;
# an answer is noted once the page's own handler has read it (a few ms for the largest).
WIRE_PROBE = """(() => {
  window.__wire = [];
  window.__long = [];  // the page's long tasks: what keeps it from reading an answer that arrived
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__long.push([e.startTime, e.duration]);
  }).observe({ type: 'longtask', buffered: true });
  const note = (way, op, epoch) => window.__wire.push([way, performance.now(), op, epoch]);
  const send = WebSocket.prototype.send;
  WebSocket.prototype.send = function (data) {
    if (!this.__noted) {
      this.__noted = true;
      this.addEventListener('message', ({ data: text }) => { const m = JSON.parse(text); note('in', m.reply_to, m.epoch); });
    }
    note('out', JSON.parse(data).op, null);
    return send.call(this, data);
  };
})();"""
READY = "() => document.getElementById('bp_status').textContent.startsWith('Fase')"
# Pause and Próximo passo in one task, the way two quick clicks reach the page.
PAUSE_THEN_NEXT = """() => {
  const at = performance.now(), from = window.__wire.length;
  document.getElementById('bp_auto').click();
  document.getElementById('bp_next').click();
  return { at, from };
}"""
STEP_ANSWERED = """(from) => window.__wire.slice(from).some(([way, , op]) => way === 'in' && op === 'step')"""


def client_run(ws, train_s):
    """The same on the wire, from a client without a page: a `train` of 300 epochs, then, `train_s`
    later, the page's pause (an empty configure) and a `step`; ms from the pause to each answer,
    and the epochs the train did (None when it had ended before the pause)."""
    started = time.perf_counter()
    ws.send(json.dumps({"op": "train", "epochs": 300, "until": 0.0001}))
    time.sleep(train_s)
    sent = time.perf_counter()
    ws.send('{"op": "configure"}')
    ws.send('{"op": "step"}')
    answers = {}
    for _ in range(3):
        answer = recv_json(ws)
        answers[answer["reply_to"]] = (time.perf_counter() - sent) * 1000
        answers.setdefault("epoch", answer["epoch"])
    answers["paused_after_ms"] = (sent - started) * 1000
    return answers


def one_run(page, train_ms):
    from helpers.browser import wait_until

    page.get_by_role("button", name="Treinar automático").click()
    page.wait_for_timeout(train_ms)
    mark = page.evaluate(PAUSE_THEN_NEXT)
    wait_until(page, STEP_ANSWERED, mark["from"], timeout=30)
    seen = page.evaluate("(from) => window.__wire.slice(from)", mark["from"])
    answers = [(t, op, epoch) for way, t, op, epoch in seen if way == "in"]
    last_train = next(a for a in answers if a[1] == "train")
    step = next(a for a in answers if a[1] == "step")
    before = page.evaluate("(from) => window.__wire.slice(0, from)", mark["from"])
    epoch_before = [e for way, _, op, e in before if way == "in" and op == "train"][-1]
    long = page.evaluate("(at) => window.__long.filter(([t]) => t >= at)", mark["at"] - 1)
    return {"train_ms": last_train[0] - mark["at"], "step_ms": step[0] - mark["at"],
            "epochs": last_train[2] - epoch_before,
            "longest_task_ms": max((d for t, d in long if t < step[0]), default=0)}


def main():
    from helpers.browser import CHROMIUM_ARGS, wait_until
    from helpers.servers import start_gunicorn
    from playwright.sync_api import sync_playwright

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    server = start_gunicorn()
    runs, wire = [], []
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.add_init_script(WIRE_PROBE)
            page.goto(server.base_url + "/" + LARGEST)
            wait_until(page, READY)
            for i in range(args.runs):
                runs.append(one_run(page, 1200 + 137 * i))
                r = runs[-1]
                print(f"run {i + 1}: pause → the last train's answer {r['train_ms']:.0f} ms ({r['epochs']} epochs in it), "
                      f"Próximo passo → its answer {r['step_ms']:.0f} ms; the page's longest task meanwhile "
                      f"{r['longest_task_ms']:.0f} ms")
            browser.close()
        ws = connect(server.base_url)
        request(ws, {"op": "configure", "dataset": "spiral", "points": 400, "hidden": [8] * 6})
        wire = [client_run(ws, 0.2 + 0.1 * i) for i in range(args.runs)]
        ws.close()
    finally:
        server.stop()
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    median = {key: statistics.median(r[key] for r in runs) for key in runs[0]}
    print(f"in the page, median of {len(runs)}: pause → the last train's answer {median['train_ms']:.0f} ms, "
          f"Próximo passo → its answer {median['step_ms']:.0f} ms; the page's longest task meanwhile "
          f"{median['longest_task_ms']:.0f} ms")
    print(f"on the wire, median of {len(wire)}: pause → the train's answer "
          f"{statistics.median(w['train'] for w in wire):.0f} ms, the step's {statistics.median(w['step'] for w in wire):.0f} ms "
          f"(largest network, speed 9; load {load})")

if __name__ == "__main__":
    main()
