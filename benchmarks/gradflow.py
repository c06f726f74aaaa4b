"""In-process figures of the gradient flow (issue 9): what one computation of the layers' gradient
sizes costs beside an epoch of training, and the bytes `gradflow` adds to the replies of an
auto-training run (the series is bounded at 200 points and thinned by epoch). Prints figures.

Run alone with `python benchmarks/gradflow.py`.
"""
from __future__ import annotations

import json
import sys
import timeit
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app.protocol import Conversation  # noqa: E402
from app.session import Session, Settings  # noqa: E402

NETS = {"XOR 2–2–1": (2,), "XOR 2–8×6–1": (8, 8, 8, 8, 8, 8)}


def costs(hidden):
    """(µs per gradient_sizes, µs per epoch of training) at the start of a run, best of 5."""
    session = Session(Settings(lr=0.5, hidden=hidden))
    flow = min(timeit.repeat(session.gradient_sizes, number=200, repeat=5)) / 200
    epoch = min(timeit.repeat(lambda: session.train(1), number=50, repeat=5)) / 50
    return flow * 1e6, epoch * 1e6


def reply_bytes(hidden, epochs=20_000, per_reply=1000):
    """(largest gradflow part of a train reply, the same in the last reply, in a step reply)."""
    talk = Conversation()
    talk.reply(json.dumps({"op": "configure", "hidden": list(hidden), "lr": 0.5}))
    sizes = []
    for _ in range(epochs // per_reply):
        state = json.loads(talk.reply(json.dumps({"op": "train", "epochs": per_reply})))
        sizes.append(len(json.dumps(state["gradflow"], separators=(",", ":"))))
    step = json.loads(talk.reply(json.dumps({"op": "step"})))
    return max(sizes), sizes[-1], len(json.dumps(step["gradflow"], separators=(",", ":")))


def main():
    for name, hidden in NETS.items():
        flow, epoch = costs(hidden)
        print(f"{name}: gradient sizes {flow:,.0f} µs; an epoch of training (recording it) {epoch:,.0f} µs; "
              "recorded every epoch only for the first 200, then every 2nd, 4th, … epoch")
        largest, last, step = reply_bytes(hidden)
        print(f"{name}: gradflow in train replies of 1000 epochs: largest {largest:,} B, after 20,000 epochs "
              f"{last:,} B; in a step reply {step:,} B")


if __name__ == "__main__":
    main()
