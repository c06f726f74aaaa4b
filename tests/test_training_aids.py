"""Why training stalls, made visible: initialisation schemes, learning-rate schedules, gradient
clipping, dead and saturated units, and divergence named by parameter (issue 9's server side)."""
import json
import math

import numpy as np
import pytest

from app.model import clipping, diagnostics, initialization, network, schedules
from app.protocol import Conversation
from app.session import Session, SessionError, Settings


# ----- initialisation --------------------------------------------------------------------------


def test_uniform_init_is_the_widgets_original_draw():
    a = initialization.initial_params([2, 3, 1], np.random.default_rng(3), "uniform")
    b = network.init_params([2, 3, 1], np.random.default_rng(3))
    assert a.pack() == b.pack()


@pytest.mark.parametrize("scheme, variance", [
    ("xavier", lambda n_in, n_out: 2 / (n_in + n_out)),
    ("he", lambda n_in, n_out: 2 / n_in),
])
def test_xavier_and_he_draw_with_their_variance_and_zero_biases(scheme, variance):
    sizes = [2, 8, 8, 8, 8, 8, 1]
    params = initialization.initial_params(sizes, np.random.default_rng(0), scheme)
    for (n_in, n_out), W, b in zip(zip(sizes, sizes[1:]), params.W, params.b):
        limit = math.sqrt(3 * variance(n_in, n_out))
        assert np.all(np.abs(W) <= limit) and np.max(np.abs(W)) > 0.5 * limit
        assert np.all(b == 0)
    big = initialization.initial_params([2, 400, 400, 1], np.random.default_rng(1), scheme).W[1]
    assert np.var(big) == pytest.approx(variance(400, 400), rel=0.02)


@pytest.mark.parametrize("scheme", initialization.SCHEMES)
def test_an_initialisation_is_fixed_by_its_seed(scheme):
    one = initialization.initial_params([2, 4, 1], np.random.default_rng(9), scheme)
    two = initialization.initial_params([2, 4, 1], np.random.default_rng(9), scheme)
    other = initialization.initial_params([2, 4, 1], np.random.default_rng(10), scheme)
    assert one.pack() == two.pack() != other.pack()


def test_changing_the_initialisation_starts_over():
    session = Session()
    session.train(3)
    session.configure(init="he")
    assert session.epoch == 0 and np.all(session.params.b[0] == 0)


# ----- schedules -------------------------------------------------------------------------------


@pytest.mark.parametrize("schedule, epoch, expected", [
    ("constant", 500, 0.4),
    ("step", 0, 0.4), ("step", 99, 0.4), ("step", 100, 0.2), ("step", 250, 0.1),
    ("exponential", 0, 0.4), ("exponential", 50, 0.4 / math.sqrt(2)), ("exponential", 200, 0.1),
    ("cosine", 0, 0.4), ("cosine", 50, 0.2), ("cosine", 100, 0.4), ("cosine", 75, 0.4 * (1 - math.sqrt(0.5)) / 2),
])
def test_schedules_known_values(schedule, epoch, expected):
    assert schedules.scheduled_lr(0.4, schedule, 100, epoch) == pytest.approx(expected, rel=1e-12)


@pytest.mark.parametrize("schedule, halvings", [("step", h) for h in (1000, 1022, 1074, 1075, 1076, 1080)]
                         + [("exponential", h) for h in (1000, 1021.5, 1074.5, 1076, 1080)])
def test_a_halved_eta_is_exact_down_to_the_smallest_double(schedule, halvings):
    """η·2^−x to the last (subnormal) digit: η = 10 at epoch 1075 (period 1) is 2.5e-323, not the 0
    of 0.5^1075, which underflows before the product is taken. Below the normal range the exact
    value is rounded once (mpmath gives it)."""
    import mpmath

    period = 2 if halvings % 1 else 1
    epoch = int(halvings * period)
    with mpmath.workprec(200):
        exact = float(mpmath.mpf(10) * mpmath.power(2, -mpmath.mpf(epoch) / period))
    got = schedules.scheduled_lr(10.0, schedule, period, epoch)
    if schedule == "step" or halvings >= schedules.SUBNORMAL_HALVINGS:
        assert got == exact
    else:
        assert got == pytest.approx(exact, rel=1e-15)


def test_each_update_reports_the_eta_it_used():
    conversation = Conversation()
    reply = lambda m: json.loads(conversation.reply(json.dumps(m)))
    reply({"op": "configure", "lr": 0.8, "schedule": "step", "schedule_period": 2, "dataset": "single"})
    reply({"op": "train", "epochs": 2})
    state = reply({"op": "step"})
    assert state["lr_now"] == 0.4
    reply({"op": "step"})
    assert reply({"op": "step"})["update"]["lr"] == 0.4


# ----- clipping ---------------------------------------------------------------------------------


def test_clipping_shortens_a_long_gradient_to_the_threshold_and_keeps_its_direction():
    grads = network.Params([np.array([[3.0, 0.0]])], [np.array([4.0])])  # ‖g‖ = 5
    clipped, factor = clipping.clip_by_norm(grads, 1.0)
    assert factor == pytest.approx(0.2, rel=1e-15)
    assert np.sqrt(np.sum(clipped.flat() ** 2)) == pytest.approx(1.0, rel=1e-15)
    assert clipped.flat() == pytest.approx(grads.flat() * 0.2)
    assert clipping.clip_by_norm(grads, 0.0)[1] == 1.0 and clipping.clip_by_norm(grads, 10.0)[1] == 1.0


