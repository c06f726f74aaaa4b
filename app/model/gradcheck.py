"""Own the central-difference check of the hand-written gradients, and its verdict.

Central differences with h = 1e-5 carry an absolute error of about ε·|L|/h (rounding; ε ≈ 1e-16)
plus a term in h²: a few 1e-12 on the course's networks. A correct gradient of that size reads
as noise, and a relative error alone would call it wrong ("1.0"). Near a ReLU kink (z = 0) the
two sides of the difference see two slopes, and the estimate is their average, not a derivative.
Each parameter gets one verdict; the thresholds are constants a page can state:

    kink                one of the two perturbed passes flipped a ReLU unit across z = 0
    agrees              |a − n| ≤ AGREE_RTOL · (|a| + |n|)
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
    """(estimate, kinks): ∂L/∂θ estimated as (L(θ + h) − L(θ − h)) / 2h for every parameter, and
    whether either perturbed pass flipped a ReLU unit across 0, both shaped like params."""
    base = _relu_signs(full_forward(params, x, y, activation, loss), activation)
    work, estimate, kinks = params.copy(), params.copy(), _falses(params)
    for group, target, kink in ((work.W, estimate.W, kinks.W), (work.b, estimate.b, kinks.b)):
        for array, out, flipped in zip(group, target, kink):
            for index in np.ndindex(array.shape):
                saved = array[index]
                array[index] = saved + STEP
                plus = full_forward(work, x, y, activation, loss)
                array[index] = saved - STEP
                minus = full_forward(work, x, y, activation, loss)
                array[index] = saved
                out[index] = (plus.loss - minus.loss) / (2 * STEP)
                flipped[index] = any(_relu_signs(t, activation) != base for t in (plus, minus))
    return estimate, kinks


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


def verdicts(analytic, numeric, kinks, loss):
    """One verdict per element (see the module's docstring), as an array of VERDICTS strings;
    `loss` is the example's loss L, which scales the check's rounding error."""
    diff, size = np.abs(analytic - numeric), np.abs(analytic) + np.abs(numeric)
    unresolved = diff <= RESOLUTION * max(1.0, abs(loss))
    result = np.where(diff <= AGREE_RTOL * size, "agrees", np.where(unresolved, "below_resolution", "disagrees"))
    return np.where(kinks, "kink", result)
