"""Snapshots, format 2: a session's primary state as JSON, given back bit for bit, and refused
field by field when damaged or forged (the refusal names the field and changes nothing)."""
import copy
import json
import math

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from app.protocol import Conversation
from app.protocol.snapshot import FORMAT
from helpers.resume import comparable
from helpers.ws import loads, numbers

# When a property fails, Hypothesis imports libcst to suggest a patch, and libcst's import of
# mypy_extensions warns; with filterwarnings = error that would hide the failure behind INTERNALERROR.
pytestmark = pytest.mark.filterwarnings("ignore:mypy_extensions.TypedDict is deprecated:DeprecationWarning")


def reply(conversation, message):
    """One frame in (a dict, or JSON text as it is), its answer parsed as strict JSON."""
    text = message if isinstance(message, str) else json.dumps(message)
    return loads(conversation.reply(text))


def converse(script, lang="pt-BR"):
    conversation = Conversation(lang)
    for message in script:
        answer = reply(conversation, message)
        assert answer["type"] == "state", (message, answer)
    return conversation


def snapshot_of(conversation):
    answer = reply(conversation, {"op": "snapshot"})
    assert answer["type"] == "state", answer
    return answer["snapshot"]


def bits(state):
    """Comparable JSON text: floats are written exactly, so equal text is equal bits."""
    return json.dumps(comparable(state), sort_keys=True)


def restore_frame(snap):
    return json.dumps({"op": "restore", "snapshot": snap}, allow_nan=True)


# ----- round trip ---------------------------------------------------------------------------------

STEP = {"op": "step"}

POSITIONS = {
    "fresh": [],
    "mid-example": [{"op": "train", "epochs": 2}, STEP, STEP],
    "after-update": [STEP, STEP, STEP],
    "after-set": [{"op": "train", "epochs": 1}, STEP,
                  {"op": "set", "what": "weight", "layer": 0, "row": 0, "col": 1, "value": 3.25},
                  {"op": "set", "what": "input", "index": 0, "value": -0.5}, STEP],
    "after-train": [STEP, {"op": "train", "epochs": 3}],
}
AFTER = [STEP] * 8 + [{"op": "train", "epochs": 2}, STEP, {"op": "configure", "detailed": False}, STEP, STEP]


@pytest.mark.parametrize("position", POSITIONS)
@pytest.mark.parametrize("detailed", [False, True], ids=["whole", "detailed"])
@pytest.mark.parametrize("activation", ["sigmoid", "tanh", "relu"])
@pytest.mark.parametrize("optimizer", ["sgd", "momentum", "adam"])
def test_dump_then_load_gives_bit_identical_following_states(optimizer, activation, detailed, position):
    first = {"op": "configure", "optimizer": optimizer, "activation": activation, "detailed": detailed,
             "hidden": [3, 2] if detailed else [2], "check_gradients": optimizer == "adam", "lr": 0.4}
    source = converse([first, *POSITIONS[position]])
    snap = snapshot_of(source)
    assert snap["format"] == FORMAT == "backprop-passo-a-passo/2" and "checksum" not in snap
    target = converse([{"op": "configure", "dataset": "and", "hidden": [4, 4]}])
    restored = reply(target, {"op": "restore", "snapshot": json.loads(json.dumps(snap, allow_nan=False))})
    assert restored["type"] == "state", restored
    assert snapshot_of(target) == snap
    for message in AFTER:
        a, b = reply(source, message), reply(target, message)
        assert bits(b) == bits(a), message
    assert snapshot_of(target) == snapshot_of(source)


def test_a_snapshot_holds_primary_state_only():
    snap = snapshot_of(converse([{"op": "configure", "optimizer": "adam", "check_gradients": True,
                                  "detailed": True}, STEP, STEP, STEP]))
    assert set(snap) == {"format", "session"}
    assert set(snap["session"]) == {"settings", "params", "memory", "data", "epoch", "sample", "steps",
                                    "progress", "history"}
    assert snap["session"]["progress"] == {"forward": 2, "backward": 1}


def test_a_restore_is_undoable():
    conversation = converse([{"op": "train", "epochs": 2}])
    before = snapshot_of(conversation)
    other = snapshot_of(converse([{"op": "configure", "dataset": "and", "hidden": [4, 4]}, STEP]))
    assert reply(conversation, {"op": "restore", "snapshot": other})["sizes"] == [2, 4, 4, 1]
    assert reply(conversation, {"op": "undo"})["sizes"] == [2, 2, 1]
    assert snapshot_of(conversation) == before


