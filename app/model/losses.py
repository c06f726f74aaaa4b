"""Own the per-example losses and their derivative with respect to the output logit.

Both losses sit on a sigmoid output unit. Each pair returns (loss, dL/dŷ, dL/dz_out):
the course's formula for the output delta is kept visible instead of being folded away.
"""
import numpy as np

from .activations import sigmoid_prime

# ŷ is clipped only inside the logarithm of cross-entropy, never in what the student sees.
_LOG_EPSILON = 1e-12


def half_squared_error(y_hat, y, z_out):
    """L = ½(y − ŷ)²; ∂L/∂ŷ = ŷ − y; ∂L/∂z = (ŷ − y)·σ'(z)."""
    loss = 0.5 * (y - y_hat) ** 2
    dL_dyhat = y_hat - y
    return loss, dL_dyhat, dL_dyhat * sigmoid_prime(z_out)


def binary_cross_entropy(y_hat, y, z_out):
    """L = −(y·log ŷ + (1 − y)·log(1 − ŷ)); ∂L/∂z simplifies to ŷ − y."""
    p = np.clip(y_hat, _LOG_EPSILON, 1.0 - _LOG_EPSILON)
    loss = -(y * np.log(p) + (1.0 - y) * np.log(1.0 - p))
    dL_dyhat = (p - y) / (p * (1.0 - p))
    return loss, dL_dyhat, y_hat - y


LOSSES = {"mse": half_squared_error, "bce": binary_cross_entropy}


def loss_value(name, y_hat, y):
    """Only the loss, element-wise; the derivatives are not needed to plot a curve."""
    y_hat, y = np.asarray(y_hat, dtype=np.float64), np.asarray(y, dtype=np.float64)
    if name == "mse":
        return 0.5 * (y - y_hat) ** 2
    p = np.clip(y_hat, _LOG_EPSILON, 1.0 - _LOG_EPSILON)
    return -(y * np.log(p) + (1.0 - y) * np.log(1.0 - p))
