"""The protocol room: every bad message and the exact sentence the student reads; the state message.

A Conversation is driven with text frames, as the transport would; its answers are parsed strictly
(NaN and Infinity refused). After an error the session must be exactly as before: compared through
its whole snapshot.
"""
import base64
import copy
import json
import math
import re
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.protocol import Conversation
from helpers.curve import follow_curve, follow_examples
from helpers.walkthrough import walkthrough_by_hand
from app.protocol.snapshot import dump

# When a property fails, Hypothesis imports libcst to suggest a patch, and libcst's import of
# mypy_extensions warns; with filterwarnings = error that would hide the failure behind INTERNALERROR.
pytestmark = pytest.mark.filterwarnings("ignore:mypy_extensions.TypedDict is deprecated:DeprecationWarning")


def strict_loads(text):
    def refuse(name):
        raise ValueError(f"the server sent {name}, which is not JSON")

    return json.loads(text, parse_constant=refuse)


def send(conversation, message):
    """One frame in (a dict is encoded as JSON, text and bytes go as they are), one object out."""
    frame = json.dumps(message) if isinstance(message, dict) else message
    answer = conversation.reply(frame)
    assert isinstance(answer, str)
    parsed = strict_loads(answer)
    json.dumps(parsed, allow_nan=False)
    return parsed


def ok(conversation, message):
    answer = send(conversation, message)
    assert answer["type"] == "state", answer
    return answer


def whole(conversation):
    """Everything that an error must leave alone."""
    session = conversation.session
    return dump(session), len(session.undo_stack), conversation.lang


# ----- bad messages: code, field and the exact sentence ----------------------------------------

OPS = "configure, step, forward, backward, update, train, reset, undo, set, snapshot, restore"


def setw(layer, row, col, value=1.0):
    return {"op": "set", "what": "weight", "layer": layer, "row": row, "col": col, "value": value}


def explosive_setup():
    """Messages that bring a session to the brink (see test_session.explosive_session)."""
    messages = [{"op": "configure", "hidden": [2, 2], "activation": "relu", "lr": 10}]
    for layer, (rows, cols) in enumerate([(2, 2), (2, 2), (1, 2)]):
        for row in range(rows):
            for col in range(cols):
                value = (100 if col == 0 else -100) if layer == 2 else 100
                messages.append(setw(layer, row, col, value))
            bias = 0 if layer == 2 else 100
            messages.append({"op": "set", "what": "bias", "layer": layer, "row": row, "value": bias})
    messages += [{"op": "set", "what": "input", "index": i, "value": 100} for i in (0, 1)]
    return messages + [{"op": "step"}, {"op": "step"}]


DEEP = [{"op": "configure", "hidden": [3, 4]}]  # sizes [2, 3, 4, 1]

# (id, setup, frame, code, field, sentence)
BAD_PT = [
    ("not-json", [], "isto não é json {", "bad_json", None, "A mensagem não é um JSON válido."),
    ("empty", [], "", "bad_json", None, "A mensagem não é um JSON válido."),
    ("binary", [], b'{"op": "step"}', "bad_json", None, "A mensagem não é um JSON válido."),
    ("nested-too-deep", [], "[" * 100_000, "bad_json", None, "A mensagem não é um JSON válido."),
    ("array", [], "[1, 2, 3]", "bad_message", None,
     "A mensagem deve ser um objeto JSON com o campo “op” (texto)."),
    ("string", [], '"step"', "bad_message", None,
     "A mensagem deve ser um objeto JSON com o campo “op” (texto)."),
    ("no-op", [], {"epochs": 5}, "bad_message", None,
     "A mensagem deve ser um objeto JSON com o campo “op” (texto)."),
    ("op-number", [], {"op": 7}, "bad_message", None,
     "A mensagem deve ser um objeto JSON com o campo “op” (texto)."),
    ("unknown-op", [], {"op": "fly"}, "unknown_op", "op",
     f"Operação desconhecida: “fly”. As operações são: {OPS}."),
    ("unknown-field", [], {"op": "step", "colour": "red"}, "unknown_field", "colour",
     "A operação “step” não aceita o campo “colour”."),
    ("train-no-epochs", [], {"op": "train"}, "missing_field", "epochs", "Falta o campo “epochs”."),
    ("epochs-0", [], {"op": "train", "epochs": 0}, "out_of_range", "epochs",
     "O campo “epochs” deve estar entre 1 e 1000."),
    ("epochs-1001", [], {"op": "train", "epochs": 1001}, "out_of_range", "epochs",
     "O campo “epochs” deve estar entre 1 e 1000."),
    ("epochs-5001-digits", [], '{"op": "train", "epochs": 1' + "0" * 5000 + "}", "out_of_range", "epochs",
     "O campo “epochs” deve estar entre 1 e 1000."),
    ("lr-minus-5001-digits", [], '{"op": "configure", "lr": -1' + "0" * 5000 + "}", "out_of_range", "lr",
     "O campo “lr” deve estar entre 0,001 e 10."),
    ("epochs-text", [], {"op": "train", "epochs": "5"}, "bad_type", "epochs",
     "O campo “epochs” deve ser um número inteiro."),
    ("epochs-5.5", [], {"op": "train", "epochs": 5.5}, "bad_type", "epochs",
     "O campo “epochs” deve ser um número inteiro."),
    ("epochs-true", [], {"op": "train", "epochs": True}, "bad_type", "epochs",
     "O campo “epochs” deve ser um número inteiro."),
    ("seconds-0", [], {"op": "train", "epochs": 5, "seconds": 0}, "out_of_range", "seconds",
     "O campo “seconds” deve estar entre 0,001 e 1."),
    ("seconds-text", [], {"op": "train", "epochs": 5, "seconds": "0.03"}, "bad_type", "seconds",
     "O campo “seconds” deve ser um número."),
    ("lr-NaN", [], '{"op": "configure", "lr": NaN}', "out_of_range", "lr",
     "O campo “lr” deve ser um número finito."),
    ("lr-Infinity", [], '{"op": "configure", "lr": Infinity}', "out_of_range", "lr",
     "O campo “lr” deve ser um número finito."),
    ("lr--Infinity", [], '{"op": "configure", "lr": -Infinity}', "out_of_range", "lr",
     "O campo “lr” deve ser um número finito."),
    ("lr-1e400", [], '{"op": "configure", "lr": 1e400}', "out_of_range", "lr",
     "O campo “lr” deve ser um número finito."),
    ("lr-text", [], {"op": "configure", "lr": "0.1"}, "bad_type", "lr", "O campo “lr” deve ser um número."),
    ("lr-0", [], {"op": "configure", "lr": 0}, "out_of_range", "lr",
     "O campo “lr” deve estar entre 0,001 e 10."),
    ("lr-11", [], {"op": "configure", "lr": 11}, "out_of_range", "lr",
     "O campo “lr” deve estar entre 0,001 e 10."),
    ("momentum-1", [], {"op": "configure", "momentum": 1}, "out_of_range", "momentum",
     "O campo “momentum” deve estar entre 0 e 0,99."),
    ("softmax", [], {"op": "configure", "activation": "softmax"}, "bad_value", "activation",
     "“softmax” não é um valor válido para “activation”. Valores possíveis: sigmoid, tanh, relu."),
    ("hidden-7-layers", [], {"op": "configure", "hidden": [1] * 7}, "bad_type", "hidden",
     "O campo “hidden” deve ser uma lista de 0 a 6 números inteiros."),
    ("noise-51", [], {"op": "configure", "noise": 51}, "out_of_range", "noise",
     "O campo “noise” deve estar entre 0 e 50."),
    ("points-19", [], {"op": "configure", "points": 19}, "out_of_range", "points",
     "O campo “points” deve estar entre 20 e 400."),
    ("split-text", [], {"op": "configure", "split": "10"}, "bad_type", "split",
     "O campo “split” deve ser um número inteiro."),
    ("spiral-typo", [], {"op": "configure", "dataset": "spirals"}, "bad_value", "dataset",
     "“spirals” não é um valor válido para “dataset”. Valores possíveis: xor, and, or, single, "
     "passo_a_passo, clusters, circle, spiral."),
    ("hidden-9", [], {"op": "configure", "hidden": [9]}, "out_of_range", "hidden",
     "O campo “hidden” deve estar entre 1 e 8."),
    ("hidden-4-layers", [], {"op": "configure", "hidden": [1, 2, 3, 4, 5, 6, 7]}, "bad_type", "hidden",
     "O campo “hidden” deve ser uma lista de 0 a 6 números inteiros."),
    ("hidden-text", [], {"op": "configure", "hidden": "2"}, "bad_type", "hidden",
     "O campo “hidden” deve ser uma lista de 0 a 6 números inteiros."),
    ("seed-negative", [], {"op": "configure", "seed": -1}, "out_of_range", "seed",
     "O campo “seed” deve estar entre 0 e 2147483647."),
    ("detailed-yes", [], {"op": "configure", "detailed": "yes"}, "bad_type", "detailed",
     "O campo “detailed” deve ser verdadeiro ou falso (true/false)."),
    ("lang-fr", [], {"op": "configure", "lang": "fr"}, "bad_value", "lang",
     "“fr” não é um valor válido para “lang”. Valores possíveis: pt-BR, en."),
    ("preset-unknown", [], {"op": "configure", "preset": "outro"}, "bad_value", "preset",
     "“outro” não é um valor válido para “preset”. Valores possíveis: passo_a_passo."),
    ("set-what", [], {"op": "set", "what": "peso", "value": 1}, "bad_value", "what",
     "“peso” não é um valor válido para “what”. Valores possíveis: weight, bias, input, target."),
    ("set-no-value", [], {"op": "set", "what": "target"}, "missing_field", "value", "Falta o campo “value”."),
    ("set-no-col", [], {"op": "set", "what": "weight", "layer": 0, "row": 0, "value": 1}, "missing_field", "col",
     "Falta o campo “col”."),
    ("set-bias-col", [], {"op": "set", "what": "bias", "layer": 0, "row": 0, "col": 0, "value": 1},
     "unknown_field", "col", "A operação “set bias” não aceita o campo “col”."),
    ("layer-2", [], setw(2, 0, 0), "out_of_range", "layer", "O campo “layer” deve estar entre 0 e 1."),
    ("row-2", [], setw(0, 2, 0), "out_of_range", "row", "O campo “row” deve estar entre 0 e 1."),
    ("output-row-1", [], setw(1, 1, 0), "out_of_range", "row", "O campo “row” deve estar entre 0 e 0."),
    ("col-2", [], setw(1, 0, 2), "out_of_range", "col", "O campo “col” deve estar entre 0 e 1."),
    ("deep-layer-3", DEEP, setw(3, 0, 0), "out_of_range", "layer", "O campo “layer” deve estar entre 0 e 2."),
    ("deep-row-4", DEEP, setw(1, 4, 0), "out_of_range", "row", "O campo “row” deve estar entre 0 e 3."),
    ("deep-col-4", DEEP, setw(2, 0, 4), "out_of_range", "col", "O campo “col” deve estar entre 0 e 3."),
    ("deep-col-3", DEEP, setw(1, 0, 3), "out_of_range", "col", "O campo “col” deve estar entre 0 e 2."),
    ("shrunk-row-1", [{"op": "configure", "hidden": [1]}], setw(0, 1, 0), "out_of_range", "row",
     "O campo “row” deve estar entre 0 e 0."),
    ("layer-text", [], setw("0", 0, 0), "bad_type", "layer", "O campo “layer” deve ser um número inteiro."),
    ("value-101", [], setw(0, 0, 0, 101), "out_of_range", "value", "O campo “value” deve estar entre −100 e 100."),
    ("value--101", [], setw(0, 0, 0, -101), "out_of_range", "value", "O campo “value” deve estar entre −100 e 100."),
    ("value-NaN", [], '{"op": "set", "what": "bias", "layer": 0, "row": 0, "value": NaN}', "out_of_range", "value",
     "O campo “value” deve ser um número finito."),
    ("value-bool", [], setw(0, 0, 0, True), "bad_type", "value", "O campo “value” deve ser um número."),
    ("target-1.5", [], {"op": "set", "what": "target", "value": 1.5}, "out_of_range", "value",
     "O campo “value” deve estar entre 0 e 1."),
    ("target--0.1", [], {"op": "set", "what": "target", "value": -0.1}, "out_of_range", "value",
     "O campo “value” deve estar entre 0 e 1."),
    ("input-2", [], {"op": "set", "what": "input", "index": 2, "value": 1}, "out_of_range", "index",
     "O campo “index” deve estar entre 0 e 1."),
    ("restore-nothing", [], {"op": "restore"}, "missing_field", "snapshot", "Falta o campo “snapshot”."),
    ("restore-list", [], {"op": "restore", "snapshot": [1, 2]}, "bad_type", "snapshot",
     "O campo “snapshot” deve ser um objeto JSON."),
    ("undo-fresh", [], {"op": "undo"}, "nothing_to_undo", None, "Não há passo anterior para desfazer."),
    ("undo-after-start", [{"op": "configure", "seed": 4}, {"op": "step"}, {"op": "undo"}], {"op": "undo"},
     "nothing_to_undo", None,
     "Não há passo anterior para desfazer."),
    ("diverged", explosive_setup(), {"op": "update"}, "diverged", None,
     "A rede divergiu: este passo levaria o peso w₁₁⁽²⁾ (camada 2) ao infinito (ou além de 10⁶), "
     "então nada foi aplicado. O que costuma resolver: uma taxa de aprendizado η menor, ligar o corte do "
     "gradiente (clipping) ou outra inicialização (Xavier para sigmoid e tanh, He para ReLU). “Passo anterior” "
     "ou “Reset” voltam a uma rede sã."),
    ("diverged-train", explosive_setup(), {"op": "train", "epochs": 3}, "diverged", None,
     "A rede divergiu: este passo levaria o peso w₁₁⁽²⁾ (camada 2) ao infinito (ou além de 10⁶), "
     "então nada foi aplicado. O que costuma resolver: uma taxa de aprendizado η menor, ligar o corte do "
     "gradiente (clipping) ou outra inicialização (Xavier para sigmoid e tanh, He para ReLU). “Passo anterior” "
     "ou “Reset” voltam a uma rede sã."),
]

