"""Read a Chromium trace of auto-training's run to the target (`autotrain.py --trace`): the page's
main-thread task that showed the stop, and the longest task between the click and it, each with
what it spent its time on (script, style, layout, paint, …). Tracing slows the page down: compare
traced figures with traced figures only.
"""
from __future__ import annotations

import collections
import json

# Before the page's scripts: a performance mark when the stop message is written (the trace finds
# the stop frame's task by it).
STOP_MARK = """document.addEventListener('DOMContentLoaded', () => {
  const message = document.getElementById('bp_msg');
  new MutationObserver(() => {
    if (message.textContent.startsWith('Treino parado') && !performance.getEntriesByName('bp-stop').length) {
      performance.mark('bp-stop');
    }
  }).observe(message, { childList: true, characterData: true, subtree: true });
});"""
CATEGORIES = ["toplevel", "devtools.timeline", "blink.user_timing"]
PARTS = {"FunctionCall": "script", "UpdateLayoutTree": "style", "Layout": "layout", "PrePaint": "prepaint",
         "Paint": "paint", "Layerize": "layerize", "MinorGC": "gc", "MajorGC": "gc"}
TASKS = ("RunTask", "ThreadControllerImpl::RunTask")


def _spent(events, task):
    """ms per part of the events inside task (outermost script only: FunctionCall may nest)."""
    spent = collections.Counter()
    end = task["ts"] + task["dur"]
    for e in events:
        if e["name"] in PARTS and task["ts"] <= e["ts"] and e["ts"] + e.get("dur", 0) <= end:
            spent[PARTS[e["name"]]] += e.get("dur", 0) / 1000
    return spent


def describe(ms, spent):
    parts = ", ".join(f"{name} {value:.1f}" for name, value in spent.most_common() if value >= 0.3)
    return f"{ms:.1f} ms ({parts})"


def stop_and_longest(trace: bytes):
    """(stop task text, longest task before it text, its ms after the click) or None when the
    trace misses the mark or the click."""
    events = json.loads(trace)["traceEvents"]
    mark = next((e for e in events if e.get("name") == "bp-stop"), None)
    if mark is None:
        return None
    thread = [e for e in events if (e.get("pid"), e.get("tid")) == (mark["pid"], mark["tid"]) and e.get("ph") == "X"]
    tasks = [e for e in thread if e["name"] in TASKS]
    click = next((e for e in thread if e["name"] == "EventDispatch"
                  and e.get("args", {}).get("data", {}).get("type") == "click"), None)
    stop = next((t for t in tasks if t["ts"] <= mark["ts"] <= t["ts"] + t["dur"]), None)
    if click is None or stop is None:
        return None
    before = [t for t in tasks if click["ts"] <= t["ts"] < stop["ts"]] or [stop]
    longest = max(before, key=lambda t: t["dur"])
    return (describe(stop["dur"] / 1000, _spent(thread, stop)), describe(longest["dur"] / 1000, _spent(thread, longest)),
            (longest["ts"] - click["ts"]) / 1000)
