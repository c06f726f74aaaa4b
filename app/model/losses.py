"""Own the per-example losses and their derivatives, on a sigmoid output unit.

Each pair returns (loss, ∂L/∂ŷ, ∂L/∂z_out) from ŷ = σ(z_out), y and z_out: the course's chain
∂L/∂z = ∂L/∂ŷ · σ′(z) is kept visible instead of being folded away. Every number is computed
from the logit z, never from a rounded or clipped ŷ, so it is exact at saturation on both sides:
- ŷ − y is `residual`: above z = 0 it is (1 − y) − σ(−z). Where ŷ rounds to 1 (z ≳ 37), ŷ − 1
  would be 0 and the loss and every gradient with it, while σ(−z) keeps its digits: at z = 39.7,
  y = 1, L is 1.66e-35, not 0 (and already at z = 36, 4.94e-32, not 2.47e-32).
- cross-entropy is y·softplus(−z) + (1 − y)·softplus(z), two terms that never cancel:
  L(z = 36.513, y = 0) is 36.513, not the 27.631 that clipping ŷ at 1 − 1e-12 gave, and
  L(z = 40, y = 1) is 4.25e-18, not the 0 of softplus(z) − y·z.
"""
import numpy as np

from .activations import sigmoid_prime


def residual(z_out, y):
    """ŷ − y with ŷ = σ(z_out): σ(z) − y below 0 (the very bits of σ(z) − y), and (1 − y) − σ(−z)
    from 0 up (σ(−z) = e/(1 + e) with e = e^(−|z|) is 1 − ŷ with all its digits)."""
    z = np.asarray(z_out, dtype=np.float64)
    e = np.exp(np.copysign(z, -1.0))
    below_half = e / (1.0 + e)  # σ(−|z|)
    difference = np.where(z >= 0.0, (1.0 - y) - below_half, below_half - y)
    return difference[()] if difference.ndim == 0 else difference


def _softplus_both(z_out):
    """(softplus(−z), softplus(z)), log(1 + e^(∓z)) without overflow or loss of digits:
    max(∓z, 0) + log1p(e^(−|z|)), the log1p shared."""
    z = np.asarray(z_out, dtype=np.float64)
    tail = np.log1p(np.exp(-np.abs(z)))
    return np.maximum(-z, 0.0) + tail, np.maximum(z, 0.0) + tail


def _cross_entropy(y, z_out):
    """y·softplus(−z) + (1 − y)·softplus(z) = −(y·log ŷ + (1 − y)·log(1 − ŷ))."""
    toward_one, toward_zero = _softplus_both(z_out)
    loss = y * toward_one + (1.0 - y) * toward_zero
    return loss[()] if np.ndim(loss) == 0 else loss


def half_squared_error(y_hat, y, z_out):
    """L = ½(y − ŷ)²; ∂L/∂ŷ = ŷ − y; ∂L/∂z = (ŷ − y)·σ'(z), with ŷ − y from the logit (`residual`)."""
    dL_dyhat = residual(z_out, y)
    return 0.5 * dL_dyhat ** 2, dL_dyhat, dL_dyhat * sigmoid_prime(z_out)


def binary_cross_entropy(y_hat, y, z_out):
    """L = −(y·log ŷ + (1 − y)·log(1 − ŷ)) = y·softplus(−z) + (1 − y)·softplus(z);
    ∂L/∂ŷ = −y/ŷ + (1 − y)/(1 − ŷ) = −y·(1 + e^(−z)) + (1 − y)·(1 + e^z);  ∂L/∂z = ŷ − y.

    ∂L/∂ŷ is written with 1/ŷ = 1 + e^(−z) and 1/(1 − ŷ) = 1 + e^z, so it stays exact where
    1 − ŷ rounds to 0; past |z| ≈ 709 it is larger than any float and is infinite here."""
    with np.errstate(over="ignore", invalid="ignore"):
        # A term whose factor is 0 is 0, even where its exponential overflows (0·∞ is not 0).
        toward_one = np.where(y != 0, -y * (1.0 + np.exp(-z_out)), 0.0)
        toward_zero = np.where(y != 1, (1.0 - y) * (1.0 + np.exp(z_out)), 0.0)
    dL_dyhat = toward_one + toward_zero
    return _cross_entropy(y, z_out), dL_dyhat[()] if np.ndim(dL_dyhat) == 0 else dL_dyhat, residual(z_out, y)


LOSSES = {"mse": half_squared_error, "bce": binary_cross_entropy}


def loss_value(name, y_hat, y, z_out):
    """Only the loss, element-wise (for a curve or a data set's mean)."""
    y_hat, y, z_out = (np.asarray(v, dtype=np.float64) for v in (y_hat, y, z_out))
    if name == "mse":
        return 0.5 * residual(z_out, y) ** 2
    return _cross_entropy(y, z_out)
