"""Own the gradient flow: how big each weight layer's gradient is over a whole data set.

For weight layer l = 0 … L−1 (from the input to the output), two sizes:
    norm_W[l]      ‖∂L/∂W[l]‖, the Frobenius norm of the data set's mean gradient (what a full
                   batch step would use; the loss's own gradient, without any weight penalty);
    mean_delta[l]  the mean of |∂L/∂z| = |δ| over the layer's units and every example.
The mean |δ| of each example does not cancel between examples as the mean gradient can, so the
two together say whether a small ‖∂L/∂W‖ means "nothing reaches this layer" (vanishing) or
"the examples pull in opposite directions" (a minimum). Runs the network's own batched layer
functions (those of `network.full_pass`), so there is one implementation of backprop, keeping
only the activations, slopes and ∂L/∂z these two need (not a whole Trace).
"""
import numpy as np

from . import network


def layer_sizes(params, X, Y, activation, loss):
    """(norm_W, mean_delta): two lists of floats, one per weight layer, over the rows of X
    (X of shape (m, 2), Y of shape (m,), m ≥ 1)."""
    dW, dz = _batch_gradients(params, X, Y, activation, loss)
    # np.linalg.norm's and np.mean's own arithmetic (sqrt of x·x; one sum, then ÷ count) without
    # their wrappers, which cost more than the sums on these small arrays.
    norm_W = [float(np.sqrt(g.ravel().dot(g.ravel()))) for g in dW]
    mean_delta = [float(np.add.reduce(np.abs(d), axis=None) / d.size) for d in dz]
    return norm_W, mean_delta


def _batch_gradients(params, X, Y, activation, loss):
    """(∂L/∂W, ∂L/∂z) of every layer for a batch of all the rows of X, as `network.full_pass`
    computes them (its forward_layer, output_deltas, weight_gradient and hidden_deltas)."""
    a = np.asarray(X, dtype=np.float64).T.copy()
    y = np.array(Y, dtype=np.float64)
    activations, slopes, last = [a], [], len(params.W) - 1
    for layer in range(last + 1):
        z, a, g_prime_z = network.forward_layer(params, layer, a, activation, prime=layer < last)
        activations.append(a)
        slopes.append(g_prime_z)
    _, dz = network.output_deltas(loss, a, y, z)
    dW, dzs = [None] * (last + 1), [None] * (last + 1)
    for layer in range(last, -1, -1):
        dW[layer] = network.weight_gradient(dz, activations[layer])
        dzs[layer] = dz
        if layer:
            _, dz = network.hidden_deltas(params, layer - 1, dz, slopes[layer - 1])
    return dW, dzs
