"""The model room: activations, losses, the network's forward and backward, optimisers, init.

Every gradient is checked against central differences computed here, from a forward pass written
here, independently of app/model/gradcheck.py (which is itself checked against this one).
"""
import copy
import math

import mpmath
import warnings

import numpy as np
import pytest

from helpers.walkthrough import walkthrough_by_hand
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from app.model import activations, datasets, gradcheck, losses, network, optimizers, scalar_passes

# When a property fails, Hypothesis imports libcst to suggest a patch, and libcst's import of
# mypy_extensions warns; with filterwarnings = error that would hide the failure behind INTERNALERROR.
pytestmark = pytest.mark.filterwarnings("ignore:mypy_extensions.TypedDict is deprecated:DeprecationWarning")

ACTIVATION_NAMES = ["sigmoid", "tanh", "relu"]
LOSS_NAMES = ["mse", "bce"]
SIZES = [[2, 2, 1], [2, 3, 1], [2, 4, 3, 1]]

H = 1e-6
TOLERANCE = 1e-6

# Central differences of a loss near 0.5 lose about eps·L/h ≈ 1e-10 to rounding in float64, which
# is already 1e-6 of a 1e-4 gradient. The reference loss below is therefore evaluated in long
# double (80-bit on x86-64, 128-bit on aarch64 Linux), so rounding stays far below the tolerance.
EXTENDED = np.longdouble


# ----- an independent reference: forward pass and loss written from the course's formulas ------

REFERENCE_G = {
    "sigmoid": lambda z: 1 / (1 + np.exp(-z)),
    "tanh": np.tanh,
    "relu": lambda z: np.where(z > 0, z, 0 * z),
}


def reference_forward(W, b, x, activation, dtype=np.float64):
    """Every pre-activation z[l] of one example; hidden layers use g, the output a sigmoid."""
    a, zs = np.asarray(x, dtype=dtype), []
    for l in range(len(W)):
        z = np.asarray(W[l], dtype=dtype) @ a + np.asarray(b[l], dtype=dtype)
        zs.append(z)
        a = REFERENCE_G[activation if l < len(W) - 1 else "sigmoid"](z)
    return zs, a[0]


def reference_loss(W, b, x, y, activation, loss, dtype=np.float64):
    _, y_hat = reference_forward(W, b, x, activation, dtype)
    y = dtype(y)
    if loss == "mse":
        return 0.5 * (y - y_hat) ** 2
    return -(y * np.log(y_hat) + (1 - y) * np.log(1 - y_hat))


def finite_differences(params, x, y, activation, loss, h=H):
    """(L(θ+h) − L(θ−h)) / 2h for every parameter, from the reference loss in long double."""
    W = [w.astype(EXTENDED) for w in params.W]
    b = [v.astype(EXTENDED) for v in params.b]
    estimates = []
    for array in W + b:
        estimate = np.zeros(array.shape)
        for index in np.ndindex(array.shape):
            saved = array[index]
            array[index] = saved + EXTENDED(h)
            plus = reference_loss(W, b, x, y, activation, loss, EXTENDED)
            array[index] = saved - EXTENDED(h)
            minus = reference_loss(W, b, x, y, activation, loss, EXTENDED)
            array[index] = saved
            estimate[index] = float((plus - minus) / (2 * EXTENDED(h)))
        estimates.append(estimate)
    n = len(W)
    return network.Params(estimates[:n], estimates[n:])


def relative_errors(analytic, numeric):
    """|a − n| / (|a| + |n|) per parameter; 0 where both are exactly 0 (a dead ReLU unit)."""
    a, n = analytic.flat(), numeric.flat()
    scale = np.abs(a) + np.abs(n)
    return np.divide(np.abs(a - n), scale, out=np.zeros_like(a), where=scale > 0)


def example(sizes, activation, seed):
    """Parameters, x and y for a gradient check; for ReLU no hidden z lies within 1e-3 of a kink
    and every hidden layer keeps a live unit, so the check is meaningful."""
    rng = np.random.default_rng(seed)
    while True:
        params = network.init_params(sizes, rng)
        x, y = rng.uniform(-1.0, 1.0, size=2), float(rng.uniform(0.05, 0.95))
        hidden_zs = reference_forward(params.W, params.b, x, activation)[0][:-1]
        if activation != "relu" or all(np.min(np.abs(z)) > 1e-3 and np.max(z) > 0 for z in hidden_zs):
            return params, x, y


def test_extended_precision_is_available():
    # The gradient checks rely on it; a platform where long double is just double must say so.
    assert np.finfo(EXTENDED).eps < 1e-18


# ----- gradients -------------------------------------------------------------------------------


