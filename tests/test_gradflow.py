"""Gradient flow (issue 9): each weight layer's ‖∂L/∂W‖ and mean |δ| over the data set, checked
by central differences, the vanishing gradient of a deep sigmoid net, and the series the session
keeps (bounded, thinned by epoch, undone, sent to the client piece by piece, never in a snapshot)."""
import json

import numpy as np
import pytest

from app.model import datasets, gradflow, initialization, network
from app.protocol import Conversation
from app.session import Session, Settings
from app.session.flow import FLOW_LIMIT

H = 1e-6


def reference_loss(params, X, Y, activation):
    """½(y − ŷ)² of each example, written out here (not the model's code), shape (m,)."""
    g = {"sigmoid": lambda z: 1 / (1 + np.exp(-z)), "tanh": np.tanh}[activation]
    A = X.T
    for layer, (W, b) in enumerate(zip(params.W, params.b)):
        Z = W @ A + b[:, None]
        A = 1 / (1 + np.exp(-Z)) if layer == len(params.W) - 1 else g(Z)
    return 0.5 * (Y - A[0]) ** 2


def central(params, array_of, index, f):
    """(f(θ + h) − f(θ − h)) / 2h for the one parameter array_of(params)[index]."""
    plus, minus = params.copy(), params.copy()
    array_of(plus)[index] += H
    array_of(minus)[index] -= H
    return (f(plus) - f(minus)) / (2 * H)


@pytest.mark.parametrize("loss", ["mse", "bce"])
@pytest.mark.parametrize("activation", ["sigmoid", "tanh", "relu"])
def test_layer_sizes_are_the_full_pass_figures_bit_for_bit(activation, loss):
    """The lean batched pass gives what network.full_pass's Trace, np.linalg.norm and np.mean
    gave, to the last bit (batches of 1 to 150 examples: NumPy's sums go pairwise from 8)."""
    rng = np.random.default_rng(len(activation) + len(loss))
    for case in range(60):
        sizes = [2, *[[], [1], [2], [8], [3, 2], [5, 1, 4]][case % 6], 1]
        n = sum(n_out * (n_in + 1) for n_in, n_out in zip(sizes, sizes[1:]))
        params = network.Params.from_flat(rng.normal(0, [0.5, 3.0, 40.0, 400.0][case % 4], n), sizes)
        m = int(rng.integers(1, 150))
        X, Y = rng.normal(0, 1, (m, 2)), rng.integers(0, 2, m).astype(float)
        with np.errstate(over="ignore", invalid="ignore"):
            trace = network.full_pass(params, X, Y, activation, loss)
            got = gradflow.layer_sizes(params, X, Y, activation, loss)
        expected = ([float(np.linalg.norm(dW)) for dW in trace.dW], [float(np.mean(np.abs(dz))) for dz in trace.dzs])
        assert np.array(got).tobytes() == np.array(expected).tobytes(), (sizes, m)


@pytest.mark.parametrize("activation", ["sigmoid", "tanh"])
def test_layer_sizes_match_central_differences(activation):
    rng = np.random.default_rng(5)
    params = network.init_params([2, 3, 3, 1], rng)
    X, Y = rng.uniform(-1, 1, size=(5, 2)), rng.uniform(0, 1, size=5)
    norm_W, mean_delta = gradflow.layer_sizes(params, X, Y, activation, "mse")
    mean_loss = lambda p: float(np.mean(reference_loss(p, X, Y, activation)))
    for layer, W in enumerate(params.W):
        dW = np.array([central(params, lambda p: p.W[layer], index, mean_loss) for index in np.ndindex(W.shape)])
        assert norm_W[layer] == pytest.approx(np.linalg.norm(dW), rel=1e-6)
        # δ of each example is ∂Lᵢ/∂b: the bias's gradient of that example's own loss
        deltas = [central(params, lambda p: p.b[layer], (unit,), lambda p: reference_loss(p, X, Y, activation))
                  for unit in range(W.shape[0])]
        assert mean_delta[layer] == pytest.approx(np.mean(np.abs(deltas)), rel=1e-6)


DEEP = [2, 8, 8, 8, 8, 8, 8, 1]


def deep_ratio(activation, init, seed):
    """‖∂L/∂W‖ of the last layer over the first's, on XOR at the seed's initial weights."""
    X, Y = datasets.load("xor", seed, 10, 100)
    params = initialization.initial_params(DEEP, np.random.default_rng(seed), init)
    norm_W, mean_delta = gradflow.layer_sizes(params, X, Y, activation, "mse")
    return norm_W[-1] / norm_W[0], norm_W, mean_delta


@pytest.mark.parametrize("seed", range(6))
def test_a_deep_sigmoid_net_vanishes_and_relu_with_he_far_less(seed):
    """Measured (XOR, 6 hidden layers of 8): sigmoid with uniform ±1, last/first ‖∂L/∂W‖ from 433
    (seed 1) to 8,690 (seed 4), 4,320 at the default seed 3; ReLU with He from 0.5 to 18 (2.8 at
    seed 3)."""
    sigmoid, norm_W, mean_delta = deep_ratio("sigmoid", "uniform", seed)
    relu, _, _ = deep_ratio("relu", "he", seed)
    assert sigmoid >= 100
    # layer by layer, from the output back to the input, both figures fall
    assert np.all(np.diff(norm_W) > 0) and np.all(np.diff(mean_delta) > 0)
    assert relu < 30 and sigmoid / relu > 20


