"""The transport: a real `python -m app` on a free port, driven by a real WebSocket client.

Every frame the server sends is parsed strictly (helpers.ws refuses NaN and Infinity).
"""
import json
import time

import numpy as np
import pytest
import websocket

from app.model import datasets, network, optimizers
from helpers.ws import non_finite, recv_json, request

RATE_LIMITED_PT = "Mensagens demais em um segundo; espere um instante."
TOO_LARGE_PT = "A mensagem é grande demais (o máximo é 1 MiB)."
MIB = 1024 * 1024


@pytest.fixture
def ws(live_server, ws_connect):
    return ws_connect(live_server)


def state(ws, message):
    answer = request(ws, message)
    assert answer["type"] == "state", answer
    assert non_finite(answer) == []
    return answer


def error(ws, frame, binary=False):
    ws.send_binary(frame) if binary else ws.send(frame)
    answer = recv_json(ws)
    assert answer["type"] == "error", answer
    return answer


def session_of(ws):
    """Everything the server holds for this connection, through a snapshot."""
    return state(ws, {"op": "snapshot"})["snapshot"]


def close(actual, expected):
    actual, expected = np.asarray(actual, dtype=float), np.asarray(expected, dtype=float)
    np.testing.assert_allclose(actual, expected, rtol=1e-12, atol=1e-15)


# ----- the numbers on the wire are the model's ---------------------------------------------------


def test_forward_backward_update_and_train_match_the_model(ws):
    first = state(ws, {"op": "configure", "seed": 11, "lr": 0.5, "hidden": [3], "activation": "tanh"})
    assert (first["phase"], first["next"]["phase"], first["epoch"]) == ("idle", "forward", 0)

    params = network.init_params([2, 3, 1], np.random.default_rng(11))
    X, Y = datasets.load("xor")
    for l in range(2):
        close(first["params"]["W"][l], params.W[l])
        close(first["params"]["b"][l], params.b[l])
    expected = network.full_pass(params, X[0], Y[0], "tanh", "mse")

    forward = state(ws, {"op": "forward"})["forward"]
    for l in range(2):
        close(forward["z"][l], expected.zs[l])
        close(forward["a"][l + 1], expected.activations[l + 1])
    assert forward["loss"] == pytest.approx(expected.loss, rel=1e-12)

    backward = state(ws, {"op": "backward"})["backward"]
    for l in range(2):
        close(backward["dW"][l], expected.dW[l])
        close(backward["db"][l], expected.db[l])
        close(backward["da"][l], expected.das[l])

    after = state(ws, {"op": "update"})
    params, _ = optimizers.sgd(params, network.Params(expected.dW, expected.db), {}, 0.5, 0.9)
    for l in range(2):
        close(after["params"]["W"][l], params.W[l])
        close(after["params"]["b"][l], params.b[l])
    assert (after["phase"], after["sample"], after["next"]["phase"]) == ("update", 1, "forward")

    trained = state(ws, {"op": "train", "epochs": 4})
    losses = []
    for epoch in range(4):
        for i in range(1 if epoch == 0 else 0, 4):
            _, grads = network.gradients(params, X[i], Y[i], "tanh", "mse")
            params, _ = optimizers.sgd(params, grads, {}, 0.5, 0.9)
        predictions = network.predict(params, X, "tanh")
        losses.append(float(np.mean(0.5 * (Y - predictions) ** 2)))
    for l in range(2):
        close(trained["params"]["W"][l], params.W[l])
        close(trained["params"]["b"][l], params.b[l])
    assert trained["epoch"] == 4 and trained["sample"] == 0
    assert trained["history"]["from"] == 1
    assert [p[0] for p in trained["history"]["points"]] == [1, 2, 3, 4]
    close([p[1] for p in trained["history"]["points"]], losses)


def test_the_server_never_speaks_first(ws):
    ws.settimeout(0.3)
    with pytest.raises(websocket.WebSocketTimeoutException):
        ws.recv()
    ws.settimeout(15)
    assert state(ws, {"op": "configure"})["reply_to"] == "configure"


def test_two_connections_are_independent(live_server, ws_connect):
    a, b = ws_connect(live_server), ws_connect(live_server)
    start_a = state(a, {"op": "configure", "seed": 5, "lr": 0.9})
    start_b = state(b, {"op": "configure", "seed": 5})
    assert start_a["params"] == start_b["params"]
    state(a, {"op": "train", "epochs": 3})
    state(a, {"op": "set", "what": "input", "index": 0, "value": 42})
    b_now = state(b, {"op": "step"})
    assert (b_now["epoch"], b_now["phase"], b_now["config"]["lr"]) == (0, "forward", 0.1)
    assert b_now["params"] == start_b["params"] and start_b["dataset"]["X"][0] == [0, 0]
    assert b_now["dataset"] is None  # b's data set is unchanged since its configure: a's edit stayed in a
    assert error(b, '{"op": "update"}')["code"] == "out_of_order"
    assert state(a, {"op": "undo"})["epoch"] == 3  # a's own undo history is untouched by b


# ----- errors keep the connection and the session ------------------------------------------------

BAD_FRAMES = [
    ("not json", "bad_json"),
    ("[1, 2]", "bad_message"),
    ('{"op": "fly"}', "unknown_op"),
    ('{"op": "train", "epochs": 0}', "out_of_range"),
    ('{"op": "configure", "lr": NaN}', "out_of_range"),
    ('{"op": "set", "what": "weight", "layer": 5, "row": 0, "col": 0, "value": 1}', "out_of_range"),
    ('{"op": "restore", "snapshot": {"format": "x"}}', "bad_snapshot"),
    ('{"op": "update"}', "out_of_order"),
]