@pytest.mark.parametrize("sizes", SIZES, ids=lambda s: "-".join(map(str, s)))
@pytest.mark.parametrize("loss", LOSS_NAMES)
@pytest.mark.parametrize("activation", ACTIVATION_NAMES)
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_every_gradient_matches_central_differences(activation, loss, sizes, seed):
    params, x, y = example(sizes, activation, seed)
    value, grads = network.gradients(params, x, y, activation, loss)
    assert value == pytest.approx(float(reference_loss(params.W, params.b, x, y, activation, loss)), rel=1e-12)
    numeric = finite_differences(params, x, y, activation, loss)
    assert grads.flat().shape == params.flat().shape
    assert np.count_nonzero(numeric.flat()) > len(params.b)  # not a vacuous check
    errors = relative_errors(grads, numeric)
    assert errors.max() < TOLERANCE, f"worst relative error {errors.max():.2e} at {errors.argmax()}"


@pytest.mark.parametrize("loss", LOSS_NAMES)
@pytest.mark.parametrize("activation", ACTIVATION_NAMES)
def test_gradcheck_module_agrees_with_our_finite_differences(activation, loss):
    params, x, y = example([2, 4, 3, 1], activation, seed=5)
    before = params.copy()
    estimate, kinks, _spread = gradcheck.numeric_gradients(params, x, y, activation, loss)
    ours = finite_differences(params, x, y, activation, loss)
    np.testing.assert_allclose(estimate.flat(), ours.flat(), rtol=1e-6, atol=1e-9)
    assert not kinks.flat().any()  # the example keeps every ReLU z at least 1e-3 from 0
    assert np.array_equal(params.flat(), before.flat()), "numeric_gradients changed the parameters"


def test_gradcheck_relative_error_formula():
    analytic = np.array([1.0, 0.0, -2.0, 1e-20])
    numeric = np.array([1.5, 0.0, 2.0, 0.0])
    expected = [0.5 / 2.5, 0.0, 4.0 / 4.0, 1e-20 / gradcheck.RESOLUTION]
    np.testing.assert_allclose(gradcheck.relative_error(analytic, numeric), expected, rtol=1e-12)


def verdict_of(analytic, numeric, kink=False):
    return str(gradcheck.verdicts(np.array([analytic]), np.array([numeric]), np.array([kink]), 0.1)[0])


@pytest.mark.parametrize("analytic, numeric, kink, expected", [
    (0.25, 0.25 + 1e-9, False, "agrees"),
    (1e-3, 1e-3 * (1 + 5e-6), False, "agrees"),
    (1e-3, 1.1e-3, False, "disagrees"),
    (0.5, -0.5, False, "disagrees"),
    (1e-13, 3e-11, False, "below_resolution"),  # two numbers of noise: never "disagrees"
    (0.0, 2e-12, False, "below_resolution"),
    (2e-8, 2e-8 + 5e-12, False, "below_resolution"),
    (2e-8, 3e-8, False, "disagrees"),
    (0.0, 0.0, False, "agrees"),
    (0.0, 0.5, True, "kink"),
])
def test_gradient_check_verdicts(analytic, numeric, kink, expected):
    assert verdict_of(analytic, numeric, kink) == expected


def test_a_correct_gradient_below_the_resolution_is_not_called_wrong():
    """Deep saturated sigmoid nets: first-layer gradients of 1e-7 … 1e-19, where the old relative
    error read up to 0.5; every verdict is agrees or below_resolution, never disagrees."""
    found = set()
    for seed in range(6):
        sizes = [2, 3, 3, 3, 1]
        params = network.init_params(sizes, np.random.default_rng(seed))
        params.W = [w * 20 for w in params.W[:-1]] + [params.W[-1]]  # saturate the hidden units
        x, y = np.array([0.9, -0.4]), 0.3
        loss, grads = network.gradients(params, x, y, "sigmoid", "mse")
        estimate, kinks, spread = gradcheck.numeric_gradients(params, x, y, "sigmoid", "mse")
        for a, n, k, s in zip(grads.W + grads.b, estimate.W + estimate.b, kinks.W + kinks.b, spread.W + spread.b):
            found |= {str(v) for v in gradcheck.verdicts(a, n, k, loss, s).ravel()}
    assert found == {"agrees", "below_resolution"}


def test_a_relu_kink_is_named_not_called_wrong():
    """z = 0 exactly on a ReLU unit: analytic 0 (ReLU′(0) = 0), numeric half the slope."""
    params = network.Params([np.array([[1.0, 0.0], [0.5, 0.5]]), np.array([[1.0, 1.0]])],
                            [np.array([-1.0, 0.0]), np.array([0.0])])
    x, y = np.array([1.0, 0.0]), 1.0  # unit 1: z = 1·1 − 1 = 0 exactly
    _, grads = network.gradients(params, x, y, "relu", "mse")
    estimate, kinks, _spread = gradcheck.numeric_gradients(params, x, y, "relu", "mse")
    assert grads.b[0][0] == 0.0 and abs(estimate.b[0][0]) > 1e-3
    assert kinks.b[0][0] and not kinks.b[0][1]
    assert str(gradcheck.verdicts(grads.b[0], estimate.b[0], kinks.b[0], 0.5)[0]) == "kink"


