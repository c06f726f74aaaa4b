"""The session room: the phase machine, counters, loss curve, undo and divergence.

A session is compared before and after a command through its whole snapshot
(app.protocol.snapshot.dump), so "unchanged" means every number, bit for bit.
"""
import json
import math
import random

import numpy as np
import pytest

from app.model import datasets
from app.protocol.snapshot import dump
from app.session import HISTORY_LIMIT, Session, SessionError, Settings
from app.session.curve import Curve
from app.session.flow import FlowSeries

COMMANDS = ["step", "forward", "backward", "update", "train", "reset", "undo", "set", "configure"]


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def own_predictions(params, X, activation="sigmoid"):
    """ŷ for every row of X, from the formulas (not from the model)."""
    g = {"sigmoid": sigmoid, "tanh": np.tanh, "relu": lambda z: np.maximum(z, 0.0)}[activation]
    A = np.asarray(X, dtype=float)
    for l, (W, b) in enumerate(zip(params.W, params.b)):
        Z = A @ W.T + b
        A = sigmoid(Z) if l == len(params.W) - 1 else g(Z)
    return A[:, 0]


def own_mse(session):
    predictions = own_predictions(session.params, session.X, session.settings.activation)
    return float(np.mean(0.5 * (session.Y - predictions) ** 2))


def snapshot_of(session):
    """Everything a session holds, plus how deep its undo goes."""
    return dump(session), len(session.undo_stack)


def after_steps(k, **settings):
    session = Session(Settings(**settings))
    for _ in range(k):
        session.step()
    return session


def run(session, command):
    """One command of the table, with fixed arguments."""
    if command == "step":
        session.step()
    elif command in ("forward", "backward", "update"):
        session.step(asked=command)
    elif command == "train":
        session.train(1)
    elif command == "reset":
        session.reset()
    elif command == "undo":
        session.undo()
    elif command == "set":
        session.set_value("weight", 0.75, layer=1, row=0, col=1)
    elif command == "configure":
        session.configure(activation="tanh")


# ----- every phase × every command -------------------------------------------------------------

# state reached by k steps on XOR (non-detailed, 2–2–1):
#   0: idle, next forward;  1: forward, next backward;  2: backward, next update;
#   3: update of example 0, next forward of example 1.
# outcome: (phase, next phase, sample, epoch) or the SessionError code.
OOO, NOTHING = "out_of_order", "nothing_to_undo"
TABLE = {
    0: {"step": ("forward", "backward", 0, 0), "forward": ("forward", "backward", 0, 0), "backward": OOO,
        "update": OOO, "train": ("update", "forward", 0, 1), "reset": ("idle", "forward", 0, 0),
        "undo": NOTHING, "set": ("idle", "forward", 0, 0), "configure": ("idle", "forward", 0, 0)},
    1: {"step": ("backward", "update", 0, 0), "forward": OOO, "backward": ("backward", "update", 0, 0),
        "update": OOO, "train": ("update", "forward", 0, 1), "reset": ("idle", "forward", 0, 0),
        "undo": ("idle", "forward", 0, 0), "set": ("idle", "forward", 0, 0),
        "configure": ("idle", "forward", 0, 0)},
    2: {"step": ("update", "forward", 1, 0), "forward": OOO, "backward": OOO,
        "update": ("update", "forward", 1, 0), "train": ("update", "forward", 0, 1),
        "reset": ("idle", "forward", 0, 0), "undo": ("forward", "backward", 0, 0),
        "set": ("idle", "forward", 0, 0), "configure": ("idle", "forward", 0, 0)},
    3: {"step": ("forward", "backward", 1, 0), "forward": ("forward", "backward", 1, 0), "backward": OOO,
        "update": OOO, "train": ("update", "forward", 0, 1), "reset": ("idle", "forward", 0, 0),
        "undo": ("backward", "update", 0, 0), "set": ("idle", "forward", 1, 0),
        "configure": ("idle", "forward", 1, 0)},
}
NEXT_AFTER = {0: "forward", 1: "backward", 2: "update", 3: "forward"}
CASES = [(k, command) for k in TABLE for command in COMMANDS]


