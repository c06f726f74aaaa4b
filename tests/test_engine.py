"""The training engine: `train` (whole steps on the Engine) lands on the same bits as the
step-by-step path (one Trace per example, the path every phase and the math panel use), for every
activation, loss, optimiser, batch mode, penalty, clipping and schedule; its gradients agree with
central differences; the cheaper forms of σ and of the weighted sum equal the ones they replace."""
import numpy as np
import pytest

from app.model import activations, engine, epoch_loss, network, online, scalar_online
from app.session import Session, SessionError
from app.session.records import Settings
from helpers.self_check import refusing
from test_model import TOLERANCE, example, finite_differences, relative_errors

# Each setting's every value at least once, a few of them together.
CASES = [
    {"lr": 0.5},
    {"activation": "tanh", "lr": 0.3},
    {"activation": "relu", "hidden": (8, 8)},
    {"loss": "bce"},
    {"loss": "bce", "activation": "relu", "hidden": (3, 1, 4), "lr": 1.0},
    {"optimizer": "momentum", "momentum": 0.8},
    {"optimizer": "adam", "lr": 0.05},
    {"optimizer": "adam", "batch": "mini", "batch_size": 3, "dataset": "circle", "points": 20},
    {"batch": "mini", "batch_size": 3, "dataset": "circle", "points": 20},
    {"batch": "full", "dataset": "spiral", "points": 20, "activation": "tanh"},
    {"batch": "mini", "batch_size": 1, "dataset": "and"},
    {"l2": 0.01},
    {"l1": 0.02, "l2": 0.01, "optimizer": "momentum"},
    {"clip": 0.05, "lr": 1.0},
    {"clip": 0.01, "batch": "full", "dataset": "clusters", "points": 20},
    {"schedule": "step", "schedule_period": 3},
    {"schedule": "exponential", "schedule_period": 5},
    {"schedule": "cosine", "schedule_period": 7, "optimizer": "adam", "lr": 0.1},
    {"split": 25, "dataset": "clusters", "points": 20},
    {"hidden": ()},
    {"hidden": (8, 8, 8, 8, 8, 8), "activation": "tanh", "init": "xavier"},
    {"dataset": "passo_a_passo"},
    {"hidden": (3, 5, 2), "seed": 11},
    {"activation": "relu", "lr": 2.0, "seed": 5},
]


def primary(session):
    """Everything a run leaves behind, in bytes and plain values, for exact comparison."""
    memory = {name: value if name == "t" else [a.tobytes() for a in value] for name, value in session.memory.items()}
    return (session.params.pack(), memory, session.history, session.epoch, session.sample, session.steps)


def shown(session):
    """The example on screen after the run: its passes and the update that learned it."""
    example = session.example
    trace = example.trace
    arrays = [trace.zs, trace.activations, trace.g_primes, trace.das, trace.dzs, trace.dW, trace.db,
              trace.products, trace.to_inputs, example.delta.W, example.delta.b, example.used.W, example.used.b,
              example.params_before.W, example.params_before.b, example.penalty_W or []]
    return (example.sample, trace.loss, example.delta_lr, example.clip_factor,
            [[np.asarray(a).tobytes() for a in group] for group in arrays], session.last)


def stepped(session, epochs):
    """The reference: Próximo passo until `epochs` more epochs are complete."""
    target = session.epoch + epochs
    while session.epoch < target:
        session.step()
    return session


@pytest.mark.parametrize("case", CASES, ids=lambda c: ",".join(f"{k}={v}" for k, v in c.items()))
def test_train_lands_on_the_same_bits_as_stepping(case):
    settings = Settings(**case)
    trained, reference = Session(settings), stepped(Session(settings), 12)
    trained.train(12)
    assert primary(trained) == primary(reference)
    assert shown(trained) == shown(reference)


