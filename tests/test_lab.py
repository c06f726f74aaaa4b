"""The lab (issue 8): generated data sets, the train/validation split, the decision boundary on
the wire, and networks from no hidden layer to six."""

from __future__ import annotations

import base64
import json

import numpy as np
import pytest

from app.model import datasets, gradcheck, network
from app.protocol import Conversation
from app.protocol.boundary import (GRID_SIZE, UNIT_GRID_SIZE, clip_line, grid_inputs, grid_values, hidden_space,
                                   plane_of, unit_maps)
from app.protocol.snapshot import dump
from app.session import Session, Settings
from helpers.resume import through_javascript

GENERATED = ["clusters", "circle", "spiral"]


def ok(conversation, message):
    state = json.loads(conversation.reply(json.dumps(message)))
    assert state["type"] == "state", state
    return state


# ----- data sets ---------------------------------------------------------------------------


@pytest.mark.parametrize("name", GENERATED)
def test_a_generated_set_is_the_same_for_the_same_seed(name):
    X1, Y1 = datasets.load(name, 7, 20, 150)
    X2, Y2 = datasets.load(name, 7, 20, 150)
    assert X1.tobytes() == X2.tobytes() and Y1.tobytes() == Y2.tobytes()
    assert X1.shape == (150, 2) and Y1.shape == (150,) and set(Y1) == {0.0, 1.0}
    assert Y1.sum() == 75  # half of each class
    X3, _ = datasets.load(name, 8, 20, 150)
    assert not np.array_equal(X1, X3)


@pytest.mark.parametrize("name", GENERATED)
def test_noise_moves_the_points_and_zero_noise_is_clean(name):
    clean, _ = datasets.load(name, 3, 0, 100)
    noisy, _ = datasets.load(name, 3, 50, 100)
    assert not np.array_equal(clean, noisy)
    assert np.all(np.abs(clean) <= 1.5) and np.all(np.isfinite(noisy))


def test_circle_without_noise_is_separable_by_radius():
    X, Y = datasets.load("circle", 3, 0, 200)
    radius = np.hypot(X[:, 0], X[:, 1])
    assert np.all(radius[Y == 1] <= 0.5) and np.all(radius[Y == 0] >= 0.7)


@pytest.mark.parametrize("name", GENERATED)
def test_a_session_on_a_generated_set_is_deterministic(name):
    runs = []
    for _ in range(2):
        session = Session(Settings(dataset=name, split=20, points=60, noise=15, lr=0.5))
        session.train(5)
        runs.append((session.params.pack(), session.history))
    assert runs[0] == runs[1]


# ----- split and validation curve -------------------------------------------------------------


def test_split_keeps_the_last_examples_out_of_training():
    session = Session(Settings(dataset="clusters", points=100, split=30))
    assert session.n_train == 70 and len(session.Y) == 100
    before = session.X[70:].copy()
    session.train(3)
    assert session.sample == 0 and session.steps == 3 * 70 * 3
    assert np.array_equal(session.X[70:], before)


def test_validation_loss_is_recorded_beside_the_training_loss_each_epoch():
    session = Session(Settings(dataset="circle", points=80, split=25, lr=1.0))
    session.train(4)
    assert [p[0] for p in session.history] == [0, 1, 2, 3, 4]
    assert all(len(p) == 3 for p in session.history)
    n, s = session.n_train, session.settings
    epoch_end = session.history[-1]
    assert epoch_end[1] == network.dataset_loss(session.params, session.X[:n], session.Y[:n], s.activation, "mse")
    assert epoch_end[2] == network.dataset_loss(session.params, session.X[n:], session.Y[n:], s.activation, "mse")


def test_without_split_the_curve_keeps_two_numbers_a_point():
    session = Session(Settings(dataset="xor"))
    session.train(2)
    assert all(len(p) == 2 for p in session.history)


def test_xor_split_keeps_one_example_for_validation_and_always_trains_one():
    assert Session(Settings(dataset="xor", split=25)).n_train == 3
    assert Session(Settings(dataset="single", split=50)).n_train == 1


