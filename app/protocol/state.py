"""Own the `state` message: what a client is told about a session after every command.

It carries every number the page shows (the page only formats), and `resume`, the session's
primary state without the loss curve, so the page can rebuild a snapshot from what it holds.
"""
import numpy as np

from ..model import datasets
from ..model.gradcheck import relative_error
from .arrays import as_float, as_list, layers, params_message
from .snapshot import record

PROTOCOL_VERSION = 2


def first(arrays):
    """Per-unit values of a batch's first example (column 0); one example's as they are."""
    return [a[:, 0] if a is not None and np.ndim(a) == 2 else a for a in arrays]


def first_y(trace):
    return trace.y[0] if trace.batched else trace.y


def forward_message(example):
    """The example's forward values; for a batch those of its first example, with the batch's
    mean loss."""
    trace = example.trace
    if trace.forward_done == 0:
        return None
    y_hat = first(trace.activations)[-1]
    return {
        "sample": example.sample, "y": as_float(first_y(trace)),
        "z": layers(first(trace.zs)), "a": layers(first(trace.activations)), "g_prime": layers(first(trace.g_primes)),
        "y_hat": None if y_hat is None else as_float(y_hat[0]), "loss": as_float(trace.loss),
    }


def backward_message(example):
    """∂L/∂a and ∂L/∂z of the example (a batch's first), ∂L/∂W and ∂L/∂b (a batch's means)."""
    trace = example.trace
    if trace.backward_done == 0:
        return None
    return {"da": layers(first(trace.das)), "dz": layers(first(trace.dzs)), "dW": layers(trace.dW), "db": layers(trace.db)}


def batch_message(session):
    """null online; else {start, size}: the examples of the step under way (or just learned)."""
    if session.settings.batch == "online":
        return None
    trace = session.example.trace
    return {"start": session.example.sample, "size": int(trace.activations[0].shape[1])}


def gradcheck_message(example):
    numeric, trace = example.numeric, example.trace
    if numeric is None:
        return None
    errors_W = [relative_error(a, n) for a, n in zip(trace.dW, numeric.W)]
    errors_b = [relative_error(a, n) for a, n in zip(trace.db, numeric.b)]
    worst = max(float(np.max(e)) for e in errors_W + errors_b)
    return {
        "dW": layers(numeric.W), "db": layers(numeric.b),
        "rel_error_W": layers(errors_W), "rel_error_b": layers(errors_b), "max_rel_error": worst,
    }


def update_message(example):
    if not example.learned:
        return None
    return {
        "lr": example.delta_lr, "delta_W": layers(example.delta.W), "delta_b": layers(example.delta.b),
        "params_before": params_message(example.params_before),
    }


def shown_message(session, predictions):
    """The example whose numbers are on screen: the last forward's (right after an update, the
    one just learned), else the one under way; its ŷ (the forward's, else the prediction with
    the current weights) and |ŷ − y|."""
    example = session.example
    trace = example.trace
    y_hat = first(trace.activations)[-1]
    y_hat = float(y_hat[0]) if y_hat is not None else float(predictions[example.sample])
    y = first_y(trace)
    return {
        "sample": example.sample, "x": as_list(first(trace.activations)[0]), "y": as_float(y),
        "y_hat": as_float(y_hat), "abs_error": as_float(abs(y_hat - y)),
        "under_way": not example.learned,
    }


def metrics_message(session, predictions):
    """Losses and hits over the training examples; `val_mse` and `val_correct` over the
    validation ones (null without a split); ŷ of every example."""
    n, right = session.n_train, (predictions > 0.5) == (session.Y > 0.5)
    validation = session.validation_loss()
    return {
        "loss": as_float(session.dataset_loss()),
        "mse": as_float(session.dataset_loss("mse")),
        "val_mse": None if validation is None else as_float(validation),
        "predictions": as_list(predictions),
        "correct": int(np.sum(right[:n])),
        "val_correct": None if validation is None else int(np.sum(right[n:])),
    }


def config_message(settings, lang):
    return {
        "lr": settings.lr, "activation": settings.activation, "loss": settings.loss,
        "optimizer": settings.optimizer, "momentum": settings.momentum, "dataset": settings.dataset,
        "noise": settings.noise, "points": settings.points, "split": settings.split,
        "batch": settings.batch, "batch_size": settings.batch_size,
        "hidden": list(settings.hidden), "seed": settings.seed, "detailed": settings.detailed,
        "check_gradients": settings.check_gradients, "lang": lang,
    }


def state_message(session, reply_to, lang, history_from, thin=False):
    """The whole `state` message; the client thins its loss curve if `thin`, then keeps its first
    `history_from` points."""
    s, example = session.settings, session.example
    phase, layer = session.last
    next_phase, next_layer = session.next_move()
    predictions = session.predictions()
    return {
        "type": "state", "protocol": PROTOCOL_VERSION, "reply_to": reply_to,
        "config": config_message(s, lang),
        "sizes": s.sizes,
        "dataset": {"name": s.dataset, "X": as_list(session.X), "Y": as_list(session.Y),
                    "train": session.n_train, "plane": list(datasets.plane(s.dataset))},
        "epoch": session.epoch, "sample": session.sample, "steps": session.steps,
        "phase": phase, "layer": layer, "next": {"phase": next_phase, "layer": next_layer},
        "example": {"x": as_list(session.X[session.sample]), "y": as_float(session.Y[session.sample])},
        "shown": shown_message(session, predictions),
        "params": params_message(session.params),
        "forward": forward_message(example),
        "backward": backward_message(example),
        "update": update_message(example),
        "gradcheck": gradcheck_message(example),
        "metrics": metrics_message(session, predictions),
        "history": {"thin": thin, "from": history_from,
                    "points": [[p[0], *map(as_float, p[1:])] for p in session.history[history_from:]]},
        "undo_depth": len(session.undo_stack),
        "batch": batch_message(session),
        "resume": record(session),
    }
