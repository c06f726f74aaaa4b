"""Own the session's scalar update: an optimiser's rule (plain descent, momentum, Adam) on every
parameter as a Python float, landing on the very bits of model.optimizers.

Why: an update of a small network on NumPy is a few dozen calls on arrays of one to sixteen
numbers, and the divergence checks more; on floats it is a few µs. Every operation of the rules
is element-wise and IEEE's (+, −, ×, ÷ and the square root round correctly, on a float as on an
array's element), written here in the same order as there, so no self-check is needed: the
tests compare both ways for every optimiser, at saturation and past the limits too. The arrays
made at the end are views into one new vector per kind (parameters, Δθ, each memory part).
"""
import math

import numpy as np

from .network import Params
from .optimizers import ADAM_BETA2, ADAM_EPSILON


def applies(settings):
    """Whether the update is the rule alone: no weight penalty, no clipping (those stay on arrays)."""
    return not (settings.l1 or settings.l2 or settings.clip > 0)


def learn(params, grads, memory, optimizer, lr, mu, limits):
    """(new Params, new memory, Δθ Params, within) of `optimizers.OPTIMIZERS[optimizer](params,
    grads, memory, lr, mu)`; `within` says whether every new parameter and every new memory value
    is finite and within ±limits[0] and ±limits[1] (what the session's divergence checks ask)."""
    theta, g = _floats(params), _floats(grads)
    if optimizer == "sgd":
        new, parts, kept = [p - lr * d for p, d in zip(theta, g)], {}, ()
    elif optimizer == "momentum":
        velocity = [mu * v + d for v, d in zip(_memory_floats(memory["velocity"]), g)]
        new, parts, kept = [p - lr * v for p, v in zip(theta, velocity)], {"velocity": velocity}, velocity
    else:
        new, parts = _adam(theta, g, memory, lr, mu)
        kept = parts["m"] + parts["v"]
    sizes = [params.W[0].shape[1]] + [w.shape[0] for w in params.W]
    new_memory = {"t": memory["t"] + 1} if optimizer == "adam" else {}  # optimizers' key order
    new_memory.update((name, _memory_arrays(values, sizes)) for name, values in parts.items())
    delta = [n - p for n, p in zip(new, theta)]
    within = _within(new, limits[0]) and _within(kept, limits[1])
    return Params.views(np.array(new), sizes), new_memory, Params.views(np.array(delta), sizes), within


def _adam(theta, g, memory, lr, mu):
    """optimizers.adam's new parameters and its m and v (as flat lists)."""
    t = memory["t"] + 1
    m = [mu * m_ + (1 - mu) * d for m_, d in zip(_memory_floats(memory["m"]), g)]
    v = [ADAM_BETA2 * v_ + (1 - ADAM_BETA2) * (d * d) for v_, d in zip(_memory_floats(memory["v"]), g)]
    m_hat_scale, v_hat_scale = 1 - mu ** t, 1 - ADAM_BETA2 ** t
    new = [p - lr * (m_ / m_hat_scale) / (math.sqrt(v_ / v_hat_scale) + ADAM_EPSILON)
           for p, m_, v_ in zip(theta, m, v)]
    return new, {"m": m, "v": v}


def _floats(params):
    """Every parameter as one list of floats, in `Params.flat` order."""
    values = []
    for w in params.W:
        for row in w.tolist():
            values += row
    for b in params.b:
        values += b.tolist()
    return values


def _memory_floats(arrays):
    """A memory part (one array per W, then per b) as one list of floats, in the same order."""
    values = []
    for array in arrays:
        values += array.ravel().tolist()
    return values


def _memory_arrays(values, sizes):
    """A memory part in the session's form, one array per W then per b, from a flat list."""
    part = Params.views(np.array(values), sizes)
    return list(part.W) + list(part.b)


def _within(values, limit):
    """Whether every value is finite and within ±limit (a NaN fails the comparison)."""
    for v in values:
        if not -limit <= v <= limit:
            return False
    return True