@pytest.mark.parametrize("k, command", CASES, ids=[f"{k}steps-{c}" for k, c in CASES])
def test_phase_by_command_table(k, command):
    session = after_steps(k)
    before, depth = snapshot_of(session)
    outcome = TABLE[k][command]

    if isinstance(outcome, str):
        with pytest.raises(SessionError) as raised:
            run(session, command)
        assert raised.value.code == outcome
        if outcome == OOO:
            assert raised.value.details == {"asked": command, "expected": NEXT_AFTER[k]}
        assert snapshot_of(session) == (before, depth), "a failing command changed the session"
        return

    run(session, command)
    phase, next_phase, sample, epoch = outcome
    assert session.last[0] == phase
    assert session.next_move() == (next_phase, None)
    assert (session.sample, session.epoch) == (sample, epoch)
    assert len(session.undo_stack) == depth + (-1 if command == "undo" else 1)
    if command in ("set", "configure"):  # counters kept, the example restarts
        assert session.steps == before["session"]["steps"]
        assert session.progress == (0, 0)
    if command == "reset":
        assert session.steps == 0 and session.history == [[0, pytest.approx(own_mse(session), rel=1e-12)]]
        assert dump(session)["session"]["params"] == dump(Session())["session"]["params"]


@pytest.mark.parametrize("k", TABLE)
def test_configure_lr_keeps_the_phase_and_every_number(k):
    session = after_steps(k)
    before = dump(session)["session"]
    session.configure(lr=0.3, momentum=0.5, detailed=False)
    after = dump(session)["session"]
    assert after.pop("settings") == dict(before.pop("settings"), lr=0.3, momentum=0.5)
    assert after == before


@pytest.mark.parametrize("k", [1, 2])
def test_undo_in_the_table_restores_the_earlier_session_exactly(k):
    earlier = dump(after_steps(k - 1))
    session = after_steps(k)
    session.undo()
    assert dump(session) == earlier


def test_steps_count_one_per_phase():
    # protocol.md: `steps` counts the phases (or layers, when detailed) run since the last start;
    # its example shows steps 1 after the first step of a 2–2–1 network.
    session = Session()
    for expected in (1, 2, 3):
        session.step()
        assert session.steps == expected
    session.train(1)  # the rest of the epoch: 3 examples of 3 phases
    assert session.steps == 3 + 3 * 3


def test_values_of_one_example_follow_the_formulas():
    session = after_steps(2, lr=0.5)
    W, b = session.params.W, session.params.b
    x, y = session.X[0], session.Y[0]
    a1 = sigmoid(W[0] @ x + b[0])
    y_hat = sigmoid(W[1] @ a1 + b[1])[0]
    dz_out = (y_hat - y) * y_hat * (1 - y_hat)
    dz1 = W[1][0] * dz_out * a1 * (1 - a1)
    assert session.example.trace.loss == pytest.approx(0.5 * (y - y_hat) ** 2, rel=1e-12)
    np.testing.assert_allclose(session.example.trace.dW[1], [dz_out * a1], rtol=1e-12)
    np.testing.assert_allclose(session.example.trace.dW[0], np.outer(dz1, x), rtol=1e-12, atol=1e-300)
    old = [w.copy() for w in W] + [v.copy() for v in b]
    session.step()
    np.testing.assert_allclose(session.params.W[1], old[1] - 0.5 * dz_out * a1, rtol=1e-12)
    np.testing.assert_allclose(session.params.b[0], old[2] - 0.5 * dz1, rtol=1e-12)
    np.testing.assert_allclose(session.example.delta.W[1], session.params.W[1] - old[1], rtol=1e-12)


# ----- detailed mode ---------------------------------------------------------------------------


def detailed_sequence(n_layers):
    forward = [("forward", l) for l in range(n_layers)]
    backward = [("backward", l) for l in reversed(range(n_layers))]
    return forward + backward + [("update", None)]


@pytest.mark.parametrize("hidden", [(2,), (3, 2)], ids=["2-2-1", "2-3-2-1"])
def test_detailed_mode_visits_every_layer(hidden):
    session = Session(Settings(hidden=hidden, detailed=True))
    n = len(hidden) + 1
    expected = detailed_sequence(n)
    assert session.next_move() == expected[0]
    for i, move in enumerate(expected):
        session.step()
        assert session.last == move
        assert session.steps == i + 1
        following = expected[i + 1] if i + 1 < len(expected) else ("forward", 0)
        assert session.next_move() == following
    assert session.sample == 1


