"""Own the central-difference check of the hand-written gradients."""
import numpy as np

from .network import example_loss

STEP = 1e-5


def numeric_gradients(params, x, y, activation, loss):
    """∂L/∂θ estimated as (L(θ + h) − L(θ − h)) / 2h for every parameter, shaped like params."""
    work, estimate = params.copy(), params.copy()
    for group, target in ((work.W, estimate.W), (work.b, estimate.b)):
        for array, out in zip(group, target):
            for index in np.ndindex(array.shape):
                saved = array[index]
                array[index] = saved + STEP
                plus = example_loss(work, x, y, activation, loss)
                array[index] = saved - STEP
                minus = example_loss(work, x, y, activation, loss)
                array[index] = saved
                out[index] = (plus - minus) / (2 * STEP)
    return estimate


def relative_error(analytic, numeric):
    """|a − n| / max(|a| + |n|, 1e-12), element-wise."""
    return np.abs(analytic - numeric) / np.maximum(np.abs(analytic) + np.abs(numeric), 1e-12)