def test_a_wrong_gradient_disagrees():
    params = network.init_params([2, 2, 1], np.random.default_rng(1))
    x, y = np.array([0.3, 0.8]), 1.0
    loss, grads = network.gradients(params, x, y, "tanh", "mse")
    estimate, kinks, spread = gradcheck.numeric_gradients(params, x, y, "tanh", "mse")
    wrong = grads.W[0] * 1.01  # a 1 % bug
    assert set(gradcheck.verdicts(wrong, estimate.W[0], kinks.W[0], loss, spread.W[0]).ravel()) == {"disagrees"}


def _large_input_case():
    """A 2–1 network, x₁ = 100 (the largest input a student can set), w₁ = 0.01, y = 0.73: the
    central difference's h² term is about 1e-6 on a gradient of 0.0208, a relative error of 2e-5."""
    params = network.Params([np.array([[0.01, 0.5]])], [np.array([0.0])])
    x, y = np.array([100.0, 0.0]), 0.73
    loss, grads = network.gradients(params, x, y, "sigmoid", "mse")
    return params, x, y, loss, grads, gradcheck.numeric_gradients(params, x, y, "sigmoid", "mse")


def test_a_correct_gradient_at_the_largest_input_agrees():
    """The analytic ∂L/∂w₁ against mpmath (right to 1e-13), the estimate 2e-5 off it (above
    AGREE_RTOL alone), and the verdict "agrees": the estimate's spread covers its own error."""
    params, x, y, loss, grads, (estimate, kinks, spread) = _large_input_case()
    with mpmath.workprec(200):
        z = mpmath.mpf(100) * mpmath.mpf(0.01)
        s = 1 / (1 + mpmath.exp(-z))
        true = float((s - mpmath.mpf(0.73)) * s * (1 - s) * 100)
    assert abs(grads.W[0][0, 0] - true) <= 1e-13 * abs(true)
    assert gradcheck.relative_error(grads.W[0], estimate.W[0])[0, 0] > gradcheck.AGREE_RTOL  # h² shows
    assert abs(estimate.W[0][0, 0] - true) <= spread.W[0][0, 0]
    assert str(gradcheck.verdicts(grads.W[0], estimate.W[0], kinks.W[0], loss, spread.W[0])[0, 0]) == "agrees"


@pytest.mark.parametrize("bug", [1e-2, 1e-3])
def test_the_spread_does_not_hide_a_wrong_gradient_at_the_largest_input(bug):
    params, x, y, loss, grads, (estimate, kinks, spread) = _large_input_case()
    wrong = grads.W[0] * (1 + bug)
    assert str(gradcheck.verdicts(wrong, estimate.W[0], kinks.W[0], loss, spread.W[0])[0, 0]) == "disagrees"


def test_backward_pass_keeps_every_intermediate_value():
    params, x, y = example([2, 3, 2, 1], "tanh", seed=9)
    result = network.full_pass(params, x, y, "tanh", "mse")
    zs, y_hat = reference_forward(params.W, params.b, x, "tanh")
    for z_model, z_ref in zip(result.zs, zs):
        np.testing.assert_allclose(z_model, z_ref, rtol=1e-12)
    assert result.activations[-1][0] == pytest.approx(y_hat, rel=1e-12)
    # ∂L/∂ŷ = ŷ − y for ½(y − ŷ)², and ∂L/∂a of each hidden layer is W[l+1]ᵀ·dz[l+1]
    assert result.das[-1][0] == pytest.approx(y_hat - y, rel=1e-12)
    for l in range(len(params.W) - 1):
        np.testing.assert_allclose(result.das[l], params.W[l + 1].T @ result.dzs[l + 1], rtol=1e-12)


@pytest.mark.parametrize("loss", LOSS_NAMES)
def test_output_delta_matches_differences_in_the_logit(loss):
    for z_out, y in [(-2.0, 0.0), (0.3, 1.0), (1.7, 0.25)]:
        y_hat = float(activations.sigmoid(z_out))
        _, _, dz = losses.LOSSES[loss](y_hat, y, z_out)
        value = lambda z: float(losses.loss_value(loss, activations.sigmoid(z), y, z))
        numeric = (value(z_out + H) - value(z_out - H)) / (2 * H)
        assert dz == pytest.approx(numeric, rel=1e-7)


def test_cross_entropy_logit_gradient_is_y_hat_minus_y():
    _, dL_dyhat, dz = losses.binary_cross_entropy(0.8, 1.0, math.log(4.0))
    assert dz == pytest.approx(0.8 - 1.0, rel=1e-15)
    assert dL_dyhat == pytest.approx((0.8 - 1.0) / (0.8 * 0.2), rel=1e-12)


# ----- activations -----------------------------------------------------------------------------

SMOOTH_POINTS = np.array([-3.5, -2.5, -0.7, -0.01, 0.0, 0.2, 1.3, 4.0])
RELU_POINTS = np.array([-3.0, -0.5, -0.002, 0.002, 0.8, 5.0])