# ----- snapshots ------------------------------------------------------------------------------


def test_a_generated_set_travels_as_its_settings_and_is_regenerated_on_restore():
    conversation = Conversation()
    ok(conversation, {"op": "configure", "dataset": "spiral", "points": 40, "noise": 30, "split": 20})
    ok(conversation, {"op": "train", "epochs": 3})
    ok(conversation, {"op": "step"})
    snapshot = through_javascript([dump(conversation.session)])[0]
    assert snapshot["session"]["data"] is None
    assert snapshot["session"]["settings"] | {} == {**snapshot["session"]["settings"], "points": 40, "split": 20}
    restored = Conversation()
    state = ok(restored, {"op": "restore", "snapshot": snapshot})
    assert state["dataset"]["X"] == np.asarray(conversation.session.X).tolist()
    assert state["history"]["points"] == snapshot["session"]["history"]
    assert len(state["history"]["points"][-1]) == 3


def test_an_edited_generated_set_travels_as_its_data():
    conversation = Conversation()
    ok(conversation, {"op": "configure", "dataset": "clusters", "points": 20})
    ok(conversation, {"op": "set", "what": "input", "index": 0, "value": 2.5})
    snapshot = dump(conversation.session)
    assert snapshot["session"]["data"]["X"][0][0] == 2.5
    state = ok(Conversation(), {"op": "restore", "snapshot": snapshot})
    assert state["dataset"]["X"][0][0] == 2.5


def test_a_snapshot_from_before_the_lab_takes_the_new_settings_defaults():
    conversation = Conversation()
    ok(conversation, {"op": "configure", "dataset": "xor"})
    snapshot = dump(conversation.session)
    for name in ("noise", "points", "split"):
        del snapshot["session"]["settings"][name]
    state = ok(Conversation(), {"op": "restore", "snapshot": snapshot})
    assert (state["config"]["noise"], state["config"]["points"], state["config"]["split"]) == (10, 100, 0)


@pytest.mark.parametrize("lang, sentence", [
    ("pt-BR", "Este arquivo não é uma sessão válida (o campo “history” está ausente ou é inválido). Nada foi alterado."),
    ("en", "This file is not a valid session (the field “history” is missing or invalid). Nothing was changed."),
])
def test_a_curve_without_validation_losses_is_refused_when_the_snapshot_has_a_split(lang, sentence):
    conversation = Conversation()
    ok(conversation, {"op": "configure", "dataset": "clusters", "points": 20, "split": 20})
    ok(conversation, {"op": "train", "epochs": 2})
    snapshot = dump(conversation.session)
    snapshot["session"]["history"] = [point[:2] for point in snapshot["session"]["history"]]
    reply = json.loads(Conversation(lang).reply(json.dumps({"op": "restore", "snapshot": snapshot})))
    assert (reply["code"], reply["message"]) == ("bad_snapshot", sentence)


# ----- the decision boundary --------------------------------------------------------------------


@pytest.mark.parametrize("hidden, activation", [([2], "sigmoid"), ([], "sigmoid"), ([8, 8, 8, 8, 8, 8], "relu"),
                                                ([3, 2], "tanh")])
def test_the_grid_is_the_traced_forward_pass_at_every_sampled_cell(hidden, activation, rng):
    session = Session(Settings(dataset="circle", hidden=tuple(hidden), activation=activation, seed=11))
    session.train(2)
    plane = plane_of("circle", session.X)
    values = grid_values(session.params, activation, plane)
    cells = grid_inputs(plane)
    for k in rng.choice(GRID_SIZE * GRID_SIZE, size=40, replace=False):
        trace = network.start_trace(len(session.params.W), cells[k], 0.0)
        network.run_forward(session.params, trace, activation, "mse")
        assert abs(values[k] - trace.activations[-1][0]) <= 1e-12