@pytest.mark.parametrize("hidden", [(2,), (3, 2)], ids=["2-2-1", "2-3-2-1"])
@pytest.mark.parametrize("switch_after", [1, 2, 3, 4])
def test_switching_detailed_mid_pass_completes_the_half_done_pass(hidden, switch_after):
    plain = Session(Settings(hidden=hidden))
    for _ in range(3):
        plain.step()
    session = Session(Settings(hidden=hidden, detailed=True))
    n = len(hidden) + 1
    for _ in range(min(switch_after, 2 * n)):
        session.step()
    session.configure(detailed=False)
    while session.sample == 0:
        session.step()
        assert session.last[1] is None
    assert dump(session)["session"]["params"] == dump(plain)["session"]["params"]
    assert session.example.delta.flat().tobytes() == plain.example.delta.flat().tobytes()


def test_switching_to_detailed_between_phases_continues_layer_by_layer():
    session = after_steps(1, hidden=(3, 2))
    session.configure(detailed=True)
    assert session.next_move() == ("backward", 2)
    session.step()
    assert session.last == ("backward", 2)
    assert session.example.trace.backward_done == 1


# ----- epochs and the loss curve ---------------------------------------------------------------


def test_epochs_and_loss_history():
    session = Session(Settings(lr=0.5))
    assert session.history == [[0, pytest.approx(own_mse(session), rel=1e-12)]]
    for epoch in range(1, 4):
        for _ in range(4 * 3):  # four examples, three phases each
            assert session.epoch == epoch - 1
            session.step()
        assert (session.epoch, session.sample) == (epoch, 0)
        assert len(session.history) == epoch + 1
        assert session.history[-1] == [epoch, pytest.approx(own_mse(session), rel=1e-12)]
    session.train(5)
    assert [point[0] for point in session.history] == list(range(9))
    assert session.history[-1][1] == pytest.approx(own_mse(session), rel=1e-12)


def test_train_finishes_the_example_under_way_then_counts_whole_epochs():
    session = after_steps(4)  # forward of example 1
    session.train(2)
    assert (session.epoch, session.sample, session.last) == (2, 0, ("update", None))
    assert [p[0] for p in session.history] == [0, 1, 2]


def test_xor_is_learned_with_the_default_seed():
    session = Session(Settings(lr=0.5))
    while own_mse(session) >= 0.01:
        assert session.epoch < 2000, "XOR not learned in 2000 epochs"
        session.train(50)
    predictions = own_predictions(session.params, session.X)
    assert list(predictions > 0.5) == [False, True, True, False], predictions
    assert 200 <= session.epoch <= 2000  # about 800 with seed 3: not trivially fast either


# ----- undo ------------------------------------------------------------------------------------


def test_undo_250_phases_deep_restores_every_number():
    session = Session(Settings(optimizer="momentum", hidden=(3,), detailed=True))
    dumps = []
    for _ in range(250):
        dumps.append(dump(session))
        session.step()
    assert session.epoch > 0
    for earlier in reversed(dumps):
        session.undo()
        assert dump(session) == earlier
    with pytest.raises(SessionError) as raised:
        session.undo()
    assert raised.value.code == "nothing_to_undo"


def test_undo_is_at_most_500_deep():
    session = Session()
    for _ in range(510):
        session.step()
    assert len(session.undo_stack) == 500
    for _ in range(500):
        session.undo()
    assert dump(session) == dump(after_steps(10))
    with pytest.raises(SessionError):
        session.undo()


def test_undo_after_train():
    session = after_steps(2)
    before = dump(session)
    session.train(30)
    session.undo()
    assert dump(session) == before


def test_undo_after_configure_dataset():
    session = Session()
    session.train(3)
    before = dump(session)
    session.configure(dataset="and")
    assert session.epoch == 0 and session.Y.tolist() == [0, 0, 0, 1]
    session.undo()
    assert dump(session) == before


@pytest.mark.parametrize("what, address, value", [
    ("weight", {"layer": 0, "row": 1, "col": 0}, -3.5),
    ("bias", {"layer": 1, "row": 0}, 2.0),
    ("input", {"index": 1}, 7.0),
    ("target", {}, 0.25),
])
def test_set_then_undo(what, address, value):
    session = after_steps(4)
    before = dump(session)
    session.set_value(what, value, **address)
    current = {
        "weight": lambda: session.params.W[0][1, 0], "bias": lambda: session.params.b[1][0],
        "input": lambda: session.X[1, 1], "target": lambda: session.Y[1],
    }[what]
    assert current() == value
    assert session.last == ("idle", None) and session.steps == before["session"]["steps"]
    session.undo()
    assert dump(session) == before


