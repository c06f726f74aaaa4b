"""Own a small multilayer perceptron: parameters, forward and backward, layer by layer.

Shapes, for sizes = [n0, n1, …, nL] and weight layer l = 0 … L−1:
    W[l]: (n[l+1], n[l]), rows receive and columns send, so W[0][0, 1] is w12 (x2 → h1)
    b[l], z[l], dz[l], da[l]: (n[l+1],)
    a[k]: (n[k],), with a[0] = x and a[L] = [ŷ]
Hidden layers use the chosen activation g; the single output unit is always a sigmoid.
A Trace holds one example (vectors, as above) or a batch of m examples (each vector becomes an
(n, m) matrix, one column per example): its loss is the batch's mean and its dW and db the mean
of the per-example gradients, ∂L/∂W = ∂L/∂Z·A_prevᵀ/m; dz and da keep one column per example.
Backprop is written once, as `forward_step` and `backward_step` over a Trace: the full pass,
the session's phases (one layer at a time or whole) and the replay on restore all run them.
Nothing here knows about sessions, JSON or Flask.
"""
from dataclasses import dataclass

import numpy as np

from .activations import ACTIVATIONS, WITH_PRIME, sigmoid
from .losses import LOSSES, loss_value


@dataclass
class Params:
    W: list
    b: list

    def copy(self):
        return Params([w.copy() for w in self.W], [v.copy() for v in self.b])

    def flat(self):
        """Every parameter as one vector, W before b, layer by layer."""
        return np.concatenate([w.ravel() for w in self.W] + [v.ravel() for v in self.b])

    def pack(self):
        """Every parameter as bytes (float64, `flat` order): 8 bytes a number, for undo entries."""
        return b"".join([a.tobytes() for a in (*self.W, *self.b)])  # each in C order: flat's bytes, unjoined

    @classmethod
    def unpack(cls, data, sizes):
        """Params shaped for `sizes` from `pack`'s bytes (fresh, writable arrays)."""
        return cls.from_flat(np.frombuffer(data, dtype=np.float64), sizes)

    @classmethod
    def from_flat(cls, values, sizes):
        """Params shaped for `sizes` from `flat`'s order (fresh arrays)."""
        return cls.views(np.array(values, dtype=np.float64), sizes)

    @classmethod
    def views(cls, vector, sizes):
        """Params whose W and b are views into `vector` (in `flat` order): writing into them
        writes into the vector."""
        W, b, at = [], [], 0
        for n_in, n_out in zip(sizes, sizes[1:]):
            W.append(vector[at:at + n_out * n_in].reshape(n_out, n_in))
            at += n_out * n_in
        for n_out in sizes[1:]:
            b.append(vector[at:at + n_out])
            at += n_out
        return cls(W, b)

    def is_finite_below(self, limit):
        return finite_below(self.flat(), limit)


def finite_below(values, limit):
    """Whether every value is finite and within ±limit (a NaN fails: max(|v|) is then NaN)."""
    return bool(np.maximum.reduce(np.abs(values)) <= limit)


def init_params(sizes, rng):
    """Weights and biases drawn uniformly from [−1, 1) by the given numpy Generator."""
    W = [rng.uniform(-1.0, 1.0, size=(n_out, n_in)) for n_in, n_out in zip(sizes, sizes[1:])]
    b = [rng.uniform(-1.0, 1.0, size=n_out) for n_out in sizes[1:]]
    return Params(W, b)


def layer_activation(layer, n_layers, activation):
    """(g, g') of a weight layer: the chosen one for hidden layers, sigmoid for the output."""
    if layer == n_layers - 1:
        return ACTIVATIONS["sigmoid"]
    return ACTIVATIONS[activation]


@dataclass
class Trace:
    """One example's passes so far, layer by layer; None marks a layer not reached yet.

    forward_done counts weight layers run forward (from the input), backward_done those run
    backward (from the output). Everything else here is derived from params, x and y.
    """
    y: float
    zs: list
    activations: list
    g_primes: list
    das: list
    dzs: list
    dW: list
    db: list
    products: list = None     # per layer, W * a_prev elementwise: the × gates of each z (W's shape)
    to_inputs: list = None    # per layer, W * ∂L/∂z as a column: the summands of ∂L/∂a_prev (W's shape)
    loss: float = None
    forward_done: int = 0
    backward_done: int = 0

    @property
    def n_layers(self):
        return len(self.zs)

    @property
    def batched(self):
        return np.ndim(self.activations[0]) == 2

    def inputs(self):
        """x as it was given: (2,) for one example, (m, 2) for a batch."""
        return self.activations[0].T if self.batched else self.activations[0]

    def copy(self):
        """A trace of its own: the passes assign new arrays into its lists and never change an
        array in place, so copying the lists is enough. Built from its fields as they are, not
        by dataclasses.replace, which calls __init__ through a keyword per field: a quarter of
        the time, on every step answered ahead (session.ahead)."""
        fields = self.__dict__.copy()
        for name in _TRACE_LISTS:
            if fields[name] is not None:
                fields[name] = fields[name].copy()
        twin = object.__new__(type(self))
        twin.__dict__ = fields
        return twin


