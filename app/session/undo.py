"""Own undo entries: a session's primary state, packed small, and putting it back.

An entry keeps what an action can change (settings, parameters, optimiser memory, data,
counters, progress through the example, loss curve and gradient-flow series with their lengths,
the phase it showed) and nothing derived: the example's values are replayed on reinstate. Undoing back to the moment right after
an update shows that update again: it is recomputed from the entry before it (`relearn`). Parameters and memory are packed to bytes (8 per number),
and an entry shares them with the one before when an action did not change them, so 500
entries of a 2–2–1 session take about a hundred kilobytes.
"""
import numpy as np

from ..model.network import Params


def capture(session):
    """The session's primary state as one tuple."""
    params_bytes, memory_packed = _packed(session)
    forward_done, backward_done = session.progress
    return (
        session.settings, params_bytes, memory_packed, session.X, session.Y,
        session.epoch, session.sample, session.steps, forward_done, backward_done,
        session.history, len(session.history), session.flow, len(session.flow), session.last[0],
    )


def reinstate(session, entry):
    """Put a captured state back and replay the example's progress."""
    (settings, params_bytes, memory_packed, X, Y, epoch, sample, steps,
     forward_done, backward_done, history, history_length, flow, flow_length, _last_phase) = entry
    session.settings, session.X, session.Y = settings, X, Y
    session.epoch, session.sample, session.steps = epoch, sample, steps
    sizes = settings.sizes
    session.params = Params.unpack(params_bytes, sizes)
    session.memory = _unpack_memory(memory_packed, sizes)
    session._packed_cache = (session.params, session.memory, params_bytes, memory_packed)
    # The loss curve is shared with later entries: cut it back to its length at capture time.
    del history[history_length:]
    session.history = history
    flow.truncate(flow_length)  # shared likewise
    session.flow = flow
    session._replay(forward_done, backward_done)


def _packed(session):
    """(params bytes, memory) packed, reusing the last packing while neither object changed."""
    cached = getattr(session, "_packed_cache", None)
    if cached and cached[0] is session.params and cached[1] is session.memory:
        return cached[2], cached[3]
    params_bytes, memory_packed = session.params.pack(), _pack_memory(session.memory)
    session._packed_cache = (session.params, session.memory, params_bytes, memory_packed)
    return params_bytes, memory_packed


def _pack_memory(memory):
    """{} → None; {"velocity": arrays} → bytes; Adam's {"t", "m", "v"} → (t, bytes, bytes)."""
    pack = lambda arrays: np.concatenate([a.ravel() for a in arrays]).tobytes()
    if "velocity" in memory:
        return pack(memory["velocity"])
    if "m" in memory:
        return memory["t"], pack(memory["m"]), pack(memory["v"])
    return None


def _unpack_memory(packed, sizes):
    arrays = lambda data: _as_list(Params.unpack(data, sizes))
    if packed is None:
        return {}
    if isinstance(packed, bytes):
        return {"velocity": arrays(packed)}
    t, m, v = packed
    return {"t": t, "m": arrays(m), "v": arrays(v)}


def _as_list(params):
    return list(params.W) + list(params.b)


def just_learned(entry):
    """Whether the entry was captured right after an update (its view showed that update)."""
    return entry[-1] == "update"


def relearn(session, before, scratch):
    """The example an update learned, recomputed: `before` is the entry captured just before that
    update, `scratch` a bare Session to run it in. Runs the example's passes and the update again
    from `before`'s primary state and answers the Example only if the update lands exactly on the
    session's current parameters (else None: something else happened in between)."""
    (settings, params_bytes, memory_packed, X, Y, epoch, sample, steps,
     forward_done, backward_done, history, history_length, flow, flow_length, _) = before
    n_layers = len(settings.sizes) - 1
    if settings != session.settings or (forward_done, backward_done) != (n_layers, n_layers):
        return None
    scratch.settings, scratch.X, scratch.Y = settings, X, Y
    scratch.epoch, scratch.sample, scratch.steps = epoch, sample, steps
    scratch.params = Params.unpack(params_bytes, settings.sizes)
    scratch.memory = _unpack_memory(memory_packed, settings.sizes)
    scratch.history = list(history[:history_length])  # the session's own list is not touched
    scratch.flow = flow.copy(flow_length)
    scratch._replay(forward_done, backward_done)
    scratch._update()
    if scratch.params.pack() != session.params.pack() or (scratch.epoch, scratch.sample) != (session.epoch, session.sample):
        return None
    return scratch.example
