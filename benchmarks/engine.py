"""The training engine in process: epochs a second of a session's `train` on XOR (online SGD,
sigmoid, η 0.5) for 2–2–1 and 2–8–8–1, beside a bare NumPy loop doing the same work in the same
run (forward, backward and update of each of the 4 examples, and the data set's MSE after each
epoch, as `train` records a point of the loss curve), and beside the step-by-step path that
`train` used before (one Trace per example, kept for the equality tests).

Run with `python benchmarks/engine.py [--epochs N] [--repeats R]`; prints the best of R runs
(the machine may be shared: the best run is the least disturbed one) and the spread, in epochs
per second of this process's CPU time (what other processes take from a shared machine does not
count) and of wall-clock time.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app.model import network  # noqa: E402
from app.session import Session  # noqa: E402
from app.session.records import Example, Settings  # noqa: E402

X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
Y = np.array([0.0, 1.0, 1.0, 0.0])


def bare_numpy(sizes, epochs, lr=0.5):
    """The textbook loop: σ(z) = 1/(1 + e^−z), σ′ = a(1 − a), W −= η·δ·aᵀ, in place."""
    rng = np.random.default_rng(3)
    W = [rng.uniform(-1, 1, (n_out, n_in)) for n_in, n_out in zip(sizes, sizes[1:])]
    b = [rng.uniform(-1, 1, n_out) for n_out in sizes[1:]]
    sig = lambda z: 1.0 / (1.0 + np.exp(-z))
    for _ in range(epochs):
        for x, y in zip(X, Y):
            a = [x]
            for w, c in zip(W, b):
                a.append(sig(w @ a[-1] + c))
            delta = (a[-1] - y) * a[-1] * (1.0 - a[-1])
            for layer in range(len(W) - 1, -1, -1):
                grad_W = np.outer(delta, a[layer])
                if layer:
                    next_delta = (W[layer].T @ delta) * a[layer] * (1.0 - a[layer])
                W[layer] -= lr * grad_W
                b[layer] -= lr * delta
                if layer:
                    delta = next_delta
        A = X.T
        for w, c in zip(W, b):
            A = sig(w @ A + c[:, None])
        float(np.mean(0.5 * (Y - A[0]) ** 2))


def session_train(sizes, epochs):
    session = Session(Settings(lr=0.5, hidden=tuple(sizes[1:-1])))
    session.train(epochs)


def step_by_step(sizes, epochs):
    """What `train` ran before the Engine: a full Trace and an update per example."""
    session = Session(Settings(lr=0.5, hidden=tuple(sizes[1:-1])))
    s = session.settings
    while session.epoch < epochs:
        x, y = session._batch_data()
        session.example = Example(session.sample, network.full_pass(session.params, x, y, s.activation, s.loss))
        session.steps += 2
        session._update()


def rates(runs, sizes, epochs, repeats):
    """{name: (best, worst, best by the wall clock)} epochs a second over `repeats` rounds, the
    runs taking turns so that each meets the same load on a shared machine."""
    seen = {name: [] for name in runs}
    for _ in range(repeats):
        for name, run in runs.items():
            cpu, wall = time.process_time(), time.perf_counter()
            run(sizes, epochs)
            seen[name].append((epochs / (time.process_time() - cpu), epochs / (time.perf_counter() - wall)))
    return {name: (max(c for c, _ in values), min(c for c, _ in values), max(w for _, w in values))
            for name, values in seen.items()}


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--epochs", type=int, default=2000)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    runs = {"bare NumPy loop": bare_numpy, "train (Engine)": session_train, "step-by-step path": step_by_step}
    for sizes in ([2, 2, 1], [2, 8, 8, 1]):
        shape = "–".join(map(str, sizes))
        figures = rates(runs, sizes, args.epochs, args.repeats)
        bare = figures["bare NumPy loop"][0]
        for name, (best, worst, wall) in figures.items():
            print(f"XOR {shape}, {name:18s} {best:8,.0f} epochs/s of CPU (worst of {args.repeats}: "
                  f"{worst:,.0f}; wall clock {wall:,.0f}); {best / bare:.2f}× the bare loop", flush=True)


if __name__ == "__main__":
    main()