def test_a_snapshot_in_javascript_number_formatting_restores():
    """Whole-number floats written as integers (1.0 → 1), as JSON.stringify writes them."""

    def as_javascript_writes_it(value):
        if isinstance(value, dict):
            return {k: as_javascript_writes_it(v) for k, v in value.items()}
        if isinstance(value, list):
            return [as_javascript_writes_it(v) for v in value]
        return int(value) if isinstance(value, float) and value.is_integer() else value

    source = converse([{"op": "configure", "optimizer": "momentum", "momentum": 0.0, "lr": 1.0},
                       {"op": "set", "what": "input", "index": 1, "value": 2.0}, STEP])
    snap = snapshot_of(source)
    written = as_javascript_writes_it(snap)
    assert written["session"]["settings"]["lr"] == 1 and isinstance(written["session"]["settings"]["lr"], int)
    target = Conversation()
    assert reply(target, {"op": "restore", "snapshot": written})["type"] == "state"
    assert json.dumps(snapshot_of(target)) == json.dumps(snap)


def negative_zeros(value):
    return [x for x in numbers(value) if x == 0 and math.copysign(1.0, x) < 0]


@pytest.mark.parametrize("activation", ["sigmoid", "relu"])
def test_no_minus_zero_reaches_the_wire(activation):
    """Gradients through an input x = 0 are −0 in NumPy; JSON (a browser) cannot keep them."""
    conversation = converse([{"op": "configure", "activation": activation, "detailed": True,
                              "check_gradients": True, "optimizer": "momentum"}])
    for message in [STEP] * 40 + [{"op": "snapshot"}]:
        answer = reply(conversation, message)
        assert negative_zeros(answer) == [], message


def test_a_snapshot_holding_minus_zero_restores_as_zero():
    snap = base_snapshot()
    snap["session"]["params"]["W"][0][0][0] = -0.0
    snap["session"]["memory"]["m"][1][0][0] = -0.0
    text = restore_frame(snap)
    assert "-0.0" in text
    conversation = Conversation()
    assert reply(conversation, text)["type"] == "state"
    assert negative_zeros(snapshot_of(conversation)) == []


# ----- old and unknown formats --------------------------------------------------------------------

OLD_PT = ("Este arquivo não é uma sessão válida (foi salvo por uma versão anterior do app (formato 1), que "
          "este servidor não abre mais; recomece a sessão e exporte de novo). Nada foi alterado.")
OLD_EN = ("This file is not a valid session (it was saved by an earlier version of the app (format 1), which "
          "this server no longer opens; start the session again and export it anew). Nothing was changed.")
FORMAT_PT = ("Este arquivo não é uma sessão válida (formato desconhecido; o esperado é "
             "“backprop-passo-a-passo/2”). Nada foi alterado.")

# What format 1 looked like: a checksum over a session that carried derived values.
V1 = {"format": "backprop-passo-a-passo/1", "checksum": "9f" * 32, "session": {
    "settings": {"lr": 0.1, "activation": "sigmoid", "loss": "mse", "optimizer": "sgd", "momentum": 0.9,
                 "dataset": "xor", "hidden": [2], "seed": 3, "detailed": False, "check_gradients": False},
    "params": {"W": [[[0.1, 0.2], [0.3, 0.4]], [[0.5, 0.6]]], "b": [[0.0, 0.0], [0.0]]},
    "memory": {}, "X": [[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]], "Y": [0.0, 1.0, 1.0, 0.0],
    "epoch": 0, "sample": 0, "steps": 0, "history": [[0, 0.125]], "last": ["idle", None],
    "cache": {"sample": 0, "forward_done": 0, "backward_done": 0}}}


@pytest.mark.parametrize("lang, sentence", [("pt-BR", OLD_PT), ("en", OLD_EN)])
def test_an_old_snapshot_is_refused_with_a_clear_message(lang, sentence):
    conversation = converse([STEP], lang)
    before = snapshot_of(conversation)
    error = reply(conversation, {"op": "restore", "snapshot": V1})
    assert error == {"type": "error", "protocol": 2, "reply_to": "restore", "code": "bad_snapshot",
                     "field": "snapshot", "message": sentence}
    assert snapshot_of(conversation) == before


