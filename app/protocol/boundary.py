"""Own the decision-boundary grid on the wire: ŷ over the input plane, from the model's own
`predict`, rounded to what a picture needs (two bytes per cell) and base64-encoded; beside it
each hidden unit's activation over the same plane (smaller grids), and, when the last hidden
layer has two units, the examples in that hidden space with the output unit's decision line.

Cell (i, j) of an n × n grid is the centre x1 = x1_min + (i + ½)·Δ1, x2 = x2_min + (j + ½)·Δ2;
cell k = j·n + i (rows from the bottom of the plane up) holds round(65535·ŷ) in two bytes, little-
endian. One byte a cell (round(255·ŷ)) was too coarse where the picture matters most: an untrained
or barely trained network has ŷ within about 0.47–0.57 over the whole plane (XOR 2–2–1 spans 25–30
byte values through its first 250 epochs), so every cell was 127 or 128 near the ŷ = 0.5 line and
the page could only draw it as a staircase along the cells. 48 × 48 cells are 4,608 bytes, 6,144
characters of base64, whatever the network or the session's age. The unit maps, which draw no
line, keep one byte a cell.
"""
import base64
from functools import lru_cache

import numpy as np

from ..model import datasets, network

GRID_SIZE = 48
UNIT_GRID_SIZE = 24
# The range of each activation's map (ReLU's top is the map's own largest value).
ACTIVATION_RANGES = {"sigmoid": (0.0, 1.0), "tanh": (-1.0, 1.0), "relu": (0.0, None)}
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
    """The n·n cell centres as rows (x1, x2), in byte order (x1 fastest, x2 from the bottom).
    Read-only and shared: the sessions on one data set's plane (nearly all of them) hold one copy
    of its 46 KiB of cells, not one each."""
    return _shared_grid(tuple(plane), n)


@lru_cache(maxsize=64)  # planes of edited data sets come and go; at most ~3 MiB kept here
def _shared_grid(plane, n):
    x1_min, x1_max, x2_min, x2_max = plane
    x1 = x1_min + (np.arange(n) + 0.5) * (x1_max - x1_min) / n
    x2 = x2_min + (np.arange(n) + 0.5) * (x2_max - x2_min) / n
    # Filled in place: a meshgrid and a stack cost several times as much, for the same numbers.
    grid = np.empty((n * n, 2))
    cells = grid.reshape(n, n, 2)  # [x2 index, x1 index, coordinate]
    cells[:, :, 0] = x1
    cells[:, :, 1] = x2[:, None]
    grid.flags.writeable = False
    return grid


def grid_values(params, activation, plane, n=GRID_SIZE):
    """ŷ at every cell centre (float64, before rounding), by the model's predict."""
    return network.predict(params, grid_inputs(plane, n), activation)


# Cells as the wire carries them: (largest value, little-endian dtype), by bits a cell.
CELL_TYPES = {8: (255.0, np.uint8), 16: (65535.0, "<u2")}


def encode(values, bits=8):
    """ŷ in [0, 1] → base64 of `bits` (8 or 16) per cell, round(top·ŷ), top = 2^bits − 1,
    little-endian."""
    top, dtype = CELL_TYPES[bits]
    data = np.rint(np.clip(values, 0.0, 1.0) * top).astype(dtype)
    return base64.b64encode(data.tobytes()).decode("ascii")


def encode_range(values, low, high):
    """Values in [low, high] → base64 of one byte per cell, round(255·(v − low)/(high − low))."""
    return encode((np.asarray(values) - low) / (high - low))


def unit_maps(params, activation, plane, n=UNIT_GRID_SIZE, cells=None):
    """[[{range, values}, …] per hidden layer]: each hidden unit's activation at the cell
    centres of an n × n grid (`cells`, grid_inputs(plane, n) unless given), by the model's own
    hidden_outputs. A layer's units are scaled and rounded together (the same numbers, unit by
    unit, with a few NumPy calls a layer rather than a few a unit)."""
    cells = grid_inputs(plane, n) if cells is None else cells
    outputs = network.hidden_outputs(params, cells, activation)
    low, high = ACTIVATION_RANGES[activation]
    layers = []
    for A in outputs:
        tops = [high] * len(A) if high is not None else np.maximum(A.max(axis=1), 1e-9).tolist()
        scaled = (A - low) / (np.array(tops)[:, None] - low)
        data = np.rint(np.clip(scaled, 0.0, 1.0) * 255.0).astype(np.uint8)
        layers.append([{"range": [low, top], "values": base64.b64encode(row.tobytes()).decode("ascii")}
                       for top, row in zip(tops, data)])
    return layers


def hidden_space(session, hidden=None):
    """The examples at the last hidden layer's activations (a₁, a₂), when that layer has two
    units, with the output's decision line v₁a₁ + v₂a₂ + c = 0 clipped to the view; else None.
    `hidden`: network.hidden_outputs over the examples, when already computed."""
    params, s = session.params, session.settings
    if len(s.hidden) == 0 or s.hidden[-1] != 2:
        return None
    hidden = network.hidden_outputs(params, session.X, s.activation) if hidden is None else hidden
    points = hidden[-1].T
    low, high = ACTIVATION_RANGES[s.activation]
    high = high if high is not None else max(float(points.max()) * 1.05, 1e-9)
    view = [low, high, low, high]
    line = clip_line(params.W[-1][0], params.b[-1][0], view)
    # + 0.0: a tanh just below 0 rounds to −0, which the server never writes (JSON.stringify reads 0).
    return {"layer": len(s.hidden), "range": view, "points": (np.round(points, 4) + 0.0).tolist(), "line": line}


def clip_line(v, c, view):
    """The segment of v₁a₁ + v₂a₂ + c = 0 inside the box [a₁ lo, a₁ hi, a₂ lo, a₂ hi], or None."""
    lo1, hi1, lo2, hi2 = view
    ends = []
    if abs(v[1]) > 1e-12:
        ends += [(a1, -(v[0] * a1 + c) / v[1]) for a1 in (lo1, hi1)]
    if abs(v[0]) > 1e-12:
        ends += [(-(v[1] * a2 + c) / v[0], a2) for a2 in (lo2, hi2)]
    inside = sorted({(round(float(a1), 6) + 0.0, round(float(a2), 6) + 0.0) for a1, a2 in ends
                     if lo1 - 1e-9 <= a1 <= hi1 + 1e-9 and lo2 - 1e-9 <= a2 <= hi2 + 1e-9})
    return [list(inside[0]), list(inside[-1])] if len(inside) >= 2 else None


def plane_grids(name, X):
    """(plane, the n × n cell centres, the unit maps' cell centres): what the boundary takes from
    the data set alone, the same whatever the weights."""
    plane = plane_of(name, X)
    return plane, grid_inputs(plane, GRID_SIZE), grid_inputs(plane, UNIT_GRID_SIZE)


def boundary_message(session, grids=None, hidden=None):
    """The `boundary` of a state: {size, plane, bits, values, units, hidden_space}. `grids`:
    plane_grids of the session's data, `hidden`: network.hidden_outputs over its examples, when
    the caller has them already."""
    s = session.settings
    plane, cells, unit_cells = plane_grids(s.dataset, session.X) if grids is None else grids
    values = network.predict(session.params, cells, s.activation)
    return {"size": GRID_SIZE, "plane": plane, "bits": 16, "values": encode(values, bits=16),
            "units": {"size": UNIT_GRID_SIZE,
                      "layers": unit_maps(session.params, s.activation, plane, cells=unit_cells)},
            "hidden_space": hidden_space(session, hidden)}
