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
    s = sigmoid(z)
    return s * (1.0 - s)


def tanh(z):
    return np.tanh(z)


def tanh_prime(z):
    return 1.0 - np.tanh(z) ** 2


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
