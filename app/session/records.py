"""Own the plain records a session is made of: its settings, the cache of one example's passes,
and the error an illegal move raises."""
import copy
from dataclasses import dataclass, field

import numpy as np

from ..model import network


class SessionError(Exception):
    """An illegal move; `code` names it and `details` feed the sentence the student reads."""

    def __init__(self, code, **details):
        super().__init__(code)
        self.code, self.details = code, details


@dataclass(frozen=True)
class Settings:
    lr: float = 0.1
    activation: str = "sigmoid"
    loss: str = "mse"
    optimizer: str = "sgd"
    momentum: float = 0.9
    dataset: str = "xor"
    hidden: tuple = (2,)
    seed: int = 3
    detailed: bool = False
    check_gradients: bool = False

    @property
    def sizes(self):
        return [2, *self.hidden, 1]


@dataclass
class Cache:
    """What the passes computed for one example; None marks a layer not reached yet."""

    n_layers: int
    sample: int = 0
    y: float = 0.0
    forward_done: int = 0
    backward_done: int = 0
    zs: list = field(default_factory=list)
    activations: list = field(default_factory=list)
    loss: float = None
    das: list = field(default_factory=list)
    dzs: list = field(default_factory=list)
    dW: list = field(default_factory=list)
    db: list = field(default_factory=list)
    delta: network.Params = None
    delta_lr: float = None
    numeric: network.Params = None

    def begin(self, sample, x, y):
        """Forget the previous example and start this one with a[0] = x."""
        n = self.n_layers
        self.__init__(n, sample, float(y))
        self.zs, self.das, self.dzs, self.dW, self.db = ([None] * n for _ in range(5))
        self.activations = [np.array(x, dtype=np.float64)] + [None] * n

    def copy(self):
        """A twin sharing the arrays, which are replaced but never changed in place."""
        twin = copy.copy(self)
        for name in ("zs", "activations", "das", "dzs", "dW", "db"):
            setattr(twin, name, list(getattr(self, name)))
        return twin

    @property
    def started(self):
        return bool(self.activations)
