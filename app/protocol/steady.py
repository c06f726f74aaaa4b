"""Own a state's steady parts as the conversation keeps them between replies: encoded once, in two
tiers. What follows from the settings, the data and the language alone (configuration, sizes,
data set, `resume`'s settings and edited data, the boundary's plane and grids) is rebuilt only
when one of those changed; what follows from the weights too (parameters, metrics, hidden
units, decision boundary, gradient sizes) on every change of the weights, which a forward or a
backward step never makes (derived.py compares the inputs by value).

The examples' forward pass with the current weights is computed once (session.examples_pass) for
the predictions, the metrics, the hidden units' diagnosis and the hidden space.
"""
from .boundary import boundary_message, plane_grids
from .derived import Derived
from .gradflow import sizes_message
from .snapshot import data_record
from .state import data_parts, weight_parts


class DataParts:
    """The tier of the settings, the data and the language: JSON members ("key":value,…) of the
    message and of `resume.session`, the data set's text (sent, and compared by `held.offer`), the grids."""

    def __init__(self, session, lang, encode):
        parts = data_parts(session, lang)
        self.dataset_text = encode(parts.pop("dataset"))
        self.members = encode(parts)[1:-1]
        self.resume = encode(data_record(session))[1:-1]
        self.grids = plane_grids(session.settings.dataset, session.X)


class Steady:
    """Every steady part as text (members, resume members, the gradient sizes' members, the
    boundary, the data set, the metrics with or without ŷ) beside what `held.offer` compares the
    bulky ones by (ŷ of every example: an array shown_message reads; the data set and the boundary
    by their texts, the only copies kept: they are the largest parts of a session)."""

    def __init__(self, session, data, encode):
        zs, hidden = session.examples_pass()
        self.predictions = session.predictions()
        parts = weight_parts(session, self.predictions, zs)
        self.metrics, self._encode = parts.pop("metrics"), encode
        self.members = f'{data.members},{encode(parts)[1:-1]}'
        self.resume = f'{data.resume},"params":{encode(parts["params"])}'
        self.sizes = encode(sizes_message(session))[1:-1]
        self.boundary_text = encode(boundary_message(session, data.grids, hidden))
        self.dataset_text = data.dataset_text
        self._metrics_texts = {}

    def metrics_text(self, with_predictions):
        """The metrics, with every ŷ or with ŷ null (the client holds them); each encoded once."""
        text = self._metrics_texts.get(with_predictions)
        if text is None:
            metrics = self.metrics if with_predictions else {**self.metrics, "predictions": None}
            text = self._metrics_texts[with_predictions] = self._encode(metrics)
        return text


class SteadyParts:
    """The two tiers, each rebuilt only when its inputs changed. `encode(message)` writes JSON."""

    def __init__(self, encode):
        self._encode = encode
        # The builders close over `data`, not `self`: no cycle, so a closed session goes at once.
        data = self._data = Derived(lambda session, lang: DataParts(session, lang, encode), inputs=data_inputs)
        self._steady = Derived(lambda session, lang: Steady(session, data.of(session, lang), encode))

    def of(self, session, lang):
        return self._steady.of(session, lang)


def data_inputs(session):
    return session.X.tobytes(), session.Y.tobytes()
