"""Own a small multilayer perceptron: parameters, forward and backward, layer by layer.

Shapes, for sizes = [n0, n1, …, nL] and weight layer l = 0 … L−1:
    W[l]: (n[l+1], n[l]), rows receive and columns send, so W[0][0, 1] is w12 (x2 → h1)
    b[l], z[l], dz[l], da[l]: (n[l+1],)
    a[k]: (n[k],), with a[0] = x and a[L] = [ŷ]
Hidden layers use the chosen activation g; the single output unit is always a sigmoid.
Nothing here knows about sessions, JSON or Flask.
"""
from dataclasses import dataclass

import numpy as np

from .activations import ACTIVATIONS, sigmoid
from .losses import LOSSES, loss_value


@dataclass
class Params:
    W: list
    b: list

    def copy(self):
        return Params([w.copy() for w in self.W], [v.copy() for v in self.b])

    def flat(self):
        """Every parameter as one vector, W before b, layer by layer."""
        return np.concatenate([w.ravel() for w in self.W] + [v.ravel() for v in self.b])

    def is_finite_below(self, limit):
        values = self.flat()
        return bool(np.all(np.isfinite(values)) and np.all(np.abs(values) <= limit))


def init_params(sizes, rng):
    """Weights and biases drawn uniformly from [−1, 1) by the given numpy Generator."""
    W = [rng.uniform(-1.0, 1.0, size=(n_out, n_in)) for n_in, n_out in zip(sizes, sizes[1:])]
    b = [rng.uniform(-1.0, 1.0, size=n_out) for n_out in sizes[1:]]
    return Params(W, b)


def layer_activation(layer, n_layers, activation):
    """(g, g') of a weight layer: the chosen one for hidden layers, sigmoid for the output."""
    if layer == n_layers - 1:
        return ACTIVATIONS["sigmoid"]
    return ACTIVATIONS[activation]


def forward_layer(params, layer, a_prev, activation):
    """z = W·a_prev + b and a = g(z) for one weight layer."""
    g, _ = layer_activation(layer, len(params.W), activation)
    z = params.W[layer] @ a_prev + params.b[layer]
    return z, g(z)


def output_delta(loss, y_hat, y, z_out):
    """(L, ∂L/∂ŷ, ∂L/∂z_out) of one example for the named loss."""
    return LOSSES[loss](y_hat, y, z_out)


def backward_layer(params, layer, z, a_prev, da, activation):
    """From ∂L/∂a of a hidden layer's outputs: (∂L/∂z, ∂L/∂W, ∂L/∂b)."""
    _, g_prime = layer_activation(layer, len(params.W), activation)
    dz = da * g_prime(z)
    return dz, np.outer(dz, a_prev), dz.copy()


def output_backward(params, z_out, a_prev, dz_out):
    """Output layer's (∂L/∂W, ∂L/∂b) from its already known ∂L/∂z."""
    return np.outer(dz_out, a_prev), np.asarray(dz_out, dtype=np.float64).copy()


def propagate_back(params, layer, dz):
    """∂L/∂a of the layer below: W[layer]ᵀ·∂L/∂z."""
    return params.W[layer].T @ dz


def forward(params, x, activation):
    """Every z and a of one example: (zs, activations) with activations[0] = x."""
    activations, zs = [np.asarray(x, dtype=np.float64)], []
    for layer in range(len(params.W)):
        z, a = forward_layer(params, layer, activations[-1], activation)
        zs.append(z)
        activations.append(a)
    return zs, activations


@dataclass
class Pass:
    """Everything one example's forward and backward computed, layer by layer."""
    zs: list
    activations: list
    loss: float
    dL_dyhat: float
    das: list
    dzs: list
    grads: Params


def full_pass(params, x, y, activation, loss):
    """Forward and backward of one example, keeping every intermediate value."""
    zs, activations = forward(params, x, activation)
    last = len(params.W) - 1
    value, dL_dyhat, dz_out = output_delta(loss, activations[-1][0], y, zs[last][0])
    n = len(params.W)
    das, dzs, dW, db = [None] * n, [None] * n, [None] * n, [None] * n
    das[last], dzs[last] = np.array([dL_dyhat]), np.array([dz_out])
    dW[last], db[last] = output_backward(params, zs[last], activations[last], dzs[last])
    for layer in range(last - 1, -1, -1):
        das[layer] = propagate_back(params, layer + 1, dzs[layer + 1])
        dzs[layer], dW[layer], db[layer] = backward_layer(
            params, layer, zs[layer], activations[layer], das[layer], activation
        )
    return Pass(zs, activations, float(value), float(dL_dyhat), das, dzs, Params(dW, db))


def gradients(params, x, y, activation, loss):
    """Loss of one example and its gradient, as (L, Params of ∂L/∂θ)."""
    result = full_pass(params, x, y, activation, loss)
    return result.loss, result.grads


def predict(params, X, activation):
    """ŷ for every row of X, shape (n,)."""
    A = np.asarray(X, dtype=np.float64).T
    for layer in range(len(params.W)):
        g, _ = layer_activation(layer, len(params.W), activation)
        A = g(params.W[layer] @ A + params.b[layer][:, None])
    return A[0]


def dataset_loss(params, X, Y, activation, loss):
    """The chosen loss averaged over the data set with the current parameters."""
    return float(np.mean(loss_value(loss, predict(params, X, activation), Y)))
