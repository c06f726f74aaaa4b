"""The production server (the Dockerfile's CMD under gunicorn), driven over real HTTP and WebSockets."""

from __future__ import annotations

import json
import math
import re
import urllib.request

import pytest

from helpers.curve import follow_curve
from helpers.ws import loads, non_finite, recv_json, request

PORTUGUESE_WORDS = {
    "não", "é", "está", "de", "do", "da", "um", "uma", "deve", "campo", "valor", "mensagem",
    "texto", "inválido", "inválida", "passo", "agora", "vem", "número", "entre", "operação",
}


def get(url: str):
    """GET url; return (status, headers, body text)."""
    with urllib.request.urlopen(url, timeout=10) as r:
        return r.status, r.headers, r.read().decode("utf-8")


def check_state(msg: dict, reply_to: str) -> dict:
    """Assert msg is a well-formed state answering reply_to, with only finite numbers."""
    assert msg.get("type") == "state", f"expected a state, got {msg!r}"
    assert msg["protocol"] == 2
    assert msg["reply_to"] == reply_to
    assert non_finite(msg) == []
    for key in ("config", "sizes", "dataset", "epoch", "sample", "steps", "phase", "layer",
                "next", "example", "params", "forward", "backward", "update", "metrics",
                "history", "undo_depth"):
        assert key in msg, f"state has no {key!r}"
    sizes = msg["sizes"]
    assert sizes[0] == 2 and sizes[-1] == 1
    W, b = msg["params"]["W"], msg["params"]["b"]
    assert len(W) == len(b) == len(sizes) - 1
    for l, (Wl, bl) in enumerate(zip(W, b)):
        assert len(Wl) == sizes[l + 1] and all(len(row) == sizes[l] for row in Wl)
        assert len(bl) == sizes[l + 1]
    return msg


def check_portuguese_error(msg: dict, code: str, reply_to) -> None:
    """Assert msg is an error with this code and a Portuguese sentence for the student."""
    assert msg.get("type") == "error", f"expected an error, got {msg!r}"
    assert msg["protocol"] == 2
    assert msg["code"] == code, msg
    assert msg["reply_to"] == reply_to, msg
    text = msg["message"]
    assert isinstance(text, str) and len(text) > 10, msg
    words = set(re.findall(r"\w+", text.lower()))
    accented = set(text.lower()) & set("ãõçáéíóúâêô")
    assert words & PORTUGUESE_WORDS or accented, f"not Portuguese: {text!r}"


class History:
    """The client's copy of the loss curve, kept as protocol.md says."""

    def __init__(self):
        self.points: list[list[float]] = []

    def apply(self, msg: dict) -> None:
        self.points = follow_curve(self.points, msg["history"])


def sigmoid(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-z))


def test_healthz(gunicorn_server):
    status, headers, body = get(gunicorn_server + "/healthz")
    assert status == 200
    assert headers.get_content_type() == "application/json"
    assert json.loads(body) == {"status": "ok"}


def test_page_has_security_headers(gunicorn_server):
    status, headers, body = get(gunicorn_server + "/")
    assert status == 200
    assert headers.get_content_type() == "text/html"
    assert "bp_canvas" in body
    csp = headers.get("Content-Security-Policy", "")
    directives = {d.split()[0]: d.split()[1:] for d in csp.split(";") if d.strip()}
    assert "frame-ancestors" in directives, f"CSP without frame-ancestors: {csp!r}"
    script_src = directives.get("script-src", directives.get("default-src", []))
    assert "'unsafe-inline'" not in script_src, f"CSP allows inline scripts: {csp!r}"
    assert headers.get("X-Content-Type-Options") == "nosniff"