def test_set_input_changes_only_the_sessions_copy():
    session = Session()
    session.set_value("input", 5.0, index=0)
    assert datasets.load("xor")[0][0, 0] == 0.0
    assert Session().X[0, 0] == 0.0


def test_undo_on_a_fresh_session_is_nothing_to_undo():
    session = Session()
    before = snapshot_of(session)
    with pytest.raises(SessionError) as raised:
        session.undo()
    assert raised.value.code == "nothing_to_undo"
    assert snapshot_of(session) == before


# ----- divergence ------------------------------------------------------------------------------


def explosive_session():
    """A real way to explode: ReLU, two hidden layers, every weight at the edge of its range.

    With x = (100, 100) the second hidden layer reaches ~4·10⁶; the output weights ±100 cancel
    so ŷ = ½ and σ' = ¼, and η = 10 moves the output weights by ~5·10⁶, past the 10⁶ limit.
    """
    session = Session()
    session.configure(hidden=(2, 2), activation="relu", lr=10.0)
    for layer, W in enumerate(session.params.W):
        for row, col in np.ndindex(W.shape):
            value = (100.0 if col == 0 else -100.0) if layer == 2 else 100.0
            session.set_value("weight", value, layer=layer, row=row, col=col)
        for row in range(len(session.params.b[layer])):
            session.set_value("bias", 0.0 if layer == 2 else 100.0, layer=layer, row=row)
    for index in (0, 1):
        session.set_value("input", 100.0, index=index)
    return session


@pytest.mark.parametrize("command", ["step", "train"])
def test_divergence_is_refused_and_changes_nothing(command):
    session = explosive_session()
    session.step()
    session.step()
    assert session.next_move() == ("update", None)
    before = snapshot_of(session)
    with pytest.raises(SessionError) as raised:
        session.step() if command == "step" else session.train(2)
    assert raised.value.code == "diverged"
    assert snapshot_of(session) == before
    session.configure(lr=0.001)
    session.step()  # a small enough step is allowed
    assert session.last == ("update", None)
    assert np.all(np.abs(session.params.flat()) <= 1e6)


def test_the_curve_reads_back_each_point_as_appended_in_both_forms():
    curve = Curve.of([[0, 0.25], [1, 0.125]], 2, 3)  # from a snapshot: no example losses
    curve.append([2, 0.0625], [0.0, 0.1875, -0.0])
    assert curve == [[0, 0.25], [1, 0.125], [2, 0.0625]] and [p.examples for p in curve][:2] == [None, None]
    assert curve[-1].examples == [0.0, 0.1875, -0.0]
    assert curve.rows(1) == [[1, 0.125], [2, 0.0625]] and type(curve.rows()[2][0]) is int
    assert curve.example_rows() == [None, None, [0.0, 0.1875, 0.0]]  # no −0 on the wire
    assert curve.thinned() == [[0, 0.25], [2, 0.0625]] and len(curve) == 3  # a new curve
    with pytest.raises(ValueError):
        curve.append([3, 0.5, 0.5])
    curve.truncate(1)
    assert curve.rows() == [[0, 0.25]] and curve.example_rows(1) == [] and curve.cuts == 1
    assert Curve.of([[0, 0.5]], 2, 0).example_rows() is None  # a larger data set keeps none


def test_divergence_through_training_a_deep_relu_network():
    # No hand-placed weights: seed 3, ReLU 2–8–8–8–1, cross-entropy and η = 10 blow up at once.
    session = Session(Settings(hidden=(8, 8, 8), activation="relu", loss="bce", lr=10.0))
    before = snapshot_of(session)
    with pytest.raises(SessionError) as raised:
        session.train(10)
    assert raised.value.code == "diverged"
    assert snapshot_of(session) == before


# ----- a long loss curve -----------------------------------------------------------------------


