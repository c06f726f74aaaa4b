"""Own the `gradflow` of a state message: each layer's gradient size now, and the series over the
epochs sent piece by piece (what the client already holds is not sent again)."""
import math


def _number(value):
    # A gradient past the float range (weights near the divergence limit) travels as null.
    return value + 0.0 if math.isfinite(value) else None


def _plotted(value):
    # The series is only plotted, on a log scale: 4 significant digits are more than a pixel
    # shows, and keep a reply of many epochs small. The current figures go out exact.
    value = _number(value)
    return None if value is None else float(f"{value:.4g}") + 0.0


def _point(point):
    epoch, norm_W, mean_delta = point
    return [epoch, [_plotted(v) for v in norm_W], [_plotted(v) for v in mean_delta]]


class FlowSent:
    """What one client holds of the session's gradient-flow series, and the next piece of it."""

    def __init__(self):
        self.series, self.length, self.lineage, self.stride, self.last_epoch = None, 0, None, 0, -1

    def update(self, flow):
        """How many of its points the client keeps (after keeping only epochs that are multiples
        of `flow.stride`); 0 sends the whole series. Then remember what it will hold."""
        length = len(flow)
        if flow is self.series:
            keep = min(self.length, length)
        elif flow.lineage is self.lineage and flow.stride >= self.stride:
            # A thinning of the series the client holds: its own copy, thinned by the same rule.
            keep = sum(1 for epoch in flow.epochs() if epoch <= self.last_epoch)
        else:
            keep = 0
        self.series, self.length, self.lineage, self.stride = flow, length, flow.lineage, flow.stride
        # The last point's epoch read in place: listing every epoch on each reply cost more as
        # the series grew (10 µs at its 200 points).
        self.last_epoch = int(flow.values[(length - 1) * flow.width]) if length else -1
        return keep


def sizes_message(session):
    """{"norm_W", "mean_delta"}: each layer's gradient size with the current weights."""
    norm_W, mean_delta = session.gradient_sizes()
    return {"norm_W": [_number(v) for v in norm_W], "mean_delta": [_number(v) for v in mean_delta]}


def series_message(flow, keep):
    """{"stride", "from", "points"}: the client keeps the points of its copy at epochs that are
    multiples of `stride`, then the first `from` of them, then appends `points`."""
    return {"stride": flow.stride, "from": keep, "points": [_point(p) for p in flow.points(keep)]}


def gradflow_message(session, keep):
    """The `gradflow` of a state: sizes_message and series_message in one object."""
    return {**sizes_message(session), **series_message(session.flow, keep)}