def test_sessions_on_one_plane_share_its_cells_and_nobody_can_change_them():
    """46 KiB of cell centres a session, the same for every session of a data set: kept once."""
    first, second = Conversation(), Conversation()
    for conversation in (first, second):
        ok(conversation, {"op": "configure", "dataset": "circle", "seed": 4})
    plane = plane_of("circle", first.session.X)
    assert plane == plane_of("circle", second.session.X)
    assert grid_inputs(plane) is grid_inputs(list(plane))
    assert grid_inputs(plane, UNIT_GRID_SIZE) is not grid_inputs(plane)
    with pytest.raises(ValueError):
        grid_inputs(plane)[0, 0] = 9.0
    edited = [plane[0] - 1.0, *plane[1:]]
    assert grid_inputs(edited)[0, 0] != grid_inputs(plane)[0, 0]


def test_the_boundary_on_the_wire_is_the_rounded_grid_and_comes_only_when_it_changed():
    conversation = Conversation()
    first = ok(conversation, {"op": "configure", "dataset": "xor", "lr": 0.5})
    boundary = first["boundary"]
    assert boundary["bits"] == 16
    cells = np.frombuffer(base64.b64decode(boundary["values"]), dtype="<u2")
    session = conversation.session
    expected = grid_values(session.params, "sigmoid", boundary["plane"])
    assert np.max(np.abs(cells / 65535.0 - expected)) <= 0.5 / 65535 + 1e-12
    assert boundary["plane"] == [-0.5, 1.5, -0.5, 1.5]
    assert ok(conversation, {"op": "step"})["boundary"] is None  # a forward changes no weight
    assert ok(conversation, {"op": "step"})["boundary"] is None
    assert ok(conversation, {"op": "step"})["boundary"] is not None  # the update does


def test_the_grid_resolves_the_half_line_of_an_untrained_network():
    """Before training ŷ hardly leaves 0.5 over the plane: the cells beside the ŷ = 0.5 line
    must still differ (one byte a cell made them all 127 or 128, and the line a staircase)."""
    state = ok(Conversation(), {"op": "configure", "dataset": "xor", "seed": 3})
    cells = np.frombuffer(base64.b64decode(state["boundary"]["values"]), dtype="<u2")
    near = cells[np.abs(cells.astype(float) - 32767.5) < 256]  # within one old byte of the line
    assert len(near) >= 20 and len(set(near.tolist())) >= 20


def test_a_grid_cell_is_two_bytes_and_a_unit_map_cell_one_whatever_the_network():
    for hidden in ([], [2], [8] * 6):
        state = ok(Conversation(), {"op": "configure", "hidden": hidden, "dataset": "spiral"})
        boundary = state["boundary"]
        assert len(boundary["values"]) == 6144
        maps = [m for layer in boundary["units"]["layers"] for m in layer]
        assert len(maps) == sum(hidden) and all(len(m["values"]) == 768 for m in maps)  # 24 × 24 bytes


@pytest.mark.parametrize("activation", ["sigmoid", "tanh", "relu"])
def test_each_unit_map_is_its_traced_activation_at_every_sampled_cell(activation, rng):
    session = Session(Settings(dataset="clusters", hidden=(3, 2), activation=activation, seed=5))
    session.train(2)
    plane = plane_of("clusters", session.X)
    outputs = network.layer_outputs(session.params, grid_inputs(plane, UNIT_GRID_SIZE), activation)
    maps = unit_maps(session.params, activation, plane)
    cells = grid_inputs(plane, UNIT_GRID_SIZE)
    for k in rng.choice(UNIT_GRID_SIZE ** 2, size=30, replace=False):
        trace = network.start_trace(3, cells[k], 0.0)
        network.run_forward(session.params, trace, activation, "mse")
        for layer in (0, 1):
            assert np.max(np.abs(outputs[layer][:, k] - trace.activations[layer + 1])) <= 1e-12
            for unit, m in enumerate(maps[layer]):
                low, high = m["range"]
                byte = base64.b64decode(m["values"])[k]
                assert abs(byte / 255 * (high - low) + low - trace.activations[layer + 1][unit]) <= (high - low) / 510 + 1e-12


