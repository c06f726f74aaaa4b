"""Every number a client may send, at its bounds and just past them, against the production command.

At a bound the message is answered with a state; one step past it (±1 for a whole number, the next
float for a number: 10.000000000000002, −5e−324) it is refused with the sentence a student reads,
in Portuguese and in English, and the session is as it was: the next step's reply is, to the
byte, that of a connection that never sent it.
"""
import json
import math

import pytest

from helpers.ws import loads, request

SPLIT = [{"op": "configure", "split": 50}]  # early stopping needs validation examples


def setting(name):
    return lambda value: {"op": "configure", name: value}


def train(name):
    return lambda value: {"op": "train", "epochs": 1, name: value}


def weight(value):
    return {"op": "set", "what": "weight", "layer": 0, "row": 0, "col": 0, "value": value}


def target(value):
    return {"op": "set", "what": "target", "value": value}


def address(name):
    def message(value):
        where = {"layer": 1, "row": 0, "col": 1}
        return {"op": "set", "what": "weight", **where, name: value, "value": 0.5}
    return message


# (name, setup, message(value), kind, low, high, the bounds as each language writes them)
RANGES = [
    ("lr", [], setting("lr"), float, 0.001, 10.0, ("0,001", "10"), ("0.001", "10")),
    ("momentum", [], setting("momentum"), float, 0.0, 0.99, ("0", "0,99"), ("0", "0.99")),
    ("clip", [], setting("clip"), float, 0.0, 100.0, ("0", "100"), ("0", "100")),
    ("l2", [], setting("l2"), float, 0.0, 1.0, ("0", "1"), ("0", "1")),
    ("l1", [], setting("l1"), float, 0.0, 1.0, ("0", "1"), ("0", "1")),
    ("noise", [], setting("noise"), int, 0, 50, ("0", "50"), ("0", "50")),
    ("points", [], setting("points"), int, 20, 400, ("20", "400"), ("20", "400")),
    ("split", [], setting("split"), int, 0, 50, ("0", "50"), ("0", "50")),
    ("batch_size", [], setting("batch_size"), int, 1, 400, ("1", "400"), ("1", "400")),
    ("seed", [], setting("seed"), int, 0, 2**31 - 1, ("0", "2147483647"), ("0", "2147483647")),
    ("schedule_period", [], setting("schedule_period"), int, 1, 100_000,
     ("1", "100000"), ("1", "100000")),
    ("hidden", [], lambda units: {"op": "configure", "hidden": [8, units]}, int, 1, 8, ("1", "8"), ("1", "8")),
    ("epochs", [], lambda epochs: {"op": "train", "epochs": epochs}, int, 1, 1000, ("1", "1000"), ("1", "1000")),
    ("until", [], train("until"), float, 0.0, 0.5, ("0", "0,5"), ("0", "0.5")),
    ("seconds", [], train("seconds"), float, 0.001, 1.0, ("0,001", "1"), ("0.001", "1")),
    ("patience", SPLIT, train("patience"), int, 0, 100_000, ("0", "100000"), ("0", "100000")),
    ("value", [], weight, float, -100.0, 100.0, ("−100", "100"), ("−100", "100")),
    ("value", [], target, float, 0.0, 1.0, ("0", "1"), ("0", "1")),
    ("layer", [], address("layer"), int, 0, 1, ("0", "1"), ("0", "1")),
    ("col", [], address("col"), int, 0, 1, ("0", "1"), ("0", "1")),
]
IDS = [row[0] for row in RANGES]  # pytest numbers the two `value` rows
SENTENCES = {"pt-BR": "O campo “{}” deve estar entre {} e {}.", "en": "The field “{}” must be between {} and {}."}


def past(kind, bound, direction):
    return bound + direction if kind is int else math.nextafter(bound, direction * math.inf)


def conversation(ws_connect, base_url, setup, lang="pt-BR"):
    ws = ws_connect(base_url, "/ws?lang=en" if lang == "en" else "/ws")
    request(ws, {"op": "configure", "seed": 5})
    for message in setup:
        assert request(ws, message)["type"] == "state"
    return ws


@pytest.mark.parametrize("name, setup, message, kind, low, high, pt, en", RANGES, ids=IDS)
def test_a_number_at_its_bounds_is_accepted(
        gunicorn_server, ws_connect, name, setup, message, kind, low, high, pt, en):
    for bound in (low, high):
        reply = request(conversation(ws_connect, gunicorn_server, setup), message(bound))
        assert reply["type"] == "state", reply
        if reply["reply_to"] == "configure" and name != "hidden":
            assert reply["config"][name] == bound


@pytest.mark.parametrize("lang", ["pt-BR", "en"])
@pytest.mark.parametrize("name, setup, message, kind, low, high, pt, en", RANGES, ids=IDS)
def test_a_number_just_past_its_bounds_is_refused_and_changes_nothing(
        gunicorn_server, ws_connect, lang, name, setup, message, kind, low, high, pt, en):
    sentence = SENTENCES[lang].format(name, *(pt if lang == "pt-BR" else en))
    expected = request(conversation(ws_connect, gunicorn_server, setup, lang), {"op": "step"})
    for value in (past(kind, low, -1), past(kind, high, +1)):
        ws = conversation(ws_connect, gunicorn_server, setup, lang)
        ws.send(json.dumps(message(value)))
        text = ws.recv()
        refusal = loads(text)  # strict JSON: no NaN, no Infinity
        assert (refusal["code"], refusal["field"], refusal["message"]) == ("out_of_range", name, sentence), value
        assert request(ws, {"op": "step"}) == expected, f"{name} = {value!r} changed the session"