_TRACE_LISTS = ("zs", "activations", "g_primes", "das", "dzs", "dW", "db", "products", "to_inputs")


def weighted_sum(params, layer, a_prev):
    """z = W·a_prev + b of one weight layer, for one example (n,) or many as columns (n, m)."""
    b = params.b[layer] if a_prev.ndim == 1 else params.b[layer][:, None]
    # ndarray.dot: the same BLAS product as `@` (bit for bit), at a third of the call's cost.
    return params.W[layer].dot(a_prev) + b


def forward_layer(params, layer, a_prev, activation, prime=True):
    """(z, a, g′(z)) of one weight layer: z = W·a_prev + b and a = g(z), g′(z) beside it (None
    when `prime` is false)."""
    z = weighted_sum(params, layer, a_prev)
    name = "sigmoid" if layer == len(params.W) - 1 else activation
    if not prime:
        return z, ACTIVATIONS[name][0](z), None
    return (z, *WITH_PRIME[name](z))


def first_column(values):
    """One example's values: as they are, or a batch's first example (column 0)."""
    return values[:, 0] if np.ndim(values) == 2 else values


def start_trace(n_layers, x, y):
    """A trace with a[0] = x and nothing computed yet; x of shape (m, 2) and y of shape (m,) make
    a batch (a[0] is then xᵀ, one column per example)."""
    x = np.asarray(x, dtype=np.float64)
    y = np.array(y, dtype=np.float64) if x.ndim == 2 else float(y)
    empty = [None] * n_layers
    return Trace(y, empty, [x.T.copy() if x.ndim == 2 else x, *empty], empty.copy(), empty.copy(),
                 empty.copy(), empty.copy(), empty.copy(), empty.copy(), empty.copy())


def output_delta(loss, y_hat, y, z_out):
    """(L, ∂L/∂ŷ, ∂L/∂z_out) of one example for the named loss."""
    return LOSSES[loss](y_hat, y, z_out)


def forward_step(params, trace, activation, loss):
    """Run the next weight layer forward: z = W·a_prev + b, a = g(z), and g′(z) beside it;
    the output layer also gives the example's loss."""
    layer, last = trace.forward_done, len(params.W) - 1
    z, a, g_prime_z = forward_layer(params, layer, trace.activations[layer], activation)
    trace.products[layer] = params.W[layer] * first_column(trace.activations[layer])
    trace.zs[layer], trace.activations[layer + 1], trace.g_primes[layer] = z, a, g_prime_z
    if layer == last:
        trace.loss = float(np.mean(output_delta(loss, trace.activations[-1][0], trace.y, z[0])[0]))
    trace.forward_done += 1
    return layer


def backward_step(params, trace, loss):
    """Run the next weight layer backward, from the output: ∂L/∂a, ∂L/∂z = ∂L/∂a·g′(z),
    ∂L/∂W = ∂L/∂z·a_prevᵀ and ∂L/∂b = ∂L/∂z. The output's ∂L/∂z comes from the loss."""
    last = len(params.W) - 1
    layer = last - trace.backward_done
    if layer == last:
        trace.das[last], trace.dzs[last] = output_deltas(loss, trace.activations[-1], trace.y, trace.zs[last])
    else:
        trace.das[layer], trace.dzs[layer] = hidden_deltas(params, layer, trace.dzs[layer + 1], trace.g_primes[layer])
    trace.dW[layer], trace.db[layer] = parameter_gradients(trace.dzs[layer], trace.activations[layer])
    trace.to_inputs[layer] = params.W[layer] * first_column(trace.dzs[layer])[:, None]
    trace.backward_done += 1
    return layer


def output_deltas(loss, a_out, y, z_out):
    """(∂L/∂a, ∂L/∂z) of the output layer, as (1,) arrays for one example, (1, m) for a batch.
    One example's are computed on scalars, as they always were: NumPy's scalar d ** 2 is not
    always the array's d·d in the last bit."""
    _, dL_dyhat, dz = output_delta(loss, a_out[0], y, z_out[0])
    return np.array([dL_dyhat], dtype=np.float64), np.array([dz], dtype=np.float64)


def hidden_deltas(params, layer, dz_next, g_prime_z):
    """(∂L/∂a, ∂L/∂z) of a hidden layer: ∂L/∂a = W_nextᵀ·∂L/∂z_next and ∂L/∂z = ∂L/∂a·g′(z)."""
    da = params.W[layer + 1].T.dot(dz_next)
    return da, da * g_prime_z