def test_history_thinning_keeps_the_last_point_and_allows_undo():
    session = Session(Settings(dataset="single"))
    for _ in range(9):
        session.train(1000)
    session.train(999)
    assert len(session.history) == 10_000  # epochs 0 … 9999
    before = dump(session)
    session.train(1)
    epochs = [p[0] for p in session.history]
    assert len(epochs) <= 5_001
    assert epochs[0] == 0 and epochs[-1] == 10_000 == session.epoch
    assert epochs == sorted(set(epochs))
    assert session.history[-1][1] == pytest.approx(own_mse(session), rel=1e-12)
    session.train(3)
    assert [p[0] for p in session.history[-3:]] == [10_001, 10_002, 10_003]
    session.undo()
    session.undo()
    assert dump(session) == before
    assert all(math.isfinite(loss) for _, loss in session.history)


@pytest.mark.parametrize("seed", range(12))
def test_random_commands_undo_all_the_way_back_bit_for_bit(seed):
    # Undo entries share arrays with the live session (copy-on-write in set_value): any
    # in-place change that slipped past that rule shows up here as a mismatch.
    rng = random.Random(seed)
    session = Session(Settings(hidden=(3, 2), optimizer=rng.choice(["sgd", "momentum", "adam"]),
                               check_gradients=seed % 2 == 0))
    seen = []
    for _ in range(120):
        before, depth = json.dumps(dump(session)), len(session.undo_stack)
        random_command(session, rng)
        if len(session.undo_stack) > depth:
            seen.append(before)
    while session.undo_stack:
        session.undo()
        assert json.dumps(dump(session)) == seen.pop()
    assert not seen


def random_command(session, rng):
    choice = rng.choice(["step"] * 6 + ["train", "set", "configure", "reset", "detailed"])
    if choice == "step":
        session.step()
    elif choice == "train":
        session.train(rng.randint(1, 3))
    elif choice == "set":
        what = rng.choice(["weight", "bias", "input", "target"])
        session.set_value(what, rng.uniform(0, 1), layer=0, row=rng.randint(0, 2),
                          col=rng.randint(0, 1), index=rng.randint(0, 1))
    elif choice == "configure":
        session.configure(activation=rng.choice(["sigmoid", "tanh", "relu"]), lr=rng.choice([0.1, 0.5]))
    elif choice == "reset":
        session.reset()
    else:
        session.configure(detailed=not session.settings.detailed)


# ----- undo keeps primary state only ---------------------------------------------------------------


def derived_view(session):
    """The example's derived numbers as the state message carries them."""
    from app.protocol.passes import backward_message, forward_message, update_message
    from app.protocol.state import gradcheck_message

    example = session.example
    return (forward_message(example), backward_message(example), gradcheck_message(example),
            update_message(example), session.last)


@pytest.mark.parametrize("detailed", [False, True])
def test_undo_replays_the_example_to_the_same_derived_numbers(detailed):
    session = Session(Settings(hidden=(3, 2), detailed=detailed, check_gradients=True, optimizer="adam"))
    views = []
    for _ in range(40):
        views.append((dump(session), derived_view(session)))
        session.step()
    for primary, view in reversed(views):
        session.undo()
        assert dump(session) == primary
        # Right after an update too: the update's view is recomputed from the entry before it.
        assert derived_view(session) == view


def test_undo_to_just_after_an_update_without_the_entry_before_shows_the_next_example_waiting():
    session = Session()
    for _ in range(3):
        session.step()
    session.undo_stack.clear()  # as after a resume: nothing before this moment
    session.step()
    session.undo()
    assert session.last == ("idle", None) and session.example.delta is None and session.progress == (0, 0)


def test_undo_entries_hold_no_derived_values():
    session = Session(Settings(optimizer="momentum"))
    for _ in range(30):
        session.step()
    # FlowSeries: the gradient-flow series, recorded like the loss curve (a list), not derived.
    allowed = (Settings, bytes, tuple, np.ndarray, int, list, str, type(None), FlowSeries)
    for entry in session.undo_stack:
        assert all(isinstance(item, allowed) for item in entry)
    # A phase that changes no parameter shares the packed bytes of the entry before it.
    forward_entries = [e for e in session.undo_stack if (e[8], e[9]) == (0, 0)]
    following = [session.undo_stack[i + 1] for i, e in enumerate(list(session.undo_stack)[:-1]) if (e[8], e[9]) == (0, 0)]
    assert all(a[1] is b[1] for a, b in zip(forward_entries, following))


