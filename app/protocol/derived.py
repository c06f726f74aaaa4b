"""Own the memory of a state's steady parts: those that follow from the settings, the data, the
weights and the language alone (configuration, data set, parameters, metrics, the hidden units'
diagnosis, the decision boundary), kept from one reply to the next, already encoded, and rebuilt
only when one of those inputs changed, which a forward or a backward step never does. The inputs
are compared by value (the arrays' bytes), so no command has to remember to say what it changed."""


def inputs_of(session):
    """What the steady parts of a session's state are a function of, as one comparable value."""
    params = session.params
    return (session.settings, session.X.tobytes(), session.Y.tobytes(),
            tuple(W.tobytes() for W in params.W), tuple(b.tobytes() for b in params.b))


class Derived:
    """compute(session, *more), recomputed only when inputs_of(session) or `more` differ from
    the last call's."""

    def __init__(self, compute):
        self.compute = compute
        self._inputs, self._value = None, None

    def of(self, session, *more):
        inputs = (inputs_of(session), more)
        if inputs != self._inputs:
            self._value = self.compute(session, *more)
            self._inputs = inputs
        return self._value