@pytest.mark.parametrize("case", [{"lr": 0.5}, {"batch": "mini", "batch_size": 3, "dataset": "circle", "points": 20}])
def test_train_from_part_way_through_an_epoch_and_off_the_batch_grid(case):
    def part_way():
        session = Session(Settings(**case))
        for _ in range(5):  # an example and a half (a batch and a half)
            session.step()
        if case.get("batch") == "mini":
            session.configure(batch_size=4)  # the next batch starts off the grid of 4
        return session

    trained, reference = part_way(), part_way()
    assert trained.sample != 0
    trained.train(3)
    stepped(reference, 3)
    assert primary(trained) == primary(reference)
    assert shown(trained) == shown(reference)


def test_train_until_stops_at_the_epoch_stepping_reaches_the_target():
    trained = Session(Settings(lr=0.5))
    trained.train(1000, until=0.05)
    reference = Session(Settings(lr=0.5))
    while not (reference.sample == 0 and reference.history[-1][1] <= 0.05):
        reference.step()
    assert 1 < trained.epoch < 1000
    assert primary(trained) == primary(reference)


def test_train_that_diverges_names_the_same_parameter_and_changes_nothing():
    settings = Settings(lr=1.0, activation="relu", loss="bce", hidden=(8, 8), init="he", seed=1)
    trained, reference = Session(settings), Session(settings)
    trained.set_value("weight", 900_000.0, layer=2, row=0, col=3)
    reference.set_value("weight", 900_000.0, layer=2, row=0, col=3)
    before = primary(trained)
    with pytest.raises(SessionError) as from_train:
        trained.train(50)
    with pytest.raises(SessionError) as from_steps:
        stepped(reference, 50)
    assert from_train.value.code == from_steps.value.code == "diverged"
    assert from_train.value.details == from_steps.value.details
    assert primary(trained) == before


@pytest.mark.parametrize("sizes", [[2, 2, 1], [2, 8, 8, 1], [2, 1]], ids=lambda s: "-".join(map(str, s)))
@pytest.mark.parametrize("loss", ["mse", "bce"])
@pytest.mark.parametrize("activation", ["sigmoid", "tanh", "relu"])
def test_engine_gradients_are_the_traces_and_match_central_differences(activation, loss, sizes):
    params, x, y = example(sizes, activation, seed=7)
    grads = network.Params.views(np.full(params.flat().size, np.nan), sizes)
    network.gradients_into(params, x, y, activation, loss, grads.W, grads.b)
    _, traced = network.gradients(params, x, y, activation, loss)
    assert grads.flat().tobytes() == traced.flat().tobytes()
    errors = relative_errors(grads, finite_differences(params, x, y, activation, loss))
    assert errors.max() < TOLERANCE


def test_engine_batch_gradients_are_the_traces():
    rng = np.random.default_rng(4)
    params = network.init_params([2, 5, 3, 1], rng)
    X, Y = rng.uniform(-1, 1, (6, 2)), rng.uniform(0, 1, 6)
    grads = network.Params.views(np.full(params.flat().size, np.nan), [2, 5, 3, 1])
    network.gradients_into(params, X, Y, "tanh", "mse", grads.W, grads.b)
    trace = network.full_pass(params, X, Y, "tanh", "mse")
    assert grads.flat().tobytes() == network.Params(trace.dW, trace.db).flat().tobytes()


def test_engine_reads_back_what_it_was_given():
    session = Session(Settings(optimizer="adam", hidden=(3, 2)))
    session.train(2)
    run = engine.Engine(session.params, session.memory, session.settings, 1e6, 1e100)
    params, memory = run.saved_state(run.save())
    assert params.pack() == session.params.pack()
    assert primary_memory(memory) == primary_memory(session.memory)


def primary_memory(memory):
    return {name: value if name == "t" else [(a.shape, a.tobytes()) for a in value] for name, value in memory.items()}


def test_sigmoid_equals_the_two_branch_form_it_replaces():
    z = np.concatenate([np.random.default_rng(0).normal(0, 20, 200_000),
                        [0.0, -0.0, 1e-300, -1e-300, 36.5, -36.5, 709.0, -709.0, 745.2, -745.2, np.inf, -np.inf]])
    e = np.exp(-np.abs(z))
    two_branches = np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))
    value, slope = activations.sigmoid_with_prime(z)
    assert activations.sigmoid(z).tobytes() == value.tobytes() == two_branches.tobytes()
    assert activations.sigmoid_prime(z).tobytes() == slope.tobytes() == (e / (1.0 + e) ** 2).tobytes()
    assert np.isnan(activations.sigmoid(np.nan))


