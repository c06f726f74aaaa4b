"""Fuzz the production command: 10,000 seeded random messages over real WebSockets (wrong types,
huge numbers, NaN/Infinity literals, deep nesting, megabyte strings, lone surrogates, invalid
UTF-8, binary frames, fragmented frames, ping bursts, out-of-order phases, forged snapshots).

Every reply must be one strict-JSON object, a `state` or an `error`, never `internal`; after every
error the session is exactly what the last state said (its `resume` record); the server stays
healthy and answers a step afterwards. A connection the server closes (invalid UTF-8 is a protocol
violation: 1007) is reopened and the session restored from what a page would hold. Half the
connections compress their frames, as browsers do.
"""
from __future__ import annotations

import json
import random
import threading
import time
import urllib.request

import pytest
import websocket

from helpers.browser_ws import BrowserLikeSocket
from helpers.resume import PageMemory
from helpers.ws import connect, loads, request, ws_url

CONNECTIONS = 8
MESSAGES = 10_000
PER_SECOND = 120  # per connection, under the rate limit, so most messages do real work

OPS = ["step", "forward", "backward", "update", "undo", "reset", "train", "set", "configure", "snapshot"]
WILD = [None, True, False, -1, 0, 1, 2.5, 1e308, -1e308, 5e-324, "", "x", "😀", "\ud800", [], {}, [1, [2]], {"a": 1}]
SETTINGS = {
    "lr": [0.1, 0.5, 10, 0.0005, 11, "0.1"], "activation": ["sigmoid", "tanh", "relu", "softmax"],
    "loss": ["mse", "bce", "hinge"], "optimizer": ["sgd", "momentum", "adam", "rmsprop"],
    "momentum": [0.0, 0.9, 0.99, 1.0], "dataset": ["xor", "and", "or", "single", "passo_a_passo", "mnist"],
    "hidden": [[2], [3, 2], [8, 8, 8], [], [0], [9], [2, 2, 2, 2, 2, 2, 2, 2]], "seed": [0, 3, 2**31 - 1, -1, 2**31],
    "detailed": [True, False, 1], "check_gradients": [True, False, "yes"], "init": ["uniform", "xavier", "he", "zero"],
    "clip": [0, 0.5, 100, 101], "schedule": ["constant", "step", "cosine", "linear"], "schedule_period": [1, 100, 0],
    "l1": [0, 0.01, 2], "l2": [0, 0.1, -1], "lang": ["pt-BR", "en", "fr"],
}


def wild(rng):
    return rng.choice(WILD)


def op_message(rng):
    op = rng.choice(OPS)
    message = {"op": op}
    if op == "train":
        message["epochs"] = rng.choice([1, 2, 3, 0, 1001, "5", 1.5, None])
    elif op == "set":
        message.update(what=rng.choice(["weight", "bias", "input", "target", "gain"]),
                       value=rng.choice([0.5, -3, 100, 101, -100.5, "1", None, 2]))
        for field in ("layer", "row", "col", "index"):
            if rng.random() < 0.6:
                message[field] = rng.choice([0, 1, 2, 7, -1, "0", 1.0])
    elif op == "configure":
        for name in rng.sample(sorted(SETTINGS), rng.randint(1, 4)):
            message[name] = rng.choice(SETTINGS[name])
        if rng.random() < 0.1:
            message["preset"] = rng.choice(["passo_a_passo", "nope"])
    if rng.random() < 0.1:
        message[rng.choice(["extra", "value", "epochs", "snapshot"])] = wild(rng)
    return json.dumps(message)


