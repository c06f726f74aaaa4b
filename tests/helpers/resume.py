"""Resuming as the page does: a snapshot composed from state messages, through a real JSON round trip.

The page keeps the loss curve it was sent (`history.thin` / `from` / `points`) and the `resume`
record of the last state; a snapshot is `{format, session: {...resume.session, history}}`.
`through_javascript` sends snapshots through node's JSON.parse / JSON.stringify, which is what a
browser does to a number (−0 becomes 0, 1.0 becomes 1, shortest round-trip digits).
"""

from __future__ import annotations

import json
import shutil
import subprocess
from typing import Any

from helpers.curve import follow_curve
from helpers.ws import loads

# One line of JSON in, one line out, per snapshot: a single node process for a whole batch.
_NODE_ROUND_TRIP = r"""
let text = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", (chunk) => { text += chunk; });
process.stdin.on("end", () => {
  const lines = text.split("\n").filter((line) => line.length > 0);
  process.stdout.write(lines.map((line) => JSON.stringify(JSON.parse(line))).join("\n") + "\n");
});
"""


def node_path() -> str | None:
    return shutil.which("node")


def through_javascript(values: list[Any]) -> list[Any]:
    """Each value through JSON.stringify(JSON.parse(text)) in node, parsed back strictly."""
    if not values:
        return []
    node = node_path()
    assert node, "node is not installed"
    stdin = "\n".join(json.dumps(v, allow_nan=False, ensure_ascii=True) for v in values) + "\n"
    done = subprocess.run([node, "-e", _NODE_ROUND_TRIP], input=stdin, capture_output=True,
                          text=True, check=True, timeout=60)
    lines = done.stdout.rstrip("\n").split("\n")
    assert len(lines) == len(values), done.stderr
    return [loads(line) for line in lines]


def page_view(state: dict, before: dict | None) -> dict:
    """The state as the page sees it (store.js, withHeldParts): a null `dataset` or
    `metrics.predictions` (unchanged since the last state, protocol.md) is the copy the page
    holds from the state `before` it; the first state of a connection must carry both."""
    view = dict(state)
    if view["dataset"] is None:
        assert before is not None, "a connection's first state must carry its data set"
        view["dataset"] = before["dataset"]
    if view["metrics"]["predictions"] is None:
        assert before is not None, "a connection's first state must carry its predictions"
        view["metrics"] = {**view["metrics"], "predictions": before["metrics"]["predictions"]}
    return view


class PageMemory:
    """What the page holds of a session: the loss curve so far, the last `resume` record, and
    the last state as the page sees it (`view`)."""

    def __init__(self) -> None:
        self.history: list = []
        self.resume: dict | None = None
        self.view: dict | None = None

    def take(self, state: dict) -> dict:
        """Keep what the state brings; answer the state as the page sees it."""
        assert state["type"] == "state", state
        self.history = follow_curve(self.history, state["history"])
        self.resume = state["resume"]
        self.view = page_view(state, self.view)
        return self.view

    def snapshot(self) -> dict:
        """The snapshot exactly as the page composes it."""
        resume = self.resume
        return {"format": resume["format"], "session": {**resume["session"], "history": self.history}}


def comparable(state: dict) -> dict:
    """A state without what depends on the connection rather than the session, and without the
    gradient-flow series (not in a snapshot: a restore starts it again; its current figures stay)."""
    same = {k: v for k, v in state.items() if k not in ("undo_depth", "reply_to")}
    if isinstance(same.get("gradflow"), dict):
        same["gradflow"] = {k: same["gradflow"][k] for k in ("norm_W", "mean_delta")}
    return same