@pytest.mark.parametrize("name", ACTIVATION_NAMES)
def test_activation_derivative_matches_central_differences(name):
    g, g_prime = activations.ACTIVATIONS[name]
    z = RELU_POINTS if name == "relu" else SMOOTH_POINTS
    numeric = (g(z + H) - g(z - H)) / (2 * H)
    np.testing.assert_allclose(g_prime(z), numeric, rtol=TOLERANCE, atol=0)


@pytest.mark.parametrize("name", ACTIVATION_NAMES)
def test_activation_values_follow_their_formulas(name):
    g, _ = activations.ACTIVATIONS[name]
    expected = {
        "sigmoid": [1 / (1 + math.exp(-z)) for z in SMOOTH_POINTS],
        "tanh": [math.tanh(z) for z in SMOOTH_POINTS],
        "relu": [max(z, 0.0) for z in SMOOTH_POINTS],
    }[name]
    np.testing.assert_allclose(g(SMOOTH_POINTS), expected, rtol=1e-15, atol=0)


def test_relu_derivative_at_zero_is_zero():
    assert activations.relu_prime(np.array([0.0]))[0] == 0.0


@pytest.mark.parametrize("z", [1000.0, -1000.0, 745.0, -745.0, 1e308, -1e308])
def test_sigmoid_is_stable_for_huge_inputs(z):
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # an overflow in exp would be a RuntimeWarning
        value = activations.sigmoid(np.array([z]))[0]
        slope = activations.sigmoid_prime(np.array([z]))[0]
    assert math.isfinite(value) and math.isfinite(slope)
    assert value == (1.0 if z > 0 else pytest.approx(0.0, abs=1e-300))
    assert 0.0 <= slope <= 1e-300


def test_saturated_network_gives_finite_loss_and_gradients():
    params = network.Params([np.full((2, 2), 100.0), np.full((1, 2), 100.0)], [np.zeros(2), np.zeros(1)])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for loss in LOSS_NAMES:
            value, grads = network.gradients(params, np.array([100.0, 100.0]), 0.0, "sigmoid", loss)
            assert math.isfinite(value) and value >= 0
            assert np.all(np.isfinite(grads.flat()))


# ----- the course's hand calculation -----------------------------------------------------------


def walkthrough_by_model():
    W, b = datasets.walkthrough_params()
    params = network.Params(W, b)
    X, Y = datasets.load("passo_a_passo")
    result = network.full_pass(params, X[0], Y[0], "sigmoid", "mse")
    new, _ = optimizers.sgd(params, network.Params(result.dW, result.db), {}, 0.5, 0.9)
    return result, new


def close(model_values, hand_values):
    for m, h in zip(model_values, hand_values):
        np.testing.assert_allclose(np.asarray(m), np.asarray(h), rtol=1e-13, atol=1e-16)


def test_walkthrough_preset_is_the_course_exercise():
    W, b = datasets.walkthrough_params()
    assert [w.tolist() for w in W] == [[[0.15, 0.20], [0.25, 0.30]], [[0.40, 0.45]]]
    assert [v.tolist() for v in b] == [[0.35, 0.35], [0.60]]
    X, Y = datasets.load("passo_a_passo")
    assert X.tolist() == [[0.05, 0.10]] and Y.tolist() == [0.01]


def test_walkthrough_model_matches_the_hand_calculation():
    hand = walkthrough_by_hand()
    result, new = walkthrough_by_model()
    close(result.zs, hand["z"])
    close(result.activations[1:], hand["a"])
    assert result.loss == pytest.approx(hand["loss"], rel=1e-13)
    assert result.das[-1][0] == pytest.approx(hand["dL_dyhat"], rel=1e-13)
    close(result.das, hand["da"])
    close(result.dzs, hand["dz"])
    close(result.dW, hand["dW"])
    close(result.db, hand["db"])
    close(new.W, hand["W_new"])
    close(new.b, hand["b_new"])


def test_walkthrough_matches_the_published_numbers():
    # The published walkthrough has two outputs: its hidden values carry over, and so does every
    # number of its first output o1 (target 0.01, weights w5 = 0.40, w6 = 0.45, bias 0.60).
    result, new = walkthrough_by_model()
    z_hidden, z_out = result.zs
    a_hidden = result.activations[1]
    assert z_hidden[0] == pytest.approx(0.3775, abs=1e-12)            # net_h1
    assert a_hidden[0] == pytest.approx(0.593269992, abs=1e-9)        # out_h1
    assert a_hidden[1] == pytest.approx(0.596884378, abs=1e-9)        # out_h2
    assert z_out[0] == pytest.approx(1.105905967, abs=1e-9)           # net_o1
    assert result.activations[2][0] == pytest.approx(0.75136507, abs=1e-8)   # out_o1
    assert result.loss == pytest.approx(0.274811083, abs=1e-9)        # E_o1
    assert result.das[-1][0] == pytest.approx(0.74136507, abs=1e-8)     # ∂E/∂out_o1
    assert result.dzs[1][0] == pytest.approx(0.138498562, abs=1e-9)   # ∂E/∂net_o1
    assert result.dW[1][0, 0] == pytest.approx(0.082167041, abs=1e-9)  # ∂E/∂w5
    assert result.das[0][0] == pytest.approx(0.055399425, abs=1e-9)   # ∂E_o1/∂out_h1
    assert new.W[1][0, 0] == pytest.approx(0.35891648, abs=1e-8)      # w5⁺
    assert new.W[1][0, 1] == pytest.approx(0.408666186, abs=1e-9)     # w6⁺


