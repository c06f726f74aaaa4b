"""Snapshots: a whole session as JSON, given back bit for bit, and refused when tampered with."""
import hashlib
import json

import pytest

from app.protocol import Conversation
from app.protocol import snapshot
from app.protocol.snapshot import dump
from app.session import Session, Settings

def canonical_checksum(session_data):
    """SHA-256 of canonical JSON (sorted keys, no spaces, numbers as floats), as protocol.md defines it."""

    def floats(value):
        if isinstance(value, dict):
            return {key: floats(item) for key, item in value.items()}
        if isinstance(value, list):
            return [floats(item) for item in value]
        return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else value

    text = json.dumps(floats(session_data), sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()


def as_javascript_writes_it(value):
    """JSON as a browser's JSON.stringify writes it: integral floats lose their ".0"."""
    if isinstance(value, dict):
        return {key: as_javascript_writes_it(item) for key, item in value.items()}
    if isinstance(value, list):
        return [as_javascript_writes_it(item) for item in value]
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def through_json(value):
    """What survives a trip through a file: strict JSON text and back."""
    return json.loads(json.dumps(value, allow_nan=False))


def text(session):
    """The dump as JSON text: float reprs are exact, and -0.0 differs from 0.0, so equal text is equal bits."""
    return json.dumps(dump(session), allow_nan=False, sort_keys=True)


def restored(session):
    copy_ = Session()
    copy_.load(snapshot.load(through_json(dump(session))))
    return copy_


def moves(session, count):
    for _ in range(count):
        session.step()


# name → a session in that situation
SITUATIONS = {
    "fresh": lambda: Session(),
    "mid-forward-detailed": lambda: prepared(Settings(hidden=(3, 2), detailed=True, check_gradients=True), steps=2),
    "mid-backward-detailed": lambda: prepared(Settings(hidden=(3, 2), detailed=True, check_gradients=True), steps=4),
    "gradcheck-done": lambda: prepared(Settings(hidden=(3, 2), detailed=True, check_gradients=True), steps=6),
    "after-update": lambda: prepared(Settings(lr=0.5), steps=3),
    "momentum-memory": lambda: prepared(Settings(optimizer="momentum", momentum=0.8, activation="tanh"),
                                        epochs=2, steps=2),
    "adam-memory": lambda: prepared(Settings(optimizer="adam", loss="bce", activation="relu", hidden=(4,)),
                                    epochs=3, steps=1),
    "edited-data": lambda: edited(),
    "walkthrough": lambda: prepared(Settings(dataset="passo_a_passo", lr=0.5), steps=1),
}


def prepared(settings, steps=0, epochs=0):
    session = Session(settings)
    if epochs:
        session.train(epochs)
    moves(session, steps)
    return session


def edited():
    session = prepared(Settings(dataset="or"), steps=4)
    session.set_value("input", -7.25, index=1)
    session.set_value("target", 0.4)
    session.set_value("weight", 12.5, layer=0, row=1, col=0)
    return session


@pytest.mark.parametrize("situation", SITUATIONS)
def test_dump_then_load_gives_the_same_session_bit_for_bit(situation):
    session = SITUATIONS[situation]()
    snap = dump(session)
    assert snap["format"] == "backprop-passo-a-passo/1"
    assert snap["checksum"] == canonical_checksum(snap["session"])
    copy_ = restored(session)
    assert text(copy_) == text(session)
    for _ in range(7):  # and the sessions go on in step
        session.step()
        copy_.step()
        assert text(copy_) == text(session)
    session.train(2)
    copy_.train(2)
    assert text(copy_) == text(session)


def test_optimiser_memory_survives_the_trip():
    session = SITUATIONS["adam-memory"]()
    copy_ = restored(session)
    assert copy_.memory["t"] == session.memory["t"] > 0
    for name in ("m", "v"):
        assert all(a.tobytes() == b.tobytes() for a, b in zip(copy_.memory[name], session.memory[name]))


def test_gradient_check_values_survive_the_trip():
    session = SITUATIONS["gradcheck-done"]()
    assert session.cache.numeric is not None
    copy_ = restored(session)
    assert copy_.cache.numeric.flat().tobytes() == session.cache.numeric.flat().tobytes()
    assert copy_.next_move() == session.next_move() == ("update", None)


def comparable(state):
    """A state without what only depends on the conversation (who asked, what it already has)."""
    return {k: v for k, v in state.items() if k not in ("reply_to", "history", "undo_depth", "snapshot")}


def test_export_then_import_reproduces_the_session_and_its_future():
    source = Conversation()
    script = [{"op": "configure", "hidden": [3], "optimizer": "momentum", "detailed": True, "lr": 0.7},
              {"op": "train", "epochs": 5}, {"op": "step"}, {"op": "step"}, {"op": "step"}]
    for message in script:
        source.reply(json.dumps(message))
    exported = json.loads(source.reply('{"op": "snapshot"}'))
    file_text = json.dumps(exported["snapshot"], allow_nan=False)  # what the student saves

    target = Conversation()
    target.reply('{"op": "configure", "hidden": [8, 8], "dataset": "and"}')
    imported = json.loads(target.reply(json.dumps({"op": "restore", "snapshot": json.loads(file_text)})))
    assert imported["type"] == "state" and imported["history"]["from"] == 0
    assert comparable(imported) == comparable(exported)
    assert imported["history"]["points"] == [list(p) for p in source.session.history]
    for message in [{"op": "step"}] * 5 + [{"op": "train", "epochs": 3}, {"op": "configure", "detailed": False},
                                           {"op": "step"}]:
        a, b = json.loads(source.reply(json.dumps(message))), json.loads(target.reply(json.dumps(message)))
        assert comparable(a) == comparable(b)
    assert text(target.session) == text(source.session)


def test_restore_is_undoable():
    conversation = Conversation()
    conversation.reply('{"op": "train", "epochs": 2}')
    other = Session(Settings(dataset="and", hidden=(4, 4)))
    before = text(conversation.session)
    answer = json.loads(conversation.reply(json.dumps({"op": "restore", "snapshot": dump(other)})))
    assert answer["type"] == "state" and answer["sizes"] == [2, 4, 4, 1]
    assert text(conversation.session) == text(other)
    assert json.loads(conversation.reply('{"op": "undo"}'))["sizes"] == [2, 2, 1]
    assert text(conversation.session) == before


# ----- tampered snapshots ----------------------------------------------------------------------


def base():
    """A snapshot with everything in it: Adam memory, a half-done backward pass in detailed mode."""
    session = Session(Settings(hidden=(3,), optimizer="adam", detailed=True, check_gradients=True))
    session.train(3)
    moves(session, 3)  # forward 0, forward 1, backward 1
    return dump(session)


def field_sentence(path):
    return (f"Este arquivo não é uma sessão válida (o campo “{path}” está ausente ou é inválido). "
            "Nada foi alterado.")


FORMAT = ("Este arquivo não é uma sessão válida (formato desconhecido; o esperado é “backprop-passo-a-passo/1”). "
          "Nada foi alterado.")
CHECKSUM = ("Este arquivo não é uma sessão válida (a soma de verificação não confere: o arquivo foi alterado ou "
            "danificado). Nada foi alterado.")


DELETE = object()


def edit(path, value):
    """A change of one field of `session` by dotted path: a new value, a function of the old, or DELETE."""
    *parents, last = [int(key) if key.isdigit() else key for key in path.split(".")]

    def change(data):
        node = data
        for key in parents:
            node = node[key]
        if value is DELETE:
            del node[last]
        else:
            node[last] = value(node[last]) if callable(value) else value

    return change


def swap_last_two(history):
    return history[:-2] + [history[-1], history[-2]]


# (id, change of `session`, whether the checksum is recomputed, sentence)
TAMPERED = [
    ("checksum-mismatch", edit("epoch", 4), False, CHECKSUM),
    ("weight-edited-no-checksum", edit("params.W.0.0.0", 0.5), False, CHECKSUM),
    ("weight-out-of-range", edit("params.W.0.0.0", 2e6), True, field_sentence("params.W.0")),
    ("bias-wrong-shape", edit("params.b.0", [0.1, 0.2]), True, field_sentence("params.b.0")),
    ("weights-wrong-shape", edit("params.W.1", [[0.1, 0.2]]), True, field_sentence("params.W.1")),
    ("missing-layer", edit("params.W", lambda W: W[:1]), True, field_sentence("params.W")),
    ("nan-as-text", edit("params.b.0.1", "NaN"), True, field_sentence("params.b.0")),
    ("number-as-text", edit("epoch", "3"), True, field_sentence("epoch")),
    ("bool-as-number", edit("steps", True), True, field_sentence("steps")),
    ("fractional-count", edit("steps", 2.5), True, field_sentence("steps")),
    ("lr-as-text", edit("settings.lr", "0.1"), True, field_sentence("settings.lr")),
    ("lr-out-of-range", edit("settings.lr", 50), True, field_sentence("settings.lr")),
    ("hidden-too-big", edit("settings.hidden", [9]), True, field_sentence("settings.hidden")),
    ("unknown-activation", edit("settings.activation", "softmax"), True, field_sentence("settings.activation")),
    ("missing-setting", edit("settings.seed", DELETE), True, field_sentence("settings.seed")),
    ("sample-out-of-range", edit("sample", 4), True, field_sentence("sample")),
    ("sample-negative", edit("sample", -1), True, field_sentence("sample")),
    ("cache-sample-out-of-range", edit("cache.sample", 4), True, field_sentence("cache.sample")),
    ("input-out-of-range", edit("X.0.0", 101), True, field_sentence("X")),
    ("target-out-of-range", edit("Y.1", 1.5), True, field_sentence("Y")),
    ("target-negative", edit("Y.1", -0.5), True, field_sentence("Y")),
    ("dataset-ragged", edit("X", lambda X: X[:3]), True, field_sentence("X")),
    ("forward-beyond-the-network", edit("cache.forward_done", 3), True, field_sentence("cache.forward_done")),
    ("backward-before-forward", edit("cache.forward_done", 1), True, field_sentence("cache.backward_done")),
    ("backward-claims-an-empty-layer", edit("cache.backward_done", 2), True, field_sentence("cache.dzs.0")),
    ("forward-value-missing", edit("cache.zs.1", None), True, field_sentence("cache.zs.1")),
    ("gradient-missing", edit("cache.das.1", None), True, field_sentence("cache.das.1")),
    ("loss-missing", edit("cache.loss", None), True, field_sentence("cache.loss")),
    ("last-unknown-phase", edit("last", ["jump", None]), True, field_sentence("last")),
    ("last-layer-out-of-range", edit("last", ["backward", 2]), True, field_sentence("last")),
    ("history-not-increasing", edit("history", swap_last_two), True, field_sentence("history")),
    ("history-repeated-epoch", edit("history", lambda h: h[:1] + h), True, field_sentence("history")),
    ("history-negative-loss", edit("history.0.1", -0.1), True, field_sentence("history")),
    ("history-fractional-epoch", edit("history.1.0", 0.5), True, field_sentence("history")),
    ("history-empty", edit("history", []), True, field_sentence("history")),
    ("adam-memory-incomplete", edit("memory.v", DELETE), True, field_sentence("memory")),
    ("adam-step-negative", edit("memory.t", -1), True, field_sentence("memory.t")),
    ("adam-memory-wrong-shape", edit("memory.m.0", [[0.0, 0.0]]), True, field_sentence("memory.m.0")),
]


def restore_frame(snap):
    return json.dumps({"op": "restore", "snapshot": snap})


def attempt(frame):
    """Send a restore to a conversation with a session under way; return the error and the check."""
    conversation = Conversation()
    for message in ({"op": "configure", "hidden": [4], "lr": 0.3}, {"op": "train", "epochs": 2}, {"op": "step"}):
        conversation.reply(json.dumps(message))
    before = (dump(conversation.session), len(conversation.session.undo_stack))
    error = json.loads(conversation.reply(frame))
    assert (dump(conversation.session), len(conversation.session.undo_stack)) == before, "the session changed"
    return error


@pytest.mark.parametrize("name, change, recompute, sentence", TAMPERED, ids=[row[0] for row in TAMPERED])
def test_tampered_snapshot_is_refused_and_changes_nothing(name, change, recompute, sentence):
    snap = base()
    assert snapshot.load(through_json(snap))  # the untouched base is fine
    change(snap["session"])
    if recompute:
        snap["checksum"] = canonical_checksum(snap["session"])
    error = attempt(restore_frame(snap))
    assert (error["type"], error["code"], error["field"]) == ("error", "bad_snapshot", "snapshot")
    assert error["reply_to"] == "restore"
    assert error["message"] == sentence


@pytest.mark.parametrize("change", [
    lambda snap: snap.update(format="backprop-passo-a-passo/2"),
    lambda snap: snap.pop("format"),
    lambda snap: snap.pop("session"),
    lambda snap: snap.update(session=[1, 2, 3]),
], ids=["other-version", "no-format", "no-session", "session-not-object"])
def test_snapshot_of_another_format_is_refused(change):
    snap = base()
    change(snap)
    error = attempt(restore_frame(snap))
    assert (error["code"], error["message"]) == ("bad_snapshot", FORMAT)


@pytest.mark.parametrize("token", ["NaN", "Infinity", "-Infinity", "1e999"])
def test_non_finite_number_in_a_snapshot_is_refused(token):
    # The canonical JSON behind the checksum cannot hold a non-finite number, so no checksum matches.
    snap = base()
    frame = restore_frame(snap).replace(json.dumps(snap["session"]["params"]["W"][0][0][0]), token, 1)
    assert token in frame
    error = attempt(frame)
    assert (error["code"], error["message"]) == ("bad_snapshot", CHECKSUM)


def test_missing_checksum_is_refused():
    snap = base()
    del snap["checksum"]
    assert attempt(restore_frame(snap))["message"] == CHECKSUM


# Values that neither `configure`, `set` nor training can produce, so a snapshot must not hold them.
IMPOSSIBLE = {
    "cached-target-negative": edit("cache.y", -0.5),
    "adam-second-moment-negative": edit("memory.v.0.0.0", -1.0),
}


@pytest.mark.parametrize("name", IMPOSSIBLE)
def test_impossible_values_are_refused(name):
    change = IMPOSSIBLE[name]
    snap = base()
    change(snap["session"])
    snap["checksum"] = canonical_checksum(snap["session"])
    error = attempt(restore_frame(snap))
    assert (error["type"], error.get("code")) == ("error", "bad_snapshot"), error
    assert error["message"].startswith("Este arquivo não é uma sessão válida (o campo “")


def test_tampering_is_reported_in_english_too():
    snap = base()
    edit("params.W.0.0.0", 2e6)(snap["session"])
    snap["checksum"] = canonical_checksum(snap["session"])
    conversation = Conversation("en")
    error = json.loads(conversation.reply(restore_frame(snap)))
    assert error["message"] == ("This file is not a valid session (the field “params.W.0” is missing or invalid). "
                                "Nothing was changed.")


def test_a_snapshot_that_went_through_a_browser_still_restores():
    session = prepared(Settings(), steps=5)
    snap = as_javascript_writes_it(dump(session))
    assert '0.0' not in json.dumps(snap["session"]["X"])  # the rewrite really happened
    fresh = Session()
    fresh.load(snapshot.load(json.loads(json.dumps(snap))))
    assert json.dumps(dump(fresh)) == json.dumps(dump(session))


# ----- what a snapshot may not smuggle in ---------------------------------------------------------

DAMAGED = ("Este arquivo não é uma sessão válida (o arquivo está danificado: tem números ou aninhamentos "
           "impossíveis). Nada foi alterado.")


def resigned(snap):
    snap["checksum"] = canonical_checksum(snap["session"])
    return snap


def test_a_data_set_larger_than_its_name_is_refused():
    snap = dump(Session())
    snap["session"]["X"] = snap["session"]["X"] * 5000
    snap["session"]["Y"] = snap["session"]["Y"] * 5000
    error = attempt(restore_frame(resigned(snap)))
    assert (error["code"], error["message"]) == ("bad_snapshot", field_sentence("X"))


def test_an_integer_too_large_for_a_float_is_damage():
    snap = dump(Session())
    frame = restore_frame(snap).replace('"epoch": 0', '"epoch": 1' + "0" * 400, 1)
    assert "0" * 400 in frame
    error = attempt(frame)
    assert (error["code"], error["message"]) == ("bad_snapshot", DAMAGED)


def test_absurd_nesting_is_damage():
    nested = []
    for _ in range(950):
        nested = [nested]
    snap = dump(Session())
    snap["session"]["extra"] = nested
    snap["checksum"] = "0" * 64
    error = attempt(restore_frame(snap))
    assert (error["code"], error["message"]) == ("bad_snapshot", DAMAGED)


@pytest.mark.parametrize("path, value", [
    ("cache.activations.1.0", 1e300),      # values these weights never compute
    ("cache.zs.0.1", 0.123),
    ("cache.dzs.1.0", -0.5),
    ("cache.loss", 0.0),
])
def test_a_half_done_example_must_be_what_the_weights_compute(path, value):
    snap = base()
    edit(path, value)(snap["session"])
    error = attempt(restore_frame(resigned(snap)))
    assert (error["code"], error["message"]) == ("bad_snapshot", field_sentence("cache"))


def test_an_honest_half_done_example_replays_exactly():
    snap = base()
    fresh = Session()
    fresh.load(snapshot.load(through_json(snap)))
    assert json.dumps(dump(fresh), sort_keys=True) == json.dumps(snap, sort_keys=True)