def malformed_text(rng):
    choice = rng.randrange(9)
    if choice == 0:
        return "".join(rng.choice('{}[]":,0123456789abc-+eE.') for _ in range(rng.randint(1, 60)))
    if choice == 1:
        return '{"op": "configure", "lr": NaN}' if rng.random() < 0.5 else '{"op": "set", "what": "target", "value": Infinity}'
    if choice == 2:
        return '{"op": "configure", "lr": 1e400}'
    if choice == 3:
        depth = rng.choice([50, 5000, 100_000])
        return '{"op": "configure", "hidden": ' + "[" * depth + "]" * depth + "}"
    if choice == 4:
        return rng.choice(['[]', '"step"', '3', 'null', '{"op": 5}', '{"op": null}', '{}'])
    if choice == 5:
        return '{"op": "set", "what": "weight", "layer": 0, "row": 0, "col": 0, "value": ' + "9" * 400 + "}"
    if choice == 6:
        return json.dumps({"op": "step", "note": "\ud800" + "é" * 10})
    if choice == 7:
        return '{"op": "step"' + " " * rng.randint(0, 3)  # truncated
    return json.dumps({"op": rng.choice(OPS + ["STEP", "drop"]), rng.choice(["x", "op"]): wild(rng)})


def forged_snapshot(rng, page):
    snapshot = json.loads(json.dumps(page.snapshot()))  # a copy: the page's own record stays as it was
    session = snapshot["session"]
    target = rng.choice(["settings", "params", "memory", "data", "epoch", "sample", "steps", "progress", "history"])
    mutation = rng.randrange(5)
    if mutation == 0:
        del session[target]
    elif mutation == 1:
        session[target] = wild(rng)
    elif mutation == 2 and isinstance(session[target], dict) and session[target]:
        key = rng.choice(sorted(session[target]))
        session[target][key] = wild(rng)
    elif mutation == 3:
        snapshot["format"] = rng.choice(["backprop-passo-a-passo/1", "x", None])
    return json.dumps({"op": "restore", "snapshot": snapshot}, allow_nan=False)


class Fuzzer:
    """One connection's share of the messages; records every problem instead of raising."""

    def __init__(self, base_url, seed, count):
        self.base_url, self.rng, self.count = base_url, random.Random(seed), count
        self.problems, self.sent, self.reopened = [], 0, 0
        self.page = PageMemory()
        self.last_error = None
        self.ws = None

    def connect(self):
        return connect(self.base_url)

    def open(self):
        self.ws = self.connect()
        first = {"op": "restore", "snapshot": self.page.snapshot()} if self.page.resume else {"op": "configure"}
        self.take(request(self.ws, first), "open")

    def take(self, reply, what):
        if reply.get("type") == "state":
            if reply.get("protocol") != 2:
                self.problems.append(f"{what}: protocol {reply.get('protocol')!r}")
            self.page.take(reply)
            return True
        if reply.get("type") != "error" or reply.get("code") == "internal" or not reply.get("message"):
            self.problems.append(f"{what}: {reply!r}"[:300])
        return False

    def check_unchanged(self, what):
        """After an error: the session is what the last state said."""
        before = self.page.resume
        reply = request(self.ws, {"op": "snapshot"})
        if reply.get("type") != "state" or reply["resume"] != before:
            self.problems.append(f"after {what[:300]!r} the session changed: {self.last_error!r}")
        self.take(reply, "snapshot")

    def send_one(self):
        kind = self.rng.random()
        if kind < 0.45:
            text = op_message(self.rng)
        elif kind < 0.70:
            text = malformed_text(self.rng)
        elif kind < 0.80:
            text = forged_snapshot(self.rng, self.page)
            self.ws.send(text)
            return self.answer(text)
        elif kind < 0.83:
            text = json.dumps({"op": "step", "pad": "x" * self.rng.choice([900_000, 1_100_000])})
        elif kind < 0.90:
            return self.send_frames()
        else:
            text = json.dumps({"op": "step"})
        self.ws.send(text)
        self.answer(text)

    def send_frames(self):
        """Binary frames, fragmented text frames, ping bursts, and (rarely) invalid UTF-8."""
        choice = self.rng.randrange(4)
        if choice == 0:
            self.ws.send_binary(b'{"op": "step"}')
            return self.answer("binary frame")
        if choice == 1:
            text = json.dumps({"op": "step"})
            cut = self.rng.randint(1, len(text) - 1)
            self.send_fragments(text[:cut], text[cut:])
            return self.answer("fragments")
        if choice == 2:
            for _ in range(20):
                self.ws.ping(b"fuzz")
            self.ws.send(json.dumps({"op": "step"}))
            return self.answer("after pings")
        self.send_invalid_utf8(b'{"op": "\xff\xfe"}')
        try:
            frame = self.ws.recv()
        except (websocket.WebSocketException, OSError):
            frame = ""
        if frame:  # the server may also answer it as a message that is not JSON
            self.problems.append(f"invalid UTF-8 answered {frame[:200]!r}")
        self.close()
        self.reopened += 1
        self.open()

    def send_fragments(self, first, rest):
        self.ws.send_frame(websocket.ABNF.create_frame(first.encode(), websocket.ABNF.OPCODE_TEXT, fin=0))
        self.ws.send_frame(websocket.ABNF.create_frame(rest.encode(), websocket.ABNF.OPCODE_CONT, fin=1))

    def send_invalid_utf8(self, data):
        self.ws.send_frame(websocket.ABNF.create_frame(data, websocket.ABNF.OPCODE_TEXT))

    def answer(self, what):
        try:
            reply = loads(self.ws.recv())
        except ValueError as error:
            self.problems.append(f"{what[:120]!r}: not strict JSON ({error})")
            return
        if not isinstance(reply, dict):
            self.problems.append(f"{what[:120]!r}: not an object")
        elif not self.take(reply, what[:60]) and reply.get("code") != "too_large":
            self.last_error = reply
            self.check_unchanged(what)

    def run(self):
        try:
            self.open()
            pace = 1.0 / PER_SECOND
            for _ in range(self.count):
                started = time.monotonic()
                self.send_one()
                self.sent += 1
                time.sleep(max(0.0, pace - (time.monotonic() - started)))
        except Exception as error:  # recorded with where it stopped
            self.problems.append(f"stopped after {self.sent}: {error!r}")
        finally:
            self.close()

    def close(self):
        try:
            self.ws.close(timeout=2)
        except (websocket.WebSocketException, OSError):
            pass
        finally:
            self.ws.shutdown()


