"""Own what a network's hidden units do over a whole data set: dead ReLU units and saturated
sigmoid or tanh units.

A ReLU unit whose z ≤ 0 on every example outputs 0 and has ReLU′ = 0 everywhere: no gradient
reaches its weights, so it never learns again ("neurônio morto"). A sigmoid or tanh unit whose
g′(z) < SATURATION on every example passes back almost nothing ("saturado").
"""
import numpy as np

from .network import layer_activation, weighted_sum

SATURATION = 0.01


def hidden_units(params, X, activation):
    """{"dead": [[bool] per unit] per hidden layer, "saturated": likewise} over the rows of X."""
    A = np.asarray(X, dtype=np.float64).T
    dead, saturated = [], []
    for layer in range(len(params.W) - 1):
        g, g_prime = layer_activation(layer, len(params.W), activation)
        Z = weighted_sum(params, layer, A)
        if activation == "relu":
            dead.append(np.all(Z <= 0, axis=1).tolist())
            saturated.append([False] * Z.shape[0])
        else:
            dead.append([False] * Z.shape[0])
            saturated.append(np.all(g_prime(Z) < SATURATION, axis=1).tolist())
        A = g(Z)
    return {"dead": dead, "saturated": saturated}
