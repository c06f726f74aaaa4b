"""The session's scalar path (model.scalar_passes for a 2–H–1 or 2–1 example's forward and
backward, model.scalar_update for the optimiser's rule) lands on the very bits of the NumPy path
it replaces: every value of the example on screen (each pass's arrays, the loss, Δθ, the
gradient used), the parameters and the optimiser memory, after every phase, for every
activation × loss × shape, weights from small to far past saturation, and signed zeros. The
NumPy path is the same session with the scalar parts switched off."""
import numpy as np
import pytest

from app.model import activations, losses, network, optimizers, scalar_passes, scalar_update
from app.session import Session, SessionError
from app.session.records import Settings
from helpers.self_check import refusing
from test_engine import primary, shown

ACTIVATIONS, LOSSES = ("sigmoid", "tanh", "relu"), ("mse", "bce")
SHAPES = [(), (1,), (2,), (8,)]


@pytest.fixture
def numpy_path():
    """A function switching the session's scalar parts off (for the reference run) or on (its
    own patches: a test's monkeypatch stays in force)."""
    patches = pytest.MonkeyPatch()

    def use_numpy(on):
        if on:
            patches.setattr(scalar_passes, "available", lambda: False)
            patches.setattr(scalar_update, "applies", lambda settings: False)
        else:
            patches.undo()
    yield use_numpy
    patches.undo()


def scaled(session, regime, rng):
    """Set every weight and bias for the regime: `plain` keeps the seed's, `saturating` puts |z|
    between about 40 and 800, `zeros` makes every one ±0.0 or ±1.5 (signed zeros meet in sums)."""
    if regime == "plain":
        return session
    for layer, (W, b) in enumerate(zip(session.params.W, session.params.b)):
        for (row, col), _ in np.ndenumerate(W):
            value = rng.choice([-1, 1]) * rng.uniform(40, 400) if regime == "saturating" else rng.choice([-0.0, 0.0, 1.5, -1.5])
            session.set_value("weight", float(value), layer=layer, row=row, col=col)
        for row in range(len(b)):
            value = rng.uniform(-40, 40) if regime == "saturating" else rng.choice([-0.0, 0.0, -1.5])
            session.set_value("bias", float(value), layer=layer, row=row)
    return session


def record(session):
    """Everything numeric the session holds after a phase, as bytes and plain values."""
    trace = session.example.trace
    fields = [[np.asarray(a).tobytes() if a is not None else None for a in getattr(trace, name)]
              for name in scalar_passes.TRACE_FIELDS]
    example = session.example
    learned = None if not example.learned else (
        example.delta.pack(), example.params_before.pack(), example.used.pack(), example.delta_lr, example.clip_factor)
    return (primary(session), fields, np.float64(trace.loss if trace.loss is not None else 0.0).tobytes(),
            learned, session.last, session.next_move())


def run_both(numpy_path, settings, regime, phases=24, seed=0):
    """The records of `phases` steps both ways, from the same start."""
    records = []
    assert scalar_passes.available(), "the scalar passes' self-check refused this machine's BLAS (see the log)"
    for use_numpy in (False, True):
        numpy_path(use_numpy)
        session = scaled(Session(settings), regime, np.random.default_rng(seed))
        steps = []
        for _ in range(phases):
            try:
                session.step()
            except SessionError as error:  # a divergence must be refused alike
                steps.append(("refused", error.code, error.details, primary(session)))
                break
            steps.append(record(session))
        records.append(steps)
    numpy_path(False)
    return records


@pytest.mark.parametrize("regime", ["plain", "saturating", "zeros"])
@pytest.mark.parametrize("hidden", SHAPES, ids=lambda h: "2-" + "-".join(map(str, h + (1,))))
@pytest.mark.parametrize("loss", LOSSES)
@pytest.mark.parametrize("activation", ACTIVATIONS)
def test_scalar_phases_land_on_numpys_bits(numpy_path, activation, loss, hidden, regime):
    settings = Settings(activation=activation, loss=loss, hidden=hidden, lr=0.5)
    scalar, reference = run_both(numpy_path, settings, regime, seed=len(hidden) + 7 * ACTIVATIONS.index(activation))
    assert scalar == reference