def test_the_hidden_space_of_2_2_1_holds_each_example_and_the_output_line():
    session = Session(Settings(dataset="xor", lr=0.5))
    session.train(200)
    space = hidden_space(session)
    assert space["layer"] == 1 and space["range"] == [0.0, 1.0, 0.0, 1.0]
    for x, point in zip(session.X, space["points"]):
        trace = network.full_pass(session.params, x, 0.0, "sigmoid", "mse")
        assert np.allclose(point, trace.activations[1], atol=5e-5)
    v, c = session.params.W[1][0], session.params.b[1][0]
    for end in space["line"]:
        assert abs(v @ np.array(end) + c) <= 1e-4 * np.abs(v).sum()
    assert hidden_space(Session(Settings(hidden=(3,)))) is None
    assert hidden_space(Session(Settings(hidden=(2, 3)))) is None
    assert hidden_space(Session(Settings(hidden=(3, 2))))["layer"] == 2


def test_a_line_that_misses_the_view_is_none():
    assert clip_line(np.array([1.0, 1.0]), 5.0, [0, 1, 0, 1]) is None
    assert clip_line(np.array([0.0, 1.0]), -0.5, [0, 1, 0, 1]) == [[0.0, 0.5], [1.0, 0.5]]


# ----- architectures ----------------------------------------------------------------------------


@pytest.mark.parametrize("hidden", [[], [8] * 6, [1, 8, 1]])
def test_every_architecture_steps_trains_and_checks_its_gradients(hidden):
    conversation = Conversation()
    state = ok(conversation, {"op": "configure", "hidden": hidden, "check_gradients": True, "detailed": True})
    assert state["sizes"] == [2, *hidden, 1]
    for _ in range(2 * (len(hidden) + 1)):
        state = ok(conversation, {"op": "step"})
    assert state["gradcheck"]["max_rel_error"] < 1e-6
    state = ok(conversation, {"op": "train", "epochs": 3})
    assert state["epoch"] == 3


# ----- batches ----------------------------------------------------------------------------------


@pytest.mark.parametrize("activation, loss", [("sigmoid", "mse"), ("tanh", "bce"), ("relu", "mse")])
def test_a_batch_gradient_is_the_mean_of_the_per_example_gradients_and_its_finite_differences(activation, loss, rng):
    params = network.init_params([2, 3, 2, 1], rng)
    X, Y = rng.normal(size=(6, 2)), rng.uniform(size=6)
    batch = network.full_pass(params, X, Y, activation, loss)
    singles = [network.gradients(params, X[k], Y[k], activation, loss) for k in range(6)]
    assert batch.loss == pytest.approx(np.mean([loss_k for loss_k, _ in singles]), abs=1e-15)
    for l in range(3):
        assert np.max(np.abs(batch.dW[l] - np.mean([g.W[l] for _, g in singles], axis=0))) <= 1e-15
        assert np.max(np.abs(batch.db[l] - np.mean([g.b[l] for _, g in singles], axis=0))) <= 1e-15
    numeric, _kinks, _spread = gradcheck.numeric_gradients(params, X, Y, activation, loss)
    for analytic, estimate in zip(batch.dW + batch.db, numeric.W + numeric.b):
        assert np.max(gradcheck.relative_error(analytic, estimate)) < 1e-6


@pytest.mark.parametrize("batch, size, steps_per_epoch", [("online", 8, 10), ("mini", 4, 3), ("full", 8, 1)])
def test_each_phase_steps_one_example_or_one_batch(batch, size, steps_per_epoch):
    session = Session(Settings(dataset="clusters", points=20, split=50, batch=batch, batch_size=size))
    assert session.n_train == 10
    updates = 0
    while session.epoch == 0:
        for _ in range(3):
            session.step()
        updates += 1
    assert updates == steps_per_epoch and session.sample == 0
    assert len(session.history) == 2


def test_a_mini_batch_update_uses_the_mean_gradient_of_its_examples():
    session = Session(Settings(dataset="circle", points=40, batch="mini", batch_size=5, lr=0.5))
    before = session.params.copy()
    for _ in range(3):
        session.step()
    grads = [network.gradients(before, session.X[k], session.Y[k], "sigmoid", "mse")[1] for k in range(5)]
    expected = before.W[0] - 0.5 * np.mean([g.W[0] for g in grads], axis=0)
    assert np.max(np.abs(session.params.W[0] - expected)) <= 1e-15
    assert session.sample == 5


