"""Own the loss curve's per-example values during `train`: ½(y − ŷ)² of every example with the
weights at the end of an epoch, into buffers kept from epoch to epoch.

`train` records one curve point an epoch, and for a small data set that forward pass of the
whole set costs as much as a training step: calls, not arithmetic. This is
`network.predict_logits` followed by `losses.loss_value("mse", σ(z), Y, z)`, the very operations
in the same order on operands of the same shapes and layouts (X.T as they take it), with `out=`
buffers; the session's `example_loss_values` stays the reference, and tests/test_engine.py
compares the curves of `train` and of stepping bit for bit.
"""
import numpy as np

from .activations import ACTIVATIONS


class EpochLosses:
    """½(y − ŷ)² of every row of X (the parameters `params` as they are when called), as an
    array that the next call overwrites: copy what must be kept."""

    def __init__(self, params, X, Y, activation):
        self.params, self.XT, self.Y, self.activation = params, np.asarray(X, dtype=np.float64).T, Y, activation
        m = len(Y)
        # Per weight layer: z, −|z|, e^(−|z|), 1 + e, the numerator max(e, H(z)), a = σ(z).
        self.buffers = [tuple(np.empty((len(b), m)) for _ in range(6)) for b in params.b]
        self.difference, self.square, self.loss = np.empty(m), np.empty(m), np.empty(m)

    def __call__(self):
        W, b, A = self.params.W, self.params.b, self.XT
        last = len(W) - 1
        for layer in range(last + 1):
            z = np.add(W[layer].dot(A), b[layer][:, None], out=self.buffers[layer][0])
            if layer < last and self.activation != "sigmoid":
                A = ACTIVATIONS[self.activation][0](z)
            else:
                # The output's z is row 0 (predict_logits' z_out), and so are its buffers.
                buffers = self.buffers[layer] if layer < last else [buffer[0] for buffer in self.buffers[layer]]
                A = self._sigmoid(buffers[0], buffers)
        np.subtract(self.Y, A, out=self.difference)
        return np.multiply(0.5, np.square(self.difference, out=self.square), out=self.loss)

    @staticmethod
    def _sigmoid(z, buffers):
        """activations.sigmoid: max(e, H(z))/(1 + e) with e = e^(−|z|)."""
        _, neg, e, d, num, a = buffers
        np.exp(np.copysign(z, -1.0, out=neg), out=e)
        np.add(1.0, e, out=d)
        return np.divide(np.maximum(e, np.heaviside(z, 1.0, out=num), out=num), d, out=a)
