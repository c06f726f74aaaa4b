"""Own the memory of a state's steady parts: those that follow from the settings, the data, the
weights, the loss curve and the language alone (configuration, data set, parameters, metrics,
the hidden units' diagnosis, the decision boundary, the gradient sizes), kept from one reply to
the next, already encoded, and rebuilt only when one of those inputs changed, which a forward or
a backward step never does. The inputs are compared by value (the arrays' bytes), so no command
has to remember to say what it changed."""


def inputs_of(session):
    """What the steady parts of a session's state are a function of, as one comparable value
    (but the settings: Derived compares them apart)."""
    params = session.params
    # The metrics' val_best is the loss curve's: a curve of its own (a restore, a reset) or a
    # point more may change it, with the same weights (a restored snapshot's own curve).
    return (session.X.tobytes(), session.Y.tobytes(),
            tuple(W.tobytes() for W in params.W), tuple(b.tobytes() for b in params.b),
            session.curve_token, len(session.history))


class Derived:
    """compute(session, *more), recomputed only when the session's settings, inputs(session)
    or `more` differ from the last call's."""

    def __init__(self, compute, inputs=inputs_of):
        self.compute, self.inputs = compute, inputs
        self._settings, self._inputs, self._value = None, None, None

    def of(self, session, *more):
        settings, inputs = session.settings, (self.inputs(session), more)
        # The very same settings object is the same settings: a frozen dataclass's == compares
        # its 21 fields in Python, the costliest part of the comparison.
        if inputs != self._inputs or (settings is not self._settings and settings != self._settings):
            self._value = self.compute(session, *more)
            self._settings, self._inputs = settings, inputs
        return self._value
