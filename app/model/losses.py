"""Own the per-example losses and their derivatives, on a sigmoid output unit.

Each pair returns (loss, ∂L/∂ŷ, ∂L/∂z_out) from ŷ = σ(z_out), y and z_out: the course's chain
∂L/∂z = ∂L/∂ŷ · σ′(z) is kept visible instead of being folded away. Cross-entropy is computed
from the logit z (softplus forms), never from a clipped ŷ, so every number is exact at
saturation too: L(z = 36.513, y = 0) is 36.513, not the 27.631 that clipping ŷ at 1 − 1e-12 gave.
"""
import numpy as np

from .activations import sigmoid_prime


def softplus(z):
    """log(1 + e^z) without overflow or loss of digits: max(z, 0) + log1p(e^(−|z|))."""
    z = np.asarray(z, dtype=np.float64)
    return np.maximum(z, 0.0) + np.log1p(np.exp(-np.abs(z)))


def half_squared_error(y_hat, y, z_out):
    """L = ½(y − ŷ)²; ∂L/∂ŷ = ŷ − y; ∂L/∂z = (ŷ − y)·σ'(z)."""
    loss = 0.5 * (y - y_hat) ** 2
    dL_dyhat = y_hat - y
    return loss, dL_dyhat, dL_dyhat * sigmoid_prime(z_out)


def binary_cross_entropy(y_hat, y, z_out):
    """L = −(y·log ŷ + (1 − y)·log(1 − ŷ)) = softplus(z) − y·z;
    ∂L/∂ŷ = −y/ŷ + (1 − y)/(1 − ŷ) = −y·(1 + e^(−z)) + (1 − y)·(1 + e^z);  ∂L/∂z = ŷ − y.

    ∂L/∂ŷ is written with 1/ŷ = 1 + e^(−z) and 1/(1 − ŷ) = 1 + e^z, so it stays exact where
    1 − ŷ rounds to 0; past |z| ≈ 709 it is larger than any float and is infinite here."""
    with np.errstate(over="ignore", invalid="ignore"):
        # A term whose factor is 0 is 0, even where its exponential overflows (0·∞ is not 0).
        toward_one = np.where(y != 0, -y * (1.0 + np.exp(-z_out)), 0.0)
        toward_zero = np.where(y != 1, (1.0 - y) * (1.0 + np.exp(z_out)), 0.0)
    dL_dyhat = toward_one + toward_zero
    return softplus(z_out) - y * z_out, dL_dyhat[()] if np.ndim(dL_dyhat) == 0 else dL_dyhat, y_hat - y


LOSSES = {"mse": half_squared_error, "bce": binary_cross_entropy}


def loss_value(name, y_hat, y, z_out):
    """Only the loss, element-wise (for a curve or a data set's mean)."""
    y_hat, y, z_out = (np.asarray(v, dtype=np.float64) for v in (y_hat, y, z_out))
    if name == "mse":
        return 0.5 * (y - y_hat) ** 2
    return softplus(z_out) - y * z_out
