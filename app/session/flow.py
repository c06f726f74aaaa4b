"""Own the gradient-flow series of a session: each layer's gradient size over the epochs.

A point is [epoch, norm_W, mean_delta] (model.gradflow's two lists, one number per weight
layer) with the weights at the end of that epoch. Points are recorded at the epochs that are
multiples of `stride`; when the series passes FLOW_LIMIT points the stride doubles and only the
points at multiples of the new stride stay. So it spans the whole run in at most FLOW_LIMIT
points, a reply never carries more than that, and a client thins its copy by the same rule
from `stride` alone. A thinning makes a new series (undo entries keep the old one);
`lineage` names the run the series belongs to.

Not part of a snapshot: the series records the gradients of past weights, which the primary
state cannot give back, and it would be the larger part of a snapshot. A restore starts a new
series at the restored epoch (docs/protocol.md, "Snapshot").
"""
FLOW_LIMIT = 200


class FlowSeries:
    def __init__(self, points=None, stride=1, lineage=None):
        self.points = [] if points is None else points
        self.stride = stride
        self.lineage = object() if lineage is None else lineage

    def record(self, epoch, layer_sizes):
        """The series after the end of `epoch`; `layer_sizes()` gives (norm_W, mean_delta) and is
        called only when the epoch is recorded. Appends in place; a thinning answers a new series."""
        if epoch % self.stride:
            return self
        self.points.append([epoch, *layer_sizes()])
        if len(self.points) <= FLOW_LIMIT:
            return self
        stride = self.stride * 2
        return FlowSeries([p for p in self.points if p[0] % stride == 0], stride, self.lineage)

    def copy(self, length=None):
        """The same lineage and stride with its own list of the first `length` points."""
        return FlowSeries(list(self.points[:length]), self.stride, self.lineage)