# ----- the session's series ---------------------------------------------------------------------


def test_the_series_is_recorded_each_epoch_then_thinned_by_epoch_and_bounded():
    session = Session(Settings(lr=0.5))
    session.train(FLOW_LIMIT - 1)
    assert [p[0] for p in session.flow.points()] == list(range(FLOW_LIMIT)) and session.flow.stride == 1
    session.train(1)
    assert session.flow.stride == 2 and [p[0] for p in session.flow.points()] == list(range(0, FLOW_LIMIT + 1, 2))
    session.train(1000)
    epochs = [p[0] for p in session.flow.points()]
    assert len(epochs) <= FLOW_LIMIT and epochs[0] == 0 and all(e % session.flow.stride == 0 for e in epochs)
    assert session.flow.stride == 8 and epochs[-1] == session.epoch - session.epoch % 8


def test_each_point_is_the_model_figures_with_that_epochs_weights():
    session = Session(Settings(hidden=(3, 2)))
    session.train(2)
    epoch, norm_W, mean_delta = session.flow.points()[-1]
    assert epoch == 2
    expected = gradflow.layer_sizes(session.params, session.X, session.Y, "sigmoid", "mse")
    assert (norm_W, mean_delta) == expected and len(norm_W) == 3


def test_undo_takes_the_series_back_with_the_loss_curve():
    session = Session()
    session.train(5)
    before = [list(p) for p in session.flow.points()]
    session.train(7)
    session.undo()
    assert session.flow.points() == before


def follow(held, gradflow_part):
    """The client's rule (static/js/store.js, mergeFlow), written again here."""
    stride, keep = gradflow_part["stride"], gradflow_part["from"]
    return [p for p in held if p[0] % stride == 0][:keep] + gradflow_part["points"]


def test_a_client_following_the_replies_holds_the_servers_series():
    talk, held = Conversation(), []

    def send(**message):
        nonlocal held
        reply = json.loads(talk.reply(json.dumps(message)))
        assert reply["type"] == "state", reply
        held = follow(held, reply["gradflow"])
        assert held == [[e, [float(f"{v:.4g}") for v in n], [float(f"{v:.4g}") for v in d]]
                        for e, n, d in talk.session.flow.points()]
        return reply

    send(op="configure", hidden=[3, 3], lr=0.5)
    first = send(op="train", epochs=150)
    assert first["gradflow"]["from"] == 1 and len(first["gradflow"]["points"]) == 150
    quiet = send(op="step")
    assert quiet["gradflow"]["points"] == []  # nothing new: nothing sent again
    thinned = send(op="train", epochs=100)
    assert thinned["gradflow"]["stride"] == 2 and thinned["gradflow"]["from"] == 76
    send(op="train", epochs=1000)
    send(op="undo")
    send(op="undo")
    send(op="train", epochs=3)
    send(op="reset")
    send(op="train", epochs=10)
    snapshot = send(op="snapshot")["snapshot"]
    send(op="train", epochs=10)
    restored = send(op="restore", snapshot=snapshot)
    assert restored["gradflow"]["from"] == 0 and [p[0] for p in held] == [10]
    assert [float(f"{v:.4g}") for v in restored["gradflow"]["norm_W"]] == held[0][1]


def test_the_state_carries_the_figures_of_the_current_weights_and_no_snapshot_holds_the_series():
    talk = Conversation()
    reply = json.loads(talk.reply(json.dumps({"op": "configure", "hidden": [8] * 6, "init": "uniform"})))
    session = talk.session
    norm_W, mean_delta = gradflow.layer_sizes(session.params, session.X, session.Y, "sigmoid", "mse")
    assert reply["gradflow"]["norm_W"] == norm_W and reply["gradflow"]["mean_delta"] == mean_delta
    assert reply["gradflow"]["norm_W"][-1] > 100 * reply["gradflow"]["norm_W"][0]
    snapshot = json.loads(talk.reply(json.dumps({"op": "snapshot"})))["snapshot"]
    assert set(snapshot["session"]) == {"settings", "params", "memory", "data", "epoch", "sample", "steps",
                                        "progress", "history"}


def test_the_series_uses_the_training_examples_only():
    session = Session(Settings(dataset="circle", split=30, hidden=(4,)))
    n = session.n_train
    assert n < len(session.Y)
    expected = gradflow.layer_sizes(session.params, session.X[:n], session.Y[:n], "sigmoid", "mse")
    assert session.gradient_sizes() == expected


def test_the_figures_follow_every_change_of_weights_data_or_settings():
    session = Session(Settings(hidden=(3,)))
    fresh = lambda: gradflow.layer_sizes(session.params, session.X[:session.n_train], session.Y[:session.n_train],
                                         session.settings.activation, session.settings.loss)
    seen = [session.gradient_sizes()]
    for change in (lambda: session.step(), lambda: session.step(), lambda: session.step(),
                   lambda: session.set_value("weight", 2.5, layer=0, row=1, col=0),
                   lambda: session.set_value("target", 0.25),
                   lambda: session.configure(loss="bce"), lambda: session.configure(activation="tanh"),
                   lambda: session.undo(), lambda: session.configure(split=50)):
        change()
        assert session.gradient_sizes() == fresh()
        seen.append(session.gradient_sizes())
    assert seen[1] == seen[0]  # a forward changes no weight
    assert len({json.dumps(s) for s in seen}) >= 7
