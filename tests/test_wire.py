"""The JSON text of the server's frames (app/protocol/wire.py): the fast encoder writes the same
numbers, bit for bit, as the reference `json.dumps`, and refuses every non-finite number wherever
it hides, as the reference does."""
import json
import math
import struct

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.protocol import Conversation, wire

pytestmark = pytest.mark.filterwarnings("ignore:mypy_extensions.TypedDict is deprecated:DeprecationWarning")

json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-2**63, 2**64 - 1) | st.text()
    | st.floats(allow_nan=False, allow_infinity=False),
    lambda inner: st.lists(inner, max_size=5) | st.dictionaries(st.text(max_size=8), inner, max_size=5),
    max_leaves=40)


def bits(value):
    """Every float as its 8 bytes, so that 0.0 and −0.0 differ and equality is bit for bit."""
    if isinstance(value, float):
        return ("float", struct.pack(">d", value))
    if isinstance(value, list):
        return [bits(v) for v in value]
    if isinstance(value, dict):
        return {k: bits(v) for k, v in value.items()}
    return value


@settings(max_examples=300, deadline=None)
@given(json_values)
def test_the_fast_text_reads_back_as_the_reference_does_bit_for_bit(value):
    text = wire.encode(value)
    assert bits(json.loads(text)) == bits(json.loads(wire.reference(value))) == bits(value)


@settings(max_examples=300, deadline=None)
@given(st.floats(allow_nan=False, allow_infinity=False))
def test_every_finite_double_survives_including_minus_zero(x):
    assert struct.pack(">d", json.loads(wire.encode([x]))[0]) == struct.pack(">d", x)


@pytest.mark.parametrize("bad", [math.nan, math.inf, -math.inf, -math.nan, struct.unpack(">d", b"\x7f\xf8\0\0\0\0\0\x01")[0]])
@pytest.mark.parametrize("where", [
    lambda x: x,
    lambda x: [0.5, x],
    lambda x: {"type": "state", "update": {"delta_W": [[[0.0, x]]]}},
    lambda x: {"a": [1, "G\x7f", {"b": (2.0, x)}]},
])
def test_a_non_finite_number_is_refused_wherever_it_is(bad, where):
    with pytest.raises(ValueError):
        wire.encode(where(bad))


@pytest.mark.parametrize("value", [
    np.float64(0.25), [np.float64(-0.0)], {"n": 2**70}, {"s": "lone \ud800 surrogate"},
    {"chance": struct.unpack(">i", b"\x00\xf0\x7fG")[0]},  # an int whose bytes look like a NaN's
])
def test_what_the_fast_encoder_refuses_or_doubts_is_written_by_the_reference(value):
    assert wire.encode(value) == wire.reference(value)


def test_a_nan_slipped_into_a_numpy_scalar_is_still_refused():
    with pytest.raises(ValueError):
        wire.encode({"loss": np.float64("nan")})


def test_text_is_compact_and_ascii():
    text = wire.encode({"message": "Próximo passo — η", "x": [1.0, -0.0, 1e-05, 1e+16]})
    assert text.isascii() and " " not in text.replace("Pr\\u00f3ximo passo \\u2014 \\u03b7", "")
    assert json.loads(text.encode("ascii")) == {"message": "Próximo passo — η", "x": [1.0, -0.0, 1e-05, 1e16]}


def test_a_whole_walk_of_steps_reads_the_same_as_the_reference_would_write():
    """Every state of a walk through the phases, an epoch and a train: each part the conversation
    encodes reads back the same as json.dumps would have written it."""
    seen = []
    conversation = Conversation()

    def encode(message):
        text = wire.encode(message)
        seen.append((text, message))
        return text

    conversation._encode = encode
    for frame in ['{"op":"configure","seed":3,"dataset":"xor"}', *['{"op":"step"}'] * 14,
                  '{"op":"train","epochs":3}', '{"op":"undo"}', '{"op":"snapshot"}']:
        assert json.loads(conversation.reply(frame))["type"] == "state"
    assert len(seen) > 40
    for text, message in seen:
        assert bits(json.loads(text)) == bits(json.loads(wire.reference(message)))


@pytest.mark.parametrize("array", [
    np.array([[-0.0, 1.5], [0.1, -2.0]]), np.array([-0.0, 5e-324, -1e308]), np.float64(-0.0), [[-0.0, 2]],
    np.array([1, -2], dtype=np.int64), np.array([0.1, -0.0], dtype=np.float32), np.array([-0.0, 3.0], dtype=">f8"),
    np.arange(12.0).reshape(3, 4)[:, 1] * -0.0, np.zeros((2, 0)),
])
def test_arrays_become_lists_of_the_same_doubles_never_minus_zero(array):
    from app.protocol.arrays import as_list

    expected = np.asarray(array, dtype=np.float64)
    listed = as_list(array)
    assert bits(listed) == bits((expected + 0.0).tolist())
    assert "-0.0" not in json.dumps(listed)


@pytest.mark.parametrize("lang", ["pt-BR", "en"])
def test_every_frame_on_a_real_socket_is_ascii_with_its_sentences_intact(live_server, ws_connect, lang):
    """protocol.md: frames are ASCII, non-ASCII characters as \\u escapes (a client may read them as
    bytes in any ASCII-compatible encoding); the sentences read back with every accent and sign."""
    ws = ws_connect(live_server, f"/ws?lang={lang}")
    messages = [
        {"op": "configure", "dataset": "xor"}, {"op": "update"},
        {"op": "set", "what": "weight", "layer": 0, "row": 0, "col": 0, "value": -1000},
        {"op": "próximo\ud800"}, {"op": "restore", "snapshot": {"format": "backprop-passo-a-passo/1"}},
    ]
    texts = []
    for message in messages:
        ws.send(json.dumps(message))
        frame = ws.recv()
        assert frame.isascii(), (message, frame)
        texts.append(json.loads(frame).get("message"))
    assert any(text and not text.isascii() for text in texts), texts  # the sentences had accents or signs
    assert all("\ufffd" not in text for text in texts[1:3]) and "próximo\ufffd" in texts[3]