class CompressingFuzzer(Fuzzer):
    """The same mix from a client that compresses as browsers do (permessage-deflate): every frame
    the server reads from it, fragments and invalid UTF-8 included, is inflated first."""

    def connect(self):
        return BrowserLikeSocket(ws_url(self.base_url))

    def send_fragments(self, first, rest):
        self.ws.send_fragments([first, rest])

    def send_invalid_utf8(self, data):
        self.ws.send_text_bytes(data)


def test_ten_thousand_random_messages(gunicorn_server):
    # Half the connections compress, as every browser does.
    fuzzers = [(CompressingFuzzer if seed % 2 else Fuzzer)(gunicorn_server, seed, MESSAGES // CONNECTIONS)
               for seed in range(CONNECTIONS)]
    threads = [threading.Thread(target=f.run) for f in fuzzers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=240)
    problems = [p for f in fuzzers for p in f.problems]
    assert not problems, f"{len(problems)} problems, first ones:\n" + "\n".join(problems[:10])
    assert sum(f.sent for f in fuzzers) == MESSAGES
    for kind in (Fuzzer, CompressingFuzzer):
        assert sum(f.reopened for f in fuzzers if type(f) is kind) > 0, f"{kind.__name__}: invalid UTF-8 never ran"
    with urllib.request.urlopen(gunicorn_server + "/healthz", timeout=5) as health:
        assert health.status == 200
    ws = connect(gunicorn_server)
    assert request(ws, {"op": "configure"})["type"] == "state"
    assert request(ws, {"op": "step"})["phase"] == "forward"
    ws.close()


@pytest.mark.parametrize("seed", range(3))
def test_the_generators_are_seeded(seed):
    one, two = random.Random(seed), random.Random(seed)
    assert [op_message(one) for _ in range(50)] == [op_message(two) for _ in range(50)]