BAD_EN = [
    ("not-json", [], "{op", "bad_json", None, "The message is not valid JSON."),
    ("no-op", [], {}, "bad_message", None, "The message must be a JSON object with an “op” field (a string)."),
    ("unknown-field", [], {"op": "undo", "times": 2}, "unknown_field", "times",
     "The operation “undo” does not take the field “times”."),
    ("train-no-epochs", [], {"op": "train"}, "missing_field", "epochs", "The field “epochs” is missing."),
    ("epochs-5001-digits", [], '{"op": "train", "epochs": 1' + "0" * 5000 + "}", "out_of_range", "epochs",
     "The field “epochs” must be between 1 and 1000."),
    ("epochs-text", [], {"op": "train", "epochs": "5"}, "bad_type", "epochs", "The field “epochs” must be a whole number."),
    ("seconds-2", [], {"op": "train", "epochs": 5, "seconds": 2}, "out_of_range", "seconds",
     "The field “seconds” must be between 0.001 and 1."),
    ("lr-0", [], {"op": "configure", "lr": 0}, "out_of_range", "lr", "The field “lr” must be between 0.001 and 10."),
    ("lr-NaN", [], '{"op": "configure", "lr": NaN}', "out_of_range", "lr", "The field “lr” must be a finite number."),
    ("hidden-text", [], {"op": "configure", "hidden": "2"}, "bad_type", "hidden",
     "The field “hidden” must be a list of 0 to 6 whole numbers."),
    ("noise-51", [], {"op": "configure", "noise": 51}, "out_of_range", "noise",
     "The field “noise” must be between 0 and 50."),
    ("points-401", [], {"op": "configure", "points": 401}, "out_of_range", "points",
     "The field “points” must be between 20 and 400."),
    ("split-half", [], {"op": "configure", "split": 12.5}, "bad_type", "split",
     "The field “split” must be a whole number."),
    ("detailed-yes", [], {"op": "configure", "detailed": "yes"}, "bad_type", "detailed",
     "The field “detailed” must be true or false."),
    ("softmax", [], {"op": "configure", "activation": "softmax"}, "bad_value", "activation",
     "“softmax” is not a valid value for “activation”. Possible values: sigmoid, tanh, relu."),
    ("value--101", [], setw(0, 0, 0, -101), "out_of_range", "value", "The field “value” must be between −100 and 100."),
    ("undo-fresh", [], {"op": "undo"}, "nothing_to_undo", None, "There is no previous step to undo."),
    ("update-first", [], {"op": "update"}, "out_of_order", None,
     "Not yet time for update (weight update): the next phase is forward (forward pass)."),
    ("diverged", explosive_setup(), {"op": "step"}, "diverged", None,
     "The network diverged: this step would send the weight w₁₁⁽²⁾ (layer 2) to infinity (or past "
     "10⁶), so nothing was applied. What usually helps: a lower learning rate η, turning on gradient clipping, or "
     "another initialisation (Xavier for sigmoid and tanh, He for ReLU). “Previous step” or “Reset” bring back "
     "a sound network."),
]