def test_errors_keep_the_connection_open_and_the_session_unchanged(ws):
    state(ws, {"op": "configure", "seed": 8, "detailed": True})
    state(ws, {"op": "step"})
    before = session_of(ws)
    for frame, code in BAD_FRAMES:
        assert error(ws, frame)["code"] == code
        assert session_of(ws) == before
    assert state(ws, {"op": "step"})["phase"] == "forward"


def test_binary_frame_is_bad_json(ws):
    answer = error(ws, b'{"op": "step"}', binary=True)
    assert (answer["code"], answer["reply_to"]) == ("bad_json", None)
    assert answer["message"] == "A mensagem não é um JSON válido."
    assert state(ws, {"op": "step"})["phase"] == "forward"


def test_frame_over_one_mib_is_too_large_and_the_connection_survives(ws):
    state(ws, {"op": "configure", "seed": 2})
    before = session_of(ws)
    frame = json.dumps({"op": "step", "padding": "x" * (MIB + 1000)})
    assert MIB < len(frame.encode()) < 4 * MIB
    answer = error(ws, frame)
    assert (answer["code"], answer["message"]) == ("too_large", TOO_LARGE_PT)
    assert session_of(ws) == before
    assert state(ws, {"op": "step"})["phase"] == "forward"


def test_frame_size_is_counted_in_bytes(ws):
    # 600 000 "é" are 1.2 MB of UTF-8: over 1 MiB although fewer than 1 048 576 characters.
    frame = json.dumps({"op": "step", "padding": "é" * 600_000}, ensure_ascii=False)
    assert len(frame) < MIB < len(frame.encode())
    answer = error(ws, frame)
    assert answer["code"] == "too_large", answer
    assert state(ws, {"op": "configure"})["phase"] == "idle"


def test_frame_of_exactly_one_mib_is_read(ws):
    head, tail = '{"op": "configure",', '"seed": 4}'
    frame = head + " " * (MIB - len(head) - len(tail)) + tail  # JSON whitespace as padding
    assert len(frame.encode()) == MIB
    ws.send(frame)
    answer = recv_json(ws)
    assert answer["type"] == "state" and answer["config"]["seed"] == 4, answer


def test_more_than_200_messages_a_second_are_rate_limited(ws):
    for _ in range(260):
        ws.send('{"op": "undo"}')
    replies = [recv_json(ws) for _ in range(260)]
    assert all(r["type"] == "error" for r in replies)
    assert [r["code"] for r in replies[:200]] == ["nothing_to_undo"] * 200
    limited = [r for r in replies[200:] if r["code"] == "rate_limited"]
    assert limited, "260 messages sent at once were all answered normally"
    assert all(r["message"] == RATE_LIMITED_PT for r in limited)
    assert {r["code"] for r in replies[200:]} <= {"rate_limited", "nothing_to_undo"}
    time.sleep(1.05)  # let the one-second window pass
    # exactly one reply per message: the next answer is the one to this configure, not a leftover
    assert state(ws, {"op": "configure", "seed": 7})["config"]["seed"] == 7


def test_lang_en_in_the_url_gives_english(live_server, ws_connect):
    ws = ws_connect(live_server, "/ws?lang=en")
    assert error(ws, '{"op": "undo"}')["message"] == "There is no previous step to undo."
    assert error(ws, '{"op": "update"}')["message"] == (
        "Not yet time for update (weight update): the next phase is forward (forward pass).")
    assert error(ws, "x" * (MIB + 1))["message"] == "The message is too large (the limit is 1 MiB)."
    assert state(ws, {"op": "configure"})["config"]["lang"] == "en"
    pt = ws_connect(live_server, "/ws?lang=xx")
    assert error(pt, '{"op": "undo"}')["message"] == "Não há passo anterior para desfazer."


def test_extreme_sessions_never_send_non_finite_numbers(ws):
    # recv_json refuses NaN/Infinity; non_finite checks every number that was parsed.
    state(ws, {"op": "configure", "hidden": [8, 8, 8], "activation": "relu", "loss": "bce", "lr": 10,
               "check_gradients": True})
    answer = request(ws, {"op": "train", "epochs": 10})
    assert answer["type"] == "error" and answer["code"] == "diverged" and non_finite(answer) == []
    for layer in range(4):
        state(ws, {"op": "set", "what": "bias", "layer": layer, "row": 0, "value": 100})
    state(ws, {"op": "set", "what": "input", "index": 0, "value": -100})
    for _ in range(3):
        answer = request(ws, {"op": "step"})
        assert non_finite(answer) == []
    state(ws, {"op": "configure", "optimizer": "adam", "lr": 0.001})
    for _ in range(3):
        assert non_finite(request(ws, {"op": "train", "epochs": 20})) == []


def test_a_lone_surrogate_gets_an_answer_and_the_connection_survives(ws):
    # A browser's JSON.stringify can send one; echoed raw, it would make the answer unsendable.
    answer = error(ws, '{"op": "\\ud800"}')
    assert answer["code"] == "unknown_op" and "\ufffd" in answer["message"]
    assert state(ws, {"op": "step"})["phase"] == "forward"


def test_a_plain_get_on_ws_is_400_not_500(live_server):
    import urllib.error
    import urllib.request

    with pytest.raises(urllib.error.HTTPError) as caught:
        urllib.request.urlopen(live_server + "/ws", timeout=15)
    assert caught.value.code == 400
    caught.value.close()
