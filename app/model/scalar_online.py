"""Own the Engine's scalar fast path: one online step (gradient and plain gradient descent) of a
2–H–1 network (H ≤ 8) on Python floats, landing on the very bits of model.online.

Why it exists: a 2–2–1 step on NumPy is some thirty-five calls of about half a microsecond on
arrays of one or two numbers; on Python floats the same arithmetic costs a few microseconds, so
auto-training runs several times as many epochs a second. The server owns every number, so the
two paths must never disagree, and the floats repeat NumPy's operations exactly:
- exponential and tanh: NumPy's own, called on a float (its SIMD loop gives a float the bits it
  gives an array's element; `math.exp` differs in the last bit for a few per cent of inputs);
- W·x of the hidden layer (BLAS dgemv) is fma(w0, x0, w1·x1) added to a zeroed y; a (1, n)·(n,)
  product (ddot) a chain of fma from w0·a0, added to a zeroed y; Wᵀ·∂L/∂z (daxpy into zeros)
  fma(w, ∂L/∂z, 0.0), a plain product when H = 1 (NumPy's scalar case). Signed zeros and
  underflows included. An fma rounds once: `fma` below computes it exactly (Dekker's product
  and math.fsum, fractions at the edges of the range);
- everything element-wise (σ, σ′, the loss's ∂L/∂z, θ − η·g) is the same IEEE operation on a
  float as on an array's element, in the same order.
Which kernel BLAS picks depends on the CPU and the build, so `available()` runs `self_check` once
a process: random steps both ways, saturating weights and signed zeros included, every bit
compared; if one differs the Engine keeps the NumPy path (and says why, once, at info level).
"""
import functools
import logging
import math
import struct
from fractions import Fraction

import numpy as np

from .network import Params
from .online import OnlineGradients, PlainDescent

log = logging.getLogger(__name__)

MAX_HIDDEN = 8
ACTIVATIONS = ("sigmoid", "tanh", "relu")
LOSSES = ("mse", "bce")
_SPLITTER = 134217729.0  # 2²⁷ + 1: Veltkamp's split of a float into two halves of 26 bits
_TINY, _HUGE = 2.0 ** -900, 2.0 ** 990  # within these Dekker's product error is exact


def fma(a, b, c):
    """a·b + c rounded once, as the CPU's fused multiply-add: a·b = p + err exactly (Dekker),
    then math.fsum rounds p + err + c correctly."""
    p = a * b
    if not (_TINY < abs(p) < _HUGE and -_HUGE < a < _HUGE and -_HUGE < b < _HUGE and -_HUGE < c < _HUGE):
        return _fma_exactly(a, b, c)
    t = _SPLITTER * a
    a_hi = t - (t - a)
    a_lo = a - a_hi
    t = _SPLITTER * b
    b_hi = t - (t - b)
    b_lo = b - b_hi
    return math.fsum((p, ((a_hi * b_hi - p) + a_hi * b_lo + a_lo * b_hi) + a_lo * b_lo, c))


def _fma_exactly(a, b, c):
    """fma at the edges: zero, tiny, huge or non-finite operands."""
    if not (math.isfinite(a) and math.isfinite(b) and math.isfinite(c)) or a == 0.0 or b == 0.0:
        return a * b + c  # an exact zero product keeps IEEE's signed-zero sum; inf and NaN propagate
    exact = Fraction(a) * Fraction(b) + Fraction(c)
    if exact == 0:
        return 0.0  # an exact cancellation is +0 when rounding to nearest
    try:
        return float(exact)  # int / int: correctly rounded
    except OverflowError:
        return math.inf if exact > 0 else -math.inf


def applies(settings, sizes, plain_descent):
    """Whether the scalar step does what the Engine's step would for these settings."""
    return (settings.batch == "online" and plain_descent and len(sizes) == 3 and sizes[0] == 2
            and 1 <= sizes[1] <= MAX_HIDDEN and sizes[2] == 1 and settings.activation in ACTIVATIONS
            and settings.loss in LOSSES and not settings.l1 and not settings.l2 and not settings.clip > 0)


