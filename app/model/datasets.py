"""Own the data sets a student can pick, and the course's hand-calculation preset."""
import numpy as np

_BOOLEAN_INPUTS = [[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]]

DATASETS = {
    "xor": (_BOOLEAN_INPUTS, [0.0, 1.0, 1.0, 0.0]),
    "and": (_BOOLEAN_INPUTS, [0.0, 0.0, 0.0, 1.0]),
    "or": (_BOOLEAN_INPUTS, [0.0, 1.0, 1.0, 1.0]),
    # The course sketch's single example with target 1.
    "single": ([[1.0, 0.0]], [1.0]),
    # The well-known step-by-step walkthrough the course asks students to compute by hand.
    "passo_a_passo": ([[0.05, 0.10]], [0.01]),
}

# Initial weights of the walkthrough. Rows of W multiply x: W[0][0][1] is w12, x2 → h1.
WALKTHROUGH_PARAMS = {
    "W": [[[0.15, 0.20], [0.25, 0.30]], [[0.40, 0.45]]],
    "b": [[0.35, 0.35], [0.60]],
}


def load(name):
    """Return (X, Y) as fresh float64 arrays, shapes (n, 2) and (n,)."""
    X, Y = DATASETS[name]
    return np.array(X, dtype=np.float64), np.array(Y, dtype=np.float64)


def walkthrough_params():
    """The walkthrough's weights as lists of float64 arrays (W, b)."""
    W = [np.array(w, dtype=np.float64) for w in WALKTHROUGH_PARAMS["W"]]
    b = [np.array(v, dtype=np.float64) for v in WALKTHROUGH_PARAMS["b"]]
    return W, b
