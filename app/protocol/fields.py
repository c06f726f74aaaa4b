"""Own the bounds of every field a client may send: one validator per kind of value."""
import math

from .errors import ProtocolError


def number(low, high):
    def check(value, field):
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise ProtocolError("bad_type", field, kind="number")
        if isinstance(value, float) and not math.isfinite(value):
            raise ProtocolError("not_finite", field)
        if not low <= value <= high:
            raise ProtocolError("out_of_range", field, low=low, high=high)
        return float(value)

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


MAX_HIDDEN_LAYERS, MAX_UNITS = 3, 8


def hidden_sizes(value, field):
    if not isinstance(value, list) or not 1 <= len(value) <= MAX_HIDDEN_LAYERS:
        raise ProtocolError("bad_type", field, kind="sizes")
    for units in value:
        integer(1, MAX_UNITS)(units, field)
    return tuple(value)


PARAM_LIMIT = 100.0

SETTINGS = {
    "lr": number(0.001, 10.0),
    "activation": choice("sigmoid", "tanh", "relu"),
    "loss": choice("mse", "bce"),
    "optimizer": choice("sgd", "momentum", "adam"),
    "momentum": number(0.0, 0.99),
    "dataset": choice("xor", "and", "or", "single", "passo_a_passo"),
    "hidden": hidden_sizes,
    "seed": integer(0, 2**31 - 1),
    "detailed": boolean,
    "check_gradients": boolean,
}