def check_bad_message(lang, setup, frame, code, field, sentence):
    conversation = Conversation(lang)
    for message in setup:
        ok(conversation, message)
    before = whole(conversation)
    error = send(conversation, frame)
    assert error["type"] == "error" and error["protocol"] == 2
    assert (error["code"], error["field"]) == (code, field)
    assert error["message"] == sentence
    assert set(error) == {"type", "protocol", "reply_to", "code", "field", "message"}
    assert whole(conversation) == before, "an error changed the session"


@pytest.mark.parametrize("name, setup, frame, code, field, sentence", BAD_PT, ids=[row[0] for row in BAD_PT])
def test_bad_message_portuguese(name, setup, frame, code, field, sentence):
    check_bad_message("pt-BR", setup, frame, code, field, sentence)


@pytest.mark.parametrize("name, setup, frame, code, field, sentence", BAD_EN, ids=[row[0] for row in BAD_EN])
def test_bad_message_english(name, setup, frame, code, field, sentence):
    check_bad_message("en", setup, frame, code, field, sentence)


REPLY_TO = [
    ("not-json", "{", None),
    ("array", "[]", None),
    ("op-number", {"op": 3}, None),
    ("unknown-field", {"op": "step", "colour": "red"}, "step"),
    ("missing-field", {"op": "train"}, "train"),
    ("bad-type", {"op": "train", "epochs": "5"}, "train"),
    ("set-missing-address", {"op": "set", "what": "weight", "value": 1}, "set"),
    ("out-of-order", {"op": "update"}, "update"),
    ("nothing-to-undo", {"op": "undo"}, "undo"),
]


@pytest.mark.parametrize("name, frame, reply_to", REPLY_TO, ids=[row[0] for row in REPLY_TO])
def test_error_reply_to_names_the_op_once_read(name, frame, reply_to):
    # protocol.md: `reply_to` is the op when one could be read, else null.
    assert send(Conversation(), frame)["reply_to"] == reply_to


PT_PHASES = {"forward": "forward (propagação)", "backward": "backward (retropropagação)",
             "update": "update (atualização dos pesos)"}
WRONG_PHASE = [(k, asked, expected) for k, expected in enumerate(["forward", "backward", "update", "forward"])
               for asked in ("forward", "backward", "update") if asked != expected]


@pytest.mark.parametrize("k, asked, expected", WRONG_PHASE)
def test_out_of_order_names_the_next_phase(k, asked, expected):
    setup = [{"op": "configure", "lr": 0.5}] + [{"op": "step"}] * k
    sentence = f"Ainda não é a vez do {PT_PHASES[asked]}: o próximo passo é o {PT_PHASES[expected]}."
    check_bad_message("pt-BR", setup, {"op": asked}, "out_of_order", None, sentence)


def test_lang_can_be_changed_by_configure():
    conversation = Conversation()
    assert ok(conversation, {"op": "configure", "lang": "en"})["config"]["lang"] == "en"
    assert send(conversation, {"op": "undo"})["message"] == "There is no previous step to undo."
    ok(conversation, {"op": "configure", "lang": "pt-BR"})
    assert send(conversation, {"op": "undo"})["message"] == "Não há passo anterior para desfazer."


def test_an_empty_configure_changes_nothing_and_answers_the_state():
    """The page's pause sends it to cut a `train` in flight short: it must not be a move."""
    conversation = Conversation()
    ok(conversation, {"op": "configure", "seed": 5})
    for _ in range(2):
        ok(conversation, {"op": "step"})
    before = whole(conversation)
    state = ok(conversation, {"op": "configure"})
    assert whole(conversation) == before
    assert (state["reply_to"], state["phase"], state["undo_depth"]) == ("configure", "backward", 2)


def test_unknown_lang_in_the_url_means_portuguese():
    assert send(Conversation("fr"), {"op": "undo"})["message"] == "Não há passo anterior para desfazer."


# ----- the state message -----------------------------------------------------------------------

NUMBER = "number"


def is_number(value):
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def check_vector(value, length, nullable=False):
    if value is None and nullable:
        return
    assert isinstance(value, list) and len(value) == length and all(map(is_number, value)), value


def check_matrix(value, rows, cols):
    assert isinstance(value, list) and len(value) == rows
    for row in value:
        check_vector(row, cols)


def check_layers(value, sizes, kind, nullable=False):
    """A list of per-layer values: vectors of sizes[l+1] ('units') or matrices ('weights')."""
    assert isinstance(value, list) and len(value) == len(sizes) - 1
    for l, item in enumerate(value):
        if item is None and nullable:
            continue
        if kind == "units":
            check_vector(item, sizes[l + 1])
        else:
            check_matrix(item, sizes[l + 1], sizes[l])


CONFIG_TYPES = {"lr": NUMBER, "activation": str, "loss": str, "optimizer": str, "momentum": NUMBER,
                "dataset": str, "noise": int, "points": int, "split": int, "batch": str, "batch_size": int,
                "hidden": list, "seed": int, "detailed": bool, "check_gradients": bool, "lang": str,
                "init": str, "clip": NUMBER, "schedule": str, "schedule_period": int, "l1": NUMBER, "l2": NUMBER}
STATE_KEYS = {"type", "protocol", "reply_to", "config", "sizes", "dataset", "epoch", "sample", "steps", "phase",
              "layer", "next", "example", "params", "forward", "backward", "update", "gradcheck", "metrics",
              "history", "undo_depth", "shown", "resume", "boundary", "batch", "lr_now", "units", "gradflow"}


