"""Own gradient clipping by norm: a gradient longer than the threshold is scaled down to it.

The norm is the Euclidean norm of every ∂L/∂θ together (all weights and biases of all layers),
so clipping keeps the gradient's direction and only shortens it.
"""
import numpy as np

from .network import Params


def clip_by_norm(grads, threshold):
    """(clipped grads, factor): factor = min(1, threshold / ‖g‖); threshold 0 means no clipping."""
    norm = float(np.sqrt(sum(float(np.sum(g * g)) for g in grads.W + grads.b)))
    if threshold <= 0 or norm <= threshold:
        return grads, 1.0
    factor = threshold / norm
    return Params([g * factor for g in grads.W], [g * factor for g in grads.b]), factor