def test_full_exchange(gunicorn_server, ws_connect):
    ws = ws_connect(gunicorn_server)
    history = History()

    s = check_state(request(ws, {"op": "configure", "dataset": "xor", "lr": 0.5,
                                 "activation": "sigmoid", "hidden": [2], "seed": 3}), "configure")
    history.apply(s)
    assert s["config"]["lr"] == 0.5 and s["config"]["dataset"] == "xor"
    assert s["sizes"] == [2, 2, 1]
    assert s["dataset"]["X"] == [[0, 0], [0, 1], [1, 0], [1, 1]] and s["dataset"]["Y"] == [0, 1, 1, 0]
    assert (s["phase"], s["epoch"], s["sample"]) == ("idle", 0, 0)
    assert s["next"] == {"phase": "forward", "layer": None}
    assert s["forward"] is None and s["backward"] is None and s["update"] is None
    (W0, W1), (b0, b1) = s["params"]["W"], s["params"]["b"]

    # forward: z = W a + b, a = g(z), y_hat = sigmoid(z_out), loss = 1/2 (y - y_hat)^2
    s = check_state(request(ws, {"op": "step"}), "step")
    history.apply(s)
    assert s["phase"] == "forward" and s["next"]["phase"] == "backward"
    assert s["steps"] == 1
    x, y = s["example"]["x"], s["example"]["y"]
    assert (x, y) == ([0, 0], 0)
    f = s["forward"]
    hidden = [sigmoid(W0[i][0] * x[0] + W0[i][1] * x[1] + b0[i]) for i in range(2)]
    z_out = W1[0][0] * hidden[0] + W1[0][1] * hidden[1] + b1[0]
    y_hat = sigmoid(z_out)
    assert f["a"][1] == pytest.approx(hidden, rel=1e-9)
    assert f["z"][1] == pytest.approx([z_out], rel=1e-9, abs=1e-12)
    assert f["y_hat"] == pytest.approx(y_hat, rel=1e-9)
    assert f["loss"] == pytest.approx(0.5 * (y - y_hat) ** 2, rel=1e-9)
    assert s["shown"]["abs_error"] == pytest.approx(abs(y_hat - y), rel=1e-9)
    assert f["g_prime"][1] == pytest.approx([y_hat * (1 - y_hat)], rel=1e-9)
    assert s["metrics"]["predictions"] is None  # a forward changes no weight: the client keeps them

    # backward: dz_out = (y_hat - y) sigma'(z_out); dW[l] = dz[l] a[l]^T; db[l] = dz[l]
    s = check_state(request(ws, {"op": "backward"}), "backward")
    history.apply(s)
    assert s["phase"] == "backward" and s["next"]["phase"] == "update"
    assert s["steps"] == 2
    g = s["backward"]
    dz_out = (y_hat - y) * y_hat * (1 - y_hat)
    assert g["dz"][1] == pytest.approx([dz_out], rel=1e-9, abs=1e-15)
    for l in range(2):
        a_prev = s["forward"]["a"][l]
        for i, dz_i in enumerate(g["dz"][l]):
            assert g["dW"][l][i] == pytest.approx([dz_i * a_j for a_j in a_prev], rel=1e-9, abs=1e-15)
        assert g["db"][l] == pytest.approx(g["dz"][l], rel=1e-9, abs=1e-15)
    dW, db = g["dW"], g["db"]

    # update: theta <- theta - lr * gradient, and update.delta_* is new - old
    s = check_state(request(ws, {"op": "update"}), "update")
    history.apply(s)
    assert s["phase"] == "update" and s["next"]["phase"] == "forward"
    assert s["sample"] == 1 and s["epoch"] == 0 and s["steps"] == 3
    for l, (old_W, old_b) in enumerate([(W0, b0), (W1, b1)]):
        for i, row in enumerate(old_W):
            expected = [w - 0.5 * d for w, d in zip(row, dW[l][i])]
            assert s["params"]["W"][l][i] == pytest.approx(expected, rel=1e-12, abs=1e-15)
            delta = [n - o for n, o in zip(s["params"]["W"][l][i], row)]
            assert s["update"]["delta_W"][l][i] == pytest.approx(delta, rel=1e-9, abs=1e-15)
        expected_b = [v - 0.5 * d for v, d in zip(old_b, db[l])]
        assert s["params"]["b"][l] == pytest.approx(expected_b, rel=1e-12, abs=1e-15)
    assert s["undo_depth"] >= 3

    s = check_state(request(ws, {"op": "train", "epochs": 5}), "train")
    history.apply(s)
    assert s["epoch"] == 5
    assert s["phase"] in ("update", "idle") and s["next"]["phase"] == "forward"
    epochs = [p[0] for p in history.points]
    assert epochs[-5:] == [1, 2, 3, 4, 5] and epochs == sorted(set(epochs))
    assert history.points[-1][1] == pytest.approx(s["metrics"]["mse"], rel=1e-9)
    assert s["metrics"]["loss"] == pytest.approx(s["metrics"]["mse"], rel=1e-12)  # loss "mse"
    assert all(p[1] >= 0 for p in history.points)
    assert 0 <= s["metrics"]["correct"] <= 4


