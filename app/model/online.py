"""Own the Engine's fast step for one example (online training): its gradient and plain
gradient descent, into buffers kept from step to step.

Why a second writing of the same formulas: a 2–2–1 step is some fifty NumPy calls on arrays of
one or two numbers, so what it costs is calls and allocations, not arithmetic. These functions
make the very operations of `network.gradients_into` (its forward_layer, σ and σ′ of
activations.py, half_squared_error's ∂L/∂z on scalars, parameter_gradients, hidden_deltas) and
of `optimizers.sgd`, in the same order, on operands of the same shapes, types and memory
layouts, only with `out=` buffers and without the values a step never reads (the example's loss,
∂L/∂ŷ as an array). No buffer is both an operand and the output of one call, so NumPy takes
the same loops as for fresh arrays. tests/test_engine.py trains with and without them for every
setting and compares every bit; a change to a formula there must be made here too.
"""
import numpy as np

from .activations import WITH_PRIME
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
        # Per hidden layer: z, −|z|, e^(−|z|), 1 + e, the numerator max(e, H(z)), a, (1 + e)², g′(z), ∂L/∂z.
        self.z, self.neg, self.e, self.d, self.num, self.a, self.d2, self.slope, self.dz = (
            buffers() for _ in range(9))
        self.z_out, self.neg_out, self.e_out, self.d_out, self.num_out, self.a_out = (np.empty(1) for _ in range(6))
        self.dz_out = np.empty(1)

    def __call__(self, x, y):
        activations, slopes = [x], []
        for layer in range(len(self.W) - 1):
            z = self.z[layer]
            np.add(self.W[layer].dot(activations[-1]), self.b[layer], out=z)
            if self.activation == "sigmoid":
                a, slope = self._sigmoid_with_prime(layer)
            else:
                a, slope = WITH_PRIME[self.activation](z)
            activations.append(a)
            slopes.append(slope)
        self._output_delta(activations[-1], y)
        dz = self.dz_out
        for layer in range(len(self.W) - 1, -1, -1):
            np.multiply(dz[:, None], activations[layer], out=self.dW[layer])
            self.db[layer][...] = dz
            if layer:
                dz = np.multiply(self.WT[layer].dot(dz), slopes[layer - 1], out=self.dz[layer - 1])

    def _sigmoid_with_prime(self, layer):
        """activations.sigmoid_with_prime of the layer's z: σ = max(e, H(z))/(1 + e), σ′ = e/(1 + e)²."""
        z, e, d = self.z[layer], self.e[layer], self.d[layer]
        np.exp(np.copysign(z, -1.0, out=self.neg[layer]), out=e)
        np.add(1.0, e, out=d)
        a = np.divide(np.maximum(e, np.heaviside(z, 1.0, out=self.num[layer]), out=self.num[layer]), d,
                      out=self.a[layer])
        return a, np.divide(e, np.square(d, out=self.d2[layer]), out=self.slope[layer])

    def _output_delta(self, a_prev, y):
        """ŷ = σ(z_out) and ∂L/∂z_out into dz_out; for ½(y − ŷ)² on scalars, as
        losses.half_squared_error computes it (σ′ of the scalar z, (ŷ − y)·σ′)."""
        last, z = len(self.W) - 1, self.z_out
        np.add(self.W[last].dot(a_prev), self.b[last], out=z)
        e = np.exp(np.copysign(z, -1.0, out=self.neg_out), out=self.e_out)
        np.add(1.0, e, out=self.d_out)
        a_out = np.divide(np.maximum(e, np.heaviside(z, 1.0, out=self.num_out), out=self.num_out), self.d_out,
                          out=self.a_out)
        if self.loss != "mse":
            self.dz_out[...] = output_deltas(self.loss, a_out, y, z)[1]
            return
        z_out = z[0]
        e_scalar = np.exp(np.copysign(np.asarray(z_out, dtype=np.float64), -1.0))
        self.dz_out[0] = (a_out[0] - y) * (e_scalar / (1.0 + e_scalar) ** 2)


class PlainDescent:
    """optimizers.sgd on the whole vector, θ − η·g, into a buffer; `apply` writes it into the
    parameters only when every value is finite and within the limit (network.finite_below)."""

    def __init__(self, flat, grad, limit):
        self.flat, self.grad, self.limit = flat, grad, limit
        self.scaled, self.new, self.size = np.empty_like(flat), np.empty_like(flat), np.empty_like(flat)

    def apply(self, lr):
        """θ ← θ − η·g; answer the new values (a buffer) if they left the limits, else None."""
        new = np.subtract(self.flat, np.multiply(lr, self.grad, out=self.scaled), out=self.new)
        if not np.maximum.reduce(np.abs(new, out=self.size)) <= self.limit:
            return new
        np.copyto(self.flat, new)
        return None
