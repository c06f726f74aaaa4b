"""Own fast training: many whole steps (forward, backward, update) in a row, keeping no records.

A session's `train` runs thousands of steps between two replies and keeps nothing of them but the
parameters, the optimiser's memory and the loss curve. The Engine holds the parameters in one
flat vector (W and b are views into it, in `Params.flat` order) and the gradient in another, so
that the optimiser's rule runs once on the whole vector instead of once per array. It computes
nothing of its own: the gradient comes from `network.gradients_into` (the layer functions of the
step-by-step pass), the penalty, clipping and update from their own modules. Element-wise
arithmetic gives the same bits on one vector as on its pieces, so a run equals the step-by-step
path bit for bit (tests/test_engine.py trains both ways for every setting and compares).
Online training (one example a step, the course's loop) takes model.online's buffered writing
of the same operations for the gradient, and of plain gradient descent for the update; a 2–H–1
network (H ≤ 8) with plain descent takes model.scalar_online's writing of both on Python floats,
when its self-check found it gives the same bits on this machine.
"""
import numpy as np

from . import clipping, network, optimizers, regularization
from . import scalar_online
from .online import OnlineGradients, PlainDescent


class Diverged(Exception):
    """An update left the limits; `params` are the parameters it produced."""

    def __init__(self, params):
        super().__init__("diverged")
        self.params = params


class Engine:
    """Train a copy of `params` and `memory` with the session's settings (activation, loss,
    optimizer, momentum, l1, l2, clip); read them back through `save` and `saved_state`."""

    def __init__(self, params, memory, settings, params_limit, memory_limit):
        self.sizes = [params.W[0].shape[1]] + [w.shape[0] for w in params.W]
        self.settings, self.params_limit, self.memory_limit = settings, params_limit, memory_limit
        self.flat = params.flat()
        self.params = network.Params.views(self.flat, self.sizes)  # reads the current values, never copies
        self.grad = np.empty_like(self.flat)
        self.grads = network.Params.views(self.grad, self.sizes)
        self.memory = {name: [np.concatenate([a.ravel() for a in value])] if name != "t" else value
                       for name, value in memory.items()}
        self.rule = optimizers.OPTIMIZERS[settings.optimizer]
        # The whole vectors as the optimiser's Params (one "layer" each); updated in place.
        self.flat_params, self.flat_grads = network.Params([self.flat], []), network.Params([self.grad], [])
        self.online = (OnlineGradients(self.params, self.grads, settings.activation, settings.loss)
                       if settings.batch == "online" else None)
        self.descent = PlainDescent(self.flat, self.grad, params_limit) if self.rule is optimizers.sgd else None
        fits = scalar_online.applies(settings, self.sizes, self.descent is not None) and scalar_online.available()
        self.scalar = (scalar_online.ScalarStep(self.flat, self.sizes[1], settings.activation, settings.loss,
                                                params_limit) if fits else None)

    def step(self, x, y, lr):
        """Learn one example, or one batch, with learning rate `lr`; raise Diverged (and keep the
        parameters as they were) when the update leaves the limits."""
        if self.scalar is not None:
            diverged = self.scalar(x, y, lr)
            if diverged is not None:
                raise Diverged(network.Params.from_flat(diverged, self.sizes))
            return
        s = self.settings
        if self.online is not None and np.ndim(x) == 1:
            self.online(x, float(y))
        else:
            network.gradients_into(self.params, x, y, s.activation, s.loss, self.grads.W, self.grads.b)
        if s.l1 or s.l2:
            for g, r in zip(self.grads.W, regularization.penalty_gradients(self.params, s.l1, s.l2)):
                g += r
        if s.clip > 0:
            _, factor = clipping.clip_by_norm(self.grads, s.clip)
            if factor != 1.0:
                self.grad *= factor
        if self.descent is not None:  # plain descent keeps no memory
            diverged = self.descent.apply(lr)
            if diverged is not None:
                raise Diverged(network.Params.from_flat(diverged, self.sizes))
            return
        new, memory = self.rule(self.flat_params, self.flat_grads, self.memory, lr, s.momentum)
        (new,) = new.W
        if not (network.finite_below(new, self.params_limit)
                and optimizers.memory_is_finite_below(memory, self.memory_limit)):
            raise Diverged(network.Params.from_flat(new, self.sizes))
        self.flat[...] = new
        self.memory = memory

    def save(self):
        """The parameters and memory as they are now, cheaply (for `saved_state`)."""
        return self.flat.copy(), self.memory  # the rule never changes a memory: it makes a new one

    def saved_state(self, saved):
        """(Params, memory in the session's form: one array per W and b) of a `save`."""
        flat, memory = saved
        split = lambda vector: _as_list(network.Params.from_flat(vector, self.sizes))
        return (network.Params.from_flat(flat, self.sizes),
                {name: value if name == "t" else split(value[0]) for name, value in memory.items()})


def _as_list(params):
    return list(params.W) + list(params.b)