# ----- optimisers ------------------------------------------------------------------------------

PARAMS = network.Params([np.array([[0.5, -0.25]])], [np.array([0.1])])
GRADS = [network.Params([np.array([[0.2, -0.4]])], [np.array([0.05])]),
         network.Params([np.array([[-0.1, -0.3]])], [np.array([0.0])])]
LR, MU = 0.1, 0.9


def as_scalars(params):
    return params.flat().tolist()


def by_hand(rule):
    """θ after each of two steps, element by element with Python floats."""
    theta, velocity, m, v, after = as_scalars(PARAMS), [0.0] * 3, [0.0] * 3, [0.0] * 3, []
    for t, grads in enumerate(GRADS, start=1):
        g = as_scalars(grads)
        for i in range(3):
            if rule == "sgd":
                theta[i] -= LR * g[i]
            elif rule == "momentum":
                velocity[i] = MU * velocity[i] + g[i]
                theta[i] -= LR * velocity[i]
            else:
                m[i] = MU * m[i] + (1 - MU) * g[i]
                v[i] = 0.999 * v[i] + 0.001 * g[i] ** 2
                m_hat, v_hat = m[i] / (1 - MU ** t), v[i] / (1 - 0.999 ** t)
                theta[i] -= LR * m_hat / (math.sqrt(v_hat) + 1e-8)
        after.append(list(theta))
    return after


@pytest.mark.parametrize("rule", ["sgd", "momentum", "adam"])
def test_optimizer_two_steps_match_hand_computation(rule):
    expected = by_hand(rule)
    params, memory = PARAMS, optimizers.empty_memory(rule, PARAMS)
    for step, grads in enumerate(GRADS):
        params, memory = optimizers.OPTIMIZERS[rule](params, grads, memory, LR, MU)
        np.testing.assert_allclose(as_scalars(params), expected[step], rtol=1e-14, atol=1e-15)
    if rule == "adam":
        assert memory["t"] == 2


def test_adam_first_step_moves_each_weight_by_lr():
    # With bias correction, the first Adam step is lr·sign(g) (up to ε) whatever |g| is.
    params, _ = optimizers.adam(PARAMS, GRADS[0], optimizers.empty_memory("adam", PARAMS), LR, MU)
    moved = PARAMS.flat() - params.flat()
    np.testing.assert_allclose(moved, LR * np.sign(GRADS[0].flat()), rtol=1e-6)


def test_momentum_accumulates_velocity():
    memory = optimizers.empty_memory("momentum", PARAMS)
    _, memory = optimizers.momentum(PARAMS, GRADS[0], memory, LR, MU)
    _, memory = optimizers.momentum(PARAMS, GRADS[1], memory, LR, MU)
    expected = [MU * g0 + g1 for g0, g1 in zip(as_scalars(GRADS[0]), as_scalars(GRADS[1]))]
    np.testing.assert_allclose(np.concatenate([v.ravel() for v in memory["velocity"]]), expected, rtol=1e-15)


@pytest.mark.parametrize("rule", ["sgd", "momentum", "adam"])
def test_optimizers_never_mutate_their_inputs(rule):
    params, grads = PARAMS.copy(), GRADS[0].copy()
    _, memory = optimizers.OPTIMIZERS[rule](params, grads, optimizers.empty_memory(rule, params), LR, MU)
    saved_params, saved_grads, saved_memory = params.copy(), grads.copy(), copy.deepcopy(memory)
    new, new_memory = optimizers.OPTIMIZERS[rule](params, grads, memory, LR, MU)
    assert params.flat().tobytes() == saved_params.flat().tobytes()
    assert grads.flat().tobytes() == saved_grads.flat().tobytes()
    assert memory.keys() == saved_memory.keys()
    assert memory.get("t") == saved_memory.get("t")
    for key in memory.keys() - {"t"}:
        assert all(np.array_equal(a, b) for a, b in zip(memory[key], saved_memory[key]))
    # The results share no array with the inputs, so a later change to one cannot reach the other.
    inputs = [*params.W, *params.b, *grads.W, *grads.b, *[a for k, v in memory.items() if k != "t" for a in v]]
    outputs = [*new.W, *new.b, *[a for k, v in new_memory.items() if k != "t" for a in v]]
    assert not any(np.shares_memory(o, i) for o in outputs for i in inputs)


# ----- initialisation --------------------------------------------------------------------------


def test_seeded_init_is_reproducible_and_seed_dependent():
    first = network.init_params([2, 3, 2, 1], np.random.default_rng(7))
    again = network.init_params([2, 3, 2, 1], np.random.default_rng(7))
    other = network.init_params([2, 3, 2, 1], np.random.default_rng(8))
    assert first.flat().tobytes() == again.flat().tobytes()
    assert not np.array_equal(first.flat(), other.flat())
    assert np.all(first.flat() >= -1.0) and np.all(first.flat() < 1.0)