@pytest.mark.parametrize("change", [
    lambda snap: snap.update(format="backprop-passo-a-passo/3"),
    lambda snap: snap.pop("format"),
    lambda snap: snap.update(format=2),
    lambda snap: snap.pop("session"),
    lambda snap: snap.update(session=[1, 2, 3]),
    lambda snap: snap.update(session=None),
], ids=["other-version", "no-format", "format-not-text", "no-session", "session-a-list", "session-null"])
def test_a_snapshot_of_another_format_is_refused(change):
    snap = base_snapshot()
    change(snap)
    assert attempt(restore_frame(snap)) == ("bad_snapshot", FORMAT_PT)


# ----- damaged fields, one by one -----------------------------------------------------------------


def field(path):
    return f"Este arquivo não é uma sessão válida (o campo “{path}” está ausente ou é inválido). Nada foi alterado."


def contradicts(path):
    return f"Este arquivo não é uma sessão válida (o campo “{path}” contradiz o resto da sessão). Nada foi alterado."


DAMAGED = ("Este arquivo não é uma sessão válida (o arquivo está danificado: tem números ou aninhamentos "
           "impossíveis). Nada foi alterado.")

BASE_SCRIPT = [  # Adam memory, a half-done backward pass in detailed mode, gradient check on
    {"op": "configure", "hidden": [3], "optimizer": "adam", "detailed": True, "check_gradients": True},
    {"op": "train", "epochs": 3}, *[STEP] * 8,  # one whole example (5 steps), then 2 forward, 1 backward
]
MOMENTUM_SCRIPT = [{"op": "configure", "optimizer": "momentum", "lr": 0.5}, {"op": "train", "epochs": 2}, STEP]
EDITED_SCRIPT = [{"op": "configure", "dataset": "or"}, STEP,
                 {"op": "set", "what": "input", "index": 1, "value": -7.25},
                 {"op": "set", "what": "target", "value": 0.4}, STEP]

_BASES = {}


def base_snapshot(script=None):
    """A fresh copy of the snapshot a script leads to."""
    key = json.dumps(script or BASE_SCRIPT)
    if key not in _BASES:
        _BASES[key] = snapshot_of(converse(script or BASE_SCRIPT))
    return copy.deepcopy(_BASES[key])


def test_the_bases_are_what_the_table_assumes():
    snap = base_snapshot()["session"]
    assert snap["progress"] == {"forward": 2, "backward": 1} and snap["sample"] == 1
    assert snap["epoch"] == 3 and len(snap["history"]) == 4 and snap["memory"]["t"] == 13 < snap["steps"]
    assert base_snapshot(EDITED_SCRIPT)["session"]["data"] is not None
    assert "velocity" in base_snapshot(MOMENTUM_SCRIPT)["session"]["memory"]


DELETE = object()


def edit(path, value):
    """A change of one field of `session` by dotted path: a value, a function of the old one, or DELETE."""
    *parents, last = [int(key) if key.isdigit() else key for key in path.split(".")]

    def change(session):
        node = session
        for key in parents:
            node = node[key]
        if value is DELETE:
            del node[last]
        else:
            node[last] = value(node[last]) if callable(value) else value

    return change


def literal(path, token):
    """A change of the JSON text: the number at `path` written as `token` (NaN, Infinity, 1e400…)."""
    marker = 123456.789012345

    def change(session):
        edit(path, marker)(session)
        return lambda text: text.replace(repr(marker), token, 1)

    return change


def swap_last_two(points):
    return points[:-2] + [points[-1], points[-2]]


