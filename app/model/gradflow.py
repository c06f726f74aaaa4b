"""Own the gradient flow: how big each weight layer's gradient is over a whole data set.

For weight layer l = 0 … L−1 (from the input to the output), two sizes:
    norm_W[l]      ‖∂L/∂W[l]‖, the Frobenius norm of the data set's mean gradient (what a full
                   batch step would use; the loss's own gradient, without any weight penalty);
    mean_delta[l]  the mean of |∂L/∂z| = |δ| over the layer's units and every example.
The mean |δ| of each example does not cancel between examples as the mean gradient can, so the
two together say whether a small ‖∂L/∂W‖ means "nothing reaches this layer" (vanishing) or
"the examples pull in opposite directions" (a minimum). Runs the network's own batched
forward and backward (`network.full_pass`), so there is one implementation of backprop.
"""
import numpy as np

from . import network


def layer_sizes(params, X, Y, activation, loss):
    """(norm_W, mean_delta): two lists of floats, one per weight layer, over the rows of X
    (X of shape (m, 2), Y of shape (m,), m ≥ 1)."""
    trace = network.full_pass(params, np.asarray(X, dtype=np.float64), np.asarray(Y, dtype=np.float64),
                              activation, loss)
    norm_W = [float(np.linalg.norm(dW)) for dW in trace.dW]
    mean_delta = [float(np.mean(np.abs(dz))) for dz in trace.dzs]
    return norm_W, mean_delta
