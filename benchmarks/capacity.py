"""Capacity of one instance: the production command holding a class, with figures beside targets.

    python benchmarks/capacity.py [--worker gevent|gthread|both] [--seconds 60] [--quick]

Starts the Dockerfile's CMD on a free loopback port (BP_WORKER_CLASS set per run), opens
--idle + --steppers + --trainers WebSockets (1,000 + 20 by default), and for --seconds:
each stepper sends `step` once a second (its round trip is measured), each trainer sends
`train` (--epochs each) as soon as its previous answer arrived (the page's auto-training,
flat out), and a prober times `GET /healthz` ten times a second and `GET /` and a static file
once a second. Idle sockets read (they answer the server's pings). The client is one gevent
process on the same machine: its own scheduling is part of every latency it reports. Its sockets
offer permessage-deflate as Chromium does (tests/helpers/browser_ws.py), so the server compresses
as it does for real pages; --no-deflate opens them with websocket-client, which offers nothing.
Bounded: at most --seconds of load plus the connecting, loopback only.
"""
from gevent import monkey

monkey.patch_all()

import argparse  # noqa: E402
import http.client  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import random  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

import gevent  # noqa: E402
import websocket  # noqa: E402
from gevent.pool import Pool  # noqa: E402

from common import children_rss_kib, percentile, rss_kib, start_gunicorn  # noqa: E402
from helpers.browser_ws import BrowserLikeSocket  # noqa: E402
from helpers.ws import ws_url  # noqa: E402

STATE = '"type":"state"'


class Run:
    """What one run saw."""

    def __init__(self):
        self.steps, self.step_errors, self.epochs, self.train_errors = [], 0, 0, 0
        self.health, self.pages, self.http_errors = [], [], 0
        self.refused, self.failed, self.dropped = 0, 0, 0


def browser_like(url):
    return BrowserLikeSocket(url, timeout=30)


def plain(url):
    return websocket.create_connection(url, timeout=30, skip_utf8_validation=True)


def first_reply(ws):
    """The answer to the first message, or "" for a close (1013: the process is full)."""
    try:
        return ws.recv()
    except ConnectionError:  # BrowserLikeSocket's way to say closed; websocket-client returns ""
        return ""


def open_session(url, run, seed, connect, tries=20):
    """Open a socket and configure it; retry (as the page does) when the process is full."""
    for _ in range(tries):
        try:
            ws = connect(url)
            ws.send(json.dumps({"op": "configure", "seed": seed}))
            reply = first_reply(ws)
            if isinstance(reply, str) and STATE in reply[:40]:
                return ws
            run.refused += 1  # closed with 1013: try again after a back-off
            ws.close()
        except (OSError, websocket.WebSocketException):
            run.failed += 1
        gevent.sleep(0.5 + random.random())
    return None


def stepper(ws, run, until):
    next_at = time.monotonic() + random.random()
    while True:
        gevent.sleep(max(0.0, next_at - time.monotonic()))
        if time.monotonic() >= until:
            return
        next_at += 1.0
        t0 = time.perf_counter()
        try:
            ws.send('{"op":"step"}')
            reply = ws.recv()
        except (OSError, websocket.WebSocketException):
            run.dropped += 1
            return
        run.steps.append(time.perf_counter() - t0)
        if STATE not in reply[:40]:
            run.step_errors += 1


def trainer(ws, run, until, epochs):
    message = json.dumps({"op": "train", "epochs": epochs})
    while time.monotonic() < until:
        try:
            ws.send(message)
            reply = ws.recv()
        except (OSError, websocket.WebSocketException):
            run.dropped += 1
            return
        if STATE in reply[:40]:
            run.epochs += epochs
        else:
            run.train_errors += 1


def idler(ws, run):
    try:
        while ws.recv() is not None:  # pings are answered inside recv
            pass
    except (OSError, websocket.WebSocketException):
        pass