# (id, change of `session`, base script or None, sentence)
TABLE = [
    # parameters
    ("weights-wrong-shape", edit("params.W.0", [[0.1, 0.2]]), None, field("params.W.0")),
    ("weights-row-too-long", edit("params.W.1.0", lambda row: row + [0.5]), None, field("params.W.1")),
    ("bias-wrong-shape", edit("params.b.0", [0.1, 0.2]), None, field("params.b.0")),
    ("a-layer-missing", edit("params.W", lambda W: W[:1]), None, field("params.W")),
    ("a-layer-too-many", edit("params.b", lambda b: b + [[0.0]]), None, field("params.b")),
    ("weights-not-a-list", edit("params.W", {"0": 1}), None, field("params.W")),
    ("params-missing", edit("params", DELETE), None, field("params")),
    ("string-for-a-number", edit("params.W.0.0.0", "0.5"), None, field("params.W.0")),
    ("null-for-a-number", edit("params.b.1.0", None), None, field("params.b.1")),
    ("boolean-in-an-array", edit("params.b.0.1", True), None, field("params.b.0")),
    ("nested-list-for-a-number", edit("params.b.0.1", [0.5]), None, field("params.b.0")),
    ("NaN-literal", literal("params.W.0.1.0", "NaN"), None, field("params.W.0")),
    ("Infinity-literal", literal("params.b.1.0", "Infinity"), None, field("params.b.1")),
    ("minus-Infinity-literal", literal("params.W.1.0.2", "-Infinity"), None, field("params.W.1")),
    ("1e400", literal("params.W.0.0.0", "1e400"), None, field("params.W.0")),
    ("integer-past-any-float", literal("params.W.0.0.0", "1" + "0" * 400), None, DAMAGED),
    ("past-the-divergence-limit", edit("params.W.0.0.0", 1.000001e6), None, field("params.W.0")),
    ("past-the-divergence-limit-negative", edit("params.b.1.0", -2e6), None, field("params.b.1")),
    ("params-unknown-key", edit("params.dW", [[0.0]]), None, field("params.dW")),
    ("params-do-not-fit-hidden", edit("settings.hidden", [4]), None, field("params.W.0")),
    # optimiser memory
    ("memory-past-1e100", edit("memory.m.0.0.0", 1.01e100), None, field("memory.m.0")),
    ("memory-past-1e100-negative", edit("memory.m.3.0", -1e101), None, field("memory.m.3")),
    ("adam-v-negative", edit("memory.v.1.0.1", -1e-300), None, field("memory.v.1")),
    ("adam-v-missing", edit("memory.v", DELETE), None, field("memory.v")),
    ("adam-m-wrong-shape", edit("memory.m.0", [[0.0, 0.0]]), None, field("memory.m.0")),
    ("adam-m-too-few-arrays", edit("memory.m", lambda m: m[:3]), None, field("memory.m")),
    ("adam-t-past-steps", lambda s: s["memory"].update(t=s["steps"] + 1), None, field("memory.t")),
    ("adam-t-huge", edit("memory.t", 10**30), None, field("memory.t")),
    ("adam-t-negative", edit("memory.t", -1), None, field("memory.t")),
    ("adam-t-fractional", edit("memory.t", 2.5), None, field("memory.t")),
    ("adam-t-text", edit("memory.t", "12"), None, field("memory.t")),
    ("adam-velocity-unknown", edit("memory.velocity", []), None, field("memory.velocity")),
    ("memory-not-an-object", edit("memory", []), None, field("memory")),
    ("velocity-past-1e100", edit("memory.velocity.2.1", 1e120), MOMENTUM_SCRIPT, field("memory.velocity.2")),
    ("velocity-wrong-shape", edit("memory.velocity.1", [[0.0]]), MOMENTUM_SCRIPT, field("memory.velocity.1")),
    ("velocity-missing", edit("memory.velocity", DELETE), MOMENTUM_SCRIPT, field("memory.velocity")),
    ("momentum-with-adam-memory", edit("memory.t", 0), MOMENTUM_SCRIPT, field("memory.t")),
    ("sgd-with-memory", edit("settings.optimizer", "sgd"), MOMENTUM_SCRIPT, field("memory.velocity")),
    # counters
    ("epoch-as-text", edit("epoch", "3"), None, field("epoch")),
    ("epoch-negative", edit("epoch", -1), None, field("epoch")),
    ("epoch-missing", edit("epoch", DELETE), None, field("epoch")),
    ("steps-boolean", edit("steps", True), None, field("steps")),
    ("steps-fractional", edit("steps", 2.5), None, field("steps")),
    ("steps-null", edit("steps", None), None, field("steps")),
    ("sample-past-the-data", edit("sample", 4), None, field("sample")),
    ("sample-negative", edit("sample", -1), None, field("sample")),
    ("sample-past-a-smaller-data-set", edit("settings.dataset", "single"), None, field("sample")),
    # progress through the example
    ("backward-before-the-forward-is-done", edit("progress.forward", 1), None, contradicts("progress.backward")),
    ("forward-past-the-network", edit("progress.forward", 3), None, field("progress.forward")),
    ("backward-past-the-network", edit("progress.backward", 3), None, field("progress.backward")),
    ("progress-negative", edit("progress.backward", -1), None, field("progress.backward")),
    ("progress-unknown-key", edit("progress.update", 0), None, field("progress.update")),
    ("progress-missing", edit("progress", DELETE), None, field("progress")),
    # loss curve
    ("history-not-from-0", edit("history", lambda h: h[1:]), None, contradicts("history")),
    ("history-not-to-the-epoch", edit("history", lambda h: h[:-1]), None, contradicts("history")),
    ("history-past-the-epoch", edit("epoch", 2), None, contradicts("history")),
    ("history-not-rising", edit("history", swap_last_two), None, field("history")),
    ("history-repeated-epoch", edit("history", lambda h: h[:1] + h), None, field("history")),
    ("history-fractional-epoch", edit("history.1.0", 0.5), None, field("history")),
    ("history-negative-loss", edit("history.2.1", -0.1), None, field("history")),
    ("history-loss-past-one-half", edit("history.2.1", 0.75), None, field("history")),
    ("history-NaN-loss", literal("history.1.1", "NaN"), None, field("history")),
    ("history-point-of-three", edit("history.1", lambda p: p + [0]), None, field("history")),
    ("history-empty", edit("history", []), None, field("history")),
    ("history-missing", edit("history", DELETE), None, field("history")),
    # settings
    ("lr-as-text", edit("settings.lr", "0.1"), None, field("settings.lr")),
    ("lr-out-of-range", edit("settings.lr", 50), None, field("settings.lr")),
    ("lr-Infinity", literal("settings.lr", "Infinity"), None, field("settings.lr")),
    ("hidden-too-big", edit("settings.hidden", [9]), None, field("settings.hidden")),
    ("hidden-7-layers", edit("settings.hidden", [1] * 7), None, field("settings.hidden")),
    ("noise-60", edit("settings.noise", 60), None, field("settings.noise")),
    ("split-text", edit("settings.split", "10"), None, field("settings.split")),
    ("unknown-activation", edit("settings.activation", "softmax"), None, field("settings.activation")),
    ("detailed-as-number", edit("settings.detailed", 1), None, field("settings.detailed")),
    ("seed-missing", edit("settings.seed", DELETE), None, field("settings.seed")),
    ("seed-whole-float", edit("settings.seed", 3.0), None, field("settings.seed")),
    ("settings-unknown-key", edit("settings.lang", "en"), None, field("settings.lang")),
    # edited data
    ("data-fewer-rows", edit("data.X", lambda X: X[:3]), EDITED_SCRIPT, field("data.X")),
    ("data-wider-rows", edit("data.X.0", lambda row: row + [0.0]), EDITED_SCRIPT, field("data.X")),
    ("data-more-targets", edit("data.Y", lambda Y: Y + [0.5]), EDITED_SCRIPT, field("data.Y")),
    ("data-of-another-data-set", edit("settings.dataset", "single"), EDITED_SCRIPT, field("data.X")),
    ("data-input-past-100", edit("data.X.0.0", 101), EDITED_SCRIPT, field("data.X")),
    ("target-past-1", edit("data.Y.1", 1.5), EDITED_SCRIPT, field("data.Y")),
    ("target-negative", edit("data.Y.1", -0.5), EDITED_SCRIPT, field("data.Y")),
    ("target-as-text", edit("data.Y.0", "1"), EDITED_SCRIPT, field("data.Y")),
    ("data-without-Y", edit("data.Y", DELETE), EDITED_SCRIPT, field("data.Y")),
    ("data-unknown-key", edit("data.Z", []), EDITED_SCRIPT, field("data.Z")),
    # unknown keys at the top
    ("session-unknown-key", edit("cache", {}), None, field("cache")),
    ("session-old-X", edit("X", [[0, 0]]), None, field("X")),
]