class ScalarStep:
    """OnlineGradients followed by PlainDescent.apply, on floats, for the parameters in `flat`
    (the Engine's vector: W0 (H×2, by rows), W1 (H), b0 (H), b1)."""

    mul_add = staticmethod(fma)  # the self-check's tests swap it for a rounding that is wrong

    def __init__(self, flat, hidden, activation, loss, limit):
        self.flat, self.hidden, self.activation, self.loss, self.limit = flat, hidden, activation, loss, limit
        self.layout = struct.Struct(f"{flat.size}d")

    def __call__(self, x, y, lr):
        """Learn example (x, y) with rate lr; None once done, else the values that left the limits
        (the parameters then stay as they were)."""
        x0, x1 = x.tolist()
        theta = self.flat.tolist()
        h = self.hidden
        w_out = theta[2 * h:3 * h]
        a, slopes = _ACTIVATE[self.activation](self._hidden_z(theta, x0, x1))
        dz = self._output_delta(w_out, theta[4 * h], a, float(y))
        if h == 1:  # Wᵀ·∂L/∂z: NumPy's own product for one unit
            dz_hidden = [w_out[0] * dz * slopes[0]]
        else:  # daxpy into zeros: fma(w, dz, 0.0), a product, or +0.0 when a factor is zero
            dz_hidden = [(w * dz if w and dz else 0.0) * s for w, s in zip(w_out, slopes)]
        grads = []
        for d in dz_hidden:
            grads += (d * x0, d * x1)
        grads += [dz * v for v in a]
        grads += dz_hidden
        grads.append(dz)
        lr, limit = float(lr), self.limit
        new = [p - lr * g for p, g in zip(theta, grads)]
        for value in new:
            if not -limit <= value <= limit:  # NaN fails too
                return new
        self.layout.pack_into(self.flat, 0, *new)
        return None

    def _hidden_z(self, theta, x0, x1):
        """z = W0·x + b0: BLAS's dgemv, fma(w0, x0, w1·x1) into a zeroed y (w0·x0 is exact for
        x0 in {0, ±1}: no fma needed), or for one unit its ddot, fma(w1, x1, w0·x0)."""
        h, mul_add = self.hidden, self.mul_add
        first, second, b = theta[0:2 * h:2], theta[1:2 * h:2], theta[3 * h:4 * h]
        if h == 1:
            return [(0.0 + mul_add(second[0], x1, first[0] * x0)) + b[0]]
        if x0 == 0.0 or x0 == 1.0 or x0 == -1.0:
            return [(0.0 + (w0 * x0 + w1 * x1)) + c for w0, w1, c in zip(first, second, b)]
        return [(0.0 + mul_add(w0, x0, w1 * x1)) + c for w0, w1, c in zip(first, second, b)]

    def _output_delta(self, w_out, b_out, a, y):
        """∂L/∂z of the output unit (σ of z = W1·a + b1)."""
        if len(a) == 1:
            z = w_out[0] * a[0] + b_out  # NumPy's scalar case: a plain product
        else:
            mul_add, z = self.mul_add, w_out[0] * a[0]
            for j in range(1, len(a)):
                z = mul_add(w_out[j], a[j], z)
            z = (0.0 + z) + b_out  # ddot's chain of fma, into a zeroed y
        e = float(np.exp(-abs(z)))
        below_half = e / (1.0 + e)
        difference = (1.0 - y) - below_half if z >= 0.0 else below_half - y  # losses.residual
        if self.loss == "mse":
            return difference * (e / (1.0 + e) ** 2)  # pow, as NumPy's scalar d ** 2
        return difference


def _sigmoid(zs):
    """σ = max(e, H(z))/(1 + e) and σ′ = e/(1 + e)² with e = e^(−|z|), as activations does."""
    a, slopes, exp = [], [], np.exp
    for z in zs:
        e = float(exp(-abs(z)))
        d = 1.0 + e
        a.append((1.0 if z >= 0.0 else e) / d)
        slopes.append(e / (d * d))
    return a, slopes


def _tanh(zs):
    """tanh and tanh′ = 4e/(1 + e)² with e = e^(−2|z|)."""
    a, slopes = [], []
    for z in zs:
        e = float(np.exp(-2.0 * abs(z)))
        d = 1.0 + e
        a.append(float(np.tanh(z)))
        slopes.append(4.0 * e / (d * d))
    return a, slopes


def _relu(zs):
    """np.maximum(z, 0.0) (−0.0 gives 0.0, NaN stays) and (z > 0) as a float."""
    return [0.0 if z <= 0.0 else z for z in zs], [1.0 if z > 0.0 else 0.0 for z in zs]


_ACTIVATE = {"sigmoid": _sigmoid, "tanh": _tanh, "relu": _relu}


def self_check(step_class=ScalarStep, cases=240, steps=4, seed=20):
    """None if `step_class` lands on model.online's bits in `cases` random runs of `steps` steps
    (every activation, loss and hidden size, weights from 0 to saturation, signed zeros), else a
    sentence saying where it did not."""
    rng = np.random.default_rng(seed)
    for case in range(cases):
        h, activation, loss = 1 + case % MAX_HIDDEN, ACTIVATIONS[case % 3], LOSSES[case // 3 % 2]
        n = 4 * h + 1
        start = _random_values(rng, n, [0.0, 1e-170, 1e-3, 0.5, 1.0, 3.0, 30.0, 400.0][case % 8])
        reference, scalar = start.copy(), start.copy()
        grad = np.empty(n)
        sizes = [2, h, 1]
        gradients = OnlineGradients(Params.views(reference, sizes), Params.views(grad, sizes), activation, loss)
        descent, step = PlainDescent(reference, grad, 1e6), step_class(scalar, h, activation, loss, 1e6)
        for _ in range(steps):
            x = _random_values(rng, 2, 1.0) if rng.uniform() < 0.5 else rng.integers(0, 2, 2).astype(float)
            y, lr = float(rng.choice([0.0, 1.0, rng.uniform()])), float(rng.choice([0.5, rng.uniform(0, 3)]))
            gradients(x, y)
            expected, got = descent.apply(lr), step(x, y, lr)
            refused_alike = (expected is None) == (got is None)
            if not refused_alike or (got is not None and np.array(got).tobytes() != expected.tobytes()):
                return f"case {case} ({activation}, {loss}, 2–{h}–1): divergence differs"
            if scalar.tobytes() != reference.tobytes():
                return f"case {case} ({activation}, {loss}, 2–{h}–1): parameters differ"
            if got is not None:
                break
    return None


def _random_values(rng, n, scale):
    """Normal values of the given scale, with exact zeros and negative zeros among them."""
    values = rng.normal(0.0, scale, n)
    pick = rng.uniform(size=n)
    values[pick < 0.06] = 0.0
    values[(pick >= 0.06) & (pick < 0.1)] = -0.0
    return values


@functools.lru_cache(maxsize=None)
def available():
    """Whether the scalar path gives NumPy's bits on this machine (checked once a process: the
    answer depends on the CPU and the BLAS build, not on anything that changes while it runs)."""
    return passed(self_check(), "scalar online step disabled, NumPy path kept", log)


def passed(problem, consequence, logger):
    """A self-check's verdict (None or what differed) as a yes or no; a no is logged (once: the
    callers keep the answer), with what it costs."""
    if problem is not None:
        logger.info("%s: %s", consequence, problem)
    return problem is None