# ----- properties ------------------------------------------------------------------------------

hidden_layers = st.lists(st.integers(1, 8), min_size=1, max_size=3)
seeds = st.integers(0, 2**31 - 1)
activation_names = st.sampled_from(ACTIVATION_NAMES)
loss_names = st.sampled_from(LOSS_NAMES)


@settings(max_examples=40)
@given(hidden=hidden_layers, seed=seeds, activation=activation_names, loss=loss_names,
       x=st.tuples(st.floats(-100, 100), st.floats(-100, 100)), y=st.floats(0, 1))
def test_shapes_follow_the_sizes(hidden, seed, activation, loss, x, y):
    sizes = [2, *hidden, 1]
    params = network.init_params(sizes, np.random.default_rng(seed))
    result = network.full_pass(params, np.array(x), y, activation, loss)
    for l in range(len(sizes) - 1):
        assert params.W[l].shape == result.dW[l].shape == (sizes[l + 1], sizes[l])
        assert params.b[l].shape == result.db[l].shape == (sizes[l + 1],)
        assert result.zs[l].shape == result.das[l].shape == result.dzs[l].shape == (sizes[l + 1],)
    assert [a.shape for a in result.activations] == [(n,) for n in sizes]
    X, _ = datasets.load("xor")
    assert network.predict(params, X, activation).shape == (4,)


@settings(max_examples=60)
@given(hidden=hidden_layers, seed=seeds, activation=activation_names, loss=loss_names,
       x=st.tuples(st.floats(-100, 100), st.floats(-100, 100)), y=st.floats(0, 1))
def test_loss_is_finite_and_non_negative(hidden, seed, activation, loss, x, y):
    params = network.init_params([2, *hidden, 1], np.random.default_rng(seed))
    value, grads = network.gradients(params, np.array(x), y, activation, loss)
    assert math.isfinite(value) and value >= 0
    assert np.all(np.isfinite(grads.flat()))
    X, Y = datasets.load("xor")
    total = network.dataset_loss(params, X, Y, activation, loss)
    assert math.isfinite(total) and total >= 0


@settings(max_examples=60)
@given(hidden=hidden_layers, seed=seeds, activation=activation_names, loss=loss_names,
       x=st.tuples(st.floats(-1, 1), st.floats(-1, 1)), y=st.floats(0, 1))
def test_a_small_sgd_step_does_not_raise_the_loss(hidden, seed, activation, loss, x, y):
    params = network.init_params([2, *hidden, 1], np.random.default_rng(seed))
    x = np.array(x)
    if activation == "relu":  # stay away from the kinks, where a step may cross one
        zs = reference_forward(params.W, params.b, x, activation)[0][:-1]
        assume(all(np.min(np.abs(z)) > 1e-2 for z in zs))
    before, grads = network.gradients(params, x, y, activation, loss)
    new, _ = optimizers.sgd(params, grads, {}, 1e-4, 0.0)
    after, _ = network.gradients(new, x, y, activation, loss)
    assert after <= before + 8 * np.finfo(float).eps * before


def seeded_run(sizes, seed, activation, loss, rule):
    params = network.init_params(sizes, np.random.default_rng(seed))
    memory = optimizers.empty_memory(rule, params)
    X, Y = datasets.load("xor")
    for _ in range(3):
        for x, y in zip(X, Y):
            _, grads = network.gradients(params, x, y, activation, loss)
            params, memory = optimizers.OPTIMIZERS[rule](params, grads, memory, 0.5, 0.9)
    return params.flat().tobytes()


@settings(max_examples=25)
@given(hidden=hidden_layers, seed=seeds, activation=activation_names, loss=loss_names,
       rule=st.sampled_from(["sgd", "momentum", "adam"]))
def test_same_seed_gives_the_same_run_bit_for_bit(hidden, seed, activation, loss, rule):
    sizes = [2, *hidden, 1]
    assert seeded_run(sizes, seed, activation, loss, rule) == seeded_run(sizes, seed, activation, loss, rule)


# ----- one backprop: the layer steps serve the full pass, the session and the replay ---------------


@pytest.mark.parametrize("sizes", SIZES, ids=lambda s: "-".join(map(str, s)))
@pytest.mark.parametrize("activation", ACTIVATION_NAMES)
def test_layer_steps_one_at_a_time_equal_the_full_pass(activation, sizes):
    params = network.init_params(sizes, np.random.default_rng(5))
    x, y = np.array([0.3, -0.7]), 1.0
    whole = network.full_pass(params, x, y, activation, "mse")
    trace = network.start_trace(len(sizes) - 1, x, y)
    for expected_layer in range(len(sizes) - 1):
        assert network.forward_step(params, trace, activation, "mse") == expected_layer
    for expected_layer in reversed(range(len(sizes) - 1)):
        assert network.backward_step(params, trace, "mse") == expected_layer
    for name in ("zs", "activations", "g_primes", "das", "dzs", "dW", "db"):
        for mine, theirs in zip(getattr(trace, name), getattr(whole, name)):
            assert mine.tobytes() == theirs.tobytes(), name
    assert trace.loss == whole.loss


