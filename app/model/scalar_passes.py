"""Own the session's scalar passes: one online example of a 2–H–1 network (H ≤ 8) or of the
single neuron 2–1, run forward and backward one weight layer at a time on Python floats, into a
Trace holding the very bits network.forward_step and network.backward_step give it.

Why: a phase of the step-by-step session on NumPy is some forty calls on arrays of one or two
numbers (15–35 µs); on floats the same arithmetic costs a few µs, and the arrays a Trace keeps
are made once per layer, from one list. The operations are model.scalar_online's (NumPy's own
exp and tanh called on a float, BLAS's products as chains of fma, every element-wise operation
the same IEEE one in the same order), plus what a Trace keeps beside the gradient: the products
W·a and W·∂L/∂z, the example's loss (NumPy's scalar pow in ½(y − ŷ)², log1p in the softplus),
∂L/∂ŷ, σ′ of the output unit (the array's d·d). `available()` runs both ways on random examples,
saturating weights and signed zeros included, once a process, and every bit must agree; else
`run_forward` and `run_backward` keep network's NumPy steps (and say why, once, at info level).
"""
import functools
import logging
from array import array

import numpy as np

from . import network
from .scalar_online import MAX_HIDDEN, fma, passed
from .scalar_online import _ACTIVATE as ACTIVATE, _sigmoid as sigmoid_floats

log = logging.getLogger(__name__)

EXP_SAFE = 709.0  # np.exp of a float up to this is finite: no overflow warning to silence


def fits(params, trace):
    """Whether the scalar steps run this trace: one example (not a batch), sizes 2–H–1 (H ≤ 8)
    or 2–1."""
    W = params.W
    if len(W) > 2 or trace.activations[0].ndim != 1:
        return False
    n_out, n_in = W[0].shape
    return n_in == 2 and n_out <= MAX_HIDDEN and len(W[-1]) == 1


def run_forward(params, trace, activation, loss, layers=None):
    """network.run_forward, on floats when the trace fits and the self-check agreed."""
    step = forward_step if fits(params, trace) and available() else network.forward_step
    for _ in range(len(params.W) - trace.forward_done if layers is None else layers):
        step(params, trace, activation, loss)


def run_backward(params, trace, loss, layers=None):
    """network.run_backward, on floats when the trace fits and the self-check agreed."""
    step = backward_step if fits(params, trace) and available() else network.backward_step
    for _ in range(len(params.W) - trace.backward_done if layers is None else layers):
        step(params, trace, loss)


def forward_step(params, trace, activation, loss):
    """network.forward_step on floats: z = W·a_prev + b, a = g(z) and g′(z), W·a_prev's
    products; the output layer also gives the example's loss."""
    layer, last = trace.forward_done, len(params.W) - 1
    W, a_prev = params.W[layer].tolist(), trace.activations[layer].tolist()
    z = _weighted_sums(W, a_prev, params.b[layer].tolist())
    a, slopes = sigmoid_floats(z) if layer == last else ACTIVATE[activation](z)
    n = len(z)
    values = np.array(z + a + slopes + [w * v for row in W for w, v in zip(row, a_prev)])
    trace.zs[layer], trace.activations[layer + 1], trace.g_primes[layer] = values[:n], values[n:2 * n], values[2 * n:3 * n]
    trace.products[layer] = values[3 * n:].reshape(n, len(a_prev))
    if layer == last:
        trace.loss = _loss(loss, a[0], trace.y, z[0])
    trace.forward_done += 1
    return layer


def backward_step(params, trace, loss):
    """network.backward_step on floats: ∂L/∂a, ∂L/∂z, ∂L/∂W = ∂L/∂z·a_prevᵀ, ∂L/∂b = ∂L/∂z
    (the same array, as there) and W·∂L/∂z's products."""
    last = len(params.W) - 1
    layer = last - trace.backward_done
    if layer == last:
        da, dz = _output_deltas(loss, trace.activations[-1][0], trace.y, trace.zs[last][0])
    else:
        da, dz = _hidden_deltas(params.W[last][0].tolist(), float(trace.dzs[last][0]), trace.g_primes[layer].tolist())
    W, a_prev = params.W[layer].tolist(), trace.activations[layer].tolist()
    n, m = len(dz), len(a_prev)
    values = np.array(da + dz + [d * v for d in dz for v in a_prev] + [w * d for row, d in zip(W, dz) for w in row])
    trace.das[layer], trace.dzs[layer] = values[:n], values[n:2 * n]
    trace.dW[layer], trace.db[layer] = values[2 * n:2 * n + n * m].reshape(n, m), trace.dzs[layer]
    trace.to_inputs[layer] = values[2 * n + n * m:].reshape(n, m)
    trace.backward_done += 1
    return layer


