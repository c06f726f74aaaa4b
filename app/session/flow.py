"""Own the gradient-flow series of a session: each layer's gradient size over the epochs.

A point is [epoch, norm_W, mean_delta] (model.gradflow's two lists, one number per weight
layer) with the weights at the end of that epoch. Points are recorded at the epochs that are
multiples of `stride`; when the series passes FLOW_LIMIT points the stride doubles and only the
points at multiples of the new stride stay. So it spans the whole run in at most FLOW_LIMIT
points, a reply never carries more than that, and a client thins its copy by the same rule
from `stride` alone. A thinning makes a new series (undo entries keep the old one, and cut it
back to their length as they do the loss curve); `lineage` names the run it belongs to. The
numbers sit in one flat array of doubles (8 bytes each), so 500 undo entries sharing a series
cost nothing and a full series of a 2–2–1 net about 8 KB.

Not part of a snapshot: the series records the gradients of past weights, which the primary
state cannot give back, and it would be the larger part of a snapshot. A restore starts a new
series at the restored epoch (docs/protocol.md, "Snapshot").
"""
from array import array

FLOW_LIMIT = 200


class FlowSeries:
    def __init__(self, width=1, values=None, stride=1, lineage=None):
        self.width = width  # numbers a point: the epoch, then norm_W and mean_delta of every layer
        self.values = array("d") if values is None else values
        self.stride = stride
        self.lineage = object() if lineage is None else lineage

    def __len__(self):
        return len(self.values) // self.width

    def record(self, epoch, layer_sizes):
        """The series after the end of `epoch`; `layer_sizes()` gives (norm_W, mean_delta) and is
        called only when the epoch is recorded. Appends in place; a thinning answers a new series."""
        if epoch % self.stride:
            return self
        norm_W, mean_delta = layer_sizes()
        self.width = 1 + len(norm_W) + len(mean_delta)
        self.values.extend([epoch, *norm_W, *mean_delta])
        if len(self) <= FLOW_LIMIT:
            return self
        stride, w = self.stride * 2, self.width
        kept = array("d")
        for at in range(0, len(self.values), w):
            if self.values[at] % stride == 0:
                kept.extend(self.values[at:at + w])
        return FlowSeries(w, kept, stride, self.lineage)

    def truncate(self, length):
        """Keep the first `length` points (an undo back to an earlier moment)."""
        del self.values[length * self.width:]

    def copy(self, length=None):
        """The same lineage and stride with its own copy of the first `length` points."""
        end = None if length is None else length * self.width
        return FlowSeries(self.width, array("d", self.values[:end]), self.stride, self.lineage)

    def epochs(self):
        return [int(e) for e in self.values[::self.width]]

    def points(self, start=0):
        """[[epoch, norm_W, mean_delta], …] from point `start` on."""
        n, w = (self.width - 1) // 2, self.width
        return [[int(self.values[at]), self.values[at + 1:at + 1 + n].tolist(), self.values[at + 1 + n:at + w].tolist()]
                for at in range(start * w, len(self.values), w)]