@pytest.mark.parametrize("activation", ACTIVATION_NAMES)
def test_g_prime_is_the_activation_derivative_at_z(activation):
    params = network.init_params([2, 4, 3, 1], np.random.default_rng(8))
    trace = network.full_pass(params, np.array([1.5, -2.0]), 0.0, activation, "mse")
    for layer, (z, g_prime) in enumerate(zip(trace.zs, trace.g_primes)):
        name = "sigmoid" if layer == len(trace.zs) - 1 else activation
        step = 1e-6
        g = activations.ACTIVATIONS[name][0]
        numeric = (g(z + step) - g(z - step)) / (2 * step)
        np.testing.assert_allclose(g_prime, numeric, rtol=1e-6, atol=1e-9)


def test_params_pack_and_unpack_bit_for_bit():
    sizes = [2, 3, 2, 1]
    params = network.init_params(sizes, np.random.default_rng(2))
    params.W[0][0, 0] = -0.0
    again = network.Params.unpack(params.pack(), sizes)
    assert again.flat().tobytes() == params.flat().tobytes()
    assert len(params.pack()) == 8 * params.flat().size
    again.W[0][0, 0] = 5.0  # fresh, writable arrays
    assert params.W[0][0, 0] == 0.0


def test_memory_limit_check_sees_non_finite_and_huge_values():
    params = network.init_params([2, 2, 1], np.random.default_rng(0))
    memory = optimizers.empty_memory("adam", params)
    assert optimizers.memory_is_finite_below(memory, 1e100)
    memory["v"][0][0, 0] = math.inf
    assert not optimizers.memory_is_finite_below(memory, 1e100)
    memory["v"][0][0, 0] = 1e101
    assert not optimizers.memory_is_finite_below(memory, 1e100)


# ----- exact at saturation: known answers in many-digit arithmetic (mpmath), not from the code --------


def exact_bce(z, y):
    """(L, ∂L/∂ŷ, σ′(z)) of cross-entropy on a sigmoid from the textbook formulas, in 400 digits
    (1 − ŷ at z = 700 is e^−700: it needs them)."""
    mpmath.mp.dps = 400
    z, y = mpmath.mpf(z), mpmath.mpf(y)
    y_hat = 1 / (1 + mpmath.exp(-z))
    loss = -(y * mpmath.log(y_hat) + (1 - y) * mpmath.log(1 - y_hat))
    dL_dyhat = -y / y_hat + (1 - y) / (1 - y_hat)
    return float(loss), float(dL_dyhat), float(y_hat * (1 - y_hat))


@pytest.mark.parametrize("z, y", [(36.513, 0.0), (-36.513, 1.0), (20.0, 0.0), (-700.0, 1.0), (700.0, 0.0),
                                  (36.513, 0.25), (-5.0, 0.7), (0.0, 1.0)])
def test_cross_entropy_is_exact_at_saturation(z, y):
    loss, dL_dyhat, dz = losses.binary_cross_entropy(float(activations.sigmoid(z)), y, z)
    want_loss, want_dyhat, want_sigma_prime = exact_bce(z, y)
    assert float(loss) == pytest.approx(want_loss, rel=1e-12)
    assert float(dL_dyhat) == pytest.approx(want_dyhat, rel=1e-12)
    sigma_prime = float(activations.sigmoid_prime(z))
    assert sigma_prime == pytest.approx(want_sigma_prime, rel=1e-12)
    # The chain on screen multiplies out: ∂L/∂ŷ · σ′(z) = ∂L/∂z = ŷ − y.
    assert float(dL_dyhat) * sigma_prime == pytest.approx(float(dz), rel=1e-12, abs=1e-300)


def exact_residual_losses(z, y):
    """(ŷ − y, ½(y − ŷ)², cross-entropy, σ′(z)) in 400 digits."""
    with mpmath.workdps(400):
        z, y = mpmath.mpf(z), mpmath.mpf(y)
        y_hat = 1 / (1 + mpmath.exp(-z))
        cross = -(y * mpmath.log(y_hat) + (1 - y) * mpmath.log(1 - y_hat))
        return float(y_hat - y), float((y - y_hat) ** 2 / 2), float(cross), float(y_hat * (1 - y_hat))


# Both sides of saturation: the target where ŷ saturates (ŷ − y tiny: ŷ rounds to 1 from z ≈ 37)
# and the other one; and targets between, near the saturated ŷ too.
SATURATED = [(z, y) for z in (30.0, 36.0, 39.7, 60.0, 700.0) for y in (1.0, 0.0, 0.999, 0.3)]
SATURATED += [(-z, 1.0 - y) for z, y in SATURATED]


