"""In-process figures of one session: its memory (fresh, and with a full undo history) and the
bytes a click puts on the wire, early and after 100,000 epochs, and on a 400-point data set.
Prints each beside its target.

Run alone with `python benchmarks/session_size.py [--quick]`; `bash scripts/bench.sh` runs it too.
"""
from __future__ import annotations

import gc
import json
import sys
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app.protocol import Conversation  # noqa: E402
from app.session import UNDO_DEPTH  # noqa: E402


def traced_bytes(build):
    """Bytes still allocated by what `build()` returns (tracemalloc, after a collection)."""
    gc.collect()
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    kept = build()
    gc.collect()
    after = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    return after - before, kept


def fresh_session():
    conversation = Conversation()
    conversation.reply('{"op":"configure"}')
    return conversation


def session_with_full_undo(optimizer):
    conversation = Conversation()
    conversation.reply(json.dumps({"op": "configure", "optimizer": optimizer}))
    conversation.reply('{"op":"train","epochs":200}')
    for _ in range(UNDO_DEPTH + 10):
        conversation.reply('{"op":"step"}')
    assert len(conversation.session.undo_stack) == UNDO_DEPTH
    return conversation


def step_reply_bytes(epochs):
    """Bytes of a `step` reply (the forward of an example) after `epochs` epochs of training."""
    conversation = fresh_session()
    first = len(conversation.reply('{"op":"step"}'))
    conversation.reply('{"op":"undo"}')
    for _ in range(epochs // 1000):
        conversation.reply('{"op":"train","epochs":1000}')
    later = len(conversation.reply('{"op":"step"}'))
    return first, later, conversation.session.epoch


def clusters_reply_bytes():
    """Bytes of the replies of a 400-point clusters session (one online example's forward,
    backward and update, then a 1-epoch `train`), and what each would be if it resent the data
    set and the predictions, as every reply did before they went only when changed."""
    conversation = Conversation()
    first = json.loads(conversation.reply(json.dumps({"op": "configure", "dataset": "clusters", "points": 400})))
    out = []
    for name, message in (("forward", {"op": "step"}), ("backward", {"op": "step"}), ("update", {"op": "step"}),
                          ("train 1 epoch", {"op": "train", "epochs": 1})):
        text = conversation.reply(json.dumps(message))
        state = json.loads(text)
        predictions = conversation.session.predictions().tolist()
        resent = dict(state, dataset=first["dataset"], metrics=dict(state["metrics"], predictions=predictions))
        out.append((name, len(text), len(json.dumps(resent, separators=(",", ":")))))
    return out


def rows(quick=False):
    session_with_full_undo("adam")  # warm up: first-use imports and caches are not a session's
    fresh, _ = traced_bytes(fresh_session)
    out = [("session memory, fresh 2-2-1", fresh / 1024, "KiB", "target ≤ 62.5 KiB (64 kB)")]
    for optimizer in ("sgd", "adam"):
        full, kept = traced_bytes(lambda: session_with_full_undo(optimizer))
        out.append((f"session memory, 500-deep undo ({optimizer})", full / 1024, "KiB",
                    f"target ≤ 250 KiB (256 kB); {len(kept.session.history)} loss points"))
    first, later, epochs = step_reply_bytes(10_000 if quick else 100_000)
    out.append(("step reply, first", first, "bytes", "one frame each way per click"))
    out.append((f"step reply after {epochs:,} epochs", later, "bytes",
                f"{later / first:.2f}× the first; target ≤ 1.5×"))
    for name, now, resent in clusters_reply_bytes():
        out.append((f"clusters, 400 points: {name} reply", now, "bytes",
                    f"{resent:,} with the data set and predictions resent (as before)"))
    return out


if __name__ == "__main__":
    for name, value, unit, note in rows("--quick" in sys.argv):
        print(f"{name:<42} {value:>10.1f} {unit:<6} {note}")