def check_state(state, reply_to, held=None):
    """Every field protocol.md lists, with its type and shape. `held` is what the client keeps
    from earlier states on the same connection ({"dataset", "predictions"}; updated here): a
    null `dataset` or `metrics.predictions` means "unchanged", so the client must hold one."""
    held = {} if held is None else held
    assert set(state) == STATE_KEYS | ({"snapshot"} if reply_to == "snapshot" else set())
    assert (state["type"], state["protocol"], state["reply_to"]) == ("state", 2, reply_to)
    config = state["config"]
    assert set(config) == set(CONFIG_TYPES)
    for name, kind in CONFIG_TYPES.items():
        assert is_number(config[name]) if kind == NUMBER else type(config[name]) is kind, name
    assert config["activation"] in ("sigmoid", "tanh", "relu") and config["loss"] in ("mse", "bce")
    assert config["optimizer"] in ("sgd", "momentum", "adam") and config["lang"] in ("pt-BR", "en")
    sizes = state["sizes"]
    assert sizes == [2, *config["hidden"], 1] and all(type(n) is int for n in sizes)
    n_layers = len(sizes) - 1

    data = held["dataset"] = state["dataset"] or held["dataset"]
    assert set(data) == {"name", "X", "Y", "train", "plane"} and data["name"] == config["dataset"]
    assert type(data["train"]) is int and 1 <= data["train"] <= len(data["Y"]) and len(data["plane"]) == 4
    check_matrix(data["X"], len(data["Y"]), 2)
    check_vector(data["Y"], len(data["X"]))
    for key in ("epoch", "sample", "steps", "undo_depth"):
        assert type(state[key]) is int and state[key] >= 0, key
    assert state["sample"] < data["train"]
    assert state["phase"] in ("idle", "forward", "backward", "update")
    assert state["layer"] is None or (type(state["layer"]) is int and 0 <= state["layer"] < n_layers)
    assert set(state["next"]) == {"phase", "layer"} and state["next"]["phase"] in ("forward", "backward", "update")
    assert state["example"] == {"x": data["X"][state["sample"]], "y": data["Y"][state["sample"]]}
    assert set(state["params"]) == {"W", "b"}
    check_layers(state["params"]["W"], sizes, "weights")
    check_layers(state["params"]["b"], sizes, "units")

    forward = state["forward"]
    if forward is not None:
        assert set(forward) == {"sample", "y", "z", "a", "g_prime", "products", "y_hat", "loss"}
        assert type(forward["sample"]) is int and is_number(forward["y"])
        check_layers(forward["z"], sizes, "units", nullable=True)
        check_layers(forward["products"], sizes, "weights", nullable=True)
        check_layers(forward["g_prime"], sizes, "units", nullable=True)
        assert len(forward["a"]) == len(sizes)
        for k, a in enumerate(forward["a"]):
            check_vector(a, sizes[k], nullable=k > 0)
        assert forward["y_hat"] is None or 0 <= forward["y_hat"] <= 1
        assert forward["loss"] is None or (is_number(forward["loss"]) and forward["loss"] >= 0)
    backward = state["backward"]
    if backward is not None:
        assert set(backward) == {"da", "dz", "dW", "db", "to_inputs"}
        for key, kind in (("da", "units"), ("dz", "units"), ("dW", "weights"), ("db", "units"),
                          ("to_inputs", "weights")):
            check_layers(backward[key], sizes, kind, nullable=True)
    if state["update"] is not None:
        assert set(state["update"]) == {"lr", "clip_factor", "delta_W", "delta_b", "params_before", "used", "penalty_W"}
        check_layers(state["update"]["used"]["W"], sizes, "weights")
        assert 0 < state["update"]["clip_factor"] <= 1
        assert is_number(state["update"]["lr"])
        check_layers(state["update"]["params_before"]["W"], sizes, "weights")
        check_layers(state["update"]["params_before"]["b"], sizes, "units")
        check_layers(state["update"]["delta_W"], sizes, "weights")
        check_layers(state["update"]["delta_b"], sizes, "units")
    gradcheck = state["gradcheck"]
    if gradcheck is not None:
        assert set(gradcheck) == {"dW", "db", "spread_W", "spread_b", "rel_error_W", "rel_error_b", "max_rel_error",
                                  "verdict_W", "verdict_b", "verdict", "step", "rtol", "resolution"}
        verdicts = ("agrees", "disagrees", "below_resolution", "kink")
        assert gradcheck["verdict"] in verdicts
        assert all(v in verdicts for W in gradcheck["verdict_W"] for row in W for v in row)
        for key, kind in (("dW", "weights"), ("db", "units"), ("spread_W", "weights"), ("spread_b", "units"),
                          ("rel_error_W", "weights"), ("rel_error_b", "units")):
            check_layers(gradcheck[key], sizes, kind)
        assert all(s >= 0 for s in leaves(gradcheck["spread_W"] + gradcheck["spread_b"]))
        pairs = zip(leaves(gradcheck["rel_error_W"] + gradcheck["rel_error_b"]),
                    leaves(gradcheck["verdict_W"] + gradcheck["verdict_b"]))
        resolved = [error for error, verdict in pairs if verdict != "below_resolution"]
        assert gradcheck["max_rel_error"] == (max(resolved) if resolved else None)

    metrics = state["metrics"]
    assert set(metrics) == {"loss", "mse", "val_mse", "predictions", "correct", "val_correct", "penalty", "val_best"}
    assert (metrics["val_mse"] is None) == (metrics["val_correct"] is None) == (data["train"] == len(data["Y"]))
    assert (metrics["val_best"] is None) == (metrics["val_mse"] is None)
    if metrics["val_best"] is not None:
        assert type(metrics["val_best"]["epoch"]) is int and 0 <= metrics["val_best"]["epoch"] <= state["epoch"]
        assert is_number(metrics["val_best"]["loss"])
    flow = state["gradflow"]
    assert set(flow) == {"norm_W", "mean_delta", "stride", "from", "points"}
    assert len(flow["norm_W"]) == len(flow["mean_delta"]) == len(sizes) - 1
    assert all(is_number(v) and v >= 0 for v in flow["norm_W"] + flow["mean_delta"])
    assert type(flow["stride"]) is int and flow["stride"] >= 1 and type(flow["from"]) is int
    for epoch, norm_W, mean_delta in flow["points"]:
        assert epoch % flow["stride"] == 0 and len(norm_W) == len(mean_delta) == len(sizes) - 1
    assert is_number(metrics["penalty"]) and metrics["penalty"] >= 0
    assert is_number(metrics["loss"]) and metrics["loss"] >= 0 and is_number(metrics["mse"])
    shown = state["shown"]
    assert set(shown) == {"sample", "x", "y", "y_hat", "abs_error", "under_way"}
    assert type(shown["sample"]) is int and type(shown["under_way"]) is bool
    check_vector(shown["x"], 2)
    assert all(is_number(shown[key]) for key in ("y", "y_hat", "abs_error"))
    assert state["resume"]["format"] == "backprop-passo-a-passo/2"
    assert is_number(state["lr_now"]) and 0 < state["lr_now"] <= config["lr"]
    assert set(state["units"]) == {"dead", "saturated"}
    for marks in state["units"].values():
        assert [len(layer) for layer in marks] == sizes[1:-1] and all(type(m) is bool for l in marks for m in l)
    assert set(state["resume"]["session"]) == {"settings", "params", "memory", "data", "epoch", "sample",
                                               "steps", "progress"}
    predictions = held["predictions"] = metrics["predictions"] or held["predictions"]
    check_vector(predictions, len(data["Y"]))
    assert type(metrics["correct"]) is int and 0 <= metrics["correct"] <= len(data["Y"])
    history = state["history"]
    assert set(history) == {"thin", "from", "points", "examples"} and type(history["from"]) is int
    assert type(history["thin"]) is bool
    for point in history["points"]:
        assert len(point) == (2 if data["train"] == len(data["Y"]) else 3)
        assert type(point[0]) is int and all(is_number(v) for v in point[1:])
    if len(data["Y"]) > 8:
        assert history["examples"] is None
    else:
        assert len(history["examples"]) == len(history["points"])
        for losses in history["examples"]:
            assert losses is None or (len(losses) == len(data["Y"]) and all(0 <= v <= 0.5 for v in losses))
    boundary = state["boundary"]
    if boundary is not None:
        assert set(boundary) == {"size", "plane", "bits", "values", "units", "hidden_space"} and boundary["size"] == 48
        assert boundary["bits"] == 16 and len(base64.b64decode(boundary["values"])) == 48 * 48 * 2
    return state


TOUR = [
    {"op": "configure", "dataset": "xor", "lr": 0.5, "hidden": [3, 2], "detailed": True, "check_gradients": True},
    {"op": "step"}, {"op": "step"}, {"op": "forward"}, {"op": "step"}, {"op": "backward"}, {"op": "step"},
    {"op": "update"}, {"op": "configure", "detailed": False}, {"op": "step"}, {"op": "step"},
    {"op": "configure", "optimizer": "adam", "loss": "bce", "activation": "relu"}, {"op": "train", "epochs": 3},
    {"op": "set", "what": "weight", "layer": 2, "row": 0, "col": 1, "value": -2.5}, {"op": "step"},
    {"op": "set", "what": "target", "value": 0.3}, {"op": "undo"}, {"op": "undo"}, {"op": "snapshot"},
    {"op": "reset"}, {"op": "configure", "preset": "passo_a_passo", "lang": "en"}, {"op": "step"},
]


def test_every_state_has_the_documented_fields_and_types():
    conversation, held = Conversation(), {}
    for message in TOUR:
        check_state(ok(conversation, message), message["op"], held)


def leaves(nested):
    """The numbers (or words) of nested lists, in order."""
    for item in nested:
        if isinstance(item, list):
            yield from leaves(item)
        else:
            yield item


def test_the_largest_relative_error_is_over_the_parameters_the_check_resolves():
    """A deep saturated sigmoid net: one first-layer gradient is below the check's resolution, where
    the figure is |a − n| over the floor 10⁻¹⁰ (1.2×10⁻⁴ here); the largest relative error is that of
    the others (2.2×10⁻⁷), as the page's rows write "—" for the one it cannot resolve."""
    conversation = Conversation()
    ok(conversation, {"op": "configure", "check_gradients": True, "hidden": [8] * 6, "seed": 0})
    ok(conversation, {"op": "step"})
    gradcheck = ok(conversation, {"op": "step"})["gradcheck"]
    pairs = list(zip(leaves(gradcheck["rel_error_W"] + gradcheck["rel_error_b"]),
                     leaves(gradcheck["verdict_W"] + gradcheck["verdict_b"])))
    below = [error for error, verdict in pairs if verdict == "below_resolution"]
    resolved = [error for error, verdict in pairs if verdict != "below_resolution"]
    assert below and resolved and max(below) > 100 * max(resolved)
    assert gradcheck["max_rel_error"] == max(resolved) < 1e-6


