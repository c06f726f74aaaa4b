"""Own a session's loss curve: a point per recorded epoch, [epoch, loss] or [epoch, loss,
validation loss], and beside it, for a data set of a few examples, each example's ½(y − ŷ)².

Every number sits in one flat array of doubles, a row of `columns + n_examples` per point
(48 bytes a point for XOR, where a list with its float objects and an array of its example
losses took about 250), so 500 undo entries sharing a curve cost nothing: they cut it back to
their length (`truncate`) as they do the gradient-flow series. A thinning makes a new curve
(entries still hold the old one). Points read back as CurvePoint lists made on demand. A point
that came from a snapshot has no example losses: its row holds NaN there, read back as None.
"""
import math
from array import array

import numpy as np


class CurvePoint(list):
    """A point of the curve, [epoch, loss] or [epoch, loss, validation loss], with `examples`:
    each example's ½(y − ŷ)² at that epoch, or None when the curve keeps none for it."""

    __slots__ = ("examples",)

    def __init__(self, values, examples=None):
        super().__init__(values)
        self.examples = examples


class Curve:
    """The points of one curve (see the module's docstring); reads like a list of CurvePoints."""

    __slots__ = ("columns", "n_examples", "width", "values", "cuts")

    def __init__(self, columns, n_examples, values=None):
        self.columns = columns  # 2, or 3 with a validation loss
        self.n_examples = n_examples  # example losses kept a point: 0 for a larger data set
        # Numbers a row: an attribute, not a property, as len() (several a reply) reads it.
        self.width = columns + n_examples
        self.values = array("d") if values is None else values
        self.cuts = 0  # how often `truncate` removed points (early_stop's cache reads it)

    @classmethod
    def of(cls, points, columns, n_examples):
        """A curve of [epoch, loss(, validation loss)] lists that carry no example losses."""
        rows = np.asarray(points, dtype=np.float64).reshape(len(points), -1 if points else columns)
        if rows.shape[1] != columns:
            raise ValueError("a curve point of the wrong width")
        rows = np.hstack([rows, np.full((len(points), n_examples), math.nan)])
        values = array("d")
        values.frombytes(rows.tobytes())
        return cls(columns, n_examples, values)

    def __len__(self):
        return len(self.values) // self.width

    def append(self, point, examples=None):
        """Add a point (`columns` numbers) with its `n_examples` example losses, or none."""
        if len(point) != self.columns or (examples is not None and len(examples) != self.n_examples):
            raise ValueError("a curve point of the wrong width")
        self.values.extend(point)
        self.values.extend([math.nan] * self.n_examples if examples is None else examples)

    def truncate(self, length):
        """Keep the first `length` points (an undo back to an earlier moment)."""
        if length < len(self):
            del self.values[length * self.width:]
            self.cuts += 1

    def thinned(self):
        """A new curve of the points at even indices, and the last one (see stepper.HISTORY_LIMIT)."""
        w, n = self.width, len(self)
        kept = array("d")
        for at in range(0, (n - 1) * w, 2 * w):
            kept.extend(self.values[at:at + w])
        kept.extend(self.values[(n - 1) * w:])
        return Curve(self.columns, self.n_examples, kept)

    def copy(self, length=None):
        """A curve of its own holding the first `length` points."""
        end = None if length is None else length * self.width
        return Curve(self.columns, self.n_examples, array("d", self.values[:end]))

    def rows(self, start=0):
        """[[epoch, loss(, validation loss)], …] from point `start` on, as plain lists (the wire's
        and the snapshot's form: no −0)."""
        if start >= len(self):  # the common case: a reply with no new point
            return []
        block = self._block(start)
        epochs = block[:, 0].astype(np.int64).tolist()
        return [[epoch, *losses] for epoch, losses in zip(epochs, block[:, 1:self.columns].tolist())]

    def example_rows(self, start=0):
        """Each point's example losses from point `start` on (None for a point that has none),
        or None when the curve keeps none (a larger data set)."""
        if not self.n_examples:
            return None
        if start >= len(self):
            return []
        block = self._block(start)[:, self.columns:]
        kept = ~np.isnan(block[:, 0])
        return [row if has else None for row, has in zip(block.tolist(), kept.tolist())]

    def _block(self, start):
        """Points `start` … as a (points, width) matrix of a copy of their rows (a NumPy view of
        `values` itself would stop it from growing while the view lives)."""
        rows = self.values[start * self.width:]
        return np.frombuffer(rows, dtype=np.float64).reshape(-1, self.width) + 0.0

    def __getitem__(self, index):
        if isinstance(index, slice):
            start, stop, step = index.indices(len(self))
            if step == 1:
                return self._points(start, max(start, stop))
            return [self[i] for i in range(start, stop, step)]
        n = len(self)
        if not -n <= index < n:
            raise IndexError("curve index out of range")
        index %= n
        return self._points(index, index + 1)[0]

    def __iter__(self):
        return iter(self._points(0, len(self)))

    def __eq__(self, other):
        if isinstance(other, (Curve, list)):
            return list(self) == list(other)
        return NotImplemented

    __hash__ = None

    def _points(self, start, stop):
        """CurvePoints start … stop − 1, read from one copy of their rows."""
        w, c = self.width, self.columns
        rows = self.values[start * w:stop * w].tolist()
        points = []
        for at in range(0, len(rows), w):
            examples = rows[at + c:at + w] if self.n_examples and not math.isnan(rows[at + c]) else None
            points.append(CurvePoint([int(rows[at]), *rows[at + 1:at + c]], examples))
        return points
