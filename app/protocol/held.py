"""Own what one client already holds of a state's bulky parts: the data set, the predictions and
the decision boundary. Each goes out again only when it differs from the copy the last reply
gave the client; an unchanged one goes as null and the client keeps its copy, so a step on 400
points carries a few kilobytes rather than the whole data set.

Two phases: `offer` decides against what was sent, `commit` records it once the reply is on its
way (a reply that fails to encode must not make the client seem to hold what it never got).
"""
import numpy as np


def _same(a, b):
    if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
        return isinstance(a, np.ndarray) and isinstance(b, np.ndarray) and a.shape == b.shape and np.array_equal(a, b)
    if isinstance(a, (tuple, list)) and isinstance(b, (tuple, list)):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b))
    return a == b


class Held:
    """The last data set, predictions and boundary this connection's client received."""

    def __init__(self):
        self._sent = {}
        self._pending = {}

    def offer(self, name, key):
        """True when `key` (what the part is made of: arrays, numbers, dicts) differs from the
        last one sent under `name`, i.e. the part must go out; recorded at the next commit."""
        # The very object sent last time is the same part (the parts are built afresh, never
        # changed in place): no need to compare a data set or every ŷ number by number.
        if name in self._sent and (self._sent[name] is key or _same(self._sent[name], key)):
            return False
        self._pending[name] = key
        return True

    def commit(self):
        self._sent.update(self._pending)
        self._pending = {}

    def discard(self):
        self._pending = {}
