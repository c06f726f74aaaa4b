"""The least any server of this design must do per `step`: a bare flask-sock app (no session, no
limits, no transport of ours) that parses the request as JSON, does a 2–2–1 network's arithmetic
for the phase in NumPy (forward: two layers; backward: the chain rule's five products; update:
four parameter updates and the 48×48 boundary grid's prediction), and encodes a state of the
recorded reply's structure and size with orjson. benchmarks/step_reply.py serves it beside the
echo with the same gunicorn command: its ratio to the echo is what no reply code of ours can go
below while every reply carries the whole state as JSON and the arithmetic runs in NumPy."""
import itertools

import numpy as np
import orjson
from flask import Flask
from flask_sock import Sock

from app.protocol import Conversation

app = Flask(__name__)
sock = Sock(app)
STEP = '{"op":"step"}'
CONFIGURE = '{"op":"configure","seed":3}'


def _recorded(steps=300):
    conversation = Conversation()
    first = orjson.loads(conversation.reply(CONFIGURE))
    return first, [orjson.loads(conversation.reply(STEP)) for _ in range(steps)]


_FIRST, _STEPS = _recorded()
_GRID = np.stack(np.meshgrid(np.linspace(-0.5, 1.5, 48), np.linspace(-0.5, 1.5, 48)), -1).reshape(-1, 2)


def _sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


class Net:
    """The 2–2–1 arithmetic, one phase at a time, nothing else."""

    def __init__(self):
        rng = np.random.default_rng(3)
        self.W1, self.b1 = rng.uniform(-1, 1, (2, 2)), np.zeros(2)
        self.W2, self.b2 = rng.uniform(-1, 1, (1, 2)), np.zeros(1)
        self.x, self.y = np.array([1.0, 0.0]), 1.0

    def forward(self):
        self.a1 = _sigmoid(self.W1 @ self.x + self.b1)
        self.y_hat = _sigmoid(self.W2 @ self.a1 + self.b2)

    def backward(self):
        self.dz2 = (self.y_hat - self.y) * self.y_hat * (1 - self.y_hat)
        self.dW2 = np.outer(self.dz2, self.a1)
        self.dz1 = (self.W2.T @ self.dz2) * self.a1 * (1 - self.a1)
        self.dW1 = np.outer(self.dz1, self.x)

    def update(self, lr=0.1):
        self.W1 -= lr * self.dW1
        self.b1 -= lr * self.dz1
        self.W2 -= lr * self.dW2
        self.b2 -= lr * self.dz2
        self.boundary = _sigmoid(_sigmoid(_GRID @ self.W1.T + self.b1) @ self.W2.T + self.b2)


@app.get("/healthz")
def healthz():
    return {"status": "ok"}


@sock.route("/ws")
def bound(ws):
    net, replies = Net(), itertools.cycle(_STEPS)
    while True:
        request = orjson.loads(ws.receive())
        if request.get("op") == "configure":
            ws.send(orjson.dumps(_FIRST).decode())
            continue
        reply = next(replies)
        getattr(net, reply["phase"])()
        ws.send(orjson.dumps(reply).decode())
