"""Own the bounds of every field a client may send: one validator per kind of value."""
import math

from . import catalog
from .errors import ProtocolError


def number(low, high):
    def check(value, field):
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise ProtocolError("bad_type", field, kind="number")
        if isinstance(value, float) and not math.isfinite(value):
            raise ProtocolError("not_finite", field)
        if not low <= value <= high:
            raise ProtocolError("out_of_range", field, low=low, high=high)
        return float(value) + 0.0  # −0 is 0: JSON has none, and the server never writes one

    return check


def integer(low, high):
    def check(value, field):
        if isinstance(value, bool) or not isinstance(value, int):
            raise ProtocolError("bad_type", field, kind="integer")
        if not low <= value <= high:
            raise ProtocolError("out_of_range", field, low=low, high=high)
        return value

    return check


def boolean(value, field):
    if not isinstance(value, bool):
        raise ProtocolError("bad_type", field, kind="boolean")
    return value


def choice(*allowed):
    def check(value, field):
        if not isinstance(value, str):
            raise ProtocolError("bad_type", field, kind="string")
        if value not in allowed:
            raise ProtocolError("bad_value", field, value=value[:40], choices=", ".join(allowed))
        return value

    return check


def obj(value, field):
    if not isinstance(value, dict):
        raise ProtocolError("bad_type", field, kind="object")
    return value


def hidden_sizes(value, field):
    if not isinstance(value, list) or not MIN_HIDDEN_LAYERS <= len(value) <= MAX_HIDDEN_LAYERS:
        raise ProtocolError("bad_type", field, kind="sizes")
    for units in value:
        integer(MIN_UNITS, MAX_UNITS)(units, field)
    return tuple(value)


PARAM_LIMIT = catalog.PARAM_LIMIT  # also bounds a snapshot's inputs (snapshot.py)


def _validator(entry):
    """The check of one server setting, built from its row of the catalog."""
    kind = entry["kind"]
    if kind == "number":
        return number(entry["min"], entry["max"])
    if kind == "integer":
        return integer(entry["min"], entry["max"])
    if kind == "choice":
        return choice(*entry["choices"])
    if kind == "sizes":
        return hidden_sizes
    return boolean


_HIDDEN = catalog.entry("hidden")
MIN_HIDDEN_LAYERS, MAX_HIDDEN_LAYERS = _HIDDEN["min_layers"], _HIDDEN["max_layers"]
MIN_UNITS, MAX_UNITS = _HIDDEN["min"], _HIDDEN["max"]

# Server field → its validator, in the catalog's order (`lang` is the conversation's, not the session's).
SETTINGS = {entry["config"]: _validator(entry) for entry in catalog.SERVER_SETTINGS}
