"""Own the activation functions, each paired with its derivative.

Derivatives are written in terms of the pre-activation z so the backward pass does not
depend on how the forward pass stored its values.
"""
import numpy as np


def sigmoid(z):
    """Logistic function, computed without overflow for large |z|."""
    z = np.asarray(z, dtype=np.float64)
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def sigmoid_prime(z):
    """σ′(z) = e^(−|z|) / (1 + e^(−|z|))²: exact to the last digits far from 0 too, where
    σ(1 − σ) would subtract two numbers that round to 1 (σ′(36.5) ≈ 1.4e-16, not 1.1e-16 or 0)."""
    e = np.exp(-np.abs(np.asarray(z, dtype=np.float64)))
    return e / (1.0 + e) ** 2


def tanh(z):
    return np.tanh(z)


def tanh_prime(z):
    """tanh′(z) = 4e^(−2|z|) / (1 + e^(−2|z|))², exact where 1 − tanh² would round to 0."""
    e = np.exp(-2.0 * np.abs(np.asarray(z, dtype=np.float64)))
    return 4.0 * e / (1.0 + e) ** 2


def relu(z):
    return np.maximum(z, 0.0)


def relu_prime(z):
    # The derivative at exactly 0 is taken as 0, the usual convention.
    return (np.asarray(z) > 0).astype(np.float64)


ACTIVATIONS = {
    "sigmoid": (sigmoid, sigmoid_prime),
    "tanh": (tanh, tanh_prime),
    "relu": (relu, relu_prime),
}
