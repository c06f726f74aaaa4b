"""What long epochs cost everyone else: N connections auto-train the largest network (spiral, 400
points, hidden 8×6, Adam: one epoch is 60–76 ms on this machine) flat out against one gevent
worker of the production command, while one more client asks /healthz and sends a `step` every
0.1 s. Prints the waits of both (p50, p90, max) and the trainers' longest `train` answer.

Training is sliced every ~1 ms at epoch ends and, within a long epoch, every 8 steps
(Session.on_steps, app/pacing.py): without the second, each trainer held the worker for a whole
epoch at a time. Not a test: it only reports.

    python benchmarks/heavy_trainers.py [--trainers N] [--seconds S]
"""
from __future__ import annotations

import argparse
import json
import statistics
import threading
import time
import urllib.request

from common import connect, start_gunicorn  # common puts the project on sys.path

LARGEST = {"op": "configure", "dataset": "spiral", "points": 400, "hidden": [8] * 6, "optimizer": "adam",
           "batch": "online"}


def train_flat_out(url, stop, answers):
    ws = connect(url, timeout=120)
    ws.send(json.dumps(LARGEST))
    ws.recv()
    while not stop.is_set():
        started = time.monotonic()
        ws.send('{"op": "train", "epochs": 1000}')
        ws.recv()
        answers.append(time.monotonic() - started)
    ws.close()


def ms(values):
    deciles = statistics.quantiles(values, n=10, method="inclusive")
    return f"p50 {statistics.median(values) * 1e3:.0f} ms, p90 {deciles[8] * 1e3:.0f} ms, max {max(values) * 1e3:.0f} ms"


def run(trainers, seconds):
    server = start_gunicorn(env={"BP_WORKERS": "1"})
    stop, answers = threading.Event(), []
    try:
        threads = [threading.Thread(target=train_flat_out, args=(server.base_url, stop, answers), daemon=True)
                   for _ in range(trainers)]
        for thread in threads:
            thread.start()
        time.sleep(1.5)  # every trainer configured and training
        stepper = connect(server.base_url)
        stepper.send('{"op": "configure"}')
        stepper.recv()
        health, steps = [], []
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            started = time.monotonic()
            urllib.request.urlopen(server.base_url + "/healthz", timeout=60).read()
            health.append(time.monotonic() - started)
            started = time.monotonic()
            stepper.send('{"op": "step"}')
            stepper.recv()
            steps.append(time.monotonic() - started)
            time.sleep(0.1)
        stop.set()
        for thread in threads:
            thread.join(30)
    finally:
        server.stop()
    print(f"{trainers} trainers of spiral 400 / 8×6 / Adam on one gevent worker, {seconds:.0f} s:")
    print(f"  /healthz            {ms(health)}")
    print(f"  a step              {ms(steps)}")
    print(f"  trainers' answers   {len(answers)}, longest {max(answers):.2f} s")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trainers", type=int, default=10)
    parser.add_argument("--seconds", type=float, default=8.0)
    arguments = parser.parse_args()
    run(arguments.trainers, arguments.seconds)