@pytest.mark.parametrize("case", [
    {"optimizer": "momentum", "momentum": 0.8}, {"optimizer": "adam", "lr": 0.05},
    {"optimizer": "adam", "momentum": 0.0, "loss": "bce", "activation": "relu"},
    {"detailed": True, "hidden": (3,)}, {"detailed": True, "hidden": (3, 2), "optimizer": "adam"},
    {"batch": "mini", "batch_size": 3, "dataset": "circle", "points": 20, "optimizer": "momentum"},
    {"batch": "full", "dataset": "spiral", "points": 20, "activation": "tanh"},
    {"hidden": (8, 8), "activation": "relu"}, {"schedule": "cosine", "schedule_period": 2, "lr": 0.9},
    {"dataset": "passo_a_passo"}, {"dataset": "circle", "points": 20, "split": 25, "optimizer": "adam"},
], ids=lambda c: ",".join(f"{k}={v}" for k, v in c.items()))
@pytest.mark.parametrize("regime", ["plain", "saturating", "zeros"])
def test_scalar_update_and_passes_with_every_optimiser_and_mode(numpy_path, case, regime):
    scalar, reference = run_both(numpy_path, Settings(**case), regime, phases=40)
    assert scalar == reference


def test_the_output_units_formulas_round_as_losses_does_on_many_values():
    """ŷ − y, ½(y − ŷ)², σ′(z) by pow, the softplus and ∂L/∂ŷ: a pow or a log1p that rounds
    otherwise shows in about one value in a thousand, too seldom for the runs above."""
    rng = np.random.default_rng(4)
    zs = np.concatenate([rng.normal(0, 3, 6000), rng.uniform(-800, 800, 2000), [0.0, -0.0, 709.5, -745.5]])
    y_hats = activations.sigmoid(zs)
    for loss in LOSSES:
        for z, y_hat in zip(zs, y_hats):
            y = float(rng.choice([0.0, 1.0, rng.uniform()]))
            with np.errstate(over="ignore", invalid="ignore"):
                expected = losses.LOSSES[loss](y_hat, y, z)
            got_da, got_dz = scalar_passes._output_deltas(loss, y_hat, y, z)
            got = (scalar_passes._loss(loss, float(y_hat), y, float(z)), got_da[0], got_dz[0])
            assert np.array(got).tobytes() == np.array([float(v) for v in expected]).tobytes(), (loss, z, y)


@pytest.mark.parametrize("optimizer", ["sgd", "momentum", "adam"])
def test_the_scalar_update_rounds_as_the_optimisers_do_on_many_values(optimizer):
    rng = np.random.default_rng(5)
    sizes = [2, 8, 1]
    draw = lambda scale: network.Params.from_flat(rng.normal(0, scale, 33) * (rng.uniform(size=33) > 0.1), sizes)
    for case in range(300):
        scale = [1e-3, 1.0, 40.0][case % 3]
        params, grads = draw(scale), draw(scale)
        memory = optimizers.empty_memory(optimizer, params)
        if optimizer == "momentum":
            memory["velocity"] = list(draw(scale).W) + list(draw(scale).b)
        elif optimizer == "adam" and case % 2:  # else fresh: v is then (1 − β₂)·g², g² laid bare
            memory = {"t": case, "m": list(draw(scale).W) + list(draw(scale).b),
                      "v": [abs(a) for a in list(draw(scale).W) + list(draw(scale).b)]}
        lr, mu = float(rng.uniform(0.001, 3)), float(rng.choice([0.0, 0.5, 0.9, 0.99]))
        new, new_memory, delta, within = scalar_update.learn(params, grads, memory, optimizer, lr, mu, (1e6, 1e100))
        expected, expected_memory = optimizers.OPTIMIZERS[optimizer](params, grads, memory, lr, mu)
        assert new.pack() == expected.pack() and within == expected.is_finite_below(1e6)
        assert delta.pack() == network.Params([n - o for n, o in zip(expected.W, params.W)],
                                              [n - o for n, o in zip(expected.b, params.b)]).pack()
        assert list(new_memory) == list(expected_memory)
        for name, value in expected_memory.items():
            assert new_memory[name] == value if name == "t" else [a.tobytes() for a in new_memory[name]] == [
                a.tobytes() for a in value]