def get(port, path):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        t0 = time.perf_counter()
        conn.request("GET", path)
        response = conn.getresponse()
        response.read()
        return time.perf_counter() - t0, response.status
    finally:
        conn.close()


def prober(port, run, until):
    tick = 0
    while time.monotonic() < until:
        try:
            dt, status = get(port, "/healthz")
            run.health.append(dt if status == 200 else float("inf"))
            if tick % 10 == 0:
                for path in ("/", "/static/js/main.js"):
                    dt, status = get(port, path)
                    run.pages.append(dt if status == 200 else float("inf"))
        except OSError:
            run.http_errors += 1
        tick += 1
        gevent.sleep(0.1)


def cpu_seconds(pid):
    """CPU time (user + system) a process and its children used so far, in seconds."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return sum(int(f) for f in fields[11:15]) / os.sysconf("SC_CLK_TCK")


def workers_cpu(server):
    children = Path(f"/proc/{server.proc.pid}/task/{server.proc.pid}/children").read_text().split()
    return sum(cpu_seconds(int(pid)) for pid in children)


def machine_busy_seconds():
    """CPU seconds the whole machine spent busy (all processes, all cores)."""
    values = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = values[3] + values[4]
    return (sum(values) - idle) / os.sysconf("SC_CLK_TCK")


def workers_rss_kib(server):
    return children_rss_kib(server.proc.pid) - rss_kib(server.proc.pid)


def measure(worker, args):
    env = {"BP_WORKER_CLASS": worker, "BP_LOG_LEVEL": "warning", **dict(args.env)}
    server = start_gunicorn(env=env)
    run, url = Run(), ws_url(server.base_url)
    try:
        rss_before = workers_rss_kib(server)
        total = args.idle + args.steppers + args.trainers
        pool, started = Pool(args.connect_concurrency), time.monotonic()
        connect = plain if args.no_deflate else browser_like
        sockets = [s for s in pool.imap_unordered(lambda i: open_session(url, run, i, connect), range(total))]
        connect_seconds = time.monotonic() - started
        held = [ws for ws in sockets if ws is not None]
        rss_after = workers_rss_kib(server)
        until = time.monotonic() + args.seconds
        cpu0 = (workers_cpu(server), cpu_seconds(os.getpid()), machine_busy_seconds())
        roles = held[: args.steppers], held[args.steppers: args.steppers + args.trainers]
        greenlets = [gevent.spawn(stepper, ws, run, until) for ws in roles[0]]
        greenlets += [gevent.spawn(trainer, ws, run, until, args.epochs) for ws in roles[1]]
        idlers = [gevent.spawn(idler, ws, run) for ws in held[args.steppers + args.trainers:]]
        greenlets.append(gevent.spawn(prober, server.port, run, until))
        gevent.joinall(greenlets, timeout=args.seconds + 60)
        cpu1 = (workers_cpu(server), cpu_seconds(os.getpid()), machine_busy_seconds())
        still_open = sum(ws.connected for ws in held)
        for ws in held:
            ws.close(timeout=1)
        gevent.joinall(idlers, timeout=5)
    finally:
        if args.server_log:
            print(server.output()[-args.server_log:])
        server.stop()
    ms = [s * 1000 for s in run.steps]
    health = [s * 1000 for s in run.health]
    pages = [s * 1000 for s in run.pages]
    per_session = (rss_after - rss_before) / max(1, len(held))
    return [
        ("sessions held (open at the end)", still_open, f"≥ {total}", still_open >= total),
        ("sessions opened / refused 1013 / failed", f"{len(held)} / {run.refused} / {run.failed}",
         f"{total} / – / 0", len(held) == total and run.failed == 0),
        ("connecting all of them took (s)", round(connect_seconds, 1), "–", None),
        ("steppers' step p50 (ms)", round(percentile(ms, 50), 2), "–", None),
        ("steppers' step p99 (ms)", round(percentile(ms, 99), 2), "≤ 20", percentile(ms, 99) <= 20),
        ("steppers' step max (ms)", round(max(ms, default=float("nan")), 1), "–", None),
        # Each stepper starts within its first second, so its last step may fall past the end.
        ("steps answered / expected", f"{len(ms)} / {args.steppers * args.seconds}", "≥ 97 %",
         len(ms) >= 0.97 * args.steppers * args.seconds),
        ("step errors + dropped sockets", run.step_errors + run.dropped, "0",
         run.step_errors + run.dropped == 0),
        ("trainers' epochs/s (all / each)",
         f"{run.epochs / args.seconds:.0f} / {run.epochs / args.seconds / max(1, args.trainers):.0f}",
         "each ≤ BP_MAX_EPOCHS_PER_SECOND", None),
        ("train errors", run.train_errors, "0", run.train_errors == 0),
        ("/healthz p50 / p99 / max (ms)",
         f"{percentile(health, 50):.1f} / {percentile(health, 99):.1f} / {max(health, default=0):.1f}",
         "max ≤ 100", max(health, default=0) <= 100 and run.http_errors == 0),
        ("GET / and static file max (ms)", round(max(pages, default=0), 1), "≤ 100",
         max(pages, default=0) <= 100),
        ("CPU: server workers / this client / others (cores)", " / ".join(
            f"{c:.2f}" for c in cpu_share(cpu0, cpu1, args.seconds)), "others ≈ 0", None),
        ("memory per open session (KiB)", round(per_session, 1), "–", None),
        ("workers' memory with all open (MiB)", round(rss_after / 1024, 1), "–", None),
    ]


def cpu_share(before, after, seconds):
    server, client, machine = ((a - b) / seconds for a, b in zip(after, before))
    return server, client, machine - server - client


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--worker", choices=["gevent", "gthread", "both"], default="both")
    parser.add_argument("--idle", type=int, default=700)
    parser.add_argument("--steppers", type=int, default=300)
    parser.add_argument("--trainers", type=int, default=20)
    parser.add_argument("--epochs", type=int, default=100, help="epochs per train request")
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--connect-concurrency", type=int, default=50)
    parser.add_argument("--env", nargs=2, action="append", default=[], metavar=("NAME", "VALUE"),
                        help="extra server setting, e.g. --env BP_MAX_EPOCHS_PER_SECOND 300")
    parser.add_argument("--no-deflate", action="store_true",
                        help="sockets that offer no compression (websocket-client), unlike browsers")
    parser.add_argument("--quick", action="store_true", help="15 s and a tenth of the sockets")
    parser.add_argument("--server-log", type=int, default=0, metavar="CHARS",
                        help="print the end of the server's output")
    parser.add_argument("--json", help="also write the figures to this file")
    args = parser.parse_args(argv)
    if args.quick:
        args.seconds, args.idle, args.steppers = min(args.seconds, 15), 68, 30
        args.trainers = min(args.trainers, 2)
    results = {}
    for worker in (["gthread", "gevent"] if args.worker == "both" else [args.worker]):
        print(f"\n== {worker}: {args.idle} idle + {args.steppers} steppers (1/s) + {args.trainers} "
              f"trainers ({args.epochs} epochs a request), {args.seconds:g} s, "
              f"{'no compression' if args.no_deflate else 'permessage-deflate as Chromium offers it'} ==",
              flush=True)
        rows = measure(worker, args)
        results[worker] = rows
        for name, value, target, ok in rows:
            mark = "" if ok is None else ("ok" if ok else "MISSED")
            print(f"  {name:42} {str(value):>22}   target {target:>14}  {mark}", flush=True)
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump({w: [[n, str(v), t, ok] for n, v, t, ok in rows] for w, rows in results.items()},
                      f, indent=1, ensure_ascii=False)


if __name__ == "__main__":
    main()