def test_two_clients_have_independent_sessions(gunicorn_server, ws_connect):
    a, b = ws_connect(gunicorn_server), ws_connect(gunicorn_server)
    sa = check_state(request(a, {"op": "configure", "seed": 3}), "configure")
    sb = check_state(request(b, {"op": "configure", "seed": 3, "lr": 0.9}), "configure")
    assert sa["params"] == sb["params"], "the same seed must give the same initial weights"
    assert sb["config"]["lr"] == 0.9 and sa["config"]["lr"] == 0.1

    for phase in ("forward", "backward", "update"):
        assert check_state(request(a, {"op": "step"}), "step")["phase"] == phase
    sa = check_state(request(a, {"op": "train", "epochs": 3}), "train")
    assert sa["epoch"] == 3

    sb = check_state(request(b, {"op": "step"}), "step")
    assert (sb["phase"], sb["epoch"], sb["sample"]) == ("forward", 0, 0)
    assert sb["params"] != sa["params"]
    assert check_state(request(a, {"op": "step"}), "step")["epoch"] == 3


BAD_MESSAGES = [
    ("this is not json {", "bad_json", None),
    ("[1, 2, 3]", "bad_message", None),
    ('{"op": 7}', "bad_message", None),
    ('{"op": "fly"}', "unknown_op", "fly"),
    ('{"op": "train", "epochs": "5"}', "bad_type", "train"),
    ('{"op": "train", "epochs": 100000}', "out_of_range", "train"),
    ('{"op": "configure", "activation": "softmax"}', "bad_value", "configure"),
    ('{"op": "step", "colour": "red"}', "unknown_field", "step"),
    ('{"op": "update"}', "out_of_order", "update"),
]


def same_session(a: dict, b: dict) -> bool:
    """Whether two states describe the same session (ignoring what only a reply carries)."""
    skip = {"reply_to", "history", "snapshot"}
    return {k: v for k, v in a.items() if k not in skip} == {k: v for k, v in b.items() if k not in skip}


@pytest.mark.parametrize("frame, code, reply_to", BAD_MESSAGES)
def test_bad_message_gets_portuguese_error_and_connection_survives(
        gunicorn_server, ws_connect, frame, code, reply_to):
    ws = ws_connect(gunicorn_server)
    check_state(request(ws, {"op": "configure", "seed": 3}), "configure")
    before = check_state(request(ws, {"op": "step"}), "step")

    ws.send(frame)
    error = recv_json(ws)
    if code == "unknown_op":  # "fly" is not an op: null or the text read are both fair
        reply_to = error.get("reply_to")
    check_portuguese_error(error, code, reply_to)

    unchanged = check_state(request(ws, {"op": "snapshot"}), "snapshot")
    assert same_session(before, unchanged), "an error changed the session"
    after = check_state(request(ws, {"op": "backward"}), "backward")
    assert after["phase"] == "backward" and after["forward"] == before["forward"]


def test_binary_frame_is_bad_json(gunicorn_server, ws_connect):
    ws = ws_connect(gunicorn_server)
    ws.send_binary(b'{"op": "step"}')
    check_portuguese_error(recv_json(ws), "bad_json", None)
    assert check_state(request(ws, {"op": "configure"}), "configure")["phase"] == "idle"


def test_english_errors_from_the_url(gunicorn_server, ws_connect):
    pt = ws_connect(gunicorn_server)
    en = ws_connect(gunicorn_server, "/ws?lang=en")
    pt_msg = request(pt, {"op": "fly"})
    en_msg = request(en, {"op": "fly"})
    assert pt_msg["code"] == en_msg["code"] == "unknown_op"
    assert pt_msg["message"] != en_msg["message"]


