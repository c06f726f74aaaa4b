"""Own the `state` message: what a client is told about a session after every command.

It carries every number the page shows (the page only formats), and `resume`, the session's
primary state without the loss curve, so the page can rebuild a snapshot from what it holds.
"""

import numpy as np

from ..model import datasets, diagnostics, gradcheck
from ..model.scalar_passes import residual
from .arrays import as_float, as_list, layers, params_message
from .fields import SETTINGS
# The passes' builders live in passes.py; their names stay importable from here (tests read them).
from .passes import PASSES, first_y, pass_message
from .snapshot import record

PROTOCOL_VERSION = 2


def batch_message(session):
    """null online; else {start, size}: the examples of the step under way (or just learned)."""
    if session.settings.batch == "online":
        return None
    trace = session.example.trace
    return {"start": session.example.sample, "size": int(trace.activations[0].shape[1])}


def largest_resolved(errors, verdicts):
    """The largest relative error of the parameters the check resolves, None when it resolves none:
    below its resolution the figure is |a − n| over the floor, not a ratio (the page writes "—")."""
    resolved = [e[np.asarray(v) != "below_resolution"] for e, v in zip(errors, verdicts)]
    return max((float(np.max(r)) for r in resolved if r.size), default=None)


def gradcheck_message(example):
    numeric, trace, kinks, spread = example.numeric, example.trace, example.kinks, example.spread
    if numeric is None:
        return None
    errors_W = [gradcheck.relative_error(a, n) for a, n in zip(trace.dW, numeric.W)]
    errors_b = [gradcheck.relative_error(a, n) for a, n in zip(trace.db, numeric.b)]
    verdicts_W = [gradcheck.verdicts(a, n, k, trace.loss, s).tolist()
                  for a, n, k, s in zip(trace.dW, numeric.W, kinks.W, spread.W)]
    verdicts_b = [gradcheck.verdicts(a, n, k, trace.loss, s).tolist()
                  for a, n, k, s in zip(trace.db, numeric.b, kinks.b, spread.b)]
    found = {v for group in verdicts_W + verdicts_b for v in np.ravel(group)}
    return {
        "dW": layers(numeric.W), "db": layers(numeric.b), "spread_W": layers(spread.W), "spread_b": layers(spread.b),
        "rel_error_W": layers(errors_W), "rel_error_b": layers(errors_b),
        "max_rel_error": largest_resolved(errors_W + errors_b, verdicts_W + verdicts_b),
        "verdict_W": verdicts_W, "verdict_b": verdicts_b,
        # The one word for the whole check: the worst verdict any parameter got.
        "verdict": next(v for v in ("disagrees", "kink", "below_resolution", "agrees") if v in found),
        "step": gradcheck.STEP, "rtol": gradcheck.AGREE_RTOL, "resolution": gradcheck.RESOLUTION,
    }


def shown_message(session, predictions):
    """The example whose numbers are on screen: the last forward's (right after an update, the
    one just learned), else the one under way; its ŷ (the forward's, else the prediction with
    the current weights) and |ŷ − y|."""
    example = session.example
    trace = example.trace
    x, y_hat, z_out = trace.activations[0], trace.activations[-1], trace.zs[-1]
    if x.ndim == 2:  # a batch: its first example (column 0)
        x, y_hat, z_out = x[:, 0], None if y_hat is None else y_hat[:, 0], None if y_hat is None else z_out[:, 0]
    if y_hat is None:
        y_hat, z_out = predictions[example.sample], session.logits()[example.sample]
    else:
        y_hat, z_out = y_hat[0], z_out[0]
    y = first_y(trace)
    return {
        "sample": example.sample, "x": as_list(x), "y": as_float(y),
        # |ŷ − y| from the logit (losses.residual, on floats: a sixteenth of the NumPy form's
        # time, the same bits): where ŷ rounds to 1 it is not 0.
        "y_hat": as_float(float(y_hat)), "abs_error": as_float(abs(residual(float(z_out), float(y)))),
        "under_way": not example.learned,
    }


def metrics_message(session, predictions):
    """Losses and hits over the training examples; `val_mse`, `val_correct` and `val_best` over
    the validation ones (null without a split); ŷ of every example."""
    n, right = session.n_train, (predictions > 0.5) == (session.Y > 0.5)
    validation, best = session.validation_loss(), session.best_validation()
    loss = as_float(session.dataset_loss())
    return {
        "loss": loss,
        # Trained on the MSE, the read-out is that very number: computed once.
        "mse": loss if session.settings.loss == "mse" else as_float(session.dataset_loss("mse")),
        "val_mse": None if validation is None else as_float(validation),
        "predictions": as_list(predictions),
        "correct": int(np.sum(right[:n])),
        "val_correct": None if validation is None else int(np.sum(right[n:])),
        # Both penalties off, the penalty is 0 whatever the weights: no pass over them to say so.
        "penalty": as_float(session.penalty()) if session.settings.l1 or session.settings.l2 else 0.0,
        # Early stopping's reference: the curve's lowest validation loss and its epoch.
        "val_best": None if best is None else {"epoch": best[0], "loss": as_float(best[1])},
    }


