"""Own the update rules: plain gradient descent, momentum and Adam.

Each rule is `apply(params, grads, memory, settings) -> (new_params, new_memory)` and never
mutates its inputs, so a session can keep the old values for undo and for showing Δθ.
The memory is a dict of plain lists of arrays, so a snapshot can carry it.
"""
import numpy as np

from .network import Params

ADAM_BETA2 = 0.999
ADAM_EPSILON = 1e-8


def empty_memory(name, params):
    """The optimiser's starting memory for parameters shaped like `params`."""
    zeros = lambda: [np.zeros_like(w) for w in params.W] + [np.zeros_like(v) for v in params.b]
    if name == "momentum":
        return {"velocity": zeros()}
    if name == "adam":
        return {"t": 0, "m": zeros(), "v": zeros()}
    return {}


def _split(arrays, n_layers):
    return Params(list(arrays[:n_layers]), list(arrays[n_layers:]))


def _as_list(params):
    return list(params.W) + list(params.b)


def sgd(params, grads, memory, lr, mu):
    """θ ← θ − η·g."""
    new = [p - lr * g for p, g in zip(_as_list(params), _as_list(grads))]
    return _split(new, len(params.W)), memory


def momentum(params, grads, memory, lr, mu):
    """v ← μ·v + g; θ ← θ − η·v (the course's form)."""
    velocity = [mu * v + g for v, g in zip(memory["velocity"], _as_list(grads))]
    new = [p - lr * v for p, v in zip(_as_list(params), velocity)]
    return _split(new, len(params.W)), {"velocity": velocity}


def adam(params, grads, memory, lr, mu):
    """Adam with β₁ = μ and β₂ = 0.999, bias-corrected."""
    t = memory["t"] + 1
    g = _as_list(grads)
    m = [mu * m_ + (1 - mu) * g_ for m_, g_ in zip(memory["m"], g)]
    v = [ADAM_BETA2 * v_ + (1 - ADAM_BETA2) * g_ ** 2 for v_, g_ in zip(memory["v"], g)]
    m_hat_scale, v_hat_scale = 1 - mu ** t, 1 - ADAM_BETA2 ** t
    new = [
        p - lr * (m_ / m_hat_scale) / (np.sqrt(v_ / v_hat_scale) + ADAM_EPSILON)
        for p, m_, v_ in zip(_as_list(params), m, v)
    ]
    return _split(new, len(params.W)), {"t": t, "m": m, "v": v}


OPTIMIZERS = {"sgd": sgd, "momentum": momentum, "adam": adam}


def memory_is_finite_below(memory, limit):
    """Whether every array of an optimiser's memory is finite and within ±limit."""
    arrays = [a for name, value in memory.items() if name != "t" for a in value]
    return all(bool(np.all(np.isfinite(a)) and np.all(np.abs(a) <= limit)) for a in arrays)