def attempt(frame, script=BASE_SCRIPT):
    """Send a restore to a conversation with a session under way; the refusal must change nothing
    (its next snapshot, its undo depth and its next step's state are as they were)."""
    conversation, control = converse(script), converse(script)
    before = snapshot_of(conversation)
    error = loads(conversation.reply(frame))
    assert error["type"] == "error" and error["reply_to"] == "restore", error
    assert error["field"] == "snapshot", error
    assert snapshot_of(conversation) == before, "a refused restore changed the session"
    a, b = reply(conversation, STEP), reply(control, STEP)
    assert json.dumps(a, sort_keys=True) == json.dumps(b, sort_keys=True), "a refused restore changed the session"
    return error["code"], error["message"]


@pytest.mark.parametrize("name, change, script, sentence", TABLE, ids=[row[0] for row in TABLE])
def test_a_damaged_field_is_refused_by_name_and_changes_nothing(name, change, script, sentence):
    snap = base_snapshot(script)
    rewrite = change(snap["session"])
    frame = restore_frame(snap)
    if rewrite:
        frame = rewrite(frame)
        assert "123456.789012345" not in frame
    assert attempt(frame, script or BASE_SCRIPT) == ("bad_snapshot", sentence)


@pytest.mark.parametrize("name, change", [
    ("weight-at-the-divergence-limit", edit("params.W.0.0.0", 1e6)),
    ("memory-at-1e100", edit("memory.m.0.0.0", 1e100)),
    ("adam-t-equal-to-steps", lambda s: s["memory"].update(t=s["steps"])),
    ("whole-floats-as-integers", edit("history.0.0", 0.0)),
    ("loss-at-one-half", edit("history.1.1", 0.5)),
    ("keys-in-another-order", lambda s: [s.__setitem__(key, s.pop(key)) for key in reversed(list(s))]),
])
def test_limits_themselves_are_accepted(name, change):
    snap = base_snapshot()
    change(snap["session"])
    answer = reply(Conversation(), {"op": "restore", "snapshot": snap})
    assert answer["type"] == "state", answer


