"""What a `step` reply costs: in-process (the whole answer, then its parts: the arithmetic, and
the state message built and encoded to JSON), overall and per phase (forward, backward, update),
and over a real WebSocket against the production command, beside a bare flask-sock echo app
(benchmarks/echo_app.py) served by the same gunicorn command and configuration that replies
frames of exactly the sizes the steps got, and beside the production app answering pre-recorded
replies (benchmarks/recorded_app.py: the transport alone), and beside that app again running
each step's arithmetic on a real session before its recorded reply (the floor: what a reply
would cost if its message were free). The four servers run at once and the requests alternate
(a step, an echo of its size, a recorded reply, a recorded reply after the arithmetic, in an order
that turns every round), so all see the same machine. Prints medians and p95 of the round trips
and their ratios beside issue 7's target (≤ 1.3×), over all steps (the headline) and per phase.

The production app answers a step ahead (Conversation.prepare_step) in the time between two of a
socket's steps, as it does between a student's clicks; so the benchmark also prints what that
preparation costs in process, the ratio when steps follow each other with no time between them
(back to back, a script's pace: no step can be ready before it is asked), and the ratio with 20 ms
between rounds (no one clicks that fast, but the preparation has the time it has between a
student's clicks and does not compete for the 2 cores with the benchmark's own client and the
other servers, as it does in the interleaved rounds).

Run alone with `python benchmarks/step_reply.py [--quick]`; `bash scripts/bench.sh` runs it too.
"""
from __future__ import annotations

import json
import statistics
import sys
import time

from common import connect, percentile, start_gunicorn  # common puts the project on sys.path
from helpers.servers import ServerProcess, dockerfile_cmd, free_port, resolve_program

from app.protocol import Conversation

STEP = '{"op":"step"}'
CONFIGURE = '{"op":"configure","seed":3}'
SOCKETS = 20  # round-robin: no connection comes near the rate limit
PHASES = ("forward", "backward", "update")


def us(times):
    return statistics.median(times) * 1e6


def in_process(n):
    """Microseconds per step answered by Conversation.reply, and of its parts, overall and per phase."""
    conversation = Conversation()
    conversation.reply(CONFIGURE)
    session = conversation.session
    for _ in range(30):
        conversation.reply(STEP)
    whole = {phase: [] for phase in PHASES}
    for _ in range(n):
        phase = session.next_move()[0]
        t0 = time.perf_counter()
        conversation.reply(STEP)
        whole[phase].append(time.perf_counter() - t0)
    arithmetic, message = {phase: [] for phase in PHASES}, {phase: [] for phase in PHASES}
    for _ in range(n):
        phase = session.next_move()[0]
        t0 = time.perf_counter()
        session.step()
        t1 = time.perf_counter()
        conversation._state("step", {})
        conversation.held.commit()
        t2 = time.perf_counter()
        arithmetic[phase].append(t1 - t0)
        message[phase].append(t2 - t1)
    ahead, preparing = [], []
    for _ in range(n):
        t0 = time.perf_counter()
        conversation.prepare_step()
        t1 = time.perf_counter()
        conversation.reply(STEP)
        ahead.append(time.perf_counter() - t1)
        preparing.append(t1 - t0)
    every = lambda by_phase: [t for times in by_phase.values() for t in times]
    rows = [("step in-process: whole reply", us(every(whole)), "µs", f"median of {n}"),
            ("step in-process: reply answered ahead", us(ahead), "µs",
             f"prepared after the last reply went: {us(preparing):.1f} µs (median)"),
            ("step in-process: arithmetic (session.step)", us(every(arithmetic)), "µs", f"median of {n}"),
            ("step in-process: state message, built and encoded", us(every(message)), "µs", f"median of {n}")]
    for phase in PHASES:
        rows.append((f"  {phase}: whole / arithmetic / message", us(whole[phase]), "µs",
                     f"{us(arithmetic[phase]):.1f} / {us(message[phase]):.1f} µs"))
    return rows


