"""Own one student's training session: the phase machine, counters, loss curve and undo.

For each example, in order: forward → backward → update, then the next example; after the
last example an epoch is complete and the data set's loss becomes one point of the curve.
With `detailed` settings each pass runs one weight layer at a time. Every command either
completes or raises SessionError and leaves the session exactly as it was.
Knows nothing of sockets or JSON.
"""
from collections import deque
from contextlib import contextmanager
from dataclasses import replace

import numpy as np

from ..model import datasets, gradcheck, network, optimizers
from .records import Cache, SessionError, Settings

UNDO_DEPTH = 500
HISTORY_LIMIT = 10_000
DIVERGENCE_LIMIT = 1e6

# Which settings throw the current network away, and which only restart the current example.
START_OVER = ("dataset", "hidden", "seed")
RESTART_EXAMPLE = ("activation", "loss", "optimizer")


class Session:
    def __init__(self, settings=None):
        self.settings = settings or Settings()
        self.undo_stack = deque(maxlen=UNDO_DEPTH)
        self._start_over()

    # ----- reading -------------------------------------------------------------------------

    @property
    def n_layers(self):
        return len(self.settings.sizes) - 1

    def next_move(self):
        """(phase, layer) that `step` runs next; layer is None unless settings are detailed."""
        cache, last = self.cache, self.n_layers - 1
        if cache.forward_done < self.n_layers:
            phase, layer = "forward", cache.forward_done
        elif cache.backward_done < self.n_layers:
            phase, layer = "backward", last - cache.backward_done
        else:
            return "update", None
        return phase, layer if self.settings.detailed else None

    def dataset_loss(self, loss=None):
        """The loss averaged over the data set with the current weights; the chosen one by default."""
        s = self.settings
        return network.dataset_loss(self.params, self.X, self.Y, s.activation, loss or s.loss)

    def predictions(self):
        return network.predict(self.params, self.X, self.settings.activation)

    # ----- commands ------------------------------------------------------------------------

    def step(self, asked=None):
        """Run the next phase (one layer of it when detailed); `asked` insists on a phase."""
        phase, layer = self.next_move()
        if asked is not None and asked != phase:
            raise SessionError("out_of_order", asked=asked, expected=phase)
        with self._undoable():
            {"forward": self._forward, "backward": self._backward, "update": self._update}[phase](layer)
            self.last = (phase, layer)

    def train(self, epochs):
        """Finish the example under way, then run whole epochs until `epochs` more are done."""
        with self._undoable():
            target = self.epoch + epochs
            if self.cache.forward_done or self.cache.backward_done:
                for phase in ("forward", "backward", "update"):
                    if self.next_move()[0] == phase:
                        getattr(self, "_" + phase)(None)
            while self.epoch < target:
                self._train_one_example()
            self.last = ("update", None)

    def configure(self, start_over=False, **changes):
        """Apply new settings; see START_OVER and RESTART_EXAMPLE for what each one keeps."""
        changed = {name for name, value in changes.items() if getattr(self.settings, name) != value}
        if not changed and not start_over:
            return
        with self._undoable():
            self.settings = replace(self.settings, **changes)
            if start_over or changed & set(START_OVER):
                self._start_over()
                return
            if "detailed" in changed and not self.settings.detailed:
                self.last = (self.last[0], None)
            if "optimizer" in changed:
                self.memory = optimizers.empty_memory(self.settings.optimizer, self.params)
            if changed & set(RESTART_EXAMPLE):
                self._restart_example()
            elif "check_gradients" in changed:
                self._check_gradients()

    def reset(self):
        with self._undoable():
            self._start_over()

    def set_value(self, what, value, layer=0, row=0, col=0, index=0):
        """Edit one weight, bias, input or target; the example under way starts again."""
        with self._undoable():
            # Copy before writing: undo entries share these arrays with the live session.
            if what in ("weight", "bias"):
                self.params = self.params.copy()
                target = self.params.W[layer] if what == "weight" else self.params.b[layer]
                target[(row, col) if what == "weight" else row] = value
            else:
                self.X, self.Y = self.X.copy(), self.Y.copy()
                if what == "input":
                    self.X[self.sample, index] = value
                else:
                    self.Y[self.sample] = value
            self._restart_example()

    def load(self, parts):
        """Replace everything with validated parts of a snapshot; undo brings the old back."""
        with self._undoable():
            for name, value in parts.items():
                setattr(self, name, value)
            self._replay_example()

    def _replay_example(self):
        """Recompute a restored half-done example: later steps build on these numbers, so they
        must be what these weights compute, not whatever the file says."""
        given, n = self.cache, self.n_layers
        if given.delta is not None or not (given.forward_done or given.backward_done):
            return
        steps, self.cache = self.steps, Cache(n)
        with np.errstate(all="ignore"):
            for layer in range(given.forward_done):
                self._forward(layer)
            for layer in range(n - 1, n - 1 - given.backward_done, -1):
                self._backward(layer)
        self.steps, replayed = steps, self.cache
        same = all(
            _same_arrays(getattr(given, name), getattr(replayed, name))
            for name in ("zs", "activations", "das", "dzs", "dW", "db")
        ) and given.sample == replayed.sample and given.y == replayed.y and given.loss == replayed.loss
        if not same:
            raise SessionError("bad_snapshot", reason="field", path="cache")

    def checkpoint(self):
        """Everything needed to `rollback` to this moment, undo history included."""
        return self._capture(), tuple(self.undo_stack)

    def rollback(self, checkpoint):
        entry, undo_entries = checkpoint
        self.undo_stack = deque(undo_entries, maxlen=UNDO_DEPTH)
        self._reinstate(entry)

    def undo(self):
        if not self.undo_stack:
            raise SessionError("nothing_to_undo")
        self._reinstate(self.undo_stack.pop())

    # ----- the passes ------------------------------------------------------------------------

    def _forward(self, layer):
        cache = self.cache
        if cache.forward_done == 0:
            cache.begin(self.sample, self.X[self.sample], self.Y[self.sample])
        for current in self._layers(layer, range(cache.forward_done, self.n_layers)):
            z, a = network.forward_layer(self.params, current, cache.activations[current], self.settings.activation)
            cache.zs[current], cache.activations[current + 1] = z, a
            if current == self.n_layers - 1:
                loss, _, _ = network.output_delta(self.settings.loss, a[0], cache.y, z[0])
                cache.loss = float(loss)
            cache.forward_done += 1
        self.steps += 1

    def _backward(self, layer):
        cache, last, s = self.cache, self.n_layers - 1, self.settings
        for current in self._layers(layer, range(last - cache.backward_done, -1, -1)):
            a_prev = cache.activations[current]
            if current == last:
                _, dL_dyhat, dz = network.output_delta(s.loss, cache.activations[-1][0], cache.y, cache.zs[last][0])
                cache.das[last], cache.dzs[last] = np.array([dL_dyhat]), np.array([dz])
                cache.dW[last], cache.db[last] = network.output_backward(self.params, cache.zs[last], a_prev, cache.dzs[last])
            else:
                cache.das[current] = network.propagate_back(self.params, current + 1, cache.dzs[current + 1])
                cache.dzs[current], cache.dW[current], cache.db[current] = network.backward_layer(
                    self.params, current, cache.zs[current], a_prev, cache.das[current], s.activation
                )
            cache.backward_done += 1
        self.steps += 1
        self._check_gradients()

    def _update(self, _layer=None):
        s, cache = self.settings, self.cache
        grads = network.Params(list(cache.dW), list(cache.db))
        new, memory = optimizers.OPTIMIZERS[s.optimizer](self.params, grads, self.memory, s.lr, s.momentum)
        if not new.is_finite_below(DIVERGENCE_LIMIT):
            raise SessionError("diverged")
        cache.delta_lr = s.lr
        cache.delta = network.Params(
            [n - o for n, o in zip(new.W, self.params.W)], [n - o for n, o in zip(new.b, self.params.b)]
        )
        self.params, self.memory = new, memory
        cache.forward_done = cache.backward_done = 0
        self.steps += 1
        self._advance()

    def _train_one_example(self):
        s, x, y = self.settings, self.X[self.sample], self.Y[self.sample]
        result = network.full_pass(self.params, x, y, s.activation, s.loss)
        self.cache.begin(self.sample, x, y)
        cache = self.cache
        cache.zs, cache.activations, cache.loss = result.zs, result.activations, result.loss
        cache.das, cache.dzs, cache.dW, cache.db = result.das, result.dzs, result.grads.W, result.grads.b
        cache.forward_done = cache.backward_done = self.n_layers
        self.steps += 2
        self._update()

    def _advance(self):
        self.sample += 1
        if self.sample == len(self.Y):
            self.sample, self.epoch = 0, self.epoch + 1
            self._record_loss()

    def _check_gradients(self):
        """Central differences beside the analytic gradient, once a backward pass is complete."""
        cache, s = self.cache, self.settings
        if s.check_gradients and cache.backward_done == self.n_layers:
            cache.numeric = gradcheck.numeric_gradients(self.params, cache.activations[0], cache.y, s.activation, s.loss)
        elif not s.check_gradients:
            cache.numeric = None

    @staticmethod
    def _layers(layer, remaining):
        return list(remaining) if layer is None else [layer]

    # ----- starting, history and undo ----------------------------------------------------------

    def _start_over(self):
        s = self.settings
        self.X, self.Y = datasets.load(s.dataset)
        if s.dataset == "passo_a_passo" and s.sizes == [2, 2, 1]:
            self.params = network.Params(*datasets.walkthrough_params())
        else:
            self.params = network.init_params(s.sizes, np.random.default_rng(s.seed))
        self.memory = optimizers.empty_memory(s.optimizer, self.params)
        self.epoch = self.sample = self.steps = 0
        self.history = []
        self._restart_example()
        self._record_loss()

    def _restart_example(self):
        self.cache = Cache(self.n_layers, self.sample, float(self.Y[self.sample]))
        self.last = ("idle", None)

    def _record_loss(self):
        # The curve is the course's "Curva de perda (MSE)" whatever loss trains, so that
        # switching to cross-entropy never mixes two units in one plot.
        self.history.append([self.epoch, self.dataset_loss("mse")])
        if len(self.history) > HISTORY_LIMIT:
            # A new list, so that undo entries still holding the old one stay valid.
            self.history = self.history[:-1:2] + [self.history[-1]]

    @contextmanager
    def _undoable(self):
        entry = self._capture()
        try:
            yield
        except BaseException:
            self._reinstate(entry)
            raise
        self.undo_stack.append(entry)

    def _capture(self):
        """The session's state by reference: arrays are only ever replaced, except in set_value,
        which copies first, so an undo entry costs a few hundred bytes, not a copy of everything."""
        names = ("settings", "params", "memory", "X", "Y", "epoch", "sample", "steps", "last", "history")
        state = {name: getattr(self, name) for name in names}
        state.update(cache=self.cache.copy(), history_length=len(self.history))
        return state

    def _reinstate(self, entry):
        entry = dict(entry)
        del entry["history"][entry.pop("history_length"):]
        for name, value in entry.items():
            setattr(self, name, value)


def _same_arrays(given, replayed):
    """Layer lists equal bit for bit, a missing layer (None) in the same places."""
    return len(given) == len(replayed) and all(
        (a is None and b is None) or (a is not None and b is not None and np.array_equal(a, b))
        for a, b in zip(given, replayed)
    )
