"""Early stopping on the validation loss (issue 9): the best point of the curve, `train`'s
`patience`, the sentences a student reads when it cannot apply, and the same over a real
WebSocket to a real server."""
import json
import random

import pytest

from app.protocol import Conversation
from app.session import Session, SessionError, Settings
from app.session.curve import Curve
from app.session.early_stop import BestValidation, stalled
from helpers.ws import non_finite, request

# Spiral, 40 points, 30 % noise, half kept for validation, 8–8 hidden, η = 1: the validation loss
# is lowest at epoch 30 and never as low again in 600 epochs (measured), while training goes on.
OVERFITS = dict(dataset="spiral", points=40, noise=30, split=50, hidden=(8, 8), lr=1.0)
BEST_EPOCH = 30


def naive_best(curve):
    """The lowest validation loss and its first epoch, computed the plain way."""
    low = min(point[2] for point in curve)
    return next((point[0], point[2]) for point in curve if point[2] == low)


def test_the_best_validation_point_follows_appends_undos_and_thinnings():
    rng = random.Random(4)
    best, curve = BestValidation(), [[0, 0.3, 0.3]]
    for _ in range(400):
        move = rng.random()
        if move < 0.6:
            curve.append([curve[-1][0] + 1, 0.2, rng.choice([0.1, 0.2, 0.3]) * rng.random()])
        elif move < 0.8 and len(curve) > 1:
            del curve[rng.randrange(1, len(curve)):]  # an undo cuts the shared list back
        elif move < 0.9:
            curve = curve[:-1:2] + [curve[-1]]  # a thinning makes a new list
        else:
            curve.append([curve[-1][0] + 1, 0.2, curve[0][2]])  # a tie is not an improvement
        assert best.of(curve) == naive_best(curve)
    assert best.of([[0, 0.1], [1, 0.05]]) is None  # no validation column


def test_the_best_validation_point_follows_a_session_curve_too():
    # The session's Curve (flat arrays) reads its points afresh each time: the cache follows its cuts.
    rng = random.Random(5)
    best, curve = BestValidation(), Curve.of([[0, 0.3, 0.3]], 3, 0)
    for _ in range(400):
        move, last = rng.random(), curve[-1]
        if move < 0.6:
            curve.append([last[0] + 1, 0.2, rng.choice([0.1, 0.2, 0.3]) * rng.random()])
        elif move < 0.8 and len(curve) > 1:
            curve.truncate(rng.randrange(1, len(curve)))  # an undo cuts the shared curve back
        elif move < 0.9:
            curve = curve.thinned()
        else:
            curve.append([last[0] + 1, 0.2, curve[0][2]])
        if rng.random() < 0.3:  # not after every move: a cut and appends past it may come between
            assert best.of(curve) == naive_best(curve)


@pytest.mark.parametrize("best, epoch, patience, expected", [
    ((10, 0.1), 30, 20, True), ((10, 0.1), 29, 20, False), ((10, 0.1), 500, 0, False), (None, 500, 5, False),
])
def test_stalled(best, epoch, patience, expected):
    assert stalled(best, epoch, patience) is expected


def test_training_stops_patience_epochs_after_the_best_validation_loss():
    session = Session(Settings(**OVERFITS))
    session.train(600, patience=20)
    assert session.epoch == BEST_EPOCH + 20 and session.best_validation()[0] == BEST_EPOCH
    # the same run as without patience, up to that epoch
    plain = Session(Settings(**OVERFITS))
    plain.train(BEST_EPOCH + 20)
    assert plain.history == session.history and plain.params.pack() == session.params.pack()
    # asked again, it trains one more epoch and stops there: still no better validation loss
    session.train(600, patience=20)
    assert session.epoch == BEST_EPOCH + 21


def test_patience_does_not_stop_while_the_validation_loss_improves():
    session = Session(Settings(**OVERFITS))
    session.train(25, patience=20)
    assert session.epoch == 25


def test_patience_without_validation_examples_is_refused_and_changes_nothing():
    session = Session(Settings(split=10))  # XOR: 10 % of 4 examples is none
    with pytest.raises(SessionError) as raised:
        session.train(10, patience=5)
    assert raised.value.code == "no_validation" and session.epoch == 0 and len(session.undo_stack) == 0


NO_VALIDATION = {
    "pt-BR": "A parada antecipada (paciência 5) precisa de exemplos de validação, e esta sessão não tem "
             "nenhum: escolha uma validação maior que 0 % (com exemplos suficientes para separar ao menos "
             "um) ou paciência 0.",
    "en": "Early stopping (patience 5) needs validation examples, and this session has none: choose a "
          "validation split above 0 % (with enough examples to set at least one apart) or patience 0.",
}


@pytest.mark.parametrize("lang", ["pt-BR", "en"])
@pytest.mark.parametrize("message, code, field, sentence", [
    ({"op": "train", "epochs": 10, "patience": 5}, "no_validation", None, NO_VALIDATION),
    ({"op": "train", "epochs": 10, "patience": -1}, "out_of_range", "patience",
     {"pt-BR": "O campo “patience” deve estar entre 0 e 100000.", "en": "The field “patience” must be between 0 and 100000."}),
    ({"op": "train", "epochs": 10, "patience": 2.5}, "bad_type", "patience",
     {"pt-BR": "O campo “patience” deve ser um número inteiro.", "en": "The field “patience” must be a whole number."}),
])
def test_what_a_student_reads_when_patience_cannot_apply(lang, message, code, field, sentence):
    talk = Conversation(lang)
    before = json.loads(talk.reply(json.dumps({"op": "snapshot"})))["snapshot"]
    answer = json.loads(talk.reply(json.dumps(message)))
    assert (answer["type"], answer["code"], answer["field"]) == ("error", code, field)
    assert answer["message"] == sentence[lang]
    assert json.loads(talk.reply(json.dumps({"op": "snapshot"})))["snapshot"] == before


def test_early_stopping_over_a_real_websocket(live_server, ws_connect):
    ws = ws_connect(live_server)
    first = request(ws, {"op": "configure", **OVERFITS, "hidden": list(OVERFITS["hidden"])})
    assert first["type"] == "state" and first["metrics"]["val_best"] == {"epoch": 0, "loss": first["history"]["points"][0][2]}
    # as auto-training asks: batches of epochs, each with the page's target and patience
    epochs, curve = [], list(first["history"]["points"])
    for _ in range(20):
        answer = request(ws, {"op": "train", "epochs": 7, "until": 0.0001, "patience": 20})
        assert answer["type"] == "state" and non_finite(answer) == []
        epochs.append(answer["epoch"])
        curve += answer["history"]["points"]
        best = answer["metrics"]["val_best"]
        if answer["epoch"] - best["epoch"] >= 20:
            break
    assert epochs == [7, 14, 21, 28, 35, 42, 49, BEST_EPOCH + 20]
    assert best["epoch"] == BEST_EPOCH
    assert [p[0] for p in curve] == list(range(BEST_EPOCH + 21)) and (best["epoch"], best["loss"]) == naive_best(curve)
    refused = request(ws, {"op": "configure", "split": 0})
    assert refused["type"] == "state" and refused["metrics"]["val_best"] is None
    answer = request(ws, {"op": "train", "epochs": 5, "patience": 20})
    assert answer["type"] == "error" and answer["code"] == "no_validation"
    assert answer["message"] == NO_VALIDATION["pt-BR"].replace("paciência 5", "paciência 20")