def start_beside(module, **env):
    """benchmarks/<module>.py's `app` under the Dockerfile's gunicorn command and gunicorn.conf.py."""
    port = free_port()
    argv = dockerfile_cmd()
    argv = [resolve_program(argv[0]), *argv[1:-1], "--pythonpath", "benchmarks", f"{module}:app"]
    server = ServerProcess(argv, port, {"HOST": "127.0.0.1", "PORT": str(port), **env})
    server.wait_healthy()
    return server


def round_trip(ws, text):
    t0 = time.perf_counter()
    ws.send(text)
    reply = ws.recv()
    return reply, time.perf_counter() - t0


def reply_sizes(n):
    """The lengths of the first n step replies of a seed-3 session (replies are deterministic):
    what the echo is asked for, whatever the order the four servers are asked in."""
    conversation = Conversation()
    conversation.reply(CONFIGURE)
    return [len(conversation.reply(STEP)) for _ in range(n)]


def round_trips(urls, n):
    """{phase: (step, echo, recorded, arithmetic, bound seconds)}: a step, an echo of the step
    reply's size, a recorded reply, a recorded reply after real arithmetic, the bound app's reply
    (the same phase: each connection replays its own sequence). The order of the five turns by one
    each round, so each server is asked in each place equally often: the one asked right after
    another server's round trip finds its process colder, and a fixed order would charge that to
    one of them."""
    servers = len(urls)
    sockets = [[connect(url) for _ in range(SOCKETS)] for url in urls]
    warm_up = 3 * SOCKETS  # a multiple of 3 keeps the phases in step
    sizes = reply_sizes((warm_up + n) // SOCKETS + 1)
    times = {phase: tuple([] for _ in urls) for phase in PHASES}
    try:
        for k in (0, 2, 3, 4):
            for ws in sockets[k]:
                round_trip(ws, CONFIGURE)
        for i in range(warm_up + n):
            size = sizes[i // SOCKETS]
            dts, replies = [None] * servers, [None] * servers
            for k in [(i + shift) % servers for shift in range(servers)]:
                replies[k], dts[k] = round_trip(sockets[k][i % SOCKETS], str(size) if k == 1 else STEP)
            assert all(len(reply) == size for reply in replies), ([len(r) for r in replies], size)
            phase = json.loads(replies[0])["phase"]
            assert all(json.loads(replies[k])["phase"] == phase for k in (2, 3, 4))
            if i >= warm_up:
                for series, dt in zip(times[phase], dts):
                    series.append(dt)
    finally:
        for ws in (ws for group in sockets for ws in group):
            ws.close()
    return times


def step_beside_echo(urls, n, order):
    """(step, echo seconds): n steps on one socket of the production app and n echoes of their
    sizes on one socket of the echo; `order(production_turn, echo_turn)` asks them, each turn
    taking the index of the round trip to make."""
    production, echo = connect(urls[0]), connect(urls[1])
    sizes = reply_sizes(n)
    steps, echoed = [], []
    try:
        round_trip(production, CONFIGURE)
        order(lambda i: steps.append(round_trip(production, STEP)[1]),
              lambda i: echoed.append(round_trip(echo, str(sizes[i]))[1]))
    finally:
        production.close()
        echo.close()
    return steps, echoed


def back_to_back(urls, n, block=20):
    """step_beside_echo with each round trip right after the last reply (blocks of `block` in
    turns): a script's pace, which leaves the server no time between two steps to answer the
    next one ahead."""
    def order(step, echo):
        for start in range(0, n, block):
            for turn in (step, echo):
                for i in range(start, min(n, start + block)):
                    turn(i)
    return step_beside_echo(urls, n, order)


def at_a_students_pace(urls, n, pause=0.02):
    """step_beside_echo a step and an echo of its size (in an order that turns every round), then
    `pause` seconds with nothing sent: far quicker than anyone clicks, as slow as a script
    stepping 50 times a second."""
    def order(step, echo):
        for i in range(n):
            for turn in ((step, echo) if i % 2 == 0 else (echo, step)):
                turn(i)
            time.sleep(pause)
    return step_beside_echo(urls, n, order)


def round_trip_rows(times, n, back=None, paced=None):
    ms = lambda values, q: (statistics.median(values) if q == 50 else percentile(values, q)) * 1000
    steps, echoed, played, floor, bound = ([t for phase in PHASES for t in times[phase][k]] for k in range(5))
    rows = [
        ("step round trip (gunicorn): median", ms(steps, 50), "ms", f"{n} steps over {SOCKETS} sockets"),
        ("step round trip (gunicorn): p95", ms(steps, 95), "ms", ""),
        ("bare flask-sock echo, same size: median", ms(echoed, 50), "ms", "same command, same worker model"),
        ("bare flask-sock echo, same size: p95", ms(echoed, 95), "ms", ""),
        ("recorded replies (transport alone): median", ms(played, 50), "ms", "the production app, replies pre-recorded"),
        ("recorded replies after the arithmetic: median", ms(floor, 50), "ms", "the same, each after a real session.step()"),
        ("step / echo round trip, median", ms(steps, 50) / ms(echoed, 50), "×", "target ≤ 1.3×"),
        ("step / echo round trip, p95", ms(steps, 95) / ms(echoed, 95), "×", ""),
        ("recorded / echo round trip, median", ms(played, 50) / ms(echoed, 50), "×", "the transport's share"),
        ("arithmetic + recorded / echo, median", ms(floor, 50) / ms(echoed, 50), "×",
         "the floor: a message that cost nothing to build"),
        ("bound app / echo, median", ms(bound, 50) / ms(echoed, 50), "×",
         "the least this design allows: parse, NumPy arithmetic, orjson of the whole state"),
    ]
    if paced is not None:
        steps, echoed = paced
        rows.append(("at a student's pace (20 ms between rounds): step / echo", ms(steps, 50) / ms(echoed, 50), "×",
                     f"{ms(steps, 50):.3f} / {ms(echoed, 50):.3f} ms; p95 {ms(steps, 95) / ms(echoed, 95):.2f}×"))
    if back is not None:
        steps, echoed = back
        rows.append(("back to back (a script's pace): step / echo", ms(steps, 50) / ms(echoed, 50), "×",
                     f"{ms(steps, 50):.3f} / {ms(echoed, 50):.3f} ms: no time between steps to answer ahead"))
    for phase in PHASES:
        step, echo, replay, stepped, least = (ms(times[phase][k], 50) for k in range(5))
        rows.append((f"  {phase}: step / echo, median", step / echo, "×",
                     f"{step:.3f} / {echo:.3f} ms; recorded {replay:.3f} ms ({replay / echo:.2f}×), "
                     f"after the arithmetic {stepped:.3f} ms ({stepped / echo:.2f}×), "
                     f"bound {least:.3f} ms ({least / echo:.2f}×)"))
    return rows


def rows(quick=False):
    n = 300 if quick else 2000
    table = in_process(n)
    servers = [start_gunicorn(), start_beside("echo_app"), start_beside("recorded_app"),
               start_beside("recorded_app", BENCH_ARITHMETIC="1"), start_beside("bound_app")]
    try:
        times = round_trips([server.base_url for server in servers], n)
        back = back_to_back([server.base_url for server in servers], n)
        paced = at_a_students_pace([server.base_url for server in servers], min(n, 300))
    finally:
        for server in servers:
            server.stop()
    return table + round_trip_rows(times, n, back, paced)


if __name__ == "__main__":
    for name, value, unit, note in rows("--quick" in sys.argv):
        print(f"{name:<50} {value:>10.3f} {unit:<3} {note}")
