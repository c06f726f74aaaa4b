"""Own what a network's hidden units do over a whole data set: dead ReLU units and saturated
sigmoid or tanh units.

A ReLU unit whose z ≤ 0 on every example outputs 0 and has ReLU′ = 0 everywhere: no gradient
reaches its weights, so it never learns again ("neurônio morto"). A sigmoid or tanh unit whose
g′(z) < SATURATION on every example passes back almost nothing ("saturado").
"""
import numpy as np

from .network import layer_activation, layer_values

SATURATION = 0.01


def hidden_units(params, X, activation, zs=None):
    """{"dead": [[bool] per unit] per hidden layer, "saturated": likewise} over the rows of X.
    `zs`: the hidden layers' z over X (network.layer_values'), when already computed."""
    zs = layer_values(params, X, activation, len(params.W) - 1)[0] if zs is None else zs
    dead, saturated = [], []
    for layer, Z in enumerate(zs):
        _, g_prime = layer_activation(layer, len(params.W), activation)
        if activation == "relu":
            dead.append(np.all(Z <= 0, axis=1).tolist())
            saturated.append([False] * Z.shape[0])
        else:
            dead.append([False] * Z.shape[0])
            saturated.append(np.all(g_prime(Z) < SATURATION, axis=1).tolist())
    return {"dead": dead, "saturated": saturated}