def _mul_add(w, x, c):
    """w·x + c rounded once (BLAS's fma); w·x is exact for x in {0, ±1}, so it needs none."""
    return w * x + c if x == 0.0 or x == 1.0 or x == -1.0 else fma(w, x, c)


def _weighted_sums(W, a_prev, b):
    """W·a_prev + b as NumPy's dot computes it for these shapes: a 1×1 product plain; one row a
    ddot, a chain of fma from w0·a0 added to a zeroed y; several rows of two columns a dgemv,
    fma(w0, x0, w1·x1) added to a zeroed y (model.scalar_online)."""
    if len(W) == 1:
        row = W[0]
        if len(row) == 1:
            return [row[0] * a_prev[0] + b[0]]
        total = row[0] * a_prev[0]
        for w, v in zip(row[1:], a_prev[1:]):
            total = _mul_add(w, v, total)
        return [(0.0 + total) + b[0]]
    x0, x1 = a_prev
    return [(0.0 + _mul_add(w0, x0, w1 * x1)) + c for (w0, w1), c in zip(W, b)]


def _exp(t):
    """NumPy's e^t of a float; past EXP_SAFE it may overflow to inf, as the array's does silently."""
    if t <= EXP_SAFE:
        return float(np.exp(t))
    with np.errstate(over="ignore"):
        return float(np.exp(t))


def _loss(loss, y_hat, y, z):
    """losses.LOSSES[loss]'s L of one example, as its scalar operations round it."""
    if loss == "mse":
        return 0.5 * residual(z, y) ** 2  # pow, as NumPy's scalar ** 2
    tail = float(np.log1p(_exp(-abs(z))))
    return y * ((-z if -z > 0.0 else 0.0) + tail) + (1.0 - y) * ((z if z > 0.0 else 0.0) + tail)


def residual(z, y, e=None):
    """losses.residual on floats: ŷ − y from the logit, (1 − y) − σ(−z) from 0 up; `e` is
    e^(−|z|) when the caller has it."""
    e = _exp(-abs(z)) if e is None else e
    below_half = e / (1.0 + e)
    return (1.0 - y) - below_half if z >= 0.0 else below_half - y


def _output_deltas(loss, y_hat, y, z):
    """([∂L/∂ŷ], [∂L/∂z]) of the output unit, as losses computes them on scalars."""
    z = float(z)
    e = _exp(-abs(z))
    difference = residual(z, y, e)
    if loss == "mse":
        return [difference], [difference * (e / (1.0 + e) ** 2)]
    toward_one = -y * (1.0 + _exp(-z)) if y != 0.0 else 0.0
    toward_zero = (1.0 - y) * (1.0 + _exp(z)) if y != 1.0 else 0.0
    return [toward_one + toward_zero], [difference]


def _hidden_deltas(w_next, dz_next, slopes):
    """(∂L/∂a, ∂L/∂z) of the hidden layer: W_nextᵀ·∂L/∂z_next (NumPy's plain product for one
    unit, else daxpy into zeros: fma(w, d, 0.0), +0.0 when a factor is zero), times g′(z)."""
    if len(w_next) == 1:
        da = [w_next[0] * dz_next]
    else:
        da = [w * dz_next if w and dz_next else 0.0 for w in w_next]
    return da, [d * s for d, s in zip(da, slopes)]


TRACE_FIELDS = ("zs", "activations", "g_primes", "products", "das", "dzs", "dW", "db", "to_inputs")
ACTIVATIONS, LOSSES = ("sigmoid", "tanh", "relu"), ("mse", "bce")
# Weight scales from 0 to far past saturation; None draws from ±0.0 and ±1.5 alone, so that
# signed zeros meet in every sum.
SCALES = (0.0, 1e-170, 1e-3, 0.5, 1.0, 3.0, 40.0, 400.0, None)