def test_an_optimiser_memory_that_overflows_is_divergence():
    session = Session(Settings(optimizer="adam", lr=0.001))
    session.step()
    session.step()
    session.memory = {"t": 1, "m": session.memory["m"], "v": [v + 1e99 for v in session.memory["v"]]}
    session.example.trace.dW[0] = session.example.trace.dW[0] + 1e60  # g² overflows past the limit
    before = dump(session)
    with pytest.raises(SessionError) as raised:
        session.step()
    assert raised.value.code == "diverged" and dump(session) == before


# ----- each example's loss beside the curve (data sets of up to 8 examples) -------------------------


@pytest.mark.parametrize("dataset, split, activation", [("xor", 0, "sigmoid"), ("xor", 25, "tanh"),
                                                       ("or", 0, "relu"), ("passo_a_passo", 0, "sigmoid")])
def test_each_curve_point_keeps_every_example_loss_of_its_epoch(dataset, split, activation):
    session = Session(Settings(dataset=dataset, split=split, activation=activation, lr=0.5, seed=4))
    for _ in range(3):
        point = session.history[-1]
        own = 0.5 * (session.Y - own_predictions(session.params, session.X, activation)) ** 2
        assert list(point.examples) == pytest.approx(own.tolist(), rel=1e-12, abs=1e-15)
        n = session.n_train
        assert point[1] == pytest.approx(float(np.mean(own[:n])), rel=1e-12)  # the curve is their mean
        if n < len(session.Y):
            assert point[2] == pytest.approx(float(np.mean(own[n:])), rel=1e-12)
        session.train(1)
    assert [len(p.examples) for p in session.history] == [len(session.Y)] * 4


def test_a_larger_data_set_keeps_no_example_losses():
    session = Session(Settings(dataset="clusters", points=20))
    session.train(2)
    assert [p.examples for p in session.history] == [None, None, None]


def test_undo_and_thinning_keep_each_point_with_its_example_losses():
    session = Session(Settings(dataset="xor", lr=0.5))
    session.train(3)
    kept = [(list(p), list(p.examples)) for p in session.history]
    session.train(2)
    session.undo()
    assert [(list(p), list(p.examples)) for p in session.history] == kept
    session = Session(Settings(dataset="single"))
    session.train(HISTORY_LIMIT + 2)  # thinned once: every point still carries its own losses
    for point in session.history[-3:]:
        assert point.examples[0] == pytest.approx(point[1], rel=1e-12)  # one example: its loss is the mean
    assert all(len(p.examples) == 1 for p in session.history)


@pytest.mark.parametrize("activation", ["sigmoid", "tanh", "relu"])
@pytest.mark.parametrize("hidden", [(), (2,), (5, 3)])
def test_one_pass_of_the_examples_gives_each_reader_the_bits_it_computes_alone(activation, hidden):
    """The steady parts read ŷ, the hidden units' z and the hidden space from one forward pass of
    the examples (Session.examples_pass): each must be what its own pass gives, bit for bit, for
    weights the read-outs have not seen yet (right after an update) and for ones they have."""
    from app.model import diagnostics, network

    def alone(session):
        params, X = session.params, session.X
        A, zs, outputs = X.T, [], []
        for W, b in zip(params.W[:-1], params.b[:-1]):
            zs.append(W.dot(A) + b[:, None])
            A = network.ACTIVATIONS[activation][0](zs[-1])
            outputs.append(A)
        return zs, outputs, network.sigmoid(params.W[-1].dot(A) + params.b[-1][:, None])[0]

    session = Session(Settings(dataset="circle", points=60, hidden=hidden, activation=activation, seed=5))
    for moves in (5, 1, 3):  # the last an update: new weights, read-outs not computed for them yet
        for _ in range(moves):
            session.step()
        zs, hidden_outputs, y_hat = alone(session)
        got_zs, got_hidden = session.examples_pass()
        assert [z.tobytes() for z in got_zs] == [z.tobytes() for z in zs]
        assert [a.tobytes() for a in got_hidden] == [a.tobytes() for a in hidden_outputs]
        assert session.predictions().tobytes() == y_hat.tobytes()
        assert session.predictions().tobytes() == network.predict(session.params, session.X, activation).tobytes()
        units = diagnostics.hidden_units(session.params, session.X, activation, got_zs)
        assert units == diagnostics.hidden_units(session.params, session.X, activation)
