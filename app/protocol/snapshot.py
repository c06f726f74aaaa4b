"""Own the snapshot: a session's primary state as JSON, and its strict validation on the way back.

A snapshot holds only what the session cannot recompute: settings, parameters, optimiser memory,
the data set when it was edited, counters, progress through the current example, and the loss
curve. The example's forward and backward values are replayed on restore, so there is nothing
derived to forge. Every field is checked (shape, type, finiteness, magnitude, agreement with the
rest), and a refusal names the field. There is no checksum: everything a snapshot can hold is
something `configure` and `set` could have produced, so a hand-edited file is as good as any,
and a checksum over JSON numbers only broke on browsers' number formatting (−0 becomes 0).
"""
import math

import numpy as np

from ..model.network import Params
from ..session import DIVERGENCE_LIMIT, HISTORY_LIMIT, MEMORY_LIMIT, Settings, load_data, validation_count
from .arrays import as_list, layers, params_message
from .errors import ProtocolError
from .fields import PARAM_LIMIT, SETTINGS

FORMAT = "backprop-passo-a-passo/2"
OLD_FORMATS = ("backprop-passo-a-passo/1",)
KEYS = ("settings", "params", "memory", "data", "epoch", "sample", "steps", "progress")
MAX_EPOCH, MAX_STEPS, MAX_ADAM_T = 10**9, 10**12, 10**12
# ½(y − ŷ)² with y and ŷ in [0, 1].
MAX_CURVE_LOSS = 0.5
# Settings added after v2 came out (the lab): a snapshot without them takes these defaults.
ADDED_SETTINGS = {"noise": Settings.noise, "points": Settings.points, "split": Settings.split,
                  "batch": Settings.batch, "batch_size": Settings.batch_size}


def record(session):
    """The session's primary state without its loss curve (the `resume` of every state message)."""
    steady, moving = steady_record(session), moving_record(session)
    return {"format": FORMAT, "session": {
        "settings": steady["settings"], "params": steady["params"], "memory": moving.pop("memory"),
        "data": steady["data"], **moving,
    }}


def steady_record(session):
    """The part of record(session) that follows from the settings, the data and the weights alone."""
    return {**data_record(session), "params": params_message(session.params)}


def data_record(session):
    """The part of steady_record that follows from the settings and the data alone."""
    s = session.settings
    return {
        "settings": {name: (list(s.hidden) if name == "hidden" else getattr(s, name)) for name in SETTINGS},
        "data": {"X": as_list(session.X), "Y": as_list(session.Y)} if session.data_edited() else None,
    }


def moving_record(session):
    """The rest of record(session): optimiser memory, counters, progress through the example."""
    forward_done, backward_done = session.progress
    return {
        "memory": {k: (v if k == "t" else layers(v)) for k, v in session.memory.items()},
        "epoch": session.epoch, "sample": session.sample, "steps": session.steps,
        "progress": {"forward": forward_done, "backward": backward_done},
    }


def dump(session):
    """The snapshot object of a session: its record plus the loss curve."""
    snapshot = record(session)
    snapshot["session"]["history"] = session.history.rows()
    return snapshot


def load(snapshot):
    """Validated primary state (for Session.load) from a snapshot object."""
    try:
        return _load(snapshot)
    except (RecursionError, OverflowError):  # absurd nesting, or an integer no float can hold
        raise ProtocolError("bad_snapshot", "snapshot", reason="damaged") from None


def _load(snapshot):
    found = snapshot.get("format")
    if found in OLD_FORMATS:
        raise ProtocolError("bad_snapshot", "snapshot", reason="old_format")
    if found != FORMAT or not isinstance(snapshot.get("session"), dict):
        raise ProtocolError("bad_snapshot", "snapshot", reason="format")
    read = _Reader(snapshot["session"])
    read.only_keys("", (*KEYS, "history"))
    settings = _settings(read)
    sizes = settings.sizes
    X, Y = _data(read, settings)
    n_train = len(Y) - validation_count(len(Y), settings.split)
    epoch = read.count("epoch", MAX_EPOCH)
    steps = read.count("steps", MAX_STEPS)
    return {
        "settings": settings, "X": X, "Y": Y,
        "params": read.params("params", sizes, DIVERGENCE_LIMIT),
        "memory": _memory(read, settings, steps),
        "epoch": epoch, "sample": read.count("sample", n_train - 1), "steps": steps,
        "progress": _progress(read, len(sizes) - 1),
        "history": _history(read, epoch, 2 if n_train == len(Y) else 3),
    }


