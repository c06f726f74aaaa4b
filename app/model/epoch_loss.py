"""Own the loss curve's per-example values during `train`: ½(y − ŷ)² of every example with the
weights at the end of an epoch (ŷ − y from the logit, as losses.residual), into buffers kept
from epoch to epoch.

`train` records one curve point an epoch, and for a small data set that forward pass of the
whole set costs as much as a training step: calls, not arithmetic. This is
`network.predict_logits` followed by `losses.loss_value("mse", σ(z), Y, z)`, the same operations
in the same order on operands of the same shapes and layouts (X.T as they take it), with `out=`
buffers; the session's `example_loss_values` stays the reference, and tests/test_engine.py
compares the curves of `train` and of stepping bit for bit.
"""
import numpy as np

from .activations import ACTIVATIONS


class EpochLosses:
    """½(y − ŷ)² of every row of X with the values `params` (its very arrays) hold when called,
    as an array that the next call overwrites: copy what must be kept."""

    def __init__(self, params, X, Y, activation):
        self.W, self.XT, self.Y, self.activation = params.W, np.asarray(X, dtype=np.float64).T, Y, activation
        self.b_columns = [v[:, None] for v in params.b]  # views: they follow the parameters' values
        m = len(Y)
        # Per weight layer: z, −|z|, e^(−|z|), 1 + e, the numerator max(e, H(z)), a = σ(z); the
        # output's z is row 0 of its (1, m) (predict_logits' z_out), and so are its buffers.
        self.buffers = [tuple(np.empty((len(v), m)) for _ in range(6)) for v in params.b]
        self.buffers[-1] = tuple(buffer[0] for buffer in self.buffers[-1])
        self.difference, self.square, self.loss = np.empty(m), np.empty(m), np.empty(m)
        self.below_half, self.one_minus_y, self.at_or_above = np.empty(m), np.empty(m), np.empty(m, dtype=bool)

    def __call__(self):
        A, last = self.XT, len(self.W) - 1
        for layer, (W, b, buffers) in enumerate(zip(self.W, self.b_columns, self.buffers)):
            z = np.add(W.dot(A), b, buffers[0] if layer < last else buffers[0][None])
            if layer < last and self.activation != "sigmoid":
                A = ACTIVATIONS[self.activation][0](z)
            else:
                A = self._sigmoid(buffers[0], buffers)
        self._residual(self.buffers[-1])
        return np.multiply(0.5, np.square(self.difference, self.square), self.loss)

    def _residual(self, buffers):
        """losses.residual into `difference`: σ(z) − y below 0, (1 − y) − σ(−z) from 0 up, from
        the output's z, e^(−|z|) and 1 + e that the sigmoid left in its buffers."""
        z, _, e, d, _, _ = buffers
        below_half = np.divide(e, d, self.below_half)
        np.subtract(below_half, self.Y, self.difference)
        np.greater_equal(z, 0.0, self.at_or_above)
        above = np.subtract(np.subtract(1.0, self.Y, self.one_minus_y), below_half, self.one_minus_y)
        np.copyto(self.difference, above, where=self.at_or_above)

    @staticmethod
    def _sigmoid(z, buffers):
        """activations.sigmoid: max(e, H(z))/(1 + e) with e = e^(−|z|)."""
        _, neg, e, d, num, a = buffers
        np.exp(np.copysign(z, -1.0, neg), e)
        np.add(1.0, e, d)
        return np.divide(np.maximum(e, np.heaviside(z, 1.0, num), out=num), d, a)
