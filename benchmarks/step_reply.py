"""What a `step` reply costs: in-process (the whole answer, then its parts: the arithmetic, and
the state message built and encoded to JSON), overall and per phase (forward, backward, update),
and over a real WebSocket against the production command, beside a bare flask-sock echo app
(benchmarks/echo_app.py) served by the same gunicorn command and configuration that replies
frames of exactly the sizes the steps got, and beside the production app answering pre-recorded
replies (benchmarks/recorded_app.py: the transport alone). The three servers run at once and the
requests alternate (a step, an echo of its size, a recorded reply, in an order that turns every
round), so all see the same machine. Prints medians and p95 of the round trips and their ratios
beside issue 7's target (≤ 1.3×), over all steps (the headline) and per phase, and the CPU time
each server's workers spent a round trip.

The headline rounds run in HEADLINE_PASSES passes of n rounds, each on new sockets (so each pass
spreads its connections over the two workers anew), and the ratio judged is the median of the
passes' ratios, each printed beside it. One pass's ratio moves a lot from pass to pass on this
2-core machine, where the benchmark's own client shares the cores with the servers: six passes in
a row of the same servers read 1.27, 1.33, 1.20, 1.17, 1.21, 1.51× on a quiet machine
(2026-12-04, 18:42), as much as whole runs did from one to the next; the median of several is
the figure that says what the code costs, and the passes say how much the machine moved.

Two diagnostics run in a second pass, beside the same echo: that recorded app again running each
step's arithmetic on a real session before its recorded reply (the floor: what a reply would cost
if its message were free), and benchmarks/bound_app.py (the least this design allows). They ran in
the headline's rounds until 2026-12-04; two more servers working between the step's round trips
loaded the 2 cores that the target is judged on (with them the ratio of the recorded replies,
which do the step's transport and nothing else, rose from 1.04–1.18× to 1.14–1.36× in alternating
runs), so they have their own pass and their own echo now.

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
import os
import statistics
import sys
import time
from pathlib import Path

from common import connect, percentile, start_gunicorn  # common puts the project on sys.path
from helpers.servers import ServerProcess, dockerfile_cmd, free_port, resolve_program

from app.protocol import Conversation

STEP = '{"op":"step"}'
CONFIGURE = '{"op":"configure","seed":3}'
SOCKETS = 20  # round-robin: no connection comes near the rate limit
PHASES = ("forward", "backward", "update")
# Passes of the headline rounds, each on new sockets: the figure judged is the median of their
# ratios (see the module's docstring).
HEADLINE_PASSES = 5


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


ECHO = "echo"


def round_trips(servers, n):
    """({phase: {kind: seconds}}, {kind: worker CPU seconds a round trip}) of `servers`, a list of
    (kind, ServerProcess) with one ECHO: each round asks every server once, on the next of its SOCKETS
    sockets: a step (each connection replays its own sequence, so all are at the same phase), or
    for the echo a frame of that step reply's size. The order turns by one each round, so each
    server is asked in each place equally often: the one asked right after another server's
    round trip finds its process colder, and a fixed order would charge that to one of them."""
    kinds = [kind for kind, _ in servers]
    sockets = [[connect(server.base_url) for _ in range(SOCKETS)] for _, server in servers]
    workers = {kind: worker_pids(server) for kind, server in servers}
    warm_up = 3 * SOCKETS  # a multiple of 3 keeps the phases in step
    sizes = reply_sizes((warm_up + n) // SOCKETS + 1)
    times = {phase: {kind: [] for kind in kinds} for phase in PHASES}
    try:
        for kind, group in zip(kinds, sockets):
            for ws in group if kind != ECHO else ():
                round_trip(ws, CONFIGURE)
        for i in range(warm_up + n):
            if i == warm_up:
                cpu = {kind: cpu_seconds(pids) for kind, pids in workers.items()}
            size = sizes[i // SOCKETS]
            dts, replies = {}, {}
            for k in [(i + shift) % len(kinds) for shift in range(len(kinds))]:
                kind = kinds[k]
                replies[kind], dts[kind] = round_trip(sockets[k][i % SOCKETS], str(size) if kind == ECHO else STEP)
            assert all(len(reply) == size for reply in replies.values()), ({k: len(r) for k, r in replies.items()}, size)
            phases = {json.loads(reply)["phase"] for kind, reply in replies.items() if kind != ECHO}
            assert len(phases) == 1, phases
            if i >= warm_up:
                phase = phases.pop()
                for kind, dt in dts.items():
                    times[phase][kind].append(dt)
        cpu = {kind: (cpu_seconds(pids) - cpu[kind]) / n for kind, pids in workers.items()}
    finally:
        for ws in (ws for group in sockets for ws in group):
            ws.close()
    return times, cpu


def worker_pids(server):
    """The pids of a gunicorn server's workers: its master's children, once it answers."""
    pid = server.proc.pid
    return [int(child) for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]


def cpu_seconds(pids):
    """CPU seconds (user + system) the processes `pids` have used so far (Linux /proc)."""
    ticks = 0
    for pid in pids:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        ticks += int(fields[11]) + int(fields[12])
    return ticks / os.sysconf("SC_CLK_TCK")


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


def _ms(values, q=50):
    return (statistics.median(values) if q == 50 else percentile(values, q)) * 1000


def _all_phases(times, kind):
    return [t for phase in PHASES for t in times[phase][kind]]


def pooled(passes):
    """The headline passes' round trips as one pass's ({phase: {kind: seconds}}, {kind: CPU}):
    every round trip of every pass, the CPU averaged over the passes."""
    times = {phase: {kind: [t for p, _ in passes for t in p[phase][kind]] for kind in passes[0][0][phase]}
             for phase in PHASES}
    cpu = {kind: statistics.mean(c[kind] for _, c in passes) for kind in passes[0][1]}
    return times, cpu


def ratio_of(times, kind):
    """The median round trip of `kind` over the echo's, over all steps of one pass."""
    return _ms(_all_phases(times, kind)) / _ms(_all_phases(times, ECHO))


