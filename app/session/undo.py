"""Own undo entries: a session's primary state, packed small, and putting it back.

An entry keeps what an action can change and nothing derived (the example's values are
replayed on reinstate), as one tuple:

    (context, state, epoch, sample, steps, curve length, flow length, phase shown,
     forward_done, backward_done)

`context` is (settings, X, Y, loss curve, gradient-flow series) and `state` the parameters and
optimiser memory packed to one bytes (8 per number); an entry shares both with the one before
while an action changed none of their objects, so most entries are the tuple alone. The curve
and the series are shared with later entries too: reinstating cuts them back to their lengths.
Undoing back to the moment right after an update shows that update again: it is recomputed
from the entry before it (`relearn`). 500 entries of a 2–2–1 session take about 115 KiB with
Adam, 90 with SGD (benchmarks/session_size.py measures the whole session).
"""
import struct

import numpy as np

from ..model.network import Params

# Places in an entry: the curve's length, and the phase its moment showed (see just_learned).
CURVE_LENGTH, PHASE = 5, 7


def capture(session):
    """The session's primary state as one tuple."""
    forward_done, backward_done = session.progress
    return (
        _context(session), _state(session), session.epoch, session.sample, session.steps,
        _curve_length(session), len(session.flow), session.last[0], forward_done, backward_done,
    )


def _curve_length(session):
    """len(session.history), as the very int of the entry before when equal: an int past 256 is
    an object of its own (32 bytes), and most actions add no point."""
    length = len(session.history)
    before = session.undo_stack[-1][CURVE_LENGTH] if session.undo_stack else None
    return before if before == length else length


def reinstate(session, entry):
    """Put a captured state back and replay the example's progress."""
    _put_back(session, entry)
    session._context_cache = entry[0]
    session._packed_cache = (session.params, session.memory, entry[1])
    session._replay(*entry[8:])


def _put_back(session, entry):
    """The entry's primary state into `session` (its curve and series cut back to their lengths)."""
    (context, state, session.epoch, session.sample, session.steps,
     curve_length, flow_length, _phase, _forward_done, _backward_done) = entry
    session.settings, session.X, session.Y, curve, flow = context
    session.params, session.memory = _unpack(state, session.settings.sizes)
    curve.truncate(curve_length)
    session.history = curve
    flow.truncate(flow_length)
    session.flow = flow


def _context(session):
    """(settings, X, Y, curve, flow), the last one again while all five are the same objects."""
    cached = getattr(session, "_context_cache", None)
    if (cached and cached[0] is session.settings and cached[1] is session.X and cached[2] is session.Y
            and cached[3] is session.history and cached[4] is session.flow):
        return cached
    session._context_cache = now = (session.settings, session.X, session.Y, session.history, session.flow)
    return now


def _state(session):
    """Parameters and memory packed, reusing the last packing while neither object changed."""
    cached = getattr(session, "_packed_cache", None)
    if cached and cached[0] is session.params and cached[1] is session.memory:
        return cached[2]
    state = _pack(session.params, session.memory)
    session._packed_cache = (session.params, session.memory, state)
    return state


def _pack(params, memory):
    """One bytes: Adam's t first (an 8-byte integer), then the parameters in `flat` order, then
    the velocity, or Adam's m and v, in the same order; SGD keeps the parameters alone."""
    parts = [params.pack()]
    if "velocity" in memory:
        parts += [a.tobytes() for a in memory["velocity"]]
    elif "m" in memory:
        parts = [struct.pack("<q", memory["t"]), *parts, *[a.tobytes() for a in (*memory["m"], *memory["v"])]]
    # Each array's bytes in C order are its ravel's: the same bytes as one concatenated vector's.
    return b"".join(parts)


def _unpack(state, sizes):
    """(Params, memory) of fresh arrays from `_pack`'s bytes; its length tells the optimiser."""
    n = sum(n_out * (n_in + 1) for n_in, n_out in zip(sizes, sizes[1:]))
    head = 8 if len(state) == 8 * (3 * n + 1) else 0
    values = np.frombuffer(state, dtype=np.float64, offset=head)
    parts = [Params.from_flat(values[at:at + n], sizes) for at in range(0, len(values), n)]
    if len(parts) == 1:
        return parts[0], {}
    if len(parts) == 2:
        return parts[0], {"velocity": _as_list(parts[1])}
    return parts[0], {"t": struct.unpack_from("<q", state)[0], "m": _as_list(parts[1]), "v": _as_list(parts[2])}


def _as_list(params):
    return list(params.W) + list(params.b)


def just_learned(entry):
    """Whether the entry was captured right after an update (its view showed that update)."""
    return entry[PHASE] == "update"


def relearn(session, before, scratch):
    """The example an update learned, recomputed: `before` is the entry captured just before that
    update, `scratch` a bare Session to run it in. Runs the example's passes and the update again
    from `before`'s primary state and answers the Example only if the update lands exactly on the
    session's current parameters (else None: something else happened in between)."""
    context, state, epoch, sample, steps, curve_length, flow_length, _, forward_done, backward_done = before
    settings, X, Y, curve, flow = context
    n_layers = len(settings.sizes) - 1
    if settings != session.settings or (forward_done, backward_done) != (n_layers, n_layers):
        return None
    scratch.settings, scratch.X, scratch.Y = settings, X, Y
    scratch.epoch, scratch.sample, scratch.steps = epoch, sample, steps
    scratch.params, scratch.memory = _unpack(state, settings.sizes)
    scratch.history = curve.copy(curve_length)  # the session's own curve and series are not touched
    scratch.flow = flow.copy(flow_length)
    scratch.curve_thinnings = 0  # the update may thin the scratch's curve (at HISTORY_LIMIT points)
    scratch._replay(forward_done, backward_done)
    scratch._update()
    if scratch.params.pack() != session.params.pack() or (scratch.epoch, scratch.sample) != (session.epoch, session.sample):
        return None
    return scratch.example
