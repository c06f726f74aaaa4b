"""What a `step` reply costs: in-process (the whole answer, then its parts: the arithmetic, and
the state message built and encoded to JSON) and over a real WebSocket against the production command, beside a
bare flask-sock echo app (benchmarks/echo_app.py) served by the same gunicorn command and
configuration that replies frames of exactly the sizes the steps got. The two servers run at once
and the requests alternate (one step, then one echo of its size), so both see the same machine.
Prints median and p95 of both round trips and their ratio beside issue 7's target (≤ 1.3×).

Run alone with `python benchmarks/step_reply.py [--quick]`; `bash scripts/bench.sh` runs it too.
"""
from __future__ import annotations

import statistics
import sys
import time

from common import connect, percentile, start_gunicorn  # common puts the project on sys.path
from helpers.servers import ServerProcess, dockerfile_cmd, free_port, resolve_program

from app.protocol import Conversation

STEP = '{"op":"step"}'
SOCKETS = 20  # round-robin: no connection comes near the rate limit


def in_process(n):
    """Microseconds per step answered by Conversation.reply, and of its parts."""
    conversation = Conversation()
    conversation.reply('{"op":"configure","seed":3}')
    for _ in range(30):
        conversation.reply(STEP)
    whole = []
    for _ in range(n):
        t0 = time.perf_counter()
        conversation.reply(STEP)
        whole.append(time.perf_counter() - t0)
    parts = {"arithmetic (session.step)": [], "state message, built and encoded": []}
    for _ in range(n):
        t0 = time.perf_counter()
        conversation.session.step()
        t1 = time.perf_counter()
        conversation._state("step", {})
        t2 = time.perf_counter()
        for name, dt in zip(parts, (t1 - t0, t2 - t1)):
            parts[name].append(dt)
    us = lambda times: statistics.median(times) * 1e6
    return [("step in-process: whole reply", us(whole), "µs", f"median of {n}")] + [
        (f"step in-process: {name}", us(times), "µs", f"median of {n}") for name, times in parts.items()]


def start_echo():
    """benchmarks/echo_app.py under the Dockerfile's gunicorn command and gunicorn.conf.py."""
    port = free_port()
    argv = dockerfile_cmd()
    argv = [resolve_program(argv[0]), *argv[1:-1], "--pythonpath", "benchmarks", "echo_app:app"]
    server = ServerProcess(argv, port, {"HOST": "127.0.0.1", "PORT": str(port)})
    server.wait_healthy()
    return server


def round_trip(ws, text):
    t0 = time.perf_counter()
    ws.send(text)
    reply = ws.recv()
    return reply, time.perf_counter() - t0


def round_trips(app_url, echo_url, n):
    """(step seconds, echo seconds), alternating: a step, then an echo of the step reply's size."""
    steppers = [connect(app_url) for _ in range(SOCKETS)]
    echoes = [connect(echo_url) for _ in range(SOCKETS)]
    try:
        for ws in steppers:
            round_trip(ws, '{"op":"configure","seed":3}')
        for i in range(2 * SOCKETS):  # warm both up
            reply, _ = round_trip(steppers[i % SOCKETS], STEP)
            round_trip(echoes[i % SOCKETS], str(len(reply)))
        steps, echoed = [], []
        for i in range(n):
            reply, dt = round_trip(steppers[i % SOCKETS], STEP)
            steps.append(dt)
            answer, dt = round_trip(echoes[i % SOCKETS], str(len(reply)))
            assert len(answer) == len(reply), (len(answer), len(reply))
            echoed.append(dt)
    finally:
        for ws in steppers + echoes:
            ws.close()
    return steps, echoed


def rows(quick=False):
    n = 300 if quick else 2000
    table = in_process(n)
    app, echo = start_gunicorn(), start_echo()
    try:
        steps, echoed = round_trips(app.base_url, echo.base_url, n)
    finally:
        app.stop()
        echo.stop()
    ms = lambda times, q: (statistics.median(times) if q == 50 else percentile(times, q)) * 1000
    return table + [
        ("step round trip (gunicorn): median", ms(steps, 50), "ms", f"{n} steps over {SOCKETS} sockets"),
        ("step round trip (gunicorn): p95", ms(steps, 95), "ms", ""),
        ("bare flask-sock echo, same size: median", ms(echoed, 50), "ms", "same command, same worker model"),
        ("bare flask-sock echo, same size: p95", ms(echoed, 95), "ms", ""),
        ("step / echo round trip, median", ms(steps, 50) / ms(echoed, 50), "×", "target ≤ 1.3×"),
        ("step / echo round trip, p95", ms(steps, 95) / ms(echoed, 95), "×", ""),
    ]


if __name__ == "__main__":
    for name, value, unit, note in rows("--quick" in sys.argv):
        print(f"{name:<42} {value:>10.3f} {unit:<3} {note}")