def test_the_last_bit_and_the_zero_sign_are_compared(numpy_path, monkeypatch):
    """The comparison above sees a one-ulp change and a −0.0 for +0.0 (so it can fail)."""
    settings = Settings(hidden=(1,), activation="relu")
    monkeypatch.setattr(scalar_passes, "_mul_add", lambda w, x, c: w * x + c)  # rounded twice
    scalar, reference = run_both(numpy_path, Settings(hidden=(2,)), "plain")
    assert scalar != reference
    monkeypatch.undo()
    add_to_zero = scalar_passes._weighted_sums
    monkeypatch.setattr(scalar_passes, "_weighted_sums", lambda W, a, b: [0.0 + z for z in add_to_zero(W, a, b)])
    scalar, reference = run_both(numpy_path, settings, "zeros", seed=3)
    assert scalar != reference


def test_diverging_update_is_refused_alike_and_changes_nothing(numpy_path):
    settings = Settings(lr=5.0, activation="relu", loss="bce", hidden=(8,), seed=1)
    outcomes = []
    for use_numpy in (False, True):
        numpy_path(use_numpy)
        session = Session(settings)
        session.set_value("weight", 900_000.0, layer=1, row=0, col=3)
        with pytest.raises(SessionError) as refused:
            for _ in range(1000):
                before = primary(session)
                session.step()
        assert refused.value.code == "diverged" and primary(session) == before
        outcomes.append((refused.value.details, before))
    assert outcomes[0] == outcomes[1]


def test_the_self_check_accepts_the_scalar_passes_and_refuses_wrong_roundings():
    assert scalar_passes.self_check() is None
    assert "differ" in scalar_passes.self_check(forward=rounded_twice)
    assert "das" in scalar_passes.self_check(backward=hidden_products_plain)


def rounded_twice(params, trace, activation, loss):
    """forward_step with w·x + c rounded twice (Python's a·b + c): not BLAS's fma."""
    original = scalar_passes._mul_add
    scalar_passes._mul_add = lambda w, x, c: w * x + c
    try:
        return scalar_passes.forward_step(params, trace, activation, loss)
    finally:
        scalar_passes._mul_add = original


def hidden_products_plain(params, trace, loss):
    """backward_step with Wᵀ·∂L/∂z as plain products: −0.0 where BLAS's daxpy gives +0.0."""
    layer = len(params.W) - 1 - trace.backward_done
    if layer == len(params.W) - 1:
        return scalar_passes.backward_step(params, trace, loss)
    trace.das[layer] = params.W[layer + 1][0] * trace.dzs[layer + 1][0]
    trace.dzs[layer] = trace.das[layer] * trace.g_primes[layer]
    trace.dW[layer], trace.db[layer] = network.parameter_gradients(trace.dzs[layer], trace.activations[layer])
    trace.to_inputs[layer] = params.W[layer] * trace.dzs[layer][:, None]
    trace.backward_done += 1
    return layer


@pytest.fixture
def refused_self_check(monkeypatch):
    """The self-check as on a machine whose BLAS rounds otherwise; the real answer afterwards."""
    with refusing(monkeypatch, scalar_passes, "case 3 (tanh, mse, 2–2–1): zs differ"):
        yield


def test_a_refused_self_check_keeps_numpys_steps_and_says_why_once(refused_self_check, monkeypatch, caplog):
    caplog.set_level("INFO", logger="app.model.scalar_passes")
    called = []
    monkeypatch.setattr(scalar_passes, "forward_step", lambda *args: called.append(args))
    session = Session(Settings(lr=0.5))
    for _ in range(9):
        session.step()
    assert not called and session.epoch == 0 and session.sample == 3
    assert [r.getMessage() for r in caplog.records] == [
        "scalar passes disabled, NumPy steps kept: case 3 (tanh, mse, 2–2–1): zs differ"]


def test_the_scalar_passes_run_where_they_fit_and_only_there(monkeypatch):
    assert scalar_passes.available()  # the self-check (which calls forward_step too) done first
    calls = []
    original = scalar_passes.forward_step
    monkeypatch.setattr(scalar_passes, "forward_step", lambda *args: calls.append(1) or original(*args))
    for settings, expected in ((Settings(), 2), (Settings(hidden=()), 1), (Settings(hidden=(8,)), 2),
                               (Settings(hidden=(9,)), 0), (Settings(hidden=(2, 2)), 0),
                               (Settings(batch="mini"), 0)):
        calls.clear()
        Session(settings).step()
        assert len(calls) == expected, settings
