"""Benchmarks against real servers over real WebSockets; prints a table (no pass/fail).

Run with `bash scripts/bench.sh` (or `python benchmarks/run.py [--quick] [--json FILE]`).
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import threading
import time

import page_load
import session_size
import step_reply
from common import (Pacer, RequestFailed, children_rss_kib, connect, percentile, rss_kib,
                    start_dev_server, start_gunicorn, timed_request)


def bench_step_latency(base_url: str, label: str, n: int) -> list[tuple]:
    """Median and p95 of n `step` round trips, spread over 20 connections (rate limit)."""
    sockets = [connect(base_url) for _ in range(20)]
    try:
        for ws in sockets:
            timed_request(ws, {"op": "configure", "seed": 3})
        times = []
        for i in range(n):
            _, dt = timed_request(sockets[i % len(sockets)], {"op": "step"})
            times.append(dt)
    finally:
        for ws in sockets:
            ws.close()
    ms = [t * 1000 for t in times]
    return [
        (f"step round trip, median ({label})", statistics.median(ms), "ms", f"{n} steps"),
        (f"step round trip, p95 ({label})", percentile(ms, 95), "ms", f"{n} steps"),
    ]


def bench_train_throughput(base_url: str, repeats: int) -> list[tuple]:
    """Epochs per second of `train` 100 epochs, XOR, on 2-2-1 and on 2-8-8-1."""
    rows = []
    for hidden in ([2], [8, 8]):
        ws = connect(base_url)
        try:
            timed_request(ws, {"op": "configure", "dataset": "xor", "hidden": hidden, "seed": 3})
            times = [timed_request(ws, {"op": "train", "epochs": 100})[1] for _ in range(repeats)]
        finally:
            ws.close()
        med = statistics.median(times)
        shape = "-".join(map(str, [2, *hidden, 1]))
        rows.append((f"train 100 epochs, XOR {shape}", 100 / med, "epochs/s",
                     f"median of {repeats}: {med * 1000:.1f} ms per call"))
    return rows


def bench_xor_convergence(base_url: str, max_epochs: int = 20000) -> list[tuple]:
    """Epochs until the XOR loss falls below 0.01 (default seed, lr 0.5, sigmoid, 2-2-1)."""
    ws = connect(base_url)
    points: list[list[float]] = []
    reached = None
    t0 = time.perf_counter()
    try:
        state, _ = timed_request(ws, {"op": "configure", "dataset": "xor", "lr": 0.5,
                                      "activation": "sigmoid", "hidden": [2]})
        seed = state["config"]["seed"]
        points = state["history"]["points"]
        pacer = Pacer()
        while reached is None and state["epoch"] < max_epochs:
            pacer.wait()
            state, _ = timed_request(ws, {"op": "train", "epochs": 50})
            h = state["history"]
            points = (points[::2] if h["thin"] else points)[: h["from"]] + h["points"]
            reached = next((int(e) for e, loss in points if loss < 0.01), None)
        correct = state["metrics"]["correct"]
    finally:
        ws.close()
    elapsed = time.perf_counter() - t0
    value = reached if reached is not None else float("nan")
    note = (f"seed {seed}; {correct}/4 right at epoch {state['epoch']}; {elapsed:.1f} s"
            if reached is not None else f"not reached in {max_epochs} epochs (seed {seed})")
    return [("XOR epochs to loss < 0.01", value, "epochs", note)]


def bench_memory(sessions: int, epochs: int, depth: int) -> list[tuple]:
    """RSS growth of `python -m app` holding `sessions` trained sessions with full undo histories."""
    server = start_dev_server()
    sockets = []
    try:
        warm = connect(server.base_url)
        timed_request(warm, {"op": "configure", "seed": 3})
        timed_request(warm, {"op": "train", "epochs": 10})
        warm.close()
        time.sleep(0.5)
        before = rss_kib(server.proc.pid)
        for i in range(sessions):
            ws = connect(server.base_url)
            sockets.append(ws)
            timed_request(ws, {"op": "configure", "seed": i})
            timed_request(ws, {"op": "train", "epochs": epochs})
        # Fill each undo history to the brim, round-robin so no connection passes the rate limit.
        for _ in range(depth):
            for ws in sockets:
                timed_request(ws, {"op": "step"})
        last, _ = timed_request(sockets[-1], {"op": "step"})
        after = rss_kib(server.proc.pid)
    finally:
        for ws in sockets:
            ws.close()
        server.stop()
    growth = after - before
    return [
        (f"RSS growth, {sessions} sessions", growth / 1024, "MiB",
         f"{before / 1024:.0f} -> {after / 1024:.0f} MiB; undo depth {last['undo_depth']}"),
        ("RSS per session", growth / sessions, "KiB",
         f"each trained {epochs} epochs, then {depth} steps"),
    ]


def bench_concurrent(base_url: str, pid: int, clients: int, seconds: float) -> list[tuple]:
    """`clients` browsers auto-training at once (train 10 epochs, wait, repeat) for `seconds`."""
    latencies: list[float] = []
    epochs = [0] * clients
    errors: list[str] = []
    lock = threading.Lock()
    start = threading.Barrier(clients + 1)
    stop_at = [0.0]

    def client(i: int) -> None:
        try:
            ws = connect(base_url, timeout=60)
        except OSError as e:
            with lock:
                errors.append(repr(e))
            start.wait()
            return
        try:
            timed_request(ws, {"op": "configure", "seed": i, "lr": 0.5})
            start.wait()
            mine = []
            while time.perf_counter() < stop_at[0]:
                _, dt = timed_request(ws, {"op": "train", "epochs": 10})
                mine.append(dt)
                epochs[i] += 10
            with lock:
                latencies.extend(mine)
        except (OSError, RequestFailed) as e:
            with lock:
                errors.append(repr(e))
        finally:
            ws.close()

    threads = [threading.Thread(target=client, args=(i,), daemon=True) for i in range(clients)]
    for t in threads:
        t.start()
    rss_before = children_rss_kib(pid)
    stop_at[0] = time.perf_counter() + seconds
    start.wait()
    t0 = time.perf_counter()
    for t in threads:
        t.join(seconds + 120)
    elapsed = time.perf_counter() - t0
    rss_after = children_rss_kib(pid)
    ms = [x * 1000 for x in latencies]
    return [
        (f"{clients} clients auto-training: aggregate", sum(epochs) / elapsed, "epochs/s",
         f"{len(ms)} train calls of 10 epochs in {elapsed:.1f} s; errors: {len(errors)}"),
        (f"{clients} clients: train(10) latency median", statistics.median(ms) if ms else float("nan"),
         "ms", ""),
        (f"{clients} clients: train(10) latency p95", percentile(ms, 95), "ms", ""),
        (f"{clients} clients: slowest client", min(epochs) / elapsed, "epochs/s",
         f"fastest {max(epochs) / elapsed:.0f} epochs/s"),
        ("gunicorn RSS (master + workers)", rss_after / 1024, "MiB",
         f"{rss_before / 1024:.0f} MiB with the clients connected, before training"),
    ] + ([("first error", float("nan"), "", errors[0])] if errors else [])


def print_table(rows: list[tuple]) -> None:
    """Print rows (name, value, unit, note) as an aligned table."""
    def fmt(v):
        if isinstance(v, float) and v != v:
            return "—"
        return f"{v:,.0f}" if abs(v) >= 100 else f"{v:.3g}" if abs(v) < 1 else f"{v:.1f}"

    w0 = max(len(r[0]) for r in rows)
    w1 = max(len(fmt(r[1])) for r in rows)
    w2 = max(len(r[2]) for r in rows)
    print(f"{'benchmark':<{w0}}  {'value':>{w1}}  {'unit':<{w2}}  note")
    print(f"{'-' * w0}  {'-' * w1}  {'-' * w2}  ----")
    for name, value, unit, note in rows:
        print(f"{name:<{w0}}  {fmt(value):>{w1}}  {unit:<{w2}}  {note}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="smaller counts, for a smoke run")
    parser.add_argument("--json", help="also write the rows to this file")
    args = parser.parse_args()
    q = args.quick

    rows: list[tuple] = []
    print(f"Python {platform.python_version()} on {platform.machine()}, "
          f"{__import__('os').cpu_count()} cores", flush=True)

    gunicorn = start_gunicorn()
    try:
        print("step latency ...", flush=True)
        rows += bench_step_latency(gunicorn.base_url, "gunicorn", 200 if q else 1000)
        print("training throughput ...", flush=True)
        rows += bench_train_throughput(gunicorn.base_url, 3 if q else 10)
        print("XOR convergence ...", flush=True)
        rows += bench_xor_convergence(gunicorn.base_url)
        print("concurrent clients ...", flush=True)
        rows += bench_concurrent(gunicorn.base_url, gunicorn.proc.pid, 10 if q else 50,
                                 3.0 if q else 15.0)
    finally:
        gunicorn.stop()

    dev = start_dev_server()
    try:
        print("step latency (python -m app) ...", flush=True)
        rows += bench_step_latency(dev.base_url, "python -m app", 200 if q else 1000)
    finally:
        dev.stop()

    print("step reply against a bare flask-sock echo ...", flush=True)
    rows += step_reply.rows(q)

    print("page load in headless Chromium ...", flush=True)
    rows += page_load.rows(q)

    print("session size and reply bytes (in-process) ...", flush=True)
    rows += session_size.rows(q)

    print("memory per session ...", flush=True)
    rows += bench_memory(10 if q else 50, 200, 100 if q else 500)

    print()
    print_table(rows)
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump([dict(zip(("name", "value", "unit", "note"), r)) for r in rows], f, indent=1)


if __name__ == "__main__":
    main()
