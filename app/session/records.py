"""Own the plain records a session is made of: its settings, the example on screen, and the
error an illegal move raises."""
from dataclasses import dataclass

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
    noise: int = 10
    points: int = 100
    split: int = 0
    batch: str = "online"
    batch_size: int = 8
    hidden: tuple = (2,)
    seed: int = 3
    detailed: bool = False
    check_gradients: bool = False
    init: str = "uniform"
    clip: float = 0.0
    schedule: str = "constant"
    schedule_period: int = 100
    l2: float = 0.0
    l1: float = 0.0

    @property
    def sizes(self):
        return [2, *self.hidden, 1]


@dataclass
class Example:
    """The example on screen: its passes so far (a model Trace) and, once it has been learned,
    the update that learned it. Everything here is derived: replaying the session's primary
    state rebuilds it."""

    sample: int
    trace: network.Trace
    delta: network.Params = None
    params_before: network.Params = None
    delta_lr: float = None
    clip_factor: float = None
    used: network.Params = None  # the gradient the optimiser received (penalty added, clipped)
    penalty_W: list = None  # the penalty's part of each weight's gradient, when a penalty is on
    numeric: network.Params = None
    kinks: network.Params = None  # of bools: the check's pass crossed a ReLU kink
    spread: network.Params = None  # each estimate's error bar (gradcheck.numeric_gradients)

    @property
    def learned(self):
        return self.delta is not None

    def copy(self):
        """An example of its own, to run a step on while this one stays as it is (its fields as
        they are, its trace a copy: see Trace.copy)."""
        twin = object.__new__(type(self))
        twin.__dict__ = {**self.__dict__, "trace": self.trace.copy()}
        return twin
