"""Own the decision-boundary grid on the wire: ŷ over the input plane, from the model's own
`predict`, rounded to what a picture needs (one byte per cell) and base64-encoded.

Cell (i, j) of an n × n grid is the centre x1 = x1_min + (i + ½)·Δ1, x2 = x2_min + (j + ½)·Δ2;
byte k = j·n + i (rows from the bottom of the plane up) holds round(255·ŷ). 48 × 48 cells are
2,304 bytes, 3,072 characters of base64, whatever the network or the session's age.
"""
import base64

import numpy as np

from ..model import datasets, network

GRID_SIZE = 48
# Room around the examples when edited inputs leave the data set's usual plane.
MARGIN = 0.1


def plane_of(name, X):
    """(x1 min, x1 max, x2 min, x2 max): the data set's plane, widened to hold every example."""
    x1_min, x1_max, x2_min, x2_max = datasets.plane(name)
    low, high = X.min(axis=0), X.max(axis=0)
    pad = MARGIN * np.maximum(high - low, 1.0)
    return [float(min(x1_min, low[0] - pad[0])), float(max(x1_max, high[0] + pad[0])),
            float(min(x2_min, low[1] - pad[1])), float(max(x2_max, high[1] + pad[1]))]


def grid_inputs(plane, n=GRID_SIZE):
    """The n·n cell centres as rows (x1, x2), in byte order (x1 fastest, x2 from the bottom)."""
    x1_min, x1_max, x2_min, x2_max = plane
    x1 = x1_min + (np.arange(n) + 0.5) * (x1_max - x1_min) / n
    x2 = x2_min + (np.arange(n) + 0.5) * (x2_max - x2_min) / n
    g1, g2 = np.meshgrid(x1, x2)
    return np.stack([g1.ravel(), g2.ravel()], axis=1)


def grid_values(params, activation, plane, n=GRID_SIZE):
    """ŷ at every cell centre (float64, before rounding), by the model's predict."""
    return network.predict(params, grid_inputs(plane, n), activation)


def encode(values):
    """ŷ in [0, 1] → base64 of one byte per cell, round(255·ŷ)."""
    data = np.rint(np.clip(values, 0.0, 1.0) * 255.0).astype(np.uint8)
    return base64.b64encode(data.tobytes()).decode("ascii")


def boundary_message(session, n=GRID_SIZE):
    """The `boundary` of a state: {size, plane, values}."""
    plane = plane_of(session.settings.dataset, session.X)
    values = grid_values(session.params, session.settings.activation, plane, n)
    return {"size": n, "plane": plane, "values": encode(values)}
