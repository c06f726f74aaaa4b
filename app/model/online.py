"""Own the Engine's fast step for one example (online training): its gradient and plain
gradient descent, into buffers kept from step to step.

Why a second writing of the same formulas: a 2–2–1 step is some fifty NumPy calls on arrays of
one or two numbers, so what it costs is calls and allocations, not arithmetic. These functions
make the very operations of `network.gradients_into` (its forward_layer, σ and σ′ of
activations.py, half_squared_error's ∂L/∂z on scalars, parameter_gradients, hidden_deltas) and
of `optimizers.sgd`, in the same order, on operands of the same shapes, types and memory
layouts, only into buffers (`out` passed positionally where NumPy allows: no keywords to parse)
and without the values a step never reads (the example's loss, ∂L/∂ŷ as an array). Only the
max(e, H(z)) of σ writes over one of its operands, and a maximum rounds nothing; the
exponential always writes into a buffer of its own, so NumPy takes the loops it takes for fresh
arrays. tests/test_engine.py trains with and without them for every
setting and compares every bit; a change to a formula there must be made here too.
"""
import numpy as np

from .activations import WITH_PRIME
from .losses import residual
from .network import output_deltas


class OnlineGradients:
    """∂L/∂W and ∂L/∂b of one example (x of shape (n0,), y a number) written into `grads`
    (views into the Engine's gradient vector), with the parameters `params` (views too)."""

    def __init__(self, params, grads, activation, loss):
        self.W, self.b, self.dW, self.db = params.W, params.b, grads.W, grads.b
        self.WT = [w.T for w in params.W]
        self.activation, self.loss = activation, loss
        hidden = [len(v) for v in params.b[:-1]]
        buffers = lambda: [np.empty(n) for n in hidden]
        # Per hidden layer: z, −|z|, e^(−|z|), 1 + e, the numerator max(e, H(z)), a, (1 + e)², g′(z).
        self.z, self.neg, self.e, self.d, self.num, self.a, self.d2, self.slope = (buffers() for _ in range(8))
        self.z_out, self.neg_out, self.e_out, self.d_out, self.num_out, self.a_out = (np.empty(1) for _ in range(6))
        # ∂L/∂z of every layer, the output's last, and each as a column (for ∂L/∂z·a_prevᵀ).
        self.dz = buffers() + [np.empty(1)]
        self.dz_column = [dz[:, None] for dz in self.dz]

    def __call__(self, x, y):
        activations, slopes = [x], []
        for layer in range(len(self.W) - 1):
            z = self.z[layer]
            np.add(self.W[layer].dot(activations[-1]), self.b[layer], z)
            if self.activation == "sigmoid":
                a, slope = self._sigmoid_with_prime(layer)
            else:
                a, slope = WITH_PRIME[self.activation](z)
            activations.append(a)
            slopes.append(slope)
        self._output_delta(activations[-1], y)
        for layer in range(len(self.W) - 1, -1, -1):
            dz = self.dz[layer]
            np.multiply(self.dz_column[layer], activations[layer], self.dW[layer])
            self.db[layer][...] = dz
            if layer:
                np.multiply(self.WT[layer].dot(dz), slopes[layer - 1], self.dz[layer - 1])

    def _sigmoid_with_prime(self, layer):
        """activations.sigmoid_with_prime of the layer's z: σ = max(e, H(z))/(1 + e), σ′ = e/(1 + e)²."""
        z, e, d = self.z[layer], self.e[layer], self.d[layer]
        np.exp(np.copysign(z, -1.0, self.neg[layer]), e)
        np.add(1.0, e, d)
        a = np.divide(np.maximum(e, np.heaviside(z, 1.0, self.num[layer]), out=self.num[layer]), d,
                      self.a[layer])
        return a, np.divide(e, np.square(d, self.d2[layer]), self.slope[layer])

    def _output_delta(self, a_prev, y):
        """ŷ = σ(z_out) and ∂L/∂z_out into the last dz; for ½(y − ŷ)² on scalars, as
        losses.half_squared_error computes it (σ′ of the scalar z, (ŷ − y)·σ′, ŷ − y from the logit)."""
        last, z = len(self.W) - 1, self.z_out
        np.add(self.W[last].dot(a_prev), self.b[last], z)
        e = np.exp(np.copysign(z, -1.0, self.neg_out), self.e_out)
        np.add(1.0, e, self.d_out)
        a_out = np.divide(np.maximum(e, np.heaviside(z, 1.0, self.num_out), out=self.num_out), self.d_out,
                          self.a_out)
        if self.loss != "mse":
            self.dz[-1][...] = output_deltas(self.loss, a_out, y, z)[1]
            return
        e_scalar = np.exp(np.copysign(np.asarray(z[0], dtype=np.float64), -1.0))
        self.dz[-1][0] = residual(z[0], y) * (e_scalar / (1.0 + e_scalar) ** 2)


class PlainDescent:
    """optimizers.sgd on the whole vector, θ − η·g, into a buffer; `apply` writes it into the
    parameters only when every value is finite and within the limit (network.finite_below)."""

    def __init__(self, flat, grad, limit):
        self.flat, self.grad, self.limit = flat, grad, limit
        self.scaled, self.new, self.size = np.empty_like(flat), np.empty_like(flat), np.empty_like(flat)

    def apply(self, lr):
        """θ ← θ − η·g; answer the new values (a buffer) if they left the limits, else None."""
        new = np.subtract(self.flat, np.multiply(lr, self.grad, self.scaled), self.new)
        if not np.maximum.reduce(np.abs(new, self.size)) <= self.limit:
            return new
        np.copyto(self.flat, new)
        return None