def test_values_agree_with_each_other_in_the_state():
    conversation = Conversation()
    configured = ok(conversation, {"op": "configure", "check_gradients": True, "lr": 0.5})
    ok(conversation, {"op": "step"})
    state = ok(conversation, {"op": "step"})
    forward, backward = state["forward"], state["backward"]
    y_hat = forward["y_hat"]
    assert forward["a"][-1] == [y_hat]
    assert state["shown"]["abs_error"] == pytest.approx(abs(y_hat - forward["y"]), rel=1e-12)
    assert (state["shown"]["y_hat"], state["shown"]["y"], state["shown"]["x"]) == (y_hat, forward["y"], forward["a"][0])
    assert forward["loss"] == pytest.approx(0.5 * (forward["y"] - y_hat) ** 2, rel=1e-12)
    assert backward["da"][-1] == [pytest.approx(y_hat - forward["y"], rel=1e-12)]
    gradcheck = state["gradcheck"]
    analytic = [v for W in backward["dW"] for row in W for v in row] + [v for b in backward["db"] for v in b]
    numeric = [v for W in gradcheck["dW"] for row in W for v in row] + [v for b in gradcheck["db"] for v in b]
    assert numeric == pytest.approx(analytic, rel=1e-6, abs=1e-10)
    assert gradcheck["max_rel_error"] < 1e-4
    after = ok(conversation, {"op": "update"})
    for l in range(2):
        for new, old, grad in zip(after["params"]["W"][l], state["params"]["W"][l], backward["dW"][l]):
            assert new == pytest.approx([o - 0.5 * g for o, g in zip(old, grad)], rel=1e-12, abs=1e-15)
    assert (after["forward"]["sample"], after["sample"]) == (0, 1)
    predictions = after["metrics"]["predictions"]  # an update changes them: they come again
    assert after["dataset"] is None  # unchanged since the configure: the client keeps its copy
    Y = configured["dataset"]["Y"]
    mse = sum(0.5 * (y - p) ** 2 for y, p in zip(Y, predictions)) / 4
    assert after["metrics"]["mse"] == pytest.approx(mse, rel=1e-12)
    assert after["metrics"]["correct"] == sum((p > 0.5) == (y > 0.5) for p, y in zip(predictions, Y))


@pytest.mark.parametrize("activation", ["sigmoid", "tanh", "relu"])
def test_the_state_carries_every_number_the_page_shows(activation):
    """g′(z) per unit, the parameters before an update and the example on screen come from the
    server, checked here against formulas written out in the test."""
    conversation = Conversation()
    ok(conversation, {"op": "configure", "activation": activation, "hidden": [3], "lr": 0.5})
    ok(conversation, {"op": "step"})
    ok(conversation, {"op": "step"})  # example 0: x = (0, 0)
    ok(conversation, {"op": "step"})
    ok(conversation, {"op": "step"})  # forward of example 1: x = (0, 1)
    state = ok(conversation, {"op": "step"})
    forward = state["forward"]
    derivative = {
        "sigmoid": lambda z: math.exp(-z) / (1 + math.exp(-z)) ** 2,
        "tanh": lambda z: 1 / math.cosh(z) ** 2,
        "relu": lambda z: 1.0 if z > 0 else 0.0,
    }
    for z, g in zip(forward["z"][0], forward["g_prime"][0]):
        assert g == pytest.approx(derivative[activation](z), rel=1e-12, abs=1e-300)
    assert forward["g_prime"][1][0] == pytest.approx(derivative["sigmoid"](forward["z"][1][0]), rel=1e-12)
    after = ok(conversation, {"op": "update"})
    assert after["update"]["params_before"] == state["params"]
    shown = after["shown"]
    assert (shown["sample"], shown["x"], shown["y"], shown["under_way"]) == (1, [0.0, 1.0], 1.0, False)
    assert shown["y_hat"] == forward["y_hat"] and shown["abs_error"] == abs(forward["y_hat"] - 1.0)
    waiting = ok(conversation, {"op": "undo"})
    # Undo replays the example from the primary state: the update's view is not kept.
    assert waiting["params"] == state["params"] and waiting["backward"] == state["backward"]


def test_before_any_forward_the_shown_output_is_the_prediction():
    state = ok(Conversation(), {"op": "configure"})
    shown = state["shown"]
    assert shown["sample"] == 0 and shown["under_way"] is True
    assert shown["y_hat"] == state["metrics"]["predictions"][0]
    assert shown["abs_error"] == abs(shown["y_hat"] - state["example"]["y"])


def test_no_minus_zero_goes_on_the_wire():
    """A gradient through an input x = 0 is −0.0 in NumPy; JSON has no −0, so it is sent as 0."""
    conversation = Conversation()
    ok(conversation, {"op": "configure"})
    ok(conversation, {"op": "step"})
    text = conversation.reply(json.dumps({"op": "step"}))
    assert not re.search(r"-0(\.0*)?[,\]}]", text) and json.loads(text)["backward"]["dW"][0][0] == [0.0, 0.0]


MINUS_ZERO = re.compile(r"-0(\.0*)?[,\]}]")


@pytest.mark.parametrize("message", [
    '{"op": "configure", "momentum": -0.0}', '{"op": "configure", "clip": -0.0}',
    '{"op": "configure", "l2": -0.0}', '{"op": "configure", "l1": -0.0}',
    '{"op": "set", "what": "weight", "layer": 0, "row": 0, "col": 0, "value": -0.0}',
    '{"op": "set", "what": "target", "value": -0.0}',
], ids=["momentum", "clip", "l2", "l1", "weight", "target"])
def test_a_minus_zero_sent_is_zero(message):
    """JSON text may say −0 (a URL or a file edited by hand): it is 0, so the reply, the snapshot
    and the next step are those of 0, text for text, and no −0 comes back."""
    replies = []
    for value in ("-0.0", "0"):
        conversation = Conversation()
        ok(conversation, {"op": "configure", "momentum": 0.5, "clip": 0.5, "l2": 0.5, "l1": 0.5})
        replies.append([conversation.reply(message.replace("-0.0", value)),
                        conversation.reply('{"op": "snapshot"}'), conversation.reply('{"op": "step"}')])
    assert replies[0] == replies[1]
    assert not any(MINUS_ZERO.search(text) for text in replies[0])


def test_first_answer_before_any_configure():
    state = check_state(ok(Conversation(), {"op": "step"}), "step")
    assert state["history"]["from"] == 0 and len(state["history"]["points"]) == 1


# ----- the loss curve on the wire: history.from ------------------------------------------------


class Client:
    """What a browser keeps of the loss curve: its first `from` points, then the new ones; and
    each point's per-example losses beside them."""

    def __init__(self):
        self.points = []
        self.examples = []

    def apply(self, state):
        self.points = follow_curve(self.points, state["history"])
        self.examples = follow_examples(self.examples, state["history"])


def session_history(conversation):
    return [[int(e), float(loss)] for e, loss in conversation.session.history]


def session_examples(conversation):
    examples = [getattr(p, "examples", None) for p in conversation.session.history]
    return [None if e is None else list(e) for e in examples]


MOVES = st.one_of(
    st.just({"op": "step"}),
    st.just({"op": "undo"}),
    st.just({"op": "reset"}),
    st.just({"op": "snapshot"}),
    st.just({"op": "restore"}),  # of the last snapshot, filled in below
    st.builds(lambda n: {"op": "train", "epochs": n}, st.integers(1, 12)),
    st.builds(lambda seed: {"op": "configure", "seed": seed}, st.integers(0, 3)),
    st.builds(lambda lr: {"op": "configure", "lr": lr}, st.sampled_from([0.1, 0.5, 1.0])),
    st.builds(lambda v: {"op": "set", "what": "weight", "layer": 0, "row": 0, "col": 0, "value": v},
              st.floats(-3, 3)),
)


@settings(max_examples=60)
@given(moves=st.lists(MOVES, min_size=1, max_size=25), dataset=st.sampled_from(["xor", "single"]))
def test_client_reconstruction_of_the_loss_curve(moves, dataset):
    conversation, client, saved = Conversation(), Client(), None
    client.apply(ok(conversation, {"op": "configure", "dataset": dataset}))
    for move in moves:
        if move["op"] == "restore":
            if saved is None:
                continue
            move = {"op": "restore", "snapshot": saved}
        answer = send(conversation, move)
        if answer["type"] == "error":
            assert answer["code"] == "nothing_to_undo"
            continue
        if move["op"] == "snapshot":
            saved = answer["snapshot"]
        if move["op"] == "restore":
            assert answer["history"]["from"] == 0
        client.apply(answer)
        assert client.points == session_history(conversation)
        assert client.examples == session_examples(conversation)


def test_a_thinned_curve_is_thinned_by_the_client_too():
    conversation, client = Conversation(), Client()
    client.apply(ok(conversation, {"op": "configure", "dataset": "single"}))
    answers = []
    for _ in range(11):
        answer = ok(conversation, {"op": "train", "epochs": 1000})
        answers.append(answer["history"])
        client.apply(answer)
        assert client.points == session_history(conversation)
    assert [h["from"] for h in answers[:9]] == [1 + 1000 * i for i in range(9)]  # only the new points
    assert [h["thin"] for h in answers] == [False] * 9 + [True, False]
    # The thinning answer: the client's 9,001 points become 4,501, then 500 new points follow.
    assert (answers[9]["from"], len(answers[9]["points"])) == (4_501, 500)
    assert client.points[-1][0] == 11_000 and len(client.points) == 6_001
    assert client.examples == session_examples(conversation) and all(e is not None for e in client.examples)
    answer = ok(conversation, {"op": "undo"})  # the last train: the client keeps a prefix
    assert (answer["history"]["from"], answer["history"]["points"]) == (5_001, [])
    client.apply(answer)
    assert client.points == session_history(conversation) and client.points[-1][0] == 10_000
    answer = ok(conversation, {"op": "undo"})  # back across the thinning: the whole curve again
    assert (answer["history"]["thin"], answer["history"]["from"]) == (False, 0)
    client.apply(answer)
    assert client.points == session_history(conversation) and client.points[-1][0] == 9_000
    assert client.examples == session_examples(conversation)