def round_trip_rows(passes, diagnostics, n, back=None, paced=None):
    """The rows of the headline passes and the diagnostics' pass (`round_trips` answers), then
    the paced runs. The headline ratio is the median of the passes' own ratios (each printed)."""
    ratios, transport = ([ratio_of(times, kind) for times, _ in passes] for kind in ("step", "recorded"))
    times, cpu = pooled(passes)
    steps, echoed, played = (_all_phases(times, kind) for kind in ("step", ECHO, "recorded"))
    listed = lambda values: ", ".join(f"{v:.2f}" for v in values)
    rows = [
        ("step round trip (gunicorn): median", _ms(steps), "ms",
         f"{len(passes)} passes of {n} steps over {SOCKETS} sockets"),
        ("step round trip (gunicorn): p95", _ms(steps, 95), "ms", ""),
        ("bare flask-sock echo, same size: median", _ms(echoed), "ms", "same command, same worker model"),
        ("bare flask-sock echo, same size: p95", _ms(echoed, 95), "ms", ""),
        ("recorded replies (transport alone): median", _ms(played), "ms", "the production app, replies pre-recorded"),
        ("step / echo round trip, median of the passes", statistics.median(ratios), "×",
         f"target ≤ 1.3×; the passes: {listed(ratios)}×"),
        ("step / echo round trip, p95", _ms(steps, 95) / _ms(echoed, 95), "×", "every pass's round trips"),
        ("recorded / echo round trip, median of the passes", statistics.median(transport), "×",
         f"the transport's share; the passes: {listed(transport)}×"),
        ("worker CPU a round trip: step / echo / recorded", cpu["step"] * 1e6, "µs",
         f"{cpu[ECHO] * 1e6:.0f} / {cpu['recorded'] * 1e6:.0f} µs: the step's includes preparing the next"),
    ]
    d_times, _ = diagnostics
    d_echoed, floor, bound = (_all_phases(d_times, kind) for kind in (ECHO, "arithmetic", "bound"))
    rows += [
        ("recorded replies after the arithmetic / echo, median", _ms(floor) / _ms(d_echoed), "×",
         "second pass, beside its own echo: the floor, a message that cost nothing to build"),
        ("bound app / echo, median", _ms(bound) / _ms(d_echoed), "×",
         "second pass: the least this design allows: parse, NumPy arithmetic, orjson of the whole state"),
    ]
    if paced is not None:
        steps_paced, echo_paced = paced
        rows.append(("at a student's pace (20 ms between rounds): step / echo", _ms(steps_paced) / _ms(echo_paced), "×",
                     f"{_ms(steps_paced):.3f} / {_ms(echo_paced):.3f} ms; p95 {_ms(steps_paced, 95) / _ms(echo_paced, 95):.2f}×"))
    if back is not None:
        steps_back, echo_back = back
        rows.append(("back to back (a script's pace): step / echo", _ms(steps_back) / _ms(echo_back), "×",
                     f"{_ms(steps_back):.3f} / {_ms(echo_back):.3f} ms: no time between steps to answer ahead"))
    for phase in PHASES:
        step, echo, replay = (_ms(times[phase][kind]) for kind in ("step", ECHO, "recorded"))
        d_echo, stepped, least = (_ms(d_times[phase][kind]) for kind in (ECHO, "arithmetic", "bound"))
        rows.append((f"  {phase}: step / echo, median", step / echo, "×",
                     f"{step:.3f} / {echo:.3f} ms; recorded {replay:.3f} ms ({replay / echo:.2f}×); second pass: "
                     f"after the arithmetic {stepped / d_echo:.2f}×, bound {least / d_echo:.2f}×"))
    return rows


def rows(quick=False):
    n, passes = (300, 3) if quick else (2000, HEADLINE_PASSES)
    table = in_process(n)
    step, echo = start_gunicorn(), start_beside("echo_app")
    recorded, arithmetic = start_beside("recorded_app"), start_beside("recorded_app", BENCH_ARITHMETIC="1")
    bound = start_beside("bound_app")
    try:
        headline = [round_trips([("step", step), (ECHO, echo), ("recorded", recorded)], n) for _ in range(passes)]
        diagnostics = round_trips([(ECHO, echo), ("arithmetic", arithmetic), ("bound", bound)], n)
        back = back_to_back([step.base_url, echo.base_url], n)
        paced = at_a_students_pace([step.base_url, echo.base_url], min(n, 300))
    finally:
        for server in (step, echo, recorded, arithmetic, bound):
            server.stop()
    return table + round_trip_rows(headline, diagnostics, n, back, paced)


if __name__ == "__main__":
    for name, value, unit, note in rows("--quick" in sys.argv):
        print(f"{name:<50} {value:>10.3f} {unit:<3} {note}")
