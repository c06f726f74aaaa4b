"""Own the data sets a student can pick, the ones generated from a seed, and the course's
hand-calculation preset.

A fixed set (XOR, AND, OR, the single example, the walkthrough) is a table. A generated set
(`clusters`, `circle`, `spiral`) is drawn by `generate` from its seed, noise and number of
points, so it is bit-for-bit the same for the same settings: a snapshot stores the settings,
not the points. Inputs of a generated set lie roughly in [−1, 1]²; targets are 0 or 1.
"""
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
GENERATED = ("clusters", "circle", "spiral")

# The input plane each kind of set is drawn on (x1 min, x1 max, x2 min, x2 max).
FIXED_PLANE = (-0.5, 1.5, -0.5, 1.5)
GENERATED_PLANE = (-1.5, 1.5, -1.5, 1.5)

# Initial weights of the walkthrough. Rows of W multiply x: W[0][0][1] is w12, x2 → h1.
WALKTHROUGH_PARAMS = {
    "W": [[[0.15, 0.20], [0.25, 0.30]], [[0.40, 0.45]]],
    "b": [[0.35, 0.35], [0.60]],
}

# The data's own stream of random numbers, apart from the weights' (which use the bare seed).
_DATA_STREAM = 8


def load(name, seed=0, noise=0, points=0):
    """Return (X, Y) as fresh float64 arrays, shapes (n, 2) and (n,). `seed`, `noise` (per
    cent) and `points` only matter for a generated set."""
    if name in GENERATED:
        return generate(name, seed, noise, points)
    X, Y = DATASETS[name]
    return np.array(X, dtype=np.float64), np.array(Y, dtype=np.float64)


def plane(name):
    """(x1 min, x1 max, x2 min, x2 max) of the input plane a set is shown on."""
    return GENERATED_PLANE if name in GENERATED else FIXED_PLANE


def generate(name, seed, noise, points):
    """`points` examples of a generated set, half of each class, in a shuffled order; `noise`
    (0–50, per cent) scales the jitter added to each input."""
    rng = np.random.default_rng([seed, _DATA_STREAM])
    n1 = points // 2
    labels = np.concatenate([np.zeros(points - n1), np.ones(n1)])
    X = {"clusters": _clusters, "circle": _circle, "spiral": _spiral}[name](rng, labels, noise / 100.0)
    order = rng.permutation(points)
    return np.ascontiguousarray(X[order]), labels[order]


def _clusters(rng, labels, noise):
    """Two Gaussian blobs at (−0.5, −0.5) and (0.5, 0.5); noise widens them."""
    centres = np.where(labels[:, None] > 0.5, 0.5, -0.5)
    return centres + rng.normal(0.0, 0.1 + 0.6 * noise, size=(len(labels), 2))


def _circle(rng, labels, noise):
    """Class 1 inside a circle of radius 0.5, class 0 in a ring from 0.7 to 1."""
    radius = np.where(labels > 0.5, rng.uniform(0.0, 0.5, len(labels)), rng.uniform(0.7, 1.0, len(labels)))
    angle = rng.uniform(0.0, 2 * np.pi, len(labels))
    X = np.stack([radius * np.cos(angle), radius * np.sin(angle)], axis=1)
    return X + rng.uniform(-1.0, 1.0, size=X.shape) * noise


def _spiral(rng, labels, noise):
    """Two interleaved spirals of 1.75 turns, the second turned by half a turn."""
    t = rng.uniform(0.0, 1.0, len(labels))
    radius, angle = t, 1.75 * 2 * np.pi * t + np.pi * labels
    X = np.stack([radius * np.sin(angle), radius * np.cos(angle)], axis=1)
    return X + rng.uniform(-1.0, 1.0, size=X.shape) * noise


def walkthrough_params():
    """The walkthrough's weights as lists of float64 arrays (W, b)."""
    W = [np.array(w, dtype=np.float64) for w in WALKTHROUGH_PARAMS["W"]]
    b = [np.array(v, dtype=np.float64) for v in WALKTHROUGH_PARAMS["b"]]
    return W, b