def test_steps_across_the_thinning_stay_small():
    conversation, client = Conversation(), Client()
    client.apply(ok(conversation, {"op": "configure"}))
    # The first forward, backward and update replies, each the size its phase starts at.
    first = [len(without_boundary(conversation.reply(json.dumps({"op": "step"})))) for _ in range(3)]
    conversation.reply(json.dumps({"op": "undo"}))
    conversation.reply(json.dumps({"op": "undo"}))
    client.apply(ok(conversation, {"op": "undo"}))
    for _ in range(9):
        client.apply(ok(conversation, {"op": "train", "epochs": 1000}))
    client.apply(ok(conversation, {"op": "train", "epochs": 999}))
    for step in range(15):  # four epochs of XOR: the curve passes 10,000 points and is thinned
        text = conversation.reply(json.dumps({"op": "step"}))
        assert len(without_boundary(text)) < 1.5 * first[step % 3], (step, len(text), first)
        client.apply(json.loads(text))
        assert client.points == session_history(conversation)
    assert len(client.points) < 6_000


def without_boundary(text):
    """A reply's text without its boundary grid (a fixed 3,072 characters when sent)."""
    state = json.loads(text)
    boundary = state.pop("boundary")
    assert boundary is None or len(boundary["values"]) == 6144  # plus the unit maps, as big as the net
    return json.dumps(state, separators=(",", ":"))


def test_random_sequence_after_restore_starts_the_curve_over():
    conversation, client = Conversation(), Client()
    client.apply(ok(conversation, {"op": "train", "epochs": 4}))
    snap = ok(conversation, {"op": "snapshot"})["snapshot"]
    client.apply(ok(conversation, {"op": "train", "epochs": 4}))
    answer = ok(conversation, {"op": "restore", "snapshot": snap})
    assert answer["history"]["from"] == 0 and [p[0] for p in answer["history"]["points"]] == [0, 1, 2, 3, 4]
    client.apply(answer)
    rng = random.Random(5)
    for _ in range(40):
        answer = send(conversation, rng.choice([{"op": "step"}, {"op": "undo"}, {"op": "train", "epochs": 2}]))
        if answer["type"] == "state":
            client.apply(answer)
    assert client.points == session_history(conversation)


# ----- the course's preset ---------------------------------------------------------------------

WALKTHROUGH = {"W": [[[0.15, 0.2], [0.25, 0.3]], [[0.4, 0.45]]], "b": [[0.35, 0.35], [0.6]]}


def check_walkthrough_start(state, lr=0.5, held=None):
    """`held`: the data set the client holds from earlier states (a null `dataset` is unchanged)."""
    assert state["params"] == WALKTHROUGH
    assert state["config"]["lr"] == lr
    assert {k: state["config"][k] for k in ("dataset", "activation", "loss", "optimizer", "hidden")} == {
        "dataset": "passo_a_passo", "activation": "sigmoid", "loss": "mse", "optimizer": "sgd", "hidden": [2]}
    data = state["dataset"] or held
    assert data["X"] == [[0.05, 0.1]] and data["Y"] == [0.01]
    assert (state["epoch"], state["sample"], state["phase"]) == (0, 0, "idle")


def test_preset_gives_the_walkthrough():
    conversation = Conversation()
    check_walkthrough_start(ok(conversation, {"op": "configure", "preset": "passo_a_passo"}))
    state = ok(conversation, {"op": "step"})
    assert state["forward"]["a"][1] == [pytest.approx(0.593269992, abs=1e-9), pytest.approx(0.596884378, abs=1e-9)]
    assert state["forward"]["y_hat"] == pytest.approx(0.75136507, abs=1e-8)
    assert state["forward"]["loss"] == pytest.approx(0.274811083, abs=1e-9)
    ok(conversation, {"op": "step"})
    state = ok(conversation, {"op": "step"})
    assert state["params"]["W"][1][0] == [pytest.approx(0.35891648, abs=1e-8), pytest.approx(0.408666186, abs=1e-9)]
    assert state["epoch"] == 1


def test_preset_fields_in_the_same_message_come_after_it():
    state = ok(Conversation(), {"op": "configure", "preset": "passo_a_passo", "lr": 0.25})
    check_walkthrough_start(state, lr=0.25)


@pytest.mark.parametrize("before", [
    [{"op": "configure", "preset": "passo_a_passo"}, {"op": "train", "epochs": 2}],
    [{"op": "configure", "preset": "passo_a_passo"}, {"op": "configure", "activation": "tanh"},
     {"op": "train", "epochs": 1}],
    [{"op": "configure", "preset": "passo_a_passo"}, {"op": "set", "what": "bias", "layer": 1, "row": 0, "value": 3}],
], ids=["after-training", "after-changing-activation", "after-set"])
def test_preset_always_starts_over_from_the_walkthrough(before):
    # protocol.md: preset "passo_a_passo" … "starts over from the walkthrough's weights".
    conversation, held = Conversation(), None
    for message in before:
        held = ok(conversation, message)["dataset"] or held
    check_walkthrough_start(ok(conversation, {"op": "configure", "preset": "passo_a_passo"}), held=held)


def test_preset_first_forward_backward_update_match_the_hand_calculation():
    hand = walkthrough_by_hand()
    conversation = Conversation()
    ok(conversation, {"op": "configure", "preset": "passo_a_passo"})
    exact = lambda value: pytest.approx(value, rel=1e-12, abs=1e-15)

    forward = ok(conversation, {"op": "forward"})["forward"]
    assert forward["z"] == [[exact(v) for v in row] for row in hand["z"]]
    assert forward["a"][1:] == [[exact(v) for v in row] for row in hand["a"]]
    assert (forward["y_hat"], forward["loss"]) == (exact(hand["y_hat"]), exact(hand["loss"]))

    backward = ok(conversation, {"op": "backward"})["backward"]
    for name in ("da", "dz", "db"):
        assert backward[name] == [[exact(v) for v in row] for row in hand[name]], name
    assert backward["dW"] == [[[exact(v) for v in row] for row in layer] for layer in hand["dW"]]

    state = ok(conversation, {"op": "update"})
    assert state["params"]["W"] == [[[exact(v) for v in row] for row in layer] for layer in hand["W_new"]]
    assert state["params"]["b"] == [[exact(v) for v in row] for row in hand["b_new"]]
    old_v1 = 0.40
    assert state["update"]["delta_W"][1][0][0] == exact(hand["W_new"][1][0][0] - old_v1)


# ----- review findings: set-up, the update's own η, layers, text that cannot be encoded ---------


def test_the_pages_first_configure_is_its_set_up_not_an_undoable_action():
    conversation = Conversation()
    assert ok(conversation, {"op": "configure", "dataset": "and", "lr": 0.5})["undo_depth"] == 0
    assert ok(conversation, {"op": "configure", "activation": "tanh"})["undo_depth"] == 1
    assert ok(conversation, {"op": "undo"})["config"]["dataset"] == "and"


def test_a_restore_on_a_new_connection_is_not_undoable():
    first = Conversation()
    ok(first, {"op": "step"})
    snap = ok(first, {"op": "snapshot"})["snapshot"]
    resumed = Conversation()
    assert ok(resumed, {"op": "restore", "snapshot": snap})["undo_depth"] == 0


def test_the_update_reports_the_learning_rate_it_used():
    conversation = Conversation()
    ok(conversation, {"op": "configure", "preset": "passo_a_passo"})
    for _ in range(3):
        ok(conversation, {"op": "step"})
    state = ok(conversation, {"op": "configure", "lr": 0.2})
    assert state["phase"] == "update" and state["update"]["lr"] == 0.5
    assert state["config"]["lr"] == 0.2


def test_leaving_detailed_mode_forgets_the_layer():
    conversation = Conversation()
    ok(conversation, {"op": "configure", "detailed": True})
    assert ok(conversation, {"op": "step"})["layer"] == 0
    state = ok(conversation, {"op": "configure", "detailed": False})
    assert (state["phase"], state["layer"], state["next"]) == ("forward", None, {"phase": "forward", "layer": None})


