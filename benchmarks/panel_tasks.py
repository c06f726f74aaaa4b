"""The page's longest main-thread task after what shows a new math panel, in headless Chromium
against the Dockerfile's command: on the largest network (spiral, 400 points, six hidden layers of
8, online) and on the default 2–2–1 XOR, at 1280 × 900.

Each run opens the page and reads, from a PerformanceObserver of long tasks (≥ 50 ms; 0 when
none), the longest task in the 1.5 s after each of: Próximo passo three times (forward, backward,
update), a switch to English and back, Reset and a step; then, three times, auto-training at speed
9 for 1.2–1.5 s, and Pausar and Próximo passo in one task (2.5 s), as in `stop_delay.py`. It also
prints how many elements the panel holds then (the whole panel once the page is idle). Medians of
the runs are printed with the load. With `--trace`, the longest task after the first pause and
after the backward step, broken down (script, style, layout, paint; `frame_trace.py`). Not a
target, and no test asserts a time.

Run alone with `python benchmarks/panel_tasks.py [--runs N] [--trace]` (about 30 s a run).
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

import frame_trace  # noqa: E402

NETWORKS = {"2–8×6–1 spiral 400": "?dataset=spiral&points=400&hidden=8,8,8,8,8,8&speed=9&max_epochs=1000000&target=0.0001",
            "2–2–1 XOR": "?speed=9&max_epochs=1000000&target=0.0001"}
LONG_TASKS = """(() => { window.__long = [];
  new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__long.push([e.startTime, e.duration]); })
    .observe({ type: 'longtask', buffered: true }); })();"""
READY = "() => document.getElementById('bp_status').textContent.startsWith('Fase')"
CLICK = "(id) => document.getElementById(id).click()"
LANGUAGE = """(lang) => { const select = document.getElementById('bp_lang');
  select.value = lang; select.dispatchEvent(new Event('change', { bubbles: true })); }"""
PAUSE_THEN_NEXT = "() => { document.getElementById('bp_auto').click(); document.getElementById('bp_next').click(); }"
ELEMENTS = "() => document.getElementById('bp_math').getElementsByTagName('*').length"
ACTIONS = [("forward", CLICK, "bp_next"), ("backward", CLICK, "bp_next"), ("update", CLICK, "bp_next"),
           ("English", LANGUAGE, "en"), ("Português", LANGUAGE, "pt-BR"), ("reset", CLICK, "bp_reset"),
           ("step after reset", CLICK, "bp_next")]
TRACED = ("backward", "pause 1")


def longest_after(page, script, arg, ms, trace):
    """The longest task (ms) in the `ms` after running script(arg), and its breakdown when traced."""
    browser = page.context.browser
    if trace:
        browser.start_tracing(page=page, categories=frame_trace.CATEGORIES)
    at = page.evaluate("() => performance.now()")
    page.evaluate(script, arg)
    page.wait_for_timeout(ms)
    longest = max((d for t, d in page.evaluate("(at) => window.__long.filter(([t]) => t >= at)", at - 1)), default=0)
    return longest, trace_text(browser.stop_tracing()) if trace else None


def trace_text(trace: bytes) -> str:
    """The longest main-thread task of a trace, with where its time went."""
    events = json.loads(trace)["traceEvents"]
    mains = {(e["pid"], e["tid"]) for e in events if e.get("name") == "thread_name" and e["args"]["name"] == "CrRendererMain"}
    thread = [e for e in events if (e.get("pid"), e.get("tid")) in mains and e.get("ph") == "X"]
    task = max((e for e in thread if e["name"] in frame_trace.TASKS), key=lambda e: e["dur"])
    return frame_trace.describe(task["dur"] / 1000, frame_trace._spent(thread, task))


def one_run(browser, url, trace):
    from helpers.browser import wait_until

    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.add_init_script(LONG_TASKS)
    page.goto(url)
    wait_until(page, READY)
    page.wait_for_timeout(800)
    longest, elements, traces = {}, {}, {}
    for name, script, arg in ACTIONS:
        longest[name], traces[name] = longest_after(page, script, arg, 1500, trace and name in TRACED)
        elements[name] = page.evaluate(ELEMENTS)
    for k in range(3):
        page.evaluate(CLICK, "bp_auto")
        page.wait_for_timeout(1200 + 150 * k)
        name = f"pause {k + 1}"
        longest[name], traces[name] = longest_after(page, PAUSE_THEN_NEXT, None, 2500, trace and name in TRACED)
        elements[name] = page.evaluate(ELEMENTS)
    page.close()
    return longest, elements, {name: text for name, text in traces.items() if text}


def main():
    from helpers.browser import CHROMIUM_ARGS
    from helpers.servers import start_gunicorn
    from playwright.sync_api import sync_playwright

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--trace", action="store_true", help="break the longest tasks down (slows the page)")
    args = parser.parse_args()
    server = start_gunicorn()
    load_before = os.getloadavg()[0]
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
            for network, query in NETWORKS.items():
                runs = [one_run(browser, server.base_url + "/" + query, args.trace and i == 0) for i in range(args.runs)]
                print(f"{network}: the longest task (ms; median of {args.runs}, each run) after, and the panel's elements")
                for name in runs[0][0]:
                    each = [round(r[0][name]) for r in runs]
                    print(f"  {name:17} {statistics.median(each):5.0f}  {each}  {runs[0][1][name]:,} elements")
                for name, text in runs[0][2].items():
                    print(f"  traced, {name}: {text}")
            browser.close()
    finally:
        server.stop()
    print(f"load average {load_before:.2f} before, {os.getloadavg()[0]:.2f} after")


if __name__ == "__main__":
    main()