class _Reader:
    """Reads one snapshot's `session`, raising bad_snapshot with the path of the first bad field."""

    def __init__(self, data):
        self.data = data

    def fail(self, path, reason="field"):
        raise ProtocolError("bad_snapshot", "snapshot", reason=reason, path=path)

    def get(self, path, kind=None):
        value = self.data
        for key in path.split("."):
            if not isinstance(value, dict) or key not in value:
                self.fail(path)
            value = value[key]
        if kind is not None and (isinstance(value, bool) or not isinstance(value, kind)):
            self.fail(path)
        return value

    def only_keys(self, path, allowed):
        value = self.get(path, dict) if path else self.data
        for key in value:
            if key not in allowed:
                key = str(key)[:40]  # a key of a megabyte is named, not echoed whole
                self.fail(f"{path}.{key}" if path else key)

    def count(self, path, high):
        value = self.get(path, int)
        if not 0 <= value <= high:
            self.fail(path)
        return value

    def array(self, value, shape, path, limit=math.inf, low=-math.inf):
        """A float64 array from nested lists of exactly `shape`, every item a finite JSON number
        within [max(low, −limit), limit]; booleans and strings are refused, not converted."""
        flat = []
        if not _collect(value, tuple(shape), flat):
            self.fail(path)
        array = np.array(flat, dtype=np.float64).reshape(shape)
        if not np.all(np.isfinite(array)) or np.any(np.abs(array) > limit) or np.any(array < low):
            self.fail(path)
        return array

    def arrays(self, path, shapes, limit=math.inf, low=-math.inf):
        values = self.get(path, list)
        if len(values) != len(shapes):
            self.fail(path)
        return [self.array(v, shape, f"{path}.{i}", limit, low) for i, (v, shape) in enumerate(zip(values, shapes))]

    def params(self, path, sizes, limit):
        self.only_keys(path, ("W", "b"))
        return Params(self.arrays(f"{path}.W", weight_shapes(sizes), limit),
                      self.arrays(f"{path}.b", bias_shapes(sizes), limit))


def _collect(value, shape, out):
    """Append the numbers of nested lists `value` of exactly `shape` to `out`; False if not so."""
    if not shape:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return False
        out.append(float(value))
        return True
    if not isinstance(value, list) or len(value) != shape[0]:
        return False
    return all(_collect(item, shape[1:], out) for item in value)


def weight_shapes(sizes):
    return [(n_out, n_in) for n_in, n_out in zip(sizes, sizes[1:])]


def bias_shapes(sizes):
    return [(n_out,) for n_out in sizes[1:]]


def _settings(read):
    read.only_keys("settings", tuple(SETTINGS))
    values = {}
    for name, check in SETTINGS.items():
        if name in ADDED_SETTINGS and name not in read.get("settings"):
            values[name] = ADDED_SETTINGS[name]
            continue
        try:
            values[name] = check(read.get(f"settings.{name}"), name)
        except ProtocolError:
            read.fail(f"settings.{name}")
    return Settings(**values)


def _data(read, settings):
    """The named data set (a generated one regenerated from its settings), or an edited copy of
    the same size (a snapshot cannot smuggle in more work than `configure` could ask for)."""
    X, Y = load_data(settings)
    data = read.get("data")
    if data is None:
        return X, Y
    read.only_keys("data", ("X", "Y"))
    return (read.array(read.get("data.X"), X.shape, "data.X", PARAM_LIMIT),
            read.array(read.get("data.Y"), Y.shape, "data.Y", 1.0, low=0.0))


def _memory(read, settings, steps):
    read.get("memory", dict)
    shapes = weight_shapes(settings.sizes) + bias_shapes(settings.sizes)
    expected = {"sgd": (), "momentum": ("velocity",), "adam": ("t", "m", "v")}[settings.optimizer]
    read.only_keys("memory", expected)
    result = {}
    for name in expected:
        if name == "t":
            result["t"] = read.count("memory.t", min(steps, MAX_ADAM_T))
        else:
            result[name] = read.arrays(f"memory.{name}", shapes, MEMORY_LIMIT, low=0.0 if name == "v" else -math.inf)
    return result


def _progress(read, n_layers):
    read.only_keys("progress", ("forward", "backward"))
    forward = read.count("progress.forward", n_layers)
    backward = read.count("progress.backward", n_layers)
    if backward and forward != n_layers:
        read.fail("progress.backward", "inconsistent")
    return forward, backward


def _history(read, epoch, width):
    """The loss curve: [[epoch, loss], …] ([epoch, loss, validation loss] with a split) from
    epoch 0 to the session's epoch, epochs rising."""
    history = read.get("history", list)
    if not 1 <= len(history) <= HISTORY_LIMIT + 1:
        read.fail("history")
    points = read.array(history, (len(history), width), "history", low=0.0)
    epochs = points[:, 0]
    if np.any(epochs != np.round(epochs)) or np.any(np.diff(epochs) <= 0) or np.any(points[:, 1:] > MAX_CURVE_LOSS):
        read.fail("history")
    if epochs[0] != 0 or epochs[-1] != epoch:
        read.fail("history", "inconsistent")
    return [[int(point[0]), *map(float, point[1:])] for point in points]