@pytest.mark.parametrize("z, y", SATURATED)
def test_both_losses_are_exact_on_both_sides_of_saturation(z, y):
    """L, ∂L/∂ŷ and ∂L/∂z of both losses, in the NumPy forms and on floats (the scalar passes), to
    a few ulps of the 400-digit values: ŷ − y comes from the logit, so where ŷ rounds to 1 a target
    of 1 still gives L = ½e^(−2z), not 0 (the NumPy forms on the shown ŷ, the scalar ones on z)."""
    difference, squared, cross, sigma_prime = exact_residual_losses(z, y)
    y_hat = float(activations.sigmoid(z))
    for loss, want in (("mse", squared), ("bce", cross)):
        value, dL_dyhat, dz = losses.LOSSES[loss](y_hat, y, z)
        want_dz = difference * sigma_prime if loss == "mse" else difference
        assert float(value) == pytest.approx(want, rel=1e-13, abs=1e-300), loss
        assert float(dz) == pytest.approx(want_dz, rel=1e-13, abs=1e-300), loss
        assert float(losses.loss_value(loss, y_hat, y, z)) == float(value)
        if loss == "mse":
            assert float(dL_dyhat) == pytest.approx(difference, rel=1e-13, abs=1e-300)
        scalar_loss = scalar_passes._loss(loss, y_hat, y, z)
        (scalar_dyhat,), (scalar_dz,) = scalar_passes._output_deltas(loss, y_hat, y, z)
        assert (scalar_loss, scalar_dyhat, scalar_dz) == (float(value), float(dL_dyhat), float(dz)), loss


def test_the_curve_point_of_a_saturated_example_is_not_zero():
    """`single` (y = 1) with the output bias at 40: the loss curve's point, from `train`'s buffers
    (model.epoch_loss) and from the session's reference, is ½e^(−2z) to a few ulps, not 0."""
    from app.model.epoch_loss import EpochLosses

    params = network.Params([np.array([[0.0, 0.0]])], [np.array([40.0])])
    X, Y = np.array([[1.0, 0.0], [0.0, 1.0]]), np.array([1.0, 0.0])
    want = [exact_residual_losses(40.0, 1.0)[1], exact_residual_losses(40.0, 0.0)[1]]
    buffered = EpochLosses(params, X, Y, "sigmoid")()
    z = network.predict_logits(params, X, "sigmoid")
    reference = losses.loss_value("mse", activations.sigmoid(z), Y, z)
    assert buffered.tobytes() == reference.tobytes()
    assert buffered[0] == pytest.approx(want[0], rel=1e-13) and buffered[0] > 0
    assert buffered[1] == pytest.approx(want[1], rel=1e-13)


def test_cross_entropy_past_the_float_range_is_infinite_not_nan():
    _, dL_dyhat, dz = losses.binary_cross_entropy(1.0, 0.0, 800.0)
    assert dL_dyhat == math.inf and dz == 1.0
    _, dL_dyhat, _ = losses.binary_cross_entropy(1.0, 1.0, 800.0)
    assert dL_dyhat == pytest.approx(-1.0, rel=1e-15)


@pytest.mark.parametrize("z", [0.0, 0.5, -3.0, 15.0, -36.5, 300.0])
def test_activation_derivatives_are_exact_far_from_zero(z):
    mpmath.mp.dps = 50
    s = 1 / (1 + mpmath.exp(-mpmath.mpf(z)))
    assert float(activations.sigmoid_prime(z)) == pytest.approx(float(s * (1 - s)), rel=1e-13)
    assert float(activations.tanh_prime(z)) == pytest.approx(float(1 / mpmath.cosh(z) ** 2), rel=1e-13, abs=1e-300)


def test_data_set_cross_entropy_uses_the_logit():
    params = network.Params([np.array([[40.0, 0.0]])], [np.array([0.0])])  # a single neuron
    X, Y = np.array([[1.0, 0.0]]), np.array([0.0])  # z = 40, y = 0: ŷ rounds to 1
    assert network.dataset_loss(params, X, Y, "sigmoid", "bce") == pytest.approx(exact_bce(40.0, 0.0)[0], rel=1e-12)


def test_the_gates_of_each_unit_add_up_to_what_the_layer_computed():
    """products[l][i] sums (with b) to z; to_inputs[l] summed over its rows is ∂L/∂a of layer l."""
    from app.model import network

    params = network.Params([np.array([[0.15, 0.20], [0.25, 0.30]]), np.array([[0.40, 0.45]])],
                            [np.array([0.35, 0.35]), np.array([0.60])])
    trace = network.full_pass(params, [0.05, 0.10], 0.01, "sigmoid", "mse")
    for layer in range(2):
        np.testing.assert_allclose(trace.products[layer].sum(axis=1) + params.b[layer], trace.zs[layer], rtol=1e-15)
        np.testing.assert_array_equal(trace.to_inputs[layer], params.W[layer] * trace.dzs[layer][:, None])
    np.testing.assert_allclose(trace.to_inputs[1].sum(axis=0), trace.das[0], rtol=1e-15)