@pytest.mark.parametrize("shape", [(1, 2), (2, 2), (8, 8), (1, 8), (8, 2)])
def test_weighted_sum_equals_the_matrix_product(shape):
    rng = np.random.default_rng(sum(shape))
    params = network.Params([rng.normal(0, 3, shape)], [rng.normal(0, 3, shape[0])])
    for a in (rng.normal(0, 3, shape[1]), rng.normal(0, 3, (shape[1], 7)), rng.normal(0, 3, (7, shape[1])).T):
        b = params.b[0] if a.ndim == 1 else params.b[0][:, None]
        assert network.weighted_sum(params, 0, a).tobytes() == (params.W[0] @ a + b).tobytes()


def test_train_with_seconds_stops_at_the_end_of_an_epoch_once_the_time_is_up():
    session = Session(Settings(lr=0.5))
    session.train(1000, seconds=0.001)  # 1000 epochs take tens of milliseconds at the least
    assert 1 <= session.epoch < 1000
    assert session.sample == 0 and session.history[-1][0] == session.epoch


def test_the_pacing_hook_hears_of_every_epoch_and_which_was_the_last():
    reference = Session(Settings(lr=0.5))
    reference.train(12)
    target = reference.history[-1][1]  # reached at epoch 12 (the curve falls from epoch 0)
    session, heard = Session(Settings(lr=0.5)), []
    session.on_epoch = heard.append
    session.train(5)
    session.train(300, until=target)
    assert heard == [False] * 4 + [True] + [False] * 6 + [True]
    assert session.epoch == 12


