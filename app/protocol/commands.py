"""Own the parsing of a client's text frame into a validated command.

A command is (op, arguments); anything else raises ProtocolError before the session sees it.
Bounds that depend on the network's shape (which weight exists) are checked against `sizes`.
"""
import json
import math
import sys

from .catalog import EDIT_RANGES, LANGUAGES, PRESETS, entry
from .errors import ProtocolError
from .fields import SETTINGS, boolean, choice, integer, number, obj

MAX_EPOCHS_PER_TRAIN = 1000
# Past Python's limit on an integer's digits (4,300), a stand-in of the same sign beyond every
# field's range (the largest is a float's, 1e308), so the field's own check names the field.
_MAX_DIGITS, _BEYOND_EVERY_RANGE = sys.get_int_max_str_digits() or 4300, 10**400


def _read_integer(literal):
    if len(literal) <= _MAX_DIGITS:
        return int(literal)
    return -_BEYOND_EVERY_RANGE if literal.startswith("-") else _BEYOND_EVERY_RANGE


# NaN and Infinity literals are read as NaN, so that the field's own check names the field.
# Built once: json.loads with a keyword builds a new decoder (and scanner) for every frame.
_DECODER = json.JSONDecoder(parse_constant=lambda _: math.nan, parse_int=_read_integer)

# op → (required fields, optional fields); fields are checked by the parsers below.
OPS = {
    "configure": ((), (*SETTINGS, "lang", "preset", "start_over")),
    "step": ((), ()),
    "forward": ((), ()),
    "backward": ((), ()),
    "update": ((), ()),
    "train": (("epochs",), ("until", "seconds", "patience")),
    "reset": ((), ()),
    "undo": ((), ()),
    "set": (("what", "value"), ("layer", "row", "col", "index")),
    "snapshot": ((), ()),
    "restore": (("snapshot",), ()),
}

# What `set` needs to find its number, by `what`.
SET_ADDRESSES = {"weight": ("layer", "row", "col"), "bias": ("layer", "row"), "input": ("index",), "target": ()}


def read_message(text):
    """Text frame → (op, fields dict) with only the keys the op takes."""
    if not isinstance(text, str):
        raise ProtocolError("bad_json")
    try:
        message = _DECODER.decode(text)
    except (ValueError, RecursionError):
        raise ProtocolError("bad_json") from None
    if not isinstance(message, dict) or not isinstance(message.get("op"), str):
        raise ProtocolError("bad_message")
    op = message.pop("op")
    if op not in OPS:
        raise ProtocolError("unknown_op", "op", op=op[:40], ops=", ".join(OPS))
    return op, message


def check_fields(op, message):
    """Refuse a field the op does not take, or a required one that is absent."""
    required, optional = OPS[op]
    for name in message:
        if name not in required and name not in optional:
            raise ProtocolError("unknown_field", name[:40], op=op)
    for name in required:
        if name not in message:
            raise ProtocolError("missing_field", name)


def parse_configure(fields):
    """Validated settings, the preset's first, then the message's own; `lang` kept apart; a
    preset or `start_over: true` starts over whatever changed."""
    lang = choice(*LANGUAGES)(fields.pop("lang"), "lang") if "lang" in fields else None
    asked = boolean(fields.pop("start_over"), "start_over") if "start_over" in fields else False
    settings, start_over = {}, asked or "preset" in fields
    if "preset" in fields:
        settings.update(PRESETS[choice(*PRESETS)(fields.pop("preset"), "preset")])
    for name, value in fields.items():
        settings[name] = SETTINGS[name](value, name)
    return settings, lang, start_over


def parse_train(fields):
    """(epochs, until, seconds, patience): how many epochs at most, the training MSE that stops
    them early, the time after which no new epoch starts (auto-training's frame budget), and the
    epochs without a better validation loss that stop them (0: never; the catalog's `patience`,
    a setting of the page's own that it sends with each `train`)."""
    epochs = integer(1, MAX_EPOCHS_PER_TRAIN)(fields["epochs"], "epochs")
    until = number(0.0, 0.5)(fields["until"], "until") if "until" in fields else None
    seconds = number(0.001, 1.0)(fields["seconds"], "seconds") if "seconds" in fields else None
    patience = entry("patience", "key")
    patience = integer(patience["min"], patience["max"])(fields["patience"], "patience") if "patience" in fields else 0
    return epochs, until, seconds, patience


def parse_set(fields, sizes):
    """Validated keyword arguments for Session.set_value, checked against the network's shape."""
    what = choice(*SET_ADDRESSES)(fields["what"], "what")
    for name in fields:
        if name not in ("what", "value") and name not in SET_ADDRESSES[what]:
            raise ProtocolError("unknown_field", name, op=f"set {what}")
    address = {}
    for name in SET_ADDRESSES[what]:
        if name not in fields:
            raise ProtocolError("missing_field", name)
        address[name] = integer(0, _address_high(name, address, sizes))(fields[name], name)
    low, high = EDIT_RANGES[what]
    return dict(address, what=what, value=number(low, high)(fields["value"], "value"))


def _address_high(name, address, sizes):
    if name == "layer":
        return len(sizes) - 2
    if name == "row":
        return sizes[address["layer"] + 1] - 1
    if name == "col":
        return sizes[address["layer"]] - 1
    return sizes[0] - 1


def parse_restore(fields):
    return obj(fields["snapshot"], "snapshot")