def config_message(settings, lang):
    """Every server setting of the catalog, as `configure` takes it, plus the language."""
    config = {name: getattr(settings, name) for name in SETTINGS}
    return dict(config, hidden=list(settings.hidden), lang=lang)


def history_message(session, history_from, thin):
    """The curve's new points and, for a data set of at most EXAMPLE_LINES_LIMIT examples, each
    point's per-example losses beside them (null for a point that has none: it came from a
    snapshot); `examples` is null for a larger data set."""
    curve = session.history
    return {"thin": thin, "from": history_from, "points": curve.rows(history_from),
            "examples": curve.example_rows(history_from)}


def dataset_message(session):
    s = session.settings
    return {"name": s.dataset, "X": as_list(session.X), "Y": as_list(session.Y),
            "train": session.n_train, "plane": list(datasets.plane(s.dataset))}


def data_parts(session, lang):
    """The steady parts that follow from the settings, the data and the language alone."""
    s = session.settings
    return {"config": config_message(s, lang), "sizes": s.sizes, "dataset": dataset_message(session)}


def weight_parts(session, predictions, zs=None):
    """The steady parts that follow from the weights too; `predictions` is session.predictions(),
    `zs` the hidden layers' z over the examples (session.examples_pass'), when already computed."""
    return {
        "params": params_message(session.params),
        "metrics": metrics_message(session, predictions),
        "units": diagnostics.hidden_units(session.params, session.X, session.settings.activation, zs),
    }


def steady_parts(session, lang):
    """The parts of a state that follow from the settings, the data, the weights, the loss curve
    and the language alone: a forward or a backward step leaves every one of them as it was.
    `predictions` (ŷ of every example, an array) is not sent as such: shown_message reads it.
    `dataset` and `metrics.predictions` are the bulky ones: held_parts sends them only when the
    client lacks them."""
    predictions = session.predictions()
    return {**data_parts(session, lang), **weight_parts(session, predictions)}, predictions


HELD_PARTS = ("dataset", "metrics")


def held_parts(dataset, metrics, predictions, held=None):
    """`dataset` and `metrics` as this reply sends them: each bulky part (the data set, ŷ of every
    example) is null when `held` (protocol.held) says the client holds it already."""
    fresh = (lambda name, key: True) if held is None else held.offer
    return {"dataset": dataset if fresh("dataset", dataset) else None,
            "metrics": metrics if fresh("predictions", predictions) else {**metrics, "predictions": None}}


def moving_parts(session, reply_to, history_from, thin, predictions):
    """The rest of a state but `resume`: counters, phase, the example's passes, the new loss points."""
    return {**counters_parts(session, reply_to, history_from, thin, predictions),
            **{name: pass_message(name, session.example) for name in PASSES}}


def counters_parts(session, reply_to, history_from, thin, predictions):
    """moving_parts but the three passes (protocol.passes): counters, phase, the example shown,
    the gradient check, the new loss points."""
    example = session.example
    phase, layer = session.last
    next_phase, next_layer = session.next_move()
    return {
        "type": "state", "protocol": PROTOCOL_VERSION, "reply_to": reply_to,
        "epoch": session.epoch, "sample": session.sample, "steps": session.steps,
        "phase": phase, "layer": layer, "next": {"phase": next_phase, "layer": next_layer},
        "example": {"x": as_list(session.X[session.sample]), "y": as_float(session.Y[session.sample])},
        "shown": shown_message(session, predictions),
        "gradcheck": gradcheck_message(example),
        "lr_now": session.current_lr(),
        "history": history_message(session, history_from, thin),
        "undo_depth": len(session.undo_stack),
        "batch": batch_message(session),
    }


def state_message(session, reply_to, lang, history_from, thin=False, held=None):
    """The whole `state` message; the client thins its loss curve if `thin`, then keeps its first
    `history_from` points. With `held`, the data set and the predictions are null when the client
    holds them already. (The conversation builds the same from its parts, keeping the steady
    ones between replies.)"""
    steady, predictions = steady_parts(session, lang)
    return {**moving_parts(session, reply_to, history_from, thin, predictions), **steady,
            **held_parts(steady["dataset"], steady["metrics"], predictions, held), "resume": record(session)}