def test_reply_is_strict_json(gunicorn_server, ws_connect):
    ws = ws_connect(gunicorn_server)
    ws.send(json.dumps({"op": "configure", "lr": 10, "seed": 3}))
    loads(ws.recv())
    for _ in range(5):  # a huge learning rate may diverge: still no NaN on the wire
        ws.send(json.dumps({"op": "train", "epochs": 50}))
        msg = loads(ws.recv())
        assert msg["type"] in ("state", "error")
        if msg["type"] == "error":
            assert msg["code"] == "diverged"
        assert non_finite(msg) == []


# ----- every app setting comes from a BP_… environment variable ---------------------------------

ENV_SETTINGS = {
    "BP_FRAME_ANCESTORS": "https://course.example.org",
    "BP_MAX_MESSAGE_BYTES": "2048",
    "BP_MAX_FRAME_BYTES": "8192",
    "BP_RATE_LIMIT": "5",
    "BP_PING_INTERVAL": "1",
    "BP_MAX_TRAIN_SECONDS": "0.2",
    "BP_IDLE_SECONDS": "604800",  # the most a duration may be
}


@pytest.fixture(scope="module")
def configured_server():
    from helpers.servers import start_gunicorn

    server = start_gunicorn(env=ENV_SETTINGS)
    yield server
    server.stop()


def padded_configure(size: int) -> str:
    head, tail = '{"op": "configure"', "}"
    return head + " " * (size - len(head) - len(tail)) + tail


def test_train_seconds_from_the_environment_end_a_long_train(configured_server, ws_connect):
    """200 epochs of the largest network take ~6 s (~30 ms each); with BP_MAX_TRAIN_SECONDS=0.2
    the answer comes with the epochs done by then, and the session goes on from there."""
    ws = ws_connect(configured_server.base_url)
    largest = {"op": "configure", "dataset": "spiral", "points": 400, "hidden": [8] * 6}
    assert request_frame(ws, json.dumps(largest))["type"] == "state"
    state = request_frame(ws, json.dumps({"op": "train", "epochs": 200}))
    assert state["type"] == "state" and 1 <= state["epoch"] < 200
    assert request_frame(ws, json.dumps({"op": "train", "epochs": 1}))["epoch"] == state["epoch"] + 1


def test_a_message_sent_behind_a_long_train_ends_it_at_the_next_epoch(ws_connect):
    """300 epochs of the largest network take ~9 s and the time limit here allows 30: the `step`
    sent right behind the `train` ends it at the first epoch after it arrived. Both are answered,
    in order: the train with the epochs done, the step with the next forward from there."""
    from helpers.servers import start_gunicorn

    server = start_gunicorn(env={**ENV_SETTINGS, "BP_MAX_TRAIN_SECONDS": "30"})
    try:
        ws = ws_connect(server.base_url)
        largest = {"op": "configure", "dataset": "spiral", "points": 400, "hidden": [8] * 6}
        assert request_frame(ws, json.dumps(largest))["epoch"] == 0
        ws.send(json.dumps({"op": "train", "epochs": 300}))
        ws.send(json.dumps({"op": "step"}))
        trained, stepped = recv_json(ws), recv_json(ws)
        assert (trained["reply_to"], stepped["reply_to"]) == ("train", "step")
        assert 1 <= trained["epoch"] < 300
        assert (stepped["epoch"], stepped["sample"], stepped["phase"]) == (trained["epoch"], 0, "forward")
    finally:
        server.stop()


def test_frame_ancestors_from_the_environment(configured_server):
    _, headers, _ = get(configured_server.base_url + "/")
    assert "frame-ancestors https://course.example.org" in headers["Content-Security-Policy"]


def test_message_bytes_from_the_environment_at_the_limit(configured_server, ws_connect):
    ws = ws_connect(configured_server.base_url)
    assert request_frame(ws, padded_configure(2048))["type"] == "state"
    too_large = request_frame(ws, padded_configure(2049))
    assert (too_large["code"], too_large["message"]) == (
        "too_large", "A mensagem é grande demais (o máximo é 2 KiB).")


