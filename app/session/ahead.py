"""Own a move made ahead of its request and taken back exactly.

The protocol answers a `step` before it is asked for (protocol.conversation: a student reads each
step for a second or more; the next one is ready when asked). If anything else arrives first,
`take_back` must leave the session as if the move had never run, bit for bit, whatever reads it
next. A step rebinds most of what it changes (parameters, memory, counters, caches: the
attributes kept by `mark`) and changes four things in place: the example (so `mark` gives the
session a copy of its own to work on), the undo history, the loss curve and the gradient-flow
series (each appended to: cut back to its length).
"""


class Mark:
    __slots__ = ("attributes", "undo_first", "undo_last", "history", "history_length", "flow", "flow_length")


def mark(session):
    """What `take_back` needs to undo the next move exactly; the session's example becomes a copy."""
    undo = session.undo_stack
    kept = Mark()
    kept.attributes = dict(vars(session))
    session.example = session.example.copy()
    kept.undo_first = undo[0] if undo else None
    kept.undo_last = undo[-1] if undo else None
    kept.history, kept.history_length = session.history, len(session.history)
    kept.flow, kept.flow_length = session.flow, len(session.flow)
    return kept


def take_back(session, kept):
    """Put the session back as it was at `mark`."""
    vars(session).clear()
    vars(session).update(kept.attributes)
    undo = session.undo_stack
    while undo and undo[-1] is not kept.undo_last:
        undo.pop()
    if kept.undo_first is not None and undo[0] is not kept.undo_first:
        undo.appendleft(kept.undo_first)  # a full history dropped its oldest entry for the move's
    # A point taken back is a cut (early_stop's cache of the best validation loss counts them).
    kept.history.truncate(kept.history_length)
    kept.flow.truncate(kept.flow_length)
