"""The loss curve as a client keeps it (protocol.md, `history`): thin when told, keep the first
`from` points, append the new ones."""


def follow_curve(points, history):
    """The client's next copy of the curve after one state's `history`."""
    if history["thin"]:
        points = points[::2]
    assert 0 <= history["from"] <= len(points), (history["from"], len(points))
    return points[: history["from"]] + [None if p is None else list(p) for p in history["points"]]


def follow_examples(examples, history):
    """The client's next copy of the per-example losses (one entry per curve point, a list or
    None), after one state's `history`: the same rule as the points (`examples` null: none)."""
    new = history["examples"] if history["examples"] is not None else [None] * len(history["points"])
    assert len(new) == len(history["points"])
    return follow_curve(examples, {**history, "points": new})