def test_frame_bytes_from_the_environment_close_with_1009(configured_server, ws_connect):
    from helpers.ws import close_frame

    for path, reason in (("/ws", "A mensagem passou de 8 KiB; a conexão foi fechada."),
                         ("/ws?lang=en", "The message was over 8 KiB; the connection was closed.")):
        ws = ws_connect(configured_server.base_url, path)
        assert request_frame(ws, padded_configure(8192))["code"] == "too_large"
        ws.send(padded_configure(8193))
        assert close_frame(ws) == (1009, reason, [])


def test_rate_limit_from_the_environment_at_the_limit(configured_server, ws_connect):
    ws = ws_connect(configured_server.base_url)
    for _ in range(6):
        ws.send('{"op": "undo"}')
    codes = [recv_json(ws)["code"] for _ in range(6)]
    assert codes == ["nothing_to_undo"] * 5 + ["rate_limited"]


def test_ping_interval_from_the_environment(configured_server, ws_connect):
    import websocket

    ws = ws_connect(configured_server.base_url)
    opcode, _ = ws.recv_data_frame(control_frame=True)
    assert opcode == websocket.ABNF.OPCODE_PING


@pytest.mark.parametrize("env, said", [
    ({"BP_RATE_LIMIT": "lots"}, "BP_RATE_LIMIT='lots' is not a whole number"),
    ({"BP_SEND_TIMEOUT": "0"}, "BP_SEND_TIMEOUT='0' must be above 0"),
    ({"BP_MAX_WAITING_BYTES": "1000"}, "BP_MAX_WAITING_BYTES must be at least BP_MAX_MESSAGE_BYTES"),
    ({"BP_MAX_FRAME_BYTES": "1048575"}, "BP_MAX_FRAME_BYTES must be at least BP_MAX_MESSAGE_BYTES"),
    ({"BP_TRAINING_SHARE": "1.5"}, "BP_TRAINING_SHARE must be at least 0.01 and at most 1"),
    ({"BP_MAX_TRAIN_SECONDS": "nan"}, "BP_MAX_TRAIN_SECONDS='nan' is not a finite number"),
    ({"BP_IDLE_SECONDS": "10000000000"}, "BP_IDLE_SECONDS must be at most 604800 (a week)"),
    ({"BP_PING_INTERVAL": "604801"}, "BP_PING_INTERVAL must be at most 604800 (a week)"),
    # Each of these was accepted at start, and then broke every /ws or every page or trainer:
    ({"BP_SEND_BUFFER_BYTES": str(2**31)}, "BP_SEND_BUFFER_BYTES must be at most 1073741824 (1 GiB)"),
    ({"BP_MAX_FRAME_BYTES": str(2**63)}, "BP_MAX_FRAME_BYTES must be at most 1073741824 (1 GiB)"),
    ({"BP_FRAME_ANCESTORS": "'self'\nX-Evil: 1"}, "BP_FRAME_ANCESTORS must not contain a newline"),
    ({"BP_TRAINING_SHARE": "1e-300"}, "BP_TRAINING_SHARE must be at least 0.01 and at most 1"),
    ({"BP_RATE_LIMIT": "9" * 400}, "BP_RATE_LIMIT is too large (400 digits)"),
    ({"BP_RATE_LIMIT": "9" * 5000}, "BP_RATE_LIMIT is too large (5000 digits)"),
    # The server's own settings (gunicorn.conf.py), read by the same rules:
    ({"BP_MAX_SESSIONS": "lots"}, "BP_MAX_SESSIONS='lots' is not a whole number"),
    ({"BP_MAX_SESSIONS": "9" * 400}, "BP_MAX_SESSIONS is too large (400 digits)"),
    ({"BP_CONNECTIONS": "3"}, "BP_CONNECTIONS must be above BP_MAX_SESSIONS (3 <= 800)"),
    ({"BP_MAX_SESSIONS": "10", "BP_CONNECTIONS": "10"}, "BP_CONNECTIONS must be above BP_MAX_SESSIONS"),
    ({"BP_CONNECTIONS": "0"}, "BP_CONNECTIONS='0' must be above 0"),
    ({"BP_WORKER_CLASS": "gthread", "BP_THREADS": "800"}, "BP_THREADS must be above BP_MAX_SESSIONS"),
    ({"BP_WORKERS": "0"}, "BP_WORKERS='0' must be above 0"),
    ({"WEB_CONCURRENCY": "0"}, "WEB_CONCURRENCY='0' must be above 0"),
    ({"BP_WORKERS": "two"}, "BP_WORKERS='two' is not a whole number"),
    ({"BP_TIMEOUT": "-1"}, "BP_TIMEOUT='-1' must be above 0"),
    ({"BP_WORKER_CLASS": "sync"}, "BP_WORKER_CLASS='sync' must be one of: gevent, gthread"),
    # Accepted before: a misspelt level logged at info, silently; 70000 stopped in a traceback;
    # 0 listened on a port chosen by the kernel; a waiting budget of a TiB was no bound at all.
    ({"BP_LOG_LEVEL": "verbose"}, "BP_LOG_LEVEL='verbose' must be one of: debug, info, warning, error, critical"),
    ({"PORT": "70000"}, "PORT must be at most 65535"),
    ({"PORT": "0"}, "PORT='0' must be above 0"),
    ({"PORT": "http"}, "PORT='http' is not a whole number"),
    ({"BP_MAX_WAITING_BYTES": str(2**40)}, "BP_MAX_WAITING_BYTES must be at most 1073741824 (1 GiB)"),
])
def test_a_bad_setting_stops_the_server_with_its_name(env, said):
    from helpers.servers import start_gunicorn

    with pytest.raises(AssertionError) as failed:
        start_gunicorn(env=env, timeout=10).stop()  # came up: stopped, and the test fails
    assert said in str(failed.value)