def test_a_long_epoch_calls_the_slicing_hook_every_few_steps_and_trains_the_same():
    """on_steps: every STEPS_BETWEEN_PAUSES steps within an epoch (not after its last step, where
    on_epoch is called); the weights come out bit for bit as without the hook."""
    from app.session.stepper import STEPS_BETWEEN_PAUSES

    settings = Settings(dataset="spiral", points=100, hidden=[8, 8], lr=0.1)
    plain, hooked, calls = Session(settings), Session(settings), []
    hooked.on_steps = lambda: calls.append(hooked.epoch)
    plain.train(3)
    hooked.train(3)
    steps = hooked.n_train - 1  # the epoch's last step is followed by on_epoch instead
    assert calls == [e for e in range(3) for _ in range(steps // STEPS_BETWEEN_PAUSES)]
    assert hooked.params.flat().tobytes() == plain.params.flat().tobytes()


def test_xor_epochs_never_reach_the_slicing_hook():
    session, calls = Session(Settings(lr=0.5)), []
    session.on_steps = lambda: calls.append(1)
    session.train(50)
    assert calls == []


@pytest.mark.parametrize("sizes", [[2, 2, 1], [2, 8, 8, 1], [2, 1], [2, 3, 1, 4, 1]], ids=lambda s: "-".join(map(str, s)))
@pytest.mark.parametrize("loss", ["mse", "bce"])
@pytest.mark.parametrize("activation", ["sigmoid", "tanh", "relu"])
def test_the_buffered_online_gradient_is_gradients_into_bit_for_bit(activation, loss, sizes):
    """model.online against network.gradients_into on the same parameters, for examples whose z
    run from 0 to far past saturation (weights scaled up to 400), the buffers reused each time."""
    rng = np.random.default_rng(len(sizes) * 7 + len(loss))
    n = sum(a * b + b for a, b in zip(sizes, sizes[1:]))
    flat, grad = np.empty(n), np.empty(n)
    params, grads = network.Params.views(flat, sizes), network.Params.views(grad, sizes)
    fast = online.OnlineGradients(params, grads, activation, loss)
    expected = network.Params.views(np.empty(n), sizes)
    for scale in [0.0, 1e-3, 0.5, 1.0, 3.0, 30.0, 400.0] * 20:
        flat[...] = rng.normal(0.0, scale, n)
        x, y = rng.uniform(-2.0, 2.0, 2), float(rng.choice([0.0, 1.0, rng.uniform()]))
        network.gradients_into(params, x, y, activation, loss, expected.W, expected.b)
        grad[...] = np.nan
        fast(x, y)
        assert grad.tobytes() == expected.flat().tobytes()


def test_plain_descent_is_sgd_and_refuses_what_leaves_the_limits():
    rng = np.random.default_rng(2)
    for scale in [1e-3, 1.0, 1e3, 1e8]:
        flat, grad = rng.normal(0, scale, 9), rng.normal(0, scale, 9)
        expected = (flat - 0.7 * grad).tobytes()
        before = flat.copy()
        descent = online.PlainDescent(flat, grad, 1e6)
        refused = descent.apply(0.7)
        if scale < 1e8:
            assert refused is None and flat.tobytes() == expected
        else:
            assert refused.tobytes() == expected and flat.tobytes() == before.tobytes()
    flat, grad = np.zeros(3), np.array([0.0, np.nan, 1.0])
    assert online.PlainDescent(flat, grad, 1e6).apply(0.1) is not None and not flat.any()


@pytest.mark.parametrize("case", [{}, {"activation": "tanh", "hidden": (8, 8)}, {"activation": "relu", "hidden": ()},
                                  {"dataset": "spiral", "points": 40, "split": 25, "hidden": (3, 5)}],
                         ids=lambda c: ",".join(f"{k}={v}" for k, v in c.items()) or "xor")
def test_the_curves_buffered_losses_are_the_sessions_and_its_points_the_read_outs(case):
    """model.epoch_loss against Session.example_loss_values as training moves the weights; the
    curve's last point (training and validation MSE) against the read-outs' np.mean."""
    session = Session(Settings(lr=0.5, **case))
    for _ in range(5):
        session.train(7)
        losses = epoch_loss.EpochLosses(session.params, session.X, session.Y, session.settings.activation)
        assert losses().tobytes() == session.example_loss_values().tobytes()
        point = session.history[-1]
        assert point[1] == session.dataset_loss("mse")
        assert point[2:] == ([] if session.validation_loss() is None else [session.validation_loss()])


# ----- model.scalar_online: the 2–H–1 online step on Python floats ----------------------------

SCALAR_SHAPES = [(1,), (2,), (8,)]


def scalar_session(case, hidden, saturate):
    """A session whose weights reach far past saturation when `saturate` (|z| in the tens)."""
    session = Session(Settings(hidden=hidden, **case))
    if saturate:
        session.set_value("weight", 35.0, layer=0, row=0, col=0)
        session.set_value("weight", -28.0, layer=0, row=hidden[0] - 1, col=1)
        session.set_value("weight", 31.0, layer=1, row=0, col=hidden[0] - 1)
    return session


@pytest.mark.parametrize("saturate", [False, True], ids=["plain", "saturating"])
@pytest.mark.parametrize("hidden", SCALAR_SHAPES, ids=lambda h: f"2-{h[0]}-1")
@pytest.mark.parametrize("case", [{"lr": 0.5}, {"activation": "tanh", "lr": 0.3}, {"activation": "relu", "lr": 0.2},
                                  {"loss": "bce"}, {"loss": "bce", "activation": "tanh"},
                                  {"loss": "bce", "activation": "relu", "lr": 1.0},
                                  {"dataset": "circle", "points": 20, "lr": 0.7},
                                  {"dataset": "spiral", "points": 20, "activation": "tanh", "loss": "bce"}],
                         ids=lambda c: ",".join(f"{k}={v}" for k, v in c.items()))
def test_train_through_the_scalar_step_lands_on_the_same_bits_as_stepping(case, hidden, saturate):
    trained = scalar_session(case, hidden, saturate)
    run = engine.Engine(trained.params, trained.memory, trained.settings, 1e6, 1e100)
    assert run.scalar is not None, "the scalar step's self-check refused this machine's BLAS (see the log)"
    reference = stepped(scalar_session(case, hidden, saturate), 12)
    trained.train(12)
    assert primary(trained) == primary(reference)
    assert shown(trained) == shown(reference)


def test_the_scalar_step_diverges_where_stepping_does_and_changes_nothing():
    settings = Settings(lr=5.0, activation="relu", loss="bce", hidden=(8,), seed=1)
    trained, reference = Session(settings), Session(settings)
    for session in (trained, reference):
        session.set_value("weight", 900_000.0, layer=1, row=0, col=3)
    assert engine.Engine(trained.params, trained.memory, settings, 1e6, 1e100).scalar is not None
    before = primary(trained)
    with pytest.raises(SessionError) as from_train:
        trained.train(50)
    with pytest.raises(SessionError) as from_steps:
        stepped(reference, 50)
    assert from_train.value.details == from_steps.value.details
    assert primary(trained) == before


@pytest.mark.parametrize("case", [{"hidden": (9,)}, {"hidden": (2, 2)}, {"optimizer": "momentum"}, {"l2": 0.01},
                                  {"clip": 0.5}, {"batch": "mini"}],
                         ids=lambda c: ",".join(f"{k}={v}" for k, v in c.items()))
def test_the_scalar_step_is_left_out_where_it_does_not_apply(case):
    session = Session(Settings(**case))
    assert engine.Engine(session.params, session.memory, session.settings, 1e6, 1e100).scalar is None


def test_fma_rounds_once_as_the_exact_product_and_sum_do():
    from fractions import Fraction
    rng = np.random.default_rng(8)
    values = lambda n: (rng.choice([-1.0, 1.0], n) * rng.uniform(1, 2, n)
                        * 2.0 ** rng.integers(-1075, 1000, n).astype(float)).tolist() + [0.0, -0.0, 1.0, 0.5]
    for a, b, c in zip(values(20_000), values(20_000)[::-1], rng.permutation(values(20_000)).tolist()):
        exact = Fraction(a) * Fraction(b) + Fraction(c)
        try:
            expected = float(exact) if exact != 0 else (a * b + c if a == 0 or b == 0 else 0.0)
        except OverflowError:
            expected = float("inf") if exact > 0 else float("-inf")
        assert np.float64(scalar_online.fma(a, b, c)).tobytes() == np.float64(expected).tobytes(), (a, b, c)


class RoundingTwice(scalar_online.ScalarStep):
    """The scalar step with a·b + c rounded twice, as Python writes it: not BLAS's fma."""
    mul_add = staticmethod(lambda a, b, c: a * b + c)


class PlainSigmoidPrime(scalar_online.ScalarStep):
    """The scalar step with σ′ written as σ(1 − σ): the same number, not the same bits."""

    def __init__(self, flat, hidden, activation, loss, limit):
        super().__init__(flat, hidden, activation, loss, limit)
        if activation == "sigmoid":
            self.activation = "sigmoid_one_minus"


def test_the_self_check_accepts_the_scalar_step_and_refuses_wrong_roundings(monkeypatch):
    assert scalar_online.self_check() is None
    assert "differ" in scalar_online.self_check(RoundingTwice)
    monkeypatch.setitem(scalar_online._ACTIVATE, "sigmoid_one_minus", lambda zs: (
        lambda a: (a, [v * (1.0 - v) for v in a]))(scalar_online._sigmoid(zs)[0]))
    assert "sigmoid" in scalar_online.self_check(PlainSigmoidPrime)


@pytest.fixture
def refused_self_check(monkeypatch):
    """The self-check as on a machine whose BLAS rounds otherwise; the real answer afterwards."""
    with refusing(monkeypatch, scalar_online, "case 3 (tanh, mse, 2–2–1): parameters differ"):
        yield


def test_a_refused_self_check_keeps_the_numpy_path_says_why_once_and_trains_the_same_bits(refused_self_check, caplog):
    caplog.set_level("INFO", logger="app.model.scalar_online")
    trained, reference = Session(Settings(lr=0.5)), stepped(Session(Settings(lr=0.5)), 12)
    assert engine.Engine(trained.params, trained.memory, trained.settings, 1e6, 1e100).scalar is None
    trained.train(6)
    trained.train(6)
    assert primary(trained) == primary(reference)
    assert [r.getMessage() for r in caplog.records] == [
        "scalar online step disabled, NumPy path kept: case 3 (tanh, mse, 2–2–1): parameters differ"]