@pytest.mark.parametrize("text, expected", [
    ('{"op": "\\ud800"}', "Operação desconhecida: “\ufffd”."),
    ('{"op": "step", "\\udfff": 1}', "A operação “step” não aceita o campo “\ufffd”."),
    ('{"op": "configure", "activation": "\\ud800"}', "“\ufffd” não é um valor válido para “activation”."),
], ids=["op", "field", "value"])
def test_a_lone_surrogate_is_echoed_as_a_replacement_character(text, expected):
    conversation = Conversation()
    before = json.dumps(dump(conversation.session))
    answer = conversation.reply(text)
    answer.encode("utf-8")  # a lone surrogate here would make the frame unsendable
    assert json.loads(answer)["message"].startswith(expected)
    assert json.dumps(dump(conversation.session)) == before


@pytest.mark.parametrize("field", ["lr", "seed", "momentum"])
def test_an_integer_too_large_for_a_float_is_out_of_range(field):
    answer = json.loads(Conversation().reply('{"op": "configure", "%s": 1%s}' % (field, "0" * 400)))
    assert (answer["code"], answer["field"]) == ("out_of_range", field)


def test_cross_entropy_past_the_float_range_sends_null_not_an_error():
    """∂L/∂ŷ of cross-entropy at z_out ≈ 2000 is e^2000: no float holds it, so it travels as null
    while ∂L/∂z = ŷ − y and everything else stay exact."""
    conversation = Conversation()
    snapshot = ok(conversation, {"op": "configure", "loss": "bce", "dataset": "single"})["resume"]
    snapshot["session"]["params"]["W"][1] = [[1000.0, 1000.0]]
    snapshot["session"]["data"] = {"X": [[1.0, 0.0]], "Y": [0.0]}  # y = 0: ∂L/∂ŷ = 1 + e^z
    snapshot["session"]["history"] = [[0, 0.5]]
    fresh = Conversation()
    ok(fresh, {"op": "restore", "snapshot": snapshot})
    forward = ok(fresh, {"op": "step"})["forward"]
    assert forward["z"][1][0] > 709 and forward["y_hat"] == 1.0
    backward = ok(fresh, {"op": "step"})["backward"]
    assert backward["da"][1] == [None] and backward["dz"][1] == [1.0]
    assert ok(fresh, {"op": "update"})["params"]["b"][1] == [pytest.approx(-0.1 + snapshot["session"]["params"]["b"][1][0])]


# ----- the steady parts a conversation keeps between replies ------------------------------------

STEADY_SEQUENCE = [
    {"op": "configure", "seed": 3}, {"op": "step"}, {"op": "step"}, {"op": "step"},
    setw(0, 1, 0, 0.25), {"op": "step"}, {"op": "set", "what": "input", "index": 1, "value": 0.75},
    {"op": "step"}, {"op": "set", "what": "target", "value": 0.5}, {"op": "undo"}, {"op": "undo"},
    {"op": "configure", "lang": "en"}, {"op": "step"}, {"op": "configure", "activation": "tanh"},
    {"op": "train", "epochs": 3}, {"op": "configure", "lr": 0.7}, {"op": "reset"},
    {"op": "configure", "dataset": "circle", "points": 40, "hidden": [3, 2]}, {"op": "step"},
    {"op": "configure", "noise": 30}, {"op": "snapshot"}, {"op": "step"}, {"op": "step"},
]


def test_the_steady_parts_kept_between_replies_are_never_stale():
    """Every reply equals the state message built afresh from the session (the conversation keeps
    its configuration, data set, parameters, metrics, units and part of `resume` between replies,
    already encoded: a forward or backward step reuses them, anything that changes the settings,
    the data, the weights or the language rebuilds them)."""
    from app.model.gradflow import layer_sizes
    from app.protocol.state import state_message

    conversation = Conversation()
    snapshot, held = None, {}
    for message in STEADY_SEQUENCE + [{"op": "restore"}, {"op": "step"}]:
        if message["op"] == "restore":
            message = {"op": "restore", "snapshot": snapshot}
        state = ok(conversation, message)
        snapshot = state.pop("snapshot", snapshot)
        fresh = state_message(conversation.session, message["op"], conversation.lang,
                              state["history"]["from"], state["history"]["thin"])
        state.pop("boundary")  # sent only when it changed: tests/test_lab.py follows it
        # The flow series goes as far as the client lacks (tests/test_gradflow.py follows it);
        # the current figures must be those of the weights now.
        flow, session = state.pop("gradflow"), conversation.session
        n = session.n_train
        norm_W, mean_delta = layer_sizes(session.params, session.X[:n], session.Y[:n],
                                         session.settings.activation, session.settings.loss)
        assert (flow["norm_W"], flow["mean_delta"]) == (norm_W, mean_delta), message
        # A null data set or ŷ means "unchanged": the client's copy, as the page keeps it, must be right.
        held["dataset"] = state["dataset"] = state["dataset"] or held["dataset"]
        predictions = state["metrics"]["predictions"]
        held["ŷ"] = state["metrics"]["predictions"] = held["ŷ"] if predictions is None else predictions
        assert state == json.loads(json.dumps(fresh)), message
    reused = conversation._steady.of(conversation.session, conversation.lang)
    assert conversation.session.last[0] == "forward"
    ok(conversation, {"op": "step"})  # backward: same weights, same data
    assert conversation._steady.of(conversation.session, conversation.lang) is reused
    ok(conversation, {"op": "step"})  # update: new weights
    assert conversation._steady.of(conversation.session, conversation.lang) is not reused


def forgetful(conversation):
    """The same conversation (session, language, what its client holds of every part) with
    nothing kept between replies: its next answer is the message built afresh."""
    from app.protocol.passes import EncodedPasses
    from app.protocol.steady import SteadyParts

    clone = copy.deepcopy(conversation)
    clone._steady, clone._passes = SteadyParts(lambda message: clone._encode(message)), EncodedPasses()
    return clone


def answer_as_afresh(conversation, message):
    """Send one message; the text must be the very text a conversation keeping nothing writes."""
    fresh = forgetful(conversation)
    frame = json.dumps(message) if isinstance(message, dict) else message
    text = conversation.reply(frame)
    assert text == fresh.reply(frame), message
    answer = strict_loads(text)
    if answer["type"] == "state":  # and each pass is the one its builder writes, −0 and all
        from app.protocol.passes import PASSES, pass_message

        for name in PASSES:
            assert json.dumps(answer[name]) == json.dumps(pass_message(name, conversation.session.example)), name
    return answer


SETTINGS_MOVES = [
    {"lang": "en"}, {"lang": "pt-BR"}, {"activation": "tanh"}, {"activation": "relu"}, {"loss": "bce"},
    {"optimizer": "momentum"}, {"optimizer": "adam"}, {"detailed": True}, {"detailed": False},
    {"check": True}, {"batch": "mini", "batch_size": 3}, {"batch": "full"}, {"batch": "online"},
    {"split": 25}, {"l2": 0.01, "l1": 0.001}, {"clip": 0.5}, {"schedule": "step", "period": 2},
    {"hidden": [3, 2]}, {"hidden": []}, {"dataset": "circle", "points": 24}, {"dataset": "and"},
    {"seed": 5}, {"lr": 2.0}, {"preset": "passo_a_passo"},
]
# The keys of SETTINGS_MOVES as configure reads them: `check` is check_gradients, `period` the schedule's.
ANY_MOVE = st.one_of(
    st.sampled_from([{"op": "step"}] * 6 + [{"op": "forward"}, {"op": "backward"}, {"op": "update"},
                                             {"op": "undo"}, {"op": "reset"}, {"op": "snapshot"}, {"op": "restore"}]),
    st.builds(lambda n: {"op": "train", "epochs": n}, st.integers(1, 4)),
    st.builds(lambda fields: {"op": "configure", **fields}, st.sampled_from(SETTINGS_MOVES)),
    st.builds(lambda layer, row, v: {"op": "set", "what": "weight", "layer": layer, "row": row, "col": 0, "value": v},
              st.integers(0, 1), st.integers(0, 1), st.sampled_from([-0.0, 0.0, -1.5, 2.25])),
    st.builds(lambda what, v: {"op": "set", "what": what, "value": v}, st.sampled_from(["target"]),
              st.sampled_from([0.0, 0.5, 1.0])),
    st.builds(lambda i, v: {"op": "set", "what": "input", "index": i, "value": v},
              st.integers(0, 1), st.sampled_from([-0.0, 0.0, 0.75, -2.0])),
)


