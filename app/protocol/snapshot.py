"""Own the snapshot: a whole session as JSON, and its strict validation on the way back.

The checksum is SHA-256 of the canonical JSON of `session`. It is no secret and needs none:
it catches a damaged or hand-edited file, and everything is validated again anyway, so a
snapshot can hold nothing that `configure` and `set` could not have produced.
"""
import hashlib
import json
import math

import numpy as np

from ..model import datasets
from ..model.network import Params
from ..session import DIVERGENCE_LIMIT, HISTORY_LIMIT, Cache, Settings
from .errors import ProtocolError
from .fields import PARAM_LIMIT, SETTINGS
from .state import as_list, layers

FORMAT = "backprop-passo-a-passo/1"
PHASES = ("idle", "forward", "backward", "update")


def checksum(session_data):
    """SHA-256 of canonical JSON in which every number is a float: a browser writes 0.0 as 0."""
    canonical = json.dumps(_floats(session_data), sort_keys=True, separators=(",", ":"), allow_nan=False)
    return hashlib.sha256(canonical.encode()).hexdigest()


def _floats(value):
    if isinstance(value, dict):
        return {key: _floats(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_floats(item) for item in value]
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    return value


def dump(session):
    """The snapshot object of a session."""
    s, c = session.settings, session.cache
    data = {
        "settings": {name: (list(s.hidden) if name == "hidden" else getattr(s, name)) for name in SETTINGS},
        "params": {"W": layers(session.params.W), "b": layers(session.params.b)},
        "memory": {k: (v if k == "t" else layers(v)) for k, v in session.memory.items()},
        "X": as_list(session.X), "Y": as_list(session.Y),
        "epoch": session.epoch, "sample": session.sample, "steps": session.steps, "last": list(session.last),
        "cache": {
            "sample": c.sample, "y": c.y, "forward_done": c.forward_done, "backward_done": c.backward_done,
            "zs": layers(c.zs), "activations": layers(c.activations), "loss": c.loss,
            "das": layers(c.das), "dzs": layers(c.dzs), "dW": layers(c.dW), "db": layers(c.db),
            "delta": None if c.delta is None else {"W": layers(c.delta.W), "b": layers(c.delta.b)},
            "delta_lr": c.delta_lr,
            "numeric": None if c.numeric is None else {"W": layers(c.numeric.W), "b": layers(c.numeric.b)},
        },
        "history": [list(point) for point in session.history],
    }
    return {"format": FORMAT, "checksum": checksum(data), "session": data}


class _Reader:
    """Reads one snapshot's `session`, raising bad_snapshot with the path of the first bad field."""

    def __init__(self, data):
        self.data = data

    def fail(self, path):
        raise ProtocolError("bad_snapshot", "snapshot", reason="field", path=path)

    def get(self, path, kind=None):
        value = self.data
        for key in path.split("."):
            if not isinstance(value, dict) or key not in value:
                self.fail(path)
            value = value[key]
        if kind is not None and (isinstance(value, bool) or not isinstance(value, kind)):
            self.fail(path)
        return value

    def count(self, path, high):
        value = self.get(path, int)
        if not 0 <= value <= high:
            self.fail(path)
        return value

    def array(self, value, shape, path, limit=math.inf, optional=False):
        if value is None and optional:
            return None
        try:
            array = np.array(value, dtype=np.float64)
        except (TypeError, ValueError):
            self.fail(path)
        if array.shape != tuple(shape) or not np.all(np.isfinite(array)) or np.any(np.abs(array) > limit):
            self.fail(path)
        return array

    def arrays(self, path, shapes, limit=math.inf, optional=False, value=None):
        values = self.get(path, list) if value is None else value
        if not isinstance(values, list) or len(values) != len(shapes):
            self.fail(path)
        return [self.array(v, shape, f"{path}.{i}", limit, optional) for i, (v, shape) in enumerate(zip(values, shapes))]

    def params(self, value, path, sizes, limit=math.inf):
        if not isinstance(value, dict):
            self.fail(path)
        W = self.arrays(f"{path}.W", weight_shapes(sizes), limit, value=value.get("W"))
        b = self.arrays(f"{path}.b", bias_shapes(sizes), limit, value=value.get("b"))
        return Params(W, b)


def weight_shapes(sizes):
    return [(n_out, n_in) for n_in, n_out in zip(sizes, sizes[1:])]


def bias_shapes(sizes):
    return [(n_out,) for n_out in sizes[1:]]


def load(snapshot):
    """Validated parts of a session (for Session.load) from a snapshot object."""
    try:
        return _load(snapshot)
    except (RecursionError, OverflowError):  # absurd nesting, or an integer no float can hold
        raise ProtocolError("bad_snapshot", "snapshot", reason="damaged") from None


def _load(snapshot):
    if snapshot.get("format") != FORMAT or not isinstance(snapshot.get("session"), dict):
        raise ProtocolError("bad_snapshot", "snapshot", reason="format")
    data = snapshot["session"]
    try:
        matches = snapshot.get("checksum") == checksum(data)
    except (TypeError, ValueError):
        matches = False
    if not matches:
        raise ProtocolError("bad_snapshot", "snapshot", reason="checksum")
    read = _Reader(data)
    settings = _settings(read)
    sizes = settings.sizes
    # The data set keeps its size: a snapshot cannot smuggle in work `configure` could not ask for.
    n_examples = len(datasets.DATASETS[settings.dataset][1])
    X = read.array(read.get("X"), (n_examples, 2), "X", PARAM_LIMIT)
    Y = read.array(read.get("Y"), (n_examples,), "Y", 1.0)
    if len(Y) == 0 or np.any(Y < 0):
        read.fail("Y")
    parts = {
        "settings": settings, "X": X, "Y": Y,
        "params": read.params(read.get("params"), "params", sizes, DIVERGENCE_LIMIT),
        "memory": _memory(read, settings),
        "epoch": read.count("epoch", 10**9), "sample": read.count("sample", len(Y) - 1),
        "steps": read.count("steps", 10**12), "last": _last(read, len(sizes) - 1),
        "history": _history(read),
    }
    parts["cache"] = _cache(read, sizes, len(Y))
    return parts


def _settings(read):
    values = {}
    for name, check in SETTINGS.items():
        try:
            values[name] = check(read.get(f"settings.{name}"), name)
        except ProtocolError:
            read.fail(f"settings.{name}")
    return Settings(**values)


def _memory(read, settings):
    memory = read.get("memory", dict)
    shapes = weight_shapes(settings.sizes) + bias_shapes(settings.sizes)
    expected = {"sgd": set(), "momentum": {"velocity"}, "adam": {"t", "m", "v"}}[settings.optimizer]
    if set(memory) != expected:
        read.fail("memory")
    result = {name: read.arrays(f"memory.{name}", shapes) for name in expected - {"t"}}
    if "v" in result and any(np.any(v < 0) for v in result["v"]):
        read.fail("memory.v")
    if "t" in expected:
        result["t"] = read.count("memory.t", 10**12)
    return result


def _last(read, n_layers):
    last = read.get("last", list)
    if len(last) != 2 or last[0] not in PHASES:
        read.fail("last")
    layer = last[1]
    if layer is not None and (isinstance(layer, bool) or not isinstance(layer, int) or not 0 <= layer < n_layers):
        read.fail("last")
    return (last[0], layer)


def _history(read):
    history = read.get("history", list)
    if not 1 <= len(history) <= HISTORY_LIMIT + 1:
        read.fail("history")
    points = read.array(history, (len(history), 2), "history")
    if np.any(points < 0) or np.any(np.diff(points[:, 0]) <= 0) or np.any(points[:, 0] != np.round(points[:, 0])):
        read.fail("history")
    return [[int(epoch), float(loss)] for epoch, loss in points]


def _cache(read, sizes, n_examples):
    n = len(sizes) - 1
    cache = Cache(n)
    cache.sample = read.count("cache.sample", n_examples - 1)
    cache.y = float(read.array(read.get("cache.y"), (), "cache.y", 1.0))
    if cache.y < 0:
        read.fail("cache.y")
    cache.forward_done = read.count("cache.forward_done", n)
    cache.backward_done = read.count("cache.backward_done", n if cache.forward_done == n else 0)
    unit_shapes = [(units,) for units in sizes[1:]]
    activations = read.get("cache.activations", list)
    if activations:
        cache.activations = read.arrays("cache.activations", [(units,) for units in sizes], optional=True)
        for name in ("zs", "das", "dzs"):
            setattr(cache, name, read.arrays(f"cache.{name}", unit_shapes, optional=True))
        cache.dW = read.arrays("cache.dW", weight_shapes(sizes), optional=True)
        cache.db = read.arrays("cache.db", bias_shapes(sizes), optional=True)
        loss = read.get("cache.loss")
        cache.loss = None if loss is None else float(read.array(loss, (), "cache.loss"))
    for name in ("delta", "numeric"):
        value = read.get(f"cache.{name}")
        setattr(cache, name, None if value is None else read.params(value, f"cache.{name}", sizes))
    if cache.delta is not None:
        try:
            cache.delta_lr = SETTINGS["lr"](read.get("cache.delta_lr"), "lr")
        except ProtocolError:
            read.fail("cache.delta_lr")
    _check_cache_progress(read, cache, n)
    return cache


def _check_cache_progress(read, cache, n):
    """The counters must agree with which layers hold values, or a later step would break."""
    if not cache.started:
        if cache.forward_done or cache.backward_done or cache.numeric is not None:
            read.fail("cache.forward_done")
        return
    if cache.activations[0] is None:
        read.fail("cache.activations")
    for layer in range(cache.forward_done):
        if cache.zs[layer] is None or cache.activations[layer + 1] is None:
            read.fail(f"cache.zs.{layer}")
    for layer in range(n - cache.backward_done, n):
        if cache.dzs[layer] is None or cache.dW[layer] is None or cache.db[layer] is None:
            read.fail(f"cache.dzs.{layer}")
        if cache.das[layer] is None:
            read.fail(f"cache.das.{layer}")
    if cache.forward_done == n and cache.loss is None:
        read.fail("cache.loss")
    if cache.numeric is not None and any(d is None for d in cache.dW + cache.db):
        read.fail("cache.numeric")
