"""One `step`'s arithmetic in process, per phase: the median microseconds of `session.step()`
(forward, backward, update) and of the whole `Conversation.reply('{"op":"step"}')`, for a few
small networks (XOR, online SGD), and of `session.checkpoint()`, which every reply takes first.
The session's undo history is full (500 entries), as in a long session.

Run with `python benchmarks/phase_step.py [--steps N] [--repeats R]`: prints, per network and
phase, the median of each of R runs of N steps (the machine may be shared) and the median of those.
Target (issue 7): each phase of `session.step()` ≤ ~10–15 µs for 2–H–1 nets.
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app.protocol import Conversation  # noqa: E402

NETS = [
    ("2–2–1 sigmoid mse (default)", {}),
    ("2–2–1 tanh bce", {"activation": "tanh", "loss": "bce"}),
    ("2–8–1 relu mse", {"activation": "relu", "hidden": [8]}),
    ("2–3–2–1 sigmoid mse", {"hidden": [3, 2]}),
    ("2–2–1 sigmoid mse, momentum", {"optimizer": "momentum"}),
]
PHASES = ("forward", "backward", "update")


def conversation_for(settings):
    conversation = Conversation()
    reply = json.loads(conversation.reply(json.dumps({"op": "configure", "seed": 3, **settings})))
    assert reply["type"] == "state", reply
    for _ in range(600):  # a full undo history, and warm
        conversation.reply('{"op":"step"}')
    return conversation


def one_run(settings, n):
    """{figure: median µs} over n steps of each kind."""
    conversation = conversation_for(settings)
    session = conversation.session
    times = {f"step {phase}": [] for phase in PHASES}
    times.update({f"reply {phase}": [] for phase in PHASES})
    times["checkpoint"] = []
    clock = time.perf_counter
    for _ in range(n):
        phase = session.next_move()[0]
        t0 = clock()
        session.step()
        t1 = clock()
        times[f"step {phase}"].append(t1 - t0)
    for _ in range(n):
        phase = session.next_move()[0]
        t0 = clock()
        conversation.reply('{"op":"step"}')
        t1 = clock()
        times[f"reply {phase}"].append(t1 - t0)
        t0 = clock()
        session.checkpoint()
        times["checkpoint"].append(clock() - t0)
    return {name: statistics.median(values) * 1e6 for name, values in times.items()}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=3000)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    for label, settings in NETS:
        runs = [one_run(settings, args.steps) for _ in range(args.repeats)]
        print(label)
        for name in runs[0]:
            values = [run[name] for run in runs]
            spread = ", ".join(f"{v:.1f}" for v in values)
            print(f"  {name:<17} {statistics.median(values):7.1f} µs  (runs: {spread})")


if __name__ == "__main__":
    main()