def parameter_gradients(dz, a_prev, out=None):
    """(∂L/∂W, ∂L/∂b) of one layer: dz·a_prevᵀ and dz for one example; for a batch (columns) the
    mean over its examples, dZ·A_prevᵀ/m and the row means of dZ. ∂L/∂W goes into `out` if given."""
    return weight_gradient(dz, a_prev, out), dz if dz.ndim == 1 else dz.mean(axis=1)


def weight_gradient(dz, a_prev, out=None):
    """∂L/∂W of one layer alone (see parameter_gradients)."""
    if dz.ndim == 1:
        return np.multiply(dz[:, None], a_prev, out=out)  # np.outer's own product
    return np.divide(dz.dot(a_prev.T), dz.shape[1], out=out)


def gradients_into(params, x, y, activation, loss, dW, db):
    """Write ∂L/∂W and ∂L/∂b of one example (x (2,), y a number) or a batch (x (m, 2), y (m,))
    into dW and db (arrays shaped like W and b): the layer functions of `full_pass`, in its
    order, keeping nothing else (training many steps in a row needs no Trace)."""
    a = np.asarray(x, dtype=np.float64)
    a, y = (a.T.copy(), np.array(y, dtype=np.float64)) if a.ndim == 2 else (a, float(y))
    activations, slopes, last = [a], [], len(params.W) - 1
    for layer in range(len(params.W)):
        # The output's σ′ is the loss's business (output_deltas): no need to compute it here.
        z, a, g_prime_z = forward_layer(params, layer, a, activation, prime=layer < last)
        activations.append(a)
        slopes.append(g_prime_z)
    _, dz = output_deltas(loss, a, y, z)
    for layer in range(len(params.W) - 1, -1, -1):
        _, db[layer][...] = parameter_gradients(dz, activations[layer], out=dW[layer])
        if layer:
            _, dz = hidden_deltas(params, layer - 1, dz, slopes[layer - 1])


def run_forward(params, trace, activation, loss, layers=None):
    """The rest of the forward pass (or `layers` more of it)."""
    for _ in range(len(params.W) - trace.forward_done if layers is None else layers):
        forward_step(params, trace, activation, loss)


def run_backward(params, trace, loss, layers=None):
    """The rest of the backward pass (or `layers` more of it); the forward must be complete."""
    for _ in range(len(params.W) - trace.backward_done if layers is None else layers):
        backward_step(params, trace, loss)


def full_pass(params, x, y, activation, loss):
    """Forward and backward of one example, keeping every intermediate value (a Trace)."""
    trace = start_trace(len(params.W), x, y)
    run_forward(params, trace, activation, loss)
    run_backward(params, trace, loss)
    return trace


def gradients(params, x, y, activation, loss):
    """Loss of one example and its gradient, as (L, Params of ∂L/∂θ)."""
    trace = full_pass(params, x, y, activation, loss)
    return trace.loss, Params(trace.dW, trace.db)


def full_forward(params, x, y, activation, loss):
    """The forward pass of one example (a Trace with every z and a, and the loss)."""
    trace = start_trace(len(params.W), x, y)
    run_forward(params, trace, activation, loss)
    return trace


def layer_values(params, X, activation, layers=None):
    """([z[1], …], [a[1], …]) of the first `layers` weight layers (every one by default) for every
    row of X, each (n[k], n_rows): the forward pass of many examples at once."""
    A, zs, outputs = np.asarray(X, dtype=np.float64).T, [], []
    for layer in range(len(params.W) if layers is None else layers):
        g, _ = layer_activation(layer, len(params.W), activation)
        zs.append(weighted_sum(params, layer, A))
        A = g(zs[-1])
        outputs.append(A)
    return zs, outputs


def output_logits(params, X, hidden):
    """z_out for every row of X, shape (n,), from `hidden`, the hidden layers' activations over X
    (layer_values' of every layer but the output)."""
    A = hidden[-1] if hidden else np.asarray(X, dtype=np.float64).T
    return weighted_sum(params, len(params.W) - 1, A)[0]


def hidden_outputs(params, X, activation):
    """The hidden layers' activations for every row of X: [a[1], …, a[L−1]]."""
    return layer_values(params, X, activation, len(params.W) - 1)[1]


def predict_logits(params, X, activation):
    """z_out for every row of X, shape (n,): the forward pass of many examples at once."""
    return output_logits(params, X, hidden_outputs(params, X, activation))


def layer_outputs(params, X, activation):
    """Every layer's activations for every row of X: [a[1], …, a[L]], each (n[k], n_rows)."""
    return layer_values(params, X, activation)[1]


def predict(params, X, activation):
    """ŷ = σ(z_out) for every row of X, shape (n,)."""
    return sigmoid(predict_logits(params, X, activation))


def dataset_loss(params, X, Y, activation, loss):
    """The chosen loss averaged over the data set with the current parameters."""
    z_out = predict_logits(params, X, activation)
    values = loss_value(loss, sigmoid(z_out), Y, z_out)
    return float(np.add.reduce(values) / len(values))  # np.mean's sum and division, without its wrapper