def test_a_damaged_field_is_named_in_english_too():
    snap = base_snapshot()
    edit("params.W.0.0.0", 2e6)(snap["session"])
    error = reply(Conversation("en"), {"op": "restore", "snapshot": snap})
    assert error["message"] == ("This file is not a valid session (the field “params.W.0” is missing or invalid). "
                                "Nothing was changed.")
    edit("params.W.0.0.0", 0.5)(snap["session"])
    edit("history", lambda h: h[:-1])(snap["session"])
    error = reply(Conversation("en"), {"op": "restore", "snapshot": snap})
    assert error["message"] == ("This file is not a valid session (the field “history” contradicts the rest "
                                "of the session). Nothing was changed.")


def test_a_data_set_larger_than_its_name_is_refused():
    snap = base_snapshot(EDITED_SCRIPT)
    snap["session"]["data"] = {"X": snap["session"]["data"]["X"] * 5000, "Y": snap["session"]["data"]["Y"] * 5000}
    assert attempt(restore_frame(snap), EDITED_SCRIPT) == ("bad_snapshot", field("data.X"))


# ----- forged snapshots (property) ----------------------------------------------------------------

FORGE_BASES = [
    [{"op": "configure"}],
    [{"op": "configure", "optimizer": "adam", "detailed": True, "check_gradients": True, "hidden": [3, 2]},
     {"op": "train", "epochs": 2}, STEP, STEP, STEP, STEP],
    [{"op": "configure", "optimizer": "momentum", "activation": "relu", "check_gradients": True, "lr": 2.0},
     {"op": "train", "epochs": 3}, STEP, STEP],
    [{"op": "configure", "optimizer": "adam", "loss": "bce", "activation": "tanh", "hidden": [4]},
     {"op": "train", "epochs": 1}, STEP, STEP, STEP],
    [{"op": "configure", "preset": "passo_a_passo", "detailed": True, "check_gradients": True}, STEP, STEP, STEP],
    EDITED_SCRIPT,
]


def forge_base(index):
    return base_snapshot(FORGE_BASES[index])


def paths(value, prefix=()):
    """Every position in a JSON value: dict keys and list indices, at every depth."""
    found = [prefix]
    if isinstance(value, dict):
        for key, item in value.items():
            found += paths(item, prefix + (key,))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            found += paths(item, prefix + (i,))
    return found


def number_paths(snap):
    def at(path):
        value = snap
        for key in path:
            value = value[key]
        return value

    return [p for p in paths(snap) if p and isinstance(at(p), (int, float)) and not isinstance(at(p), bool)]