def test_a_clipped_update_moves_by_eta_times_the_clipped_gradient():
    session = Session(Settings(lr=0.5, clip=0.01))
    session.step()
    session.step()
    grads = session.example.trace
    norm = np.sqrt(sum(np.sum(g * g) for g in grads.dW + grads.db))
    before = session.params.flat()
    session.step()
    assert session.example.clip_factor == pytest.approx(0.01 / norm, rel=1e-12)
    step = np.concatenate([g.ravel() for g in grads.dW + grads.db]) * (0.01 / norm)
    np.testing.assert_allclose(session.params.flat(), before - 0.5 * step, rtol=1e-12, atol=1e-15)


# ----- dead and saturated units ---------------------------------------------------------------------


def test_the_relu_xor_seeds_that_never_learn_have_dead_units():
    """XOR 2–2–1 with ReLU, η 0.5, 1000 epochs: the seeds that stay wrong have a dead unit."""
    for seed in range(4):
        session = Session(Settings(activation="relu", seed=seed, lr=0.5))
        session.train(1000)
        learned = bool(np.all((session.predictions() > 0.5) == (session.Y > 0.5)))
        dead = diagnostics.hidden_units(session.params, session.X, "relu")["dead"][0]
        assert learned != any(dead), (seed, learned, dead)
    # and the unit really is dead: z ≤ 0 on every example of the data set
    session = Session(Settings(activation="relu", seed=2, lr=0.5))
    session.train(1000)
    Z = session.params.W[0] @ session.X.T + session.params.b[0][:, None]
    assert np.all(Z <= 0)


def test_saturated_sigmoid_units_are_marked_and_healthy_ones_are_not():
    params = network.Params([np.array([[40.0, 40.0], [0.5, -0.5]]), np.array([[1.0, 1.0]])],
                            [np.array([20.0, 0.0]), np.array([0.0])])
    X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    units = diagnostics.hidden_units(params, X, "sigmoid")
    assert units == {"dead": [[False, False]], "saturated": [[True, False]]}


# ----- divergence, explained -------------------------------------------------------------------------


def test_divergence_names_the_parameter_in_the_course_names():
    session = Session(Settings(lr=10.0))
    session.params = network.Params([np.full((2, 2), 1.0), np.array([[900_000.0, 1.0]])],
                                    [np.zeros(2), np.zeros(1)])
    session.Y = np.array([1.0, 1.0, 1.0, 1.0])
    session._restart_example()
    session.step()
    session.step()
    session.example.trace.dW[1] = np.array([[-20_000.0, 0.0]])  # the step would push v1 past 10⁶
    with pytest.raises(SessionError) as raised:
        session.step()
    assert raised.value.details == {"what": "weight", "layer": 2, "row": 1, "col": 1, "layers": 2}
    from app.protocol.errors import ProtocolError

    sentence = ProtocolError("diverged", None, **raised.value.details).sentence("pt-BR")
    assert sentence.startswith("A rede divergiu: este passo levaria o peso v₁ (da camada oculta à saída) ao infinito")


# ----- L1 and L2 --------------------------------------------------------------------------------------


def test_penalty_gradients_match_central_differences():
    from app.model import regularization

    params = network.init_params([2, 3, 2, 1], np.random.default_rng(6))
    l1, l2, h = 0.03, 0.2, 1e-6
    analytic = regularization.penalty_gradients(params, l1, l2)
    for layer, W in enumerate(params.W):
        for index in np.ndindex(W.shape):
            saved = W[index]
            W[index] = saved + h
            plus = regularization.penalty(params, l1, l2)
            W[index] = saved - h
            minus = regularization.penalty(params, l1, l2)
            W[index] = saved
            assert analytic[layer][index] == pytest.approx((plus - minus) / (2 * h), rel=1e-7)


def test_penalty_known_answer():
    from app.model import regularization

    params = network.Params([np.array([[1.0, -2.0]]), np.array([[3.0]])], [np.array([5.0]), np.array([7.0])])
    # λ₂/2·(1 + 4 + 9) + λ₁·(1 + 2 + 3); biases not penalised
    assert regularization.penalty(params, 0.1, 0.5) == pytest.approx(0.25 * 14 + 0.1 * 6, rel=1e-15)
    assert regularization.penalty_gradients(params, 0.1, 0.5)[0].tolist() == [[0.5 + 0.1, -1.0 - 0.1]]


def test_an_update_with_a_penalty_adds_its_gradient_to_each_weight():
    session = Session(Settings(lr=0.5, l2=0.1, l1=0.01))
    session.step()
    session.step()
    data = [g.copy() for g in session.example.trace.dW]
    W_before = [w.copy() for w in session.params.W]
    session.step()
    for layer, (w, g) in enumerate(zip(W_before, data)):
        expected = w - 0.5 * (g + 0.1 * w + 0.01 * np.sign(w))
        np.testing.assert_allclose(session.params.W[layer], expected, rtol=1e-12, atol=1e-15)
    conversation = Conversation()
    json.loads(conversation.reply(json.dumps({"op": "configure", "l2": 0.1})))
    state = json.loads(conversation.reply(json.dumps({"op": "step"})))
    assert state["metrics"]["penalty"] == pytest.approx(0.05 * sum(np.sum(np.square(w)) for w in state["params"]["W"]))