def self_check(forward=None, backward=None, cases=486, seed=21):
    """None if the scalar steps (or the given ones) fill a Trace with network's bits in `cases`
    random examples (every hidden size 0 … 8, activation, loss and weight scale from 0 to far past
    saturation, many signed zeros), and if the float calls they make round as NumPy's do; else a
    sentence saying where they did not."""
    forward, backward = forward or forward_step, backward or backward_step
    rng = np.random.default_rng(seed)
    problem = _primitives_differ(rng)
    if problem:
        return problem
    for case in range(cases):
        h, activation = case % (MAX_HIDDEN + 1), ACTIVATIONS[case // (MAX_HIDDEN + 1) % 3]
        loss = LOSSES[case // (3 * MAX_HIDDEN + 3) % 2]
        sizes = [2, h, 1] if h else [2, 1]
        scale = SCALES[case // (6 * MAX_HIDDEN + 6) % len(SCALES)]
        for _ in range(1 if scale is not None else 6):  # the signed zeros' meetings are rarer
            different = _trace_differs(rng, sizes, activation, loss, scale, forward, backward)
            if different:
                return f"case {case} ({activation}, {loss}, {'–'.join(map(str, sizes))}): {different} differ"
    return None


def _trace_differs(rng, sizes, activation, loss, scale, forward, backward):
    """The names of the Trace fields in which one random example's passes differ both ways."""
    n = sum(n_out * (n_in + 1) for n_in, n_out in zip(sizes, sizes[1:]))
    params = network.Params.from_flat(_random_values(rng, n, scale), sizes)
    x = _random_values(rng, 2, None if scale is None else 1.0) if rng.uniform() < 0.5 else rng.integers(0, 2, 2) * 1.0
    y = float(rng.choice([0.0, 1.0, rng.uniform()]))
    expected, got = network.start_trace(len(sizes) - 1, x, y), network.start_trace(len(sizes) - 1, x, y)
    network.run_forward(params, expected, activation, loss)
    network.run_backward(params, expected, loss)
    for _ in sizes[1:]:
        forward(params, got, activation, loss)
    for _ in sizes[1:]:
        backward(params, got, loss)
    different = [name for name in TRACE_FIELDS if not _same_arrays(getattr(got, name), getattr(expected, name))]
    if np.float64(got.loss).tobytes() != np.float64(expected.loss).tobytes():
        different.append("loss")
    return ", ".join(different)


def _primitives_differ(rng, n=4000):
    """The name of the first float call that rounds otherwise than NumPy's on arrays or scalars,
    on n random values (random examples would meet a rare disagreement too seldom): Python's
    v ** 2 against NumPy's scalar pow, np.exp, np.tanh and np.log1p of a float against an array's."""
    values = rng.normal(0.0, 1.0, n) * 2.0 ** rng.integers(-30, 10, n)
    listed = values.tolist()
    if any(v ** 2 != s ** 2 for v, s in zip(listed, values)):
        return "pow differs"
    small = -np.abs(values)  # the passes' e^(−|z|), log1p of it, and cross-entropy's e^z up to EXP_SAFE
    exponents = np.concatenate([small, np.minimum(-small, EXP_SAFE)])
    for name, ufunc, operand in (("exp", np.exp, exponents), ("log1p", np.log1p, np.exp(small)), ("tanh", np.tanh, values)):
        if array("d", [float(ufunc(v)) for v in operand.tolist()]).tobytes() != ufunc(operand).tobytes():
            return f"{name} differs"
    return None


def _random_values(rng, n, scale):
    """Normal values of the given scale, nearly a third of them zeros of either sign (a −0.0
    reaching a sum is where NumPy's kernels part: added to a zeroed y or not)."""
    if scale is None:
        return rng.choice([-0.0, 0.0, -1.5, 1.5], n)
    values = rng.normal(0.0, scale, n)
    pick = rng.uniform(size=n)
    values[pick < 0.15] = 0.0
    values[(pick >= 0.15) & (pick < 0.3)] = -0.0
    return values


def _same_arrays(got, expected):
    return all(type(a) is type(b) and a.shape == b.shape and a.tobytes() == b.tobytes()
               for a, b in zip(got, expected, strict=True))


@functools.lru_cache(maxsize=None)
def available():
    """Whether the scalar passes give NumPy's bits on this machine (checked once a process: the
    answer depends on the CPU and the BLAS build, not on anything that changes while it runs)."""
    return passed(self_check(), "scalar passes disabled, NumPy steps kept", log)