NUMBERS = st.one_of(
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([0.0, -0.0, 1e-320, -1e-320, 5e-324, 1e6, 1.0000001e6, -1e6, 1e100, 1.0000001e100,
                     1e300, -1e300, 1.7976931348623157e308, 0.5, 0.5000000001, 10**12, 10**12 + 1, 10**30]),
)
PLAUSIBLE = st.one_of(
    st.floats(min_value=-1e6, max_value=1e6), st.floats(min_value=0.0, max_value=1.0),
    st.integers(min_value=0, max_value=40),
    st.sampled_from([1e6, -1e6, 1e100, -1e100, 1e-300, 5e-324, -0.0, 0.0, 0.5, 1, 0, 2, 3]),
)
SCALARS = st.one_of(st.none(), st.booleans(), st.text(max_size=8), NUMBERS)
VALUES = st.recursive(SCALARS, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                       st.dictionaries(st.text(max_size=6), inner, max_size=3)),
                      max_leaves=6)


def retyped(old):
    """Whole numbers as floats and floats as whole numbers; −0; the number negated."""
    if isinstance(old, bool) or not isinstance(old, (int, float)):
        return st.just(old)
    options = [float(old), -old, -0.0 if old == 0 else old * 1.0000000000000002]
    if isinstance(old, float) and math.isfinite(old):
        options.append(int(old))
    return st.sampled_from(options)


@st.composite
def forged(draw):
    index = draw(st.integers(min_value=0, max_value=len(FORGE_BASES) - 1))
    snap = forge_base(index)
    for _ in range(draw(st.integers(min_value=1, max_value=3))):
        kind = draw(st.sampled_from(["replace", "retype", "retype", "delete", "add", "number", "number"]))
        if kind == "number":  # a number for a number: the forgeries most likely to be accepted
            where = draw(st.sampled_from(number_paths(snap) or [()]))
            kind, value = "replace", draw(PLAUSIBLE)
        else:
            where, value = draw(st.sampled_from(paths(snap))), None
        if not where:  # the root: replace it or add a key to it
            if not isinstance(snap, dict):
                break
            if kind == "add":
                snap[draw(st.text(max_size=8))] = draw(VALUES)
            else:
                snap = draw(VALUES)
            continue
        parent = snap
        for key in where[:-1]:
            parent = parent[key]
        last = where[-1]
        if kind == "replace":
            parent[last] = draw(VALUES) if value is None else value
        elif kind == "retype":
            parent[last] = draw(retyped(parent[last]))
        elif kind == "delete":
            del parent[last]
        elif isinstance(parent[last], dict):
            parent[last][draw(st.text(max_size=8))] = draw(VALUES)
        elif isinstance(parent[last], list):
            parent[last].insert(draw(st.integers(0, len(parent[last]))), draw(VALUES))
        else:
            parent[last] = [parent[last], draw(VALUES)]
    return index, snap


def strict(text):
    """The reply parsed as strict JSON (helpers.ws.loads refuses NaN and Infinity)."""
    assert isinstance(text, str)
    return loads(text)


def conversation_on(index):
    """A conversation holding the base session `index` (restored: cheaper than replaying it)."""
    conversation = Conversation()
    assert reply(conversation, {"op": "restore", "snapshot": forge_base(index)})["type"] == "state"
    return conversation


@settings(max_examples=2000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(forged())
def test_a_forged_snapshot_is_a_state_or_bad_snapshot_never_internal(case):
    index, snap = case
    conversation = conversation_on(index)
    before = conversation.reply('{"op": "snapshot"}')
    answer = strict(conversation.reply(restore_frame(snap)))
    assert answer["type"] in ("state", "error"), answer
    event("accepted" if answer["type"] == "state" else "refused")
    if answer["type"] == "error":
        # Only a snapshot that is no JSON object at all is refused as a message (bad_type).
        assert answer["code"] == ("bad_snapshot" if isinstance(snap, dict) else "bad_type"), answer
        assert conversation.reply('{"op": "snapshot"}') == before, "a refused restore changed the session"
        return
    for message in [STEP] * 10 + [{"op": "train", "epochs": 5}, {"op": "snapshot"}]:
        following = strict(conversation.reply(json.dumps(message)))
        assert following["type"] in ("state", "error"), following
        if following["type"] == "error":
            event(f"then {following['code']}")
            assert following["code"] != "internal", (message, following)
