"""Numbers a student reads at the extremes, through the protocol, against values computed
independently in many digits (mpmath): a saturated output with the target it saturates toward,
the gradient check at the largest input a student can set, and the check switched on after an
update. Each of these read wrong before: 0 for a loss of 1.66e-35, DISCORDA for a gradient
right to the last digits."""
import json

import mpmath
import pytest

from app.protocol import Conversation


def talk(*messages):
    conversation, reply = Conversation(), None
    for message in messages:
        reply = json.loads(conversation.reply(json.dumps(message)))
        assert reply["type"] == "state", reply
    return reply


def exact(z_out, y, loss):
    """(L, ∂L/∂z_out, |ŷ − y|) in 200 bits, from the textbook formulas."""
    with mpmath.workprec(200):
        z, y = mpmath.mpf(z_out), mpmath.mpf(y)
        y_hat = 1 / (1 + mpmath.exp(-z))
        if loss == "mse":
            value, dz = (y - y_hat) ** 2 / 2, (y_hat - y) * y_hat * (1 - y_hat)
        else:
            value, dz = -(y * mpmath.log(y_hat) + (1 - y) * mpmath.log(1 - y_hat)), y_hat - y
        return float(value), float(dz), float(abs(y_hat - y))


@pytest.mark.parametrize("loss", ["mse", "bce"])
@pytest.mark.parametrize("bias, target", [(33.0, 1.0), (36.0, 1.0), (40.0, 1.0), (-40.0, 0.0), (40.0, 0.0)])
def test_a_saturated_output_reads_its_exact_loss_gradient_and_error(loss, bias, target):
    """`single` (x = [1, 0]) with the output bias set to ±33…40: ŷ rounds to 1 (or 0) and the
    loss, ∂L/∂z_out, the read-outs and |ŷ − y| keep every digit on both sides."""
    state = talk({"op": "configure", "dataset": "single", "loss": loss},
                 {"op": "set", "what": "bias", "layer": 1, "row": 0, "value": bias},
                 {"op": "set", "what": "target", "value": target},
                 {"op": "step"}, {"op": "step"})
    assert state["phase"] == "backward"
    z_out = state["forward"]["z"][-1][0]
    want_loss, want_dz, want_error = exact(z_out, target, loss)
    served = {"forward.loss": (state["forward"]["loss"], want_loss),
              "metrics.loss": (state["metrics"]["loss"], want_loss),
              "backward.dz": (state["backward"]["dz"][-1][0], want_dz),
              "shown.abs_error": (state["shown"]["abs_error"], want_error)}
    if loss == "mse":
        served["metrics.mse"] = (state["metrics"]["mse"], want_loss)
    for name, (value, want) in served.items():
        assert value == pytest.approx(want, rel=1e-12), name
        assert (value == 0) == (want == 0), name


def test_the_gradient_check_agrees_with_a_correct_gradient_at_the_largest_input():
    """A 2–1 network, input x₁ = 100 (the bound of `set`), w₁ = 0.01, y = 0.73: the hand-written
    gradient is right to 1e-13 and the estimate 2e-5 off it, within its own spread."""
    state = talk({"op": "configure", "dataset": "single", "hidden": [], "check_gradients": True},
                 {"op": "set", "what": "input", "index": 0, "value": 100.0},
                 {"op": "set", "what": "weight", "layer": 0, "row": 0, "col": 0, "value": 0.01},
                 {"op": "set", "what": "bias", "layer": 0, "row": 0, "value": 0.0},
                 {"op": "set", "what": "target", "value": 0.73},
                 {"op": "step"}, {"op": "step"})
    check = state["gradcheck"]
    assert check["rel_error_W"][0][0][0] > check["rtol"]  # the estimate's h² term shows
    assert check["spread_W"][0][0][0] >= abs(check["dW"][0][0][0] - state["backward"]["dW"][0][0][0])
    assert check["verdict_W"][0][0][0] == "agrees"
    assert check["verdict"] == "agrees"


@pytest.mark.parametrize("lr", [0.1, 5.0])
def test_the_check_switched_on_after_an_update_checks_the_weights_the_gradient_had(lr):
    """After an update the backward on screen was computed with the weights before it: the check
    turned on then estimates at those weights, so a correct gradient agrees (it read DISCORDA,
    max_rel_error 0.0114 at η 0.1 and 0.345 at η 5)."""
    conversation = Conversation()
    say = lambda message: json.loads(conversation.reply(json.dumps(message)))
    say({"op": "configure", "dataset": "xor", "lr": lr})
    for _ in range(3):
        state = say({"op": "step"})
    assert state["phase"] == "update"
    checked = say({"op": "configure", "check_gradients": True})
    assert checked["gradcheck"]["verdict"] == "agrees", checked["gradcheck"]["max_rel_error"]
    assert checked["backward"] == state["backward"]
