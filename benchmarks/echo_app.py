"""The yardstick of the step benchmark: a bare flask-sock app that answers each text frame "N"
with N bytes (a frame of the size a `step` reply had), served by the same gunicorn command and
configuration as the real app (benchmarks/step_reply.py starts it). Nothing else: no session, no
JSON, no limits, so the difference is what answering a step costs."""
from flask import Flask
from flask_sock import Sock

app = Flask(__name__)
sock = Sock(app)
_replies = {}  # size -> a reply of that size, built once: the echo itself should cost nothing


@app.get("/healthz")
def healthz():
    return {"status": "ok"}


@sock.route("/ws")
def echo(ws):
    while True:
        size = int(ws.receive())
        reply = _replies.get(size)
        if reply is None:
            reply = _replies[size] = "x" * size
        ws.send(reply)
