"""Own the initial weights: uniform ±1 (the widget's first choice), Xavier/Glorot and He.

Each draws from the seed's numpy Generator, so a seed gives the same network every time.
Xavier keeps the variance of a layer's output near its input's for sigmoid and tanh units
(Var w = 2 / (n_in + n_out)); He does the same for ReLU, which zeroes half its inputs
(Var w = 2 / n_in). Both draw uniformly with that variance, and start the biases at 0.
"""
import numpy as np

from .network import Params, init_params

SCHEMES = ("uniform", "xavier", "he")


def initial_params(sizes, rng, scheme="uniform"):
    """Params for `sizes` by the named scheme (see the module's docstring)."""
    if scheme == "uniform":
        return init_params(sizes, rng)
    W = []
    for n_in, n_out in zip(sizes, sizes[1:]):
        variance = 2.0 / (n_in + n_out) if scheme == "xavier" else 2.0 / n_in
        limit = np.sqrt(3.0 * variance)  # U(−l, l) has variance l²/3
        W.append(rng.uniform(-limit, limit, size=(n_out, n_in)))
    return Params(W, [np.zeros(n_out) for n_out in sizes[1:]])