def test_every_reply_of_the_steady_sequence_is_the_text_built_afresh():
    conversation, snapshot = Conversation(), None
    for message in STEADY_SEQUENCE + [{"op": "restore"}, {"op": "step"}, {"op": "step"}, {"op": "step"}]:
        if message["op"] == "restore":
            message = {"op": "restore", "snapshot": snapshot}
        snapshot = answer_as_afresh(conversation, message).get("snapshot", snapshot)


@settings(max_examples=40, deadline=None)
@given(moves=st.lists(ANY_MOVE, min_size=1, max_size=30))
def test_any_sequence_of_messages_is_answered_with_the_text_built_afresh(moves):
    """Every phase, every op, errors included, after undo, restore, set, configure, in both languages."""
    conversation, snapshot = Conversation(), None
    answer_as_afresh(conversation, {"op": "configure", "seed": 3})
    for move in moves:
        if move["op"] == "restore":
            if snapshot is None:
                continue
            move = {"op": "restore", "snapshot": snapshot}
        snapshot = answer_as_afresh(conversation, move).get("snapshot", snapshot)


def test_a_restored_curve_with_the_same_weights_gets_its_own_best_validation_loss():
    """The steady parts follow the loss curve too: the metrics' val_best is the curve's."""
    conversation = Conversation()
    snapshot = answer_as_afresh(conversation, {"op": "configure", "split": 25, "seed": 3})
    snapshot = answer_as_afresh(conversation, {"op": "snapshot"})["snapshot"]
    history = snapshot["session"]["history"]
    assert len(history) == 1 and len(history[0]) == 3  # epoch, training MSE, validation MSE
    for best in (0.125, 0.0625):
        snapshot["session"]["history"] = [[0, 0.25, 0.25], [1, 0.25, best], [2, 0.25, 0.25]]
        snapshot["session"]["epoch"] = 2
        state = answer_as_afresh(conversation, {"op": "restore", "snapshot": snapshot})
        assert state["metrics"]["val_best"] == {"epoch": 1, "loss": best}


# ----- the bulky parts go out only when they changed ------------------------------------------


def test_the_data_set_and_predictions_come_only_when_they_changed():
    conversation = Conversation()
    first = ok(conversation, {"op": "configure", "dataset": "clusters", "points": 400})
    assert len(first["dataset"]["X"]) == 400 and len(first["metrics"]["predictions"]) == 400
    forward = ok(conversation, {"op": "step"})
    assert forward["dataset"] is None and forward["metrics"]["predictions"] is None  # a forward changes no weight
    assert ok(conversation, {"op": "step"})["metrics"]["predictions"] is None  # nor does a backward
    update = ok(conversation, {"op": "step"})
    assert update["dataset"] is None
    session = conversation.session
    assert update["metrics"]["predictions"] == session.predictions().tolist()
    assert update["metrics"]["predictions"] != first["metrics"]["predictions"]
    edited = ok(conversation, {"op": "set", "what": "input", "index": 0, "value": 2.5})
    assert edited["dataset"]["X"] == session.X.tolist() and edited["dataset"]["X"][1][0] == 2.5
    assert edited["metrics"]["predictions"] == session.predictions().tolist()  # an edited example, a new ŷ
    back = ok(conversation, {"op": "undo"})
    assert back["dataset"] == first["dataset"]  # the client holds the edited copy: the original comes again
    other = ok(conversation, {"op": "configure", "split": 20})
    assert other["dataset"]["train"] == 320 and other["dataset"]["X"] == first["dataset"]["X"]


def test_a_new_connection_gets_everything_in_its_first_state():
    conversation = Conversation()
    ok(conversation, {"op": "configure", "dataset": "circle"})
    ok(conversation, {"op": "step"})
    snapshot = ok(conversation, {"op": "snapshot"})["snapshot"]
    resumed = ok(Conversation(), {"op": "restore", "snapshot": snapshot})
    assert resumed["dataset"]["X"] == conversation.session.X.tolist()
    assert resumed["metrics"]["predictions"] == conversation.session.predictions().tolist()


def test_a_reply_that_fails_to_encode_leaves_the_client_holding_what_it_held(monkeypatch):
    """The held copies move only when a state went out: after an internal error the next state
    still carries the data set the failed one would have brought."""
    conversation = Conversation()
    ok(conversation, {"op": "configure", "dataset": "xor"})
    real_encode = Conversation._encode
    monkeypatch.setattr(Conversation, "_encode", staticmethod(
        lambda message: real_encode(message) if message["type"] == "error" else real_encode({"x": math.nan})))
    failed = json.loads(conversation.reply(json.dumps({"op": "configure", "dataset": "and"})))
    assert failed["code"] == "internal"
    monkeypatch.setattr(Conversation, "_encode", staticmethod(real_encode))
    assert ok(conversation, {"op": "configure", "dataset": "and"})["dataset"]["Y"] == [0, 0, 0, 1]


def test_example_losses_are_not_in_a_snapshot_and_start_again_after_a_restore():
    """Past per-example losses cannot be recomputed from a snapshot's primary state (the weights
    of past epochs are gone) and would make a long curve's snapshot too large for one frame:
    a restored curve has none, and the lines begin again at the next epoch."""
    conversation = Conversation()
    ok(conversation, {"op": "configure", "dataset": "and"})
    trained = ok(conversation, {"op": "train", "epochs": 3})
    assert len(trained["history"]["examples"]) == 3 and all(len(e) == 4 for e in trained["history"]["examples"])
    snapshot = ok(conversation, {"op": "snapshot"})["snapshot"]
    assert all(len(point) == 2 for point in snapshot["session"]["history"])
    restored = Conversation()
    answer = ok(restored, {"op": "restore", "snapshot": snapshot})
    assert answer["history"]["examples"] == [None] * 4
    after = ok(restored, {"op": "train", "epochs": 1})["history"]
    assert after["points"] == [[4, pytest.approx(restored.session.dataset_loss("mse"), rel=1e-12)]]
    assert after["examples"] == [restored.session.example_losses()]


def test_a_conversation_let_go_leaves_nothing_for_the_garbage_collector():
    """A cycle through the conversation kept a closed connection's session (its arrays, its undo
    history) until the collector's next full pass, which the production process makes rare."""
    import gc

    gc.collect()
    gc.disable()
    try:
        conversation = Conversation()
        for frame in ['{"op":"configure","seed":3}', *['{"op":"step"}'] * 7, '{"op":"train","epochs":3}',
                      '{"op":"undo"}', '{"op":"snapshot"}', "not json", '{"op":"configure","hidden":[3,2]}']:
            conversation.reply(frame)
        del conversation
        gc.set_debug(gc.DEBUG_SAVEALL)
        gc.collect()
        left = [type(o).__qualname__ for o in gc.garbage]
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
        gc.enable()
    assert left == []


CLOSE_SENTENCES = [  # what a close the server starts says, with the longest details the settings allow
    ("frame_too_large", {"limit": 10**15 - 1}), ("protocol_violation", {}), ("invalid_frame", {}),
    ("no_pong", {"seconds": 1 / 3}), ("no_pong", {"seconds": 7 * 24 * 3600}),
    ("idle", {"seconds": 1 / 3}), ("idle", {"seconds": 7 * 24 * 3600}),
    ("flooded", {}), ("frames_flooded", {}), ("server_full", {}), ("shutting_down", {}),
]


@pytest.mark.parametrize("lang", ["pt-BR", "en"])
@pytest.mark.parametrize("code, details", CLOSE_SENTENCES)
def test_every_close_sentence_fits_a_close_frame_whole(code, details, lang):
    """A close frame carries at most 123 bytes of reason; wsproto cuts a longer one short, and the
    page would show half a sentence."""
    from app.protocol.errors import ProtocolError

    assert len(ProtocolError(code, **details).sentence(lang).encode("utf-8")) <= 123


# ----- start_over ------------------------------------------------------------------------------

def test_start_over_starts_afresh_in_one_undoable_step():
    # protocol.md: `start_over` starts over even when no setting that starts over changed.
    conversation = Conversation()
    fresh = ok(conversation, {"op": "configure", "lr": 0.5})
    trained = ok(conversation, {"op": "train", "epochs": 3})
    assert trained["epoch"] == 3
    state = ok(conversation, {"op": "configure", "lr": 5, "start_over": True})
    assert (state["epoch"], state["phase"], state["params"]) == (0, "idle", fresh["params"])
    assert state["config"]["lr"] == 5
    back = ok(conversation, {"op": "undo"})
    assert (back["epoch"], back["params"], back["config"]["lr"]) == (3, trained["params"], 0.5)


def test_start_over_must_be_a_boolean():
    reply = send(Conversation(), {"op": "configure", "start_over": 1})
    assert (reply["type"], reply["code"], reply["field"]) == ("error", "bad_type", "start_over")