def test_a_batch_on_the_wire_shows_its_first_example_and_its_mean_gradient():
    conversation = Conversation()
    ok(conversation, {"op": "configure", "dataset": "xor", "batch": "full", "check_gradients": True})
    ok(conversation, {"op": "step"})
    state = ok(conversation, {"op": "step"})
    assert state["batch"] == {"start": 0, "size": 4}
    assert state["forward"]["a"][0] == [0.0, 0.0] and state["shown"]["x"] == [0.0, 0.0]
    assert len(state["backward"]["dz"][0]) == 2  # per unit, the first example's
    assert state["gradcheck"]["max_rel_error"] < 1e-6
    session = conversation.session
    mean = np.mean([network.gradients(session.params, session.X[k], session.Y[k], "sigmoid", "mse")[1].W[0]
                    for k in range(4)], axis=0)
    assert np.max(np.abs(np.array(state["backward"]["dW"][0]) - mean)) <= 1e-15
    state = ok(conversation, {"op": "step"})
    assert state["epoch"] == 1 and state["sample"] == 0
    assert ok(Conversation(), {"op": "configure"})["batch"] is None


def test_an_old_snapshot_trains_online_and_a_batch_snapshot_restores_mid_batch():
    conversation = Conversation()
    ok(conversation, {"op": "configure", "dataset": "spiral", "points": 30, "batch": "mini", "batch_size": 4})
    ok(conversation, {"op": "train", "epochs": 2})
    before = ok(conversation, {"op": "step"})
    snapshot = through_javascript([dump(conversation.session)])[0]
    restored = ok(Conversation(), {"op": "restore", "snapshot": snapshot})
    assert restored["forward"] == before["forward"] and restored["batch"] == before["batch"]
    del snapshot["session"]["settings"]["batch"], snapshot["session"]["settings"]["batch_size"]
    assert ok(Conversation(), {"op": "restore", "snapshot": snapshot})["config"]["batch"] == "online"


@pytest.mark.parametrize("lang, field, value, sentence", [
    ("pt-BR", "batch", "minibatch", "“minibatch” não é um valor válido para “batch”. Valores possíveis: online, mini, full."),
    ("en", "batch_size", 0, "The field “batch_size” must be between 1 and 400."),
    ("pt-BR", "batch_size", 401, "O campo “batch_size” deve estar entre 1 e 400."),
])
def test_a_bad_batch_setting_is_refused_with_its_sentence(lang, field, value, sentence):
    reply = json.loads(Conversation(lang).reply(json.dumps({"op": "configure", field: value})))
    assert (reply["type"], reply["field"], reply["message"]) == ("error", field, sentence)


# ----- auto-training stops at a target -----------------------------------------------------------


def test_train_until_stops_at_the_first_epoch_at_or_below_the_target():
    conversation = Conversation()
    ok(conversation, {"op": "configure", "lr": 0.5})
    state = ok(conversation, {"op": "train", "epochs": 1000, "until": 0.01})
    curve = conversation.session.history
    assert curve[-1][1] <= 0.01 < curve[-2][1]
    assert state["epoch"] == curve[-1][0] < 1000 and state["metrics"]["mse"] == curve[-1][1]
    again = ok(conversation, {"op": "train", "epochs": 5, "until": 0.01})
    assert again["epoch"] == state["epoch"] + 1  # at least one epoch runs


@pytest.mark.parametrize("lang, value, sentence", [
    ("pt-BR", 0.6, "O campo “until” deve estar entre 0 e 0,5."),
    ("en", "0.01", "The field “until” must be a number."),
])
def test_a_bad_until_is_refused_with_its_sentence(lang, value, sentence):
    reply = json.loads(Conversation(lang).reply(json.dumps({"op": "train", "epochs": 5, "until": value})))
    assert (reply["type"], reply["field"], reply["message"]) == ("error", "until", sentence)
