"""Own the JSON text of every frame the server sends: strict JSON (no NaN, no Infinity, ever),
compact, ASCII (other characters as \\u escapes, as docs/protocol.md promises), the same numbers
bit for bit as Python's own `json` writes.

orjson writes a state about eight times faster than `json.dumps` (its floats are the shortest
text that reads back to the same double, as Python's repr: 1e-05 may read 0.00001, the same
number). But it writes a non-finite float as null, silently, where a bug must fail loudly (the
conversation answers `internal` and logs it). So every fast answer is checked: pickle walks the
same objects in C and writes each float as its 8 bytes (opcode G, big-endian, never shared), and
a non-finite double always starts with the bytes 7F/FF, F0–FF. When those three bytes appear
anywhere (a NaN, or by chance inside other data), or orjson refuses something (an int past 64
bits, a NumPy scalar, a lone surrogate), the text is written again by `json.dumps` with
allow_nan=False, the reference, which raises ValueError on a non-finite number. A text without
`null` anywhere had no non-finite float to write, so it needs no check: most pass blocks (every
number and no None) are answered without pickling them. orjson also
writes other characters than ASCII as they are (UTF-8): a text that has any (an error's sentence
in Portuguese, or "−") is written by the reference too, which escapes them. A state has none.
"""
import io
import json
import pickle
import re

import orjson

_NON_FINITE_FLOAT = re.compile(rb"G[\x7f\xff][\xf0-\xff]")


def encode(message):
    """`message` (dicts, lists, str, int, float, bool, None) as compact JSON text."""
    try:
        text = orjson.dumps(message)
    except TypeError:  # orjson.JSONEncodeError is one
        return reference(message)
    if not text.isascii() or (b"null" in text and _NON_FINITE_FLOAT.search(_pickled(message))):
        return reference(message)
    return text.decode("utf-8")


def _pickled(message):
    """pickle's bytes of `message`, without its memo (a third of its time): orjson accepted the
    message, so it is a tree (a cycle would have failed), and a shared part is only written twice."""
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, pickle.HIGHEST_PROTOCOL)
    pickler.fast = True
    pickler.dump(message)
    return buffer.getvalue()


def reference(message):
    # allow_nan=False: a non-finite number must never reach the wire, even through a bug.
    # ensure_ascii: whatever text slips through is escaped, so a frame is always valid UTF-8.
    return json.dumps(message, allow_nan=False, ensure_ascii=True, separators=(",", ":"))
