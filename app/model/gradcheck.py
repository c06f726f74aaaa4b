"""Own the central-difference check of the hand-written gradients, and its verdict.

Central differences with h = 1e-5 carry an absolute error of about ε·|L|/h (rounding; ε ≈ 1e-16)
plus a term in h²: a few 1e-12 on the course's networks. A correct gradient of that size reads
as noise, and a relative error alone would call it wrong ("1.0"). The h² term grows with the
curvature along the parameter, and an input of 100 (the largest a student can set) makes it
about 1e-6 for a gradient of 0.02: a relative error of 2e-5, above `AGREE_RTOL`, for a gradient
that is right to the last digits. So each estimate n comes with its own error bar, its `spread`
|n − n₂ₕ| against the same difference taken with 2h: the h² term of n₂ₕ is four times n's, so
the two differ by about three times n's error. Near a ReLU kink (z = 0) the two sides of the
difference see two slopes, and the estimate is their average, not a derivative. Each parameter
gets one verdict; the thresholds are constants a page can state:

    kink                one of the two perturbed passes flipped a ReLU unit across z = 0
    agrees              |a − n| ≤ AGREE_RTOL · (|a| + |n|) + spread
    below_resolution    otherwise, if |a − n| ≤ RESOLUTION · max(1, |L|): both are within what
                        the check can resolve, so it cannot tell (never "disagrees")
    disagrees           otherwise
"""
import numpy as np

from .network import Params, full_forward

STEP = 1e-5
AGREE_RTOL = 1e-5
RESOLUTION = 1e-10
VERDICTS = ("agrees", "disagrees", "below_resolution", "kink")


def numeric_gradients(params, x, y, activation, loss):
    """(estimate, kinks, spread), each shaped like params: ∂L/∂θ estimated as
    (L(θ + h) − L(θ − h)) / 2h for every parameter; whether either perturbed pass flipped a ReLU
    unit across 0; and the estimate's spread, |estimate − the same difference with 2h| (0 where
    only a 2h pass flipped a unit: that difference then averages two slopes and bounds nothing)."""
    base = _relu_signs(full_forward(params, x, y, activation, loss), activation)
    work, estimate, spread, kinks = params.copy(), params.copy(), params.copy(), _falses(params)
    groups = zip((work.W, work.b), (estimate.W, estimate.b), (spread.W, spread.b), (kinks.W, kinks.b))
    for group, target, spreads, kink in groups:
        for array, out, bar, flipped in zip(group, target, spreads, kink):
            for index in np.ndindex(array.shape):
                (narrow, narrow_flips), (wide, wide_flips) = (
                    _central_difference(work, array, index, step, x, y, activation, loss, base)
                    for step in (STEP, 2 * STEP))
                out[index], flipped[index] = narrow, narrow_flips
                bar[index] = 0.0 if wide_flips and not narrow_flips else abs(narrow - wide)
    return estimate, kinks, spread


def _central_difference(work, array, index, step, x, y, activation, loss, base):
    """((L(θ + step) − L(θ − step)) / 2·step, whether either pass flipped a ReLU unit) for the
    parameter array[index] of `work`, which is put back as it was."""
    saved = array[index]
    array[index] = saved + step
    plus = full_forward(work, x, y, activation, loss)
    array[index] = saved - step
    minus = full_forward(work, x, y, activation, loss)
    array[index] = saved
    flipped = any(_relu_signs(t, activation) != base for t in (plus, minus))
    return (plus.loss - minus.loss) / (2 * step), flipped


def _relu_signs(trace, activation):
    """Which hidden ReLU units are on (z > 0), as bytes; empty for smooth activations."""
    if activation != "relu":
        return b""
    return b"".join((z > 0).tobytes() for z in trace.zs[:-1])


def _falses(params):
    return Params([np.zeros(w.shape, dtype=bool) for w in params.W], [np.zeros(v.shape, dtype=bool) for v in params.b])


def relative_error(analytic, numeric):
    """|a − n| / max(|a| + |n|, RESOLUTION), element-wise: never 1.0 for two numbers of noise."""
    return np.abs(analytic - numeric) / np.maximum(np.abs(analytic) + np.abs(numeric), RESOLUTION)


def verdicts(analytic, numeric, kinks, loss, spread=0.0):
    """One verdict per element (see the module's docstring), as an array of VERDICTS strings;
    `loss` is the example's loss L, which scales the check's rounding error, and `spread` the
    estimate's own error bar (numeric_gradients')."""
    diff, size = np.abs(analytic - numeric), np.abs(analytic) + np.abs(numeric)
    unresolved = diff <= RESOLUTION * max(1.0, abs(loss))
    agrees = diff <= AGREE_RTOL * size + spread
    result = np.where(agrees, "agrees", np.where(unresolved, "below_resolution", "disagrees"))
    return np.where(kinks, "kink", result)
