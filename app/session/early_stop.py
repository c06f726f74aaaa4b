"""Own early stopping: the best validation loss on the loss curve, and whether training should stop.

Derived from the curve alone (a point [epoch, loss, validation loss] per epoch with a split), so a
restore or an undo needs nothing more. The best is the lowest validation loss, the earliest epoch
on a tie ("improved" means strictly lower). Auto-training stops once `patience` epochs have
passed since it: epoch − best epoch ≥ patience. Past 10 000 epochs the curve is thinned, and the
best is then the best of the points kept.
"""


class BestValidation:
    """A cache of the curve's best validation point: a curve only grows by appending, shrinks by
    undo and is replaced when thinned, so the points before the cached length are re-read only
    when the curve changed there: a session's Curve counts its cuts; a plain list of points is
    checked by the identity of the point at that length (an undo's del, then appends, put new
    objects there)."""

    def __init__(self):
        self._curve, self._length, self._last, self._cuts, self._best = None, 0, None, None, None

    def of(self, curve):
        """(epoch, validation loss) of the best point, or None without a validation column."""
        if not curve or len(curve[0]) < 3:
            return None
        start = self._length
        if curve is not self._curve or start > len(curve) or start == 0 or not self._kept(curve, start):
            start, self._best = 0, None
        for point in curve[start:]:
            if self._best is None or point[2] < self._best[1]:
                self._best = (point[0], point[2])
        self._curve, self._length = curve, len(curve)
        self._cuts = getattr(curve, "cuts", None)
        self._last = curve[-1] if self._cuts is None else None
        return self._best

    def _kept(self, curve, length):
        """Whether the curve's first `length` points are the ones read last time."""
        if self._cuts is not None:
            return curve.cuts == self._cuts
        return curve[length - 1] is self._last


def stalled(best, epoch, patience):
    """Whether `patience` epochs have passed since the best validation loss (never when patience
    is 0, or without a validation loss)."""
    return bool(patience) and best is not None and epoch - best[0] >= patience
