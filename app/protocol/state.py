"""Own the `state` message: what a client is told about a session after every command."""
import numpy as np

from ..model.gradcheck import relative_error

PROTOCOL_VERSION = 1


def as_list(array):
    return None if array is None else np.asarray(array, dtype=np.float64).tolist()


def layers(arrays):
    return [as_list(a) for a in arrays]


def params_message(params):
    return {"W": layers(params.W), "b": layers(params.b)}


def forward_message(cache):
    if not cache.started:
        return None
    y_hat = cache.activations[-1]
    return {
        "sample": cache.sample, "y": cache.y,
        "z": layers(cache.zs), "a": layers(cache.activations),
        "y_hat": None if y_hat is None else float(y_hat[0]), "loss": cache.loss,
    }


def backward_message(cache):
    if not cache.started or all(d is None for d in cache.das):
        return None
    return {"da": layers(cache.das), "dz": layers(cache.dzs), "dW": layers(cache.dW), "db": layers(cache.db)}


def gradcheck_message(cache):
    if cache.numeric is None:
        return None
    errors_W = [relative_error(a, n) for a, n in zip(cache.dW, cache.numeric.W)]
    errors_b = [relative_error(a, n) for a, n in zip(cache.db, cache.numeric.b)]
    worst = max(float(np.max(e)) for e in errors_W + errors_b)
    return {
        "dW": layers(cache.numeric.W), "db": layers(cache.numeric.b),
        "rel_error_W": layers(errors_W), "rel_error_b": layers(errors_b), "max_rel_error": worst,
    }


def update_message(cache):
    if cache.delta is None:
        return None
    return {"lr": cache.delta_lr, "delta_W": layers(cache.delta.W), "delta_b": layers(cache.delta.b)}


def metrics_message(session):
    cache, Y = session.cache, session.Y
    predictions = session.predictions()
    y_hat = cache.activations[-1] if cache.started else None
    return {
        "loss": session.dataset_loss(),
        "mse": session.dataset_loss("mse"),
        "abs_error": None if y_hat is None else float(abs(y_hat[0] - cache.y)),
        "predictions": as_list(predictions),
        "correct": int(np.sum((predictions > 0.5) == (Y > 0.5))),
    }


def state_message(session, reply_to, lang, history_from):
    """The whole `state` message; `history_from` is how many loss points the client keeps."""
    s, cache = session.settings, session.cache
    phase, layer = session.last
    next_phase, next_layer = session.next_move()
    return {
        "type": "state", "protocol": PROTOCOL_VERSION, "reply_to": reply_to,
        "config": {
            "lr": s.lr, "activation": s.activation, "loss": s.loss, "optimizer": s.optimizer,
            "momentum": s.momentum, "dataset": s.dataset, "hidden": list(s.hidden), "seed": s.seed,
            "detailed": s.detailed, "check_gradients": s.check_gradients, "lang": lang,
        },
        "sizes": s.sizes,
        "dataset": {"name": s.dataset, "X": as_list(session.X), "Y": as_list(session.Y)},
        "epoch": session.epoch, "sample": session.sample, "steps": session.steps,
        "phase": phase, "layer": layer, "next": {"phase": next_phase, "layer": next_layer},
        "example": {"x": as_list(session.X[session.sample]), "y": float(session.Y[session.sample])},
        "params": params_message(session.params),
        "forward": forward_message(cache),
        "backward": backward_message(cache),
        "update": update_message(cache),
        "gradcheck": gradcheck_message(cache),
        "metrics": metrics_message(session),
        "history": {"from": history_from, "points": [list(p) for p in session.history[history_from:]]},
        "undo_depth": len(session.undo_stack),
    }