def test_the_server_works_at_the_bounds(ws_connect):
    """At each new bound the server starts and serves: sockets (plain and compressed, as a
    browser opens them), two trainers at the smallest share, and pages."""
    import threading

    from helpers.browser_ws import BrowserLikeSocket
    from helpers.servers import start_gunicorn

    server = start_gunicorn(env={
        "BP_SEND_BUFFER_BYTES": "1073741824", "BP_MAX_FRAME_BYTES": "1073741824",
        "BP_TRAINING_SHARE": "0.01", "BP_FRAME_ANCESTORS": "'self' https://course.example.org",
        "BP_WORKERS": "1", "BP_MAX_SESSIONS": "4", "BP_CONNECTIONS": "5",
    })
    try:
        browser = BrowserLikeSocket(server.base_url.replace("http", "ws") + "/ws", timeout=10)
        browser.send(json.dumps({"op": "configure", "seed": 3}))
        assert json.loads(browser.recv())["type"] == "state"
        answers = []

        def train():
            ws = ws_connect(server.base_url)
            request_frame(ws, json.dumps({"op": "configure", "hidden": [8, 8]}))
            answers.append(request_frame(ws, json.dumps({"op": "train", "epochs": 1000}))["type"])

        trainers = [threading.Thread(target=train) for _ in range(2)]
        for t in trainers:
            t.start()
        for t in trainers:
            t.join(timeout=20)
        assert answers == ["state", "state"]
        browser.send(json.dumps({"op": "train", "epochs": 50}))
        assert json.loads(browser.recv())["epoch"] == 50
        fourth = ws_connect(server.base_url)
        assert request_frame(fourth, json.dumps({"op": "configure"}))["type"] == "state"
        # BP_MAX_SESSIONS sessions open, and the one connection more that BP_CONNECTIONS allows:
        status, headers, _ = get(server.base_url + "/")
        assert status == 200 and "frame-ancestors 'self' https://course.example.org" in headers["Content-Security-Policy"]
        assert get(server.base_url + "/healthz")[0] == 200
        browser.close()
    finally:
        server.stop()


def test_a_blank_setting_is_its_default():
    """An empty variable (`BP_MAX_SESSIONS=` in an env file) means the default, for
    gunicorn.conf.py as for the app."""
    from helpers.servers import start_gunicorn

    start_gunicorn(env={name: "" for name in ("BP_MAX_SESSIONS", "BP_WORKERS", "BP_WORKER_CLASS",
                                              "BP_CONNECTIONS", "BP_TIMEOUT", "BP_RATE_LIMIT")}).stop()


def request_frame(ws, frame: str) -> dict:
    ws.send(frame)
    return recv_json(ws)
