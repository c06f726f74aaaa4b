"""Own one student's training session: the phase machine, counters, loss curve and undo.

For each example, in order: forward → backward → update, then the next example; after the
last example an epoch is complete and the data set's loss becomes one point of the curve.
With `detailed` settings each pass runs one weight layer at a time. Every command either
completes or raises SessionError and leaves the session exactly as it was.

The session's primary state is its settings, parameters, optimiser memory, data, counters,
progress through the current example and loss curve; the gradient-flow series (session.flow)
is recorded beside the loss curve and undone with it, but kept out of snapshots (see flow).
Everything else (the example's forward and backward values, the gradient check) is derived, and
`_replay` rebuilds it from the primary state after an undo or a restore. Knows nothing of
sockets or JSON.
"""
import time
from collections import deque
from dataclasses import replace

import numpy as np

from ..model import (clipping, datasets, gradcheck, gradflow, initialization, losses, network, optimizers, regularization,
                     scalar_passes, scalar_update, schedules)
from ..model.engine import Diverged, Engine
from ..model.epoch_loss import EpochLosses
from .curve import Curve
from .early_stop import BestValidation, stalled
from .flow import FlowSeries
from .records import Example, SessionError, Settings
from .undo import capture, just_learned, reinstate, relearn

UNDO_DEPTH = 500
HISTORY_LIMIT = 10_000
# Data sets of at most this many examples also keep each example's loss with every curve point.
EXAMPLE_LINES_LIMIT = 8
DIVERGENCE_LIMIT = 1e6
# Optimiser memory (velocity, Adam's moments) past this is treated as divergence too: it keeps
# every later square and sum finite.
MEMORY_LIMIT = 1e100

# Which settings throw the current network away, and which only restart the current example.
START_OVER = ("dataset", "noise", "points", "split", "hidden", "seed", "init")
RESTART_EXAMPLE = ("activation", "loss", "optimizer", "batch", "batch_size")


def validation_count(n_examples, split):
    """How many of n examples a split of `split` per cent keeps for validation (at least one
    example is always trained on)."""
    return min(n_examples * split // 100, n_examples - 1)


def load_data(settings):
    """The data set the settings name: a table, or generated from the seed, noise and points."""
    return datasets.load(settings.dataset, settings.seed, settings.noise, settings.points)


# How many of an epoch's steps run between two calls of Session.on_steps: 8 steps of the largest
# network are about a millisecond; XOR's epoch (4 steps) never reaches a call.
STEPS_BETWEEN_PAUSES = 8


class Session:
    # Called after every epoch of `train`, with whether it was the last; a true answer makes it
    # the last (the transport paces and slices training with it, and ends a request that ran long).
    on_epoch = None
    # Called every STEPS_BETWEEN_PAUSES steps within an epoch of `train`: one epoch of a large
    # network on a large data set is tens of milliseconds, too long to hold the interpreter (the
    # transport slices training with it too).
    on_steps = None
    # (settings key, X, Y) of the named data set: see _named_data.
    _named = None
    # What _data_outputs computed last, and for which weights, data and activation.
    _outputs = None

    def __init__(self, settings=None):
        self.settings = settings or Settings()
        self.undo_stack = deque(maxlen=UNDO_DEPTH)
        self._packed_cache = self._context_cache = None  # see undo.capture
        self._start_over()

    # ----- reading -------------------------------------------------------------------------

    @property
    def n_layers(self):
        return len(self.settings.hidden) + 1  # weight layers: len(sizes) − 1

    @property
    def progress(self):
        """(forward_done, backward_done) of the example under way; (0, 0) once it is learned."""
        example = self.example
        if example.learned:
            return 0, 0
        return example.trace.forward_done, example.trace.backward_done

    def next_move(self):
        """(phase, layer) that `step` runs next; layer is None unless settings are detailed."""
        forward_done, backward_done = self.progress
        n = self.n_layers
        if forward_done < n:
            phase, layer = "forward", forward_done
        elif backward_done < n:
            phase, layer = "backward", n - 1 - backward_done
        else:
            return "update", None
        return phase, layer if self.settings.detailed else None

    @property
    def n_train(self):
        """Examples trained on: the first n_train of X and Y; the rest are for validation."""
        return len(self.Y) - validation_count(len(self.Y), self.settings.split)

    @property
    def batch_size(self):
        """Examples per step: 1 online, `batch_size` in a mini-batch, all trained on in full batch."""
        s = self.settings
        if s.batch == "online":
            return 1
        return min(s.batch_size, self.n_train) if s.batch == "mini" else self.n_train

    def batch_rows(self, sample=None):
        """Indices of the examples of the step under way (or of the step from `sample`): at most
        batch_size of them, never past the training examples (an epoch's last batch may be smaller)."""
        sample = self.sample if sample is None else sample
        return range(sample, min(sample + self.batch_size, self.n_train))

    def example_loss_values(self, loss="mse"):
        """The loss of every example (training first, then validation) with the current weights:
        one forward pass of the whole data set, which the curve, its validation value, the
        per-example lines, the read-outs and the predictions all share (read-only, kept)."""
        z_out, y_hat, values = self._data_outputs()
        if loss not in values:
            values[loss] = _read_only(losses.loss_value(loss, y_hat, self.Y, z_out))
        return values[loss]

    def _data_outputs(self, hidden=None):
        """(z_out, ŷ, {loss: values}) of every example: computed once for the weights, the data
        and the activation (compared as objects, as gradient_sizes does), so that the curve's
        point, the read-outs and the predictions of one moment take one pass of the data set.
        `hidden`: the hidden layers' activations over the examples with the current weights,
        when the caller has them (examples_pass)."""
        s, cached = self.settings, self._outputs
        if not (cached and cached[0] is self.params and cached[1] is self.X and cached[2] is self.Y
                and cached[3] == s.activation):
            if hidden is None:
                hidden = network.hidden_outputs(self.params, self.X, s.activation)
            z_out = network.output_logits(self.params, self.X, hidden)
            cached = self._outputs = (self.params, self.X, self.Y, s.activation,
                                      _read_only(z_out), _read_only(network.sigmoid(z_out)), {})
        return cached[4:]

    def examples_pass(self):
        """(zs, activations) of the hidden layers over every example with the current weights
        (network.layer_values'), from the pass that also gives the read-outs their ŷ when they
        have none for these weights yet: a state's steady parts take one pass of the data set.
        Not kept: for a large network and data set they are the size of a whole session."""
        zs, hidden = network.layer_values(self.params, self.X, self.settings.activation, self.n_layers - 1)
        self._data_outputs(hidden)
        return zs, hidden

    def dataset_loss(self, loss=None):
        """The loss averaged over the training examples with the current weights; the chosen
        one by default."""
        return float(np.mean(self.example_loss_values(loss or self.settings.loss)[:self.n_train]))

    def validation_loss(self):
        """½(y − ŷ)² averaged over the validation examples, or None when there are none."""
        n = self.n_train
        if n == len(self.Y):
            return None
        return float(np.mean(self.example_loss_values()[n:]))

    def gradient_sizes(self):
        """(norm_W, mean_delta) per weight layer over the training examples (model.gradflow).
        Kept while the weights, the data and the settings are the very same objects: a step that
        changes no weight, or the state message right after an epoch was recorded, reuses them."""
        s, n = self.settings, self.n_train
        inputs = (self.params, self.X, self.Y, s)
        cached = getattr(self, "_sizes", None)  # a bare Session (undo.relearn) has none yet
        if cached is None or any(a is not b for a, b in zip(cached[0], inputs)):
            cached = self._sizes = inputs, gradflow.layer_sizes(self.params, self.X[:n], self.Y[:n], s.activation, s.loss)
        return cached[1]

    def best_validation(self):
        """(epoch, loss) of the lowest validation loss on the curve, or None without a split."""
        if self.history.columns < 3:  # no validation column (no split): no point need be read
            return None
        if not hasattr(self, "_best_validation"):
            self._best_validation = BestValidation()  # a cache; a bare Session (undo.relearn) has none yet
        return self._best_validation.of(self.history)

    def predictions(self):
        """ŷ of every example with the current weights (network.predict's; read-only, kept)."""
        return self._data_outputs()[1]

    def logits(self):
        """z_out of every example with the current weights (the one pass `predictions` takes)."""
        return self._data_outputs()[0]

    def example_losses(self):
        """Each example's ½(y − ŷ)² with the current weights (validation ones too) as a list, when
        the data set has at most EXAMPLE_LINES_LIMIT examples; else None."""
        if len(self.Y) > EXAMPLE_LINES_LIMIT:
            return None
        return self.example_loss_values().tolist()

    def data_edited(self):
        """Whether X or Y differ from the named data set's (a `set` of an input or a target)."""
        X, Y = self._named_data()
        return not (np.array_equal(X, self.X) and np.array_equal(Y, self.Y))

    def _named_data(self):
        """The settings' named data set, generated once per change of the settings that name it
        (every state message asks data_edited). A copy of its own: nothing else holds it."""
        s = self.settings
        key = (s.dataset, s.seed, s.noise, s.points)
        if self._named is None or self._named[0] != key:
            self._named = (key, *load_data(s))
        return self._named[1:]

    # ----- commands ------------------------------------------------------------------------

    def step(self, asked=None):
        """Run the next phase (one layer of it when detailed); `asked` insists on a phase."""
        phase, layer = self.next_move()
        if asked is not None and asked != phase:
            raise SessionError("out_of_order", asked=asked, expected=phase)
        with self._undoable():
            layers = None if layer is None else 1
            if phase == "forward":
                self._forward(layers)
            elif phase == "backward":
                self._backward(layers)
            else:
                self._update()
            self.last = (phase, layer)

    def train(self, epochs, until=None, seconds=None, patience=0):
        """Finish the example under way, then run whole epochs until `epochs` more are done, or
        (with `until`) until an epoch ends with the training MSE at or below `until`, or (with
        `seconds`) until an epoch ends that many seconds after the start, or (with `patience`, only
        with validation examples) until the validation loss has not improved for `patience`
        epochs (early_stop)."""
        if patience and self.n_train == len(self.Y):
            raise SessionError("no_validation", patience=patience)
        deadline = None if seconds is None else time.monotonic() + seconds
        with self._undoable():
            target = self.epoch + epochs
            forward_done, backward_done = self.progress
            if forward_done or backward_done:
                if forward_done < self.n_layers:
                    self._forward(None)
                if backward_done < self.n_layers:
                    self._backward(None)
                self._update()
            if self.epoch < target:
                self._train_epochs(target, until, deadline, patience)
            self.last = ("update", None)

    def _train_epochs(self, target, until, deadline, patience):
        """Whole epochs on the Engine (no records kept), then the last step learned again on the
        step-by-step path, so that the example on screen is the one just learned."""
        engine = Engine(self.params, self.memory, self.settings, DIVERGENCE_LIMIT, MEMORY_LIMIT)
        self.params = engine.params  # views: the loss curve reads the current values
        curve_losses = EpochLosses(self.params, self.X, self.Y, self.settings.activation)
        batches = self._epoch_batches(0)
        # The first epoch may start part-way, even off the batch grid (after a batch-size change).
        todo = self._epoch_batches(self.sample) if self.sample else batches
        while True:
            lr = self.current_lr()
            for done, (start, x, y) in enumerate(todo[:-1], 1):
                self._engine_step(engine, x, y, lr)
                if not done % STEPS_BETWEEN_PAUSES and self.on_steps:
                    self.on_steps()
            saved = engine.save()
            self._engine_step(engine, *todo[-1][1:], lr)
            self.steps += 3 * len(todo)
            self.sample, self.epoch = 0, self.epoch + 1
            # The Engine changed self.params in place: the same object, new values.
            self._sizes = self._outputs = None
            train_mse = self._record_loss(curve_losses())
            last = (self.epoch >= target or (until is not None and train_mse <= until)
                    or (deadline is not None and time.monotonic() >= deadline)
                    or (patience and stalled(self.best_validation(), self.epoch, patience)))
            if self.on_epoch and self.on_epoch(last):
                last = True
            if last:
                break
            todo = batches
        self._relearn_last(todo[-1][0], *engine.saved_state(saved), lr)

    def _epoch_batches(self, first):
        """(start, x, y) of every step from example `first` to the epoch's end, as `_batch_data`
        gives them."""
        return [(start, *self._batch_data(start)) for start in range(first, self.n_train, self.batch_size)]

    def _engine_step(self, engine, x, y, lr):
        try:
            engine.step(x, y, lr)
        except Diverged as error:
            raise SessionError("diverged", **_first_diverging(error.params, self.n_layers)) from None

    def _relearn_last(self, sample, params, memory, lr):
        """Learn the epoch's last step again from the values before it, on the step-by-step path
        (the same bits as the Engine's), keeping its example; the counters stay as they are."""
        s, epoch = self.settings, self.epoch
        self.params, self.memory, self.sample = params, memory, sample
        x, y = self._batch_data(sample)
        self.example = Example(sample, network.full_pass(params, x, y, s.activation, s.loss))
        self._learn(lr)
        self.sample, self.epoch = 0, epoch

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
            if "detailed" in changed and self.last[0] in ("forward", "backward"):
                self.last = self._last_from_progress()
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
            # Copy before writing: undo entries and views may share these arrays.
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

    def load(self, primary):
        """Replace everything with a validated primary state (see protocol.snapshot); the example's
        progress is replayed. Undo brings the old session back."""
        with self._undoable():
            progress, curve = primary.pop("progress"), primary.pop("history")
            for name, value in primary.items():
                setattr(self, name, value)
            self._new_curve(curve)
            self._record_flow()
            self._replay(*progress)

    def checkpoint(self):
        """Everything needed to `rollback` to this moment, undo history included."""
        return capture(self), tuple(self.undo_stack)

    def rollback(self, checkpoint):
        entry, undo_entries = checkpoint
        self.undo_stack = deque(undo_entries, maxlen=UNDO_DEPTH)
        reinstate(self, entry)

    def undo(self):
        if not self.undo_stack:
            raise SessionError("nothing_to_undo")
        entry = self.undo_stack.pop()
        reinstate(self, entry)
        if just_learned(entry) and self.undo_stack:
            try:
                example = relearn(self, self.undo_stack[-1], Session.__new__(Session))
            except SessionError:  # cannot happen for an update that once succeeded; keep the undo
                example = None
            if example is not None:
                self.example, self.last = example, ("update", None)

    # ----- the passes ------------------------------------------------------------------------

    def _begin_example_if_needed(self):
        if self.example.learned or self.example.trace.forward_done == 0:
            self._restart_example()

    def _forward(self, layers):
        self._begin_example_if_needed()
        s = self.settings
        scalar_passes.run_forward(self.params, self.example.trace, s.activation, s.loss, layers)
        self.steps += 1

    def _backward(self, layers):
        scalar_passes.run_backward(self.params, self.example.trace, self.settings.loss, layers)
        self.steps += 1
        self._check_gradients()

    def penalty(self):
        """The weight penalty λ₂/2·Σw² + λ₁·Σ|w| with the current weights (0 when both are off)."""
        return regularization.penalty(self.params, self.settings.l1, self.settings.l2)

    def current_lr(self):
        """The η the next update uses: the set η on the schedule, at the current epoch."""
        s = self.settings
        return schedules.scheduled_lr(s.lr, s.schedule, s.schedule_period, self.epoch)

    def _update(self, _layers=None):
        self._learn(self.current_lr())
        self.steps += 1
        self._advance()

    def _learn(self, lr):
        """The example's update with learning rate `lr`: penalty, clipping, the optimiser's rule."""
        s, example = self.settings, self.example
        if scalar_update.applies(s):
            # The rule alone, on floats (model.scalar_update): the same bits, a few µs.
            grads, factor = network.Params(list(example.trace.dW), list(example.trace.db)), 1.0
            new, memory, delta, within = scalar_update.learn(self.params, grads, self.memory, s.optimizer, lr,
                                                             s.momentum, (DIVERGENCE_LIMIT, MEMORY_LIMIT))
        else:
            grads, factor, new, memory, delta, within = self._learn_on_arrays(lr)
        if not within:
            raise SessionError("diverged", **_first_diverging(new, self.n_layers))
        example.delta = delta
        example.params_before, example.delta_lr, example.clip_factor, example.used = self.params, lr, factor, grads
        self.params, self.memory = new, memory

    def _learn_on_arrays(self, lr):
        """_learn's (grads, clip factor, new params, memory, Δθ, within) with a weight penalty or
        clipping, on NumPy arrays."""
        s, example = self.settings, self.example
        dW = list(example.trace.dW)
        if s.l1 or s.l2:
            example.penalty_W = regularization.penalty_gradients(self.params, s.l1, s.l2)
            dW = [g + r for g, r in zip(dW, example.penalty_W)]
        grads, factor = clipping.clip_by_norm(network.Params(dW, list(example.trace.db)), s.clip)
        new, memory = optimizers.OPTIMIZERS[s.optimizer](self.params, grads, self.memory, lr, s.momentum)
        within = new.is_finite_below(DIVERGENCE_LIMIT) and optimizers.memory_is_finite_below(memory, MEMORY_LIMIT)
        delta = network.Params(
            [n - o for n, o in zip(new.W, self.params.W)], [n - o for n, o in zip(new.b, self.params.b)]
        )
        return grads, factor, new, memory, delta, within

    def _advance(self):
        self.sample += len(self.batch_rows())
        if self.sample >= self.n_train:
            self.sample, self.epoch = 0, self.epoch + 1
            self._record_loss()

    def _check_gradients(self):
        """Central differences beside the analytic gradient, once a backward pass is complete:
        at the weights that gradient was computed with (after the update, the ones before it)."""
        example, s = self.example, self.settings
        if s.check_gradients and example.trace.backward_done == self.n_layers:
            x, y = example.trace.inputs(), example.trace.y
            params = example.params_before if example.learned else self.params
            example.numeric, example.kinks, example.spread = gradcheck.numeric_gradients(
                params, x, y, s.activation, s.loss)
        elif not s.check_gradients:
            example.numeric = example.kinks = example.spread = None

    def _replay(self, forward_done, backward_done):
        """Rebuild the example under way from the primary state: run its first `forward_done`
        forward layers and `backward_done` backward layers again (no counter moves)."""
        self._restart_example()
        s, trace = self.settings, self.example.trace
        scalar_passes.run_forward(self.params, trace, s.activation, s.loss, forward_done)
        scalar_passes.run_backward(self.params, trace, s.loss, backward_done)
        self._check_gradients()
        if forward_done or backward_done:
            self.last = self._last_from_progress()

    def _last_from_progress(self):
        """(phase, layer) of the latest layer run on the example under way; the layer is named
        only in detailed mode, whether that layer ran alone or within a whole pass."""
        forward_done, backward_done = self.progress
        detailed = self.settings.detailed
        if backward_done:
            return "backward", self.n_layers - backward_done if detailed else None
        return "forward", forward_done - 1 if detailed else None

    # ----- starting, history and undo ----------------------------------------------------------

    def _start_over(self):
        s = self.settings
        self.X, self.Y = load_data(s)
        if s.dataset == "passo_a_passo" and s.sizes == [2, 2, 1]:
            self.params = network.Params(*datasets.walkthrough_params())
        else:
            self.params = initialization.initial_params(s.sizes, np.random.default_rng(s.seed), s.init)
        self.memory = optimizers.empty_memory(s.optimizer, self.params)
        self.epoch = self.sample = self.steps = 0
        self._new_curve([])
        self._restart_example()
        self._record_loss()

    def _batch_data(self, sample=None):
        """(x, y) of the step under way (or of the step from `sample`): one example's (2,) and a
        number online, else the batch's (m, 2) and (m,) (a batch of one is a batch: its values
        keep their columns)."""
        if self.settings.batch == "online":
            sample = self.sample if sample is None else sample
            return self.X[sample], self.Y[sample]
        rows = self.batch_rows(sample)
        return self.X[rows.start:rows.stop], self.Y[rows.start:rows.stop]

    def _restart_example(self):
        trace = network.start_trace(self.n_layers, *self._batch_data())
        self.example = Example(self.sample, trace)
        self.last = ("idle", None)

    def _record_loss(self, per_example=None):
        """One point of the curve with the current weights; `per_example` is what
        example_loss_values() answers (`train` computes it into buffers: model.epoch_loss).
        Answers the point's training MSE (reading it back from the curve costs more)."""
        # The curve is the course's "Curva de perda (MSE)" whatever loss trains, so that
        # switching to cross-entropy never mixes two units in one plot.
        per_example = self.example_loss_values() if per_example is None else per_example
        n, m = self.n_train, len(self.Y)
        # np.mean's own sum and division (the read-outs' np.mean gives the same bits), without
        # its wrapper: a quarter of the cost, once an epoch.
        point = [self.epoch, float(np.add.reduce(per_example[:n]) / n)]
        if n < m:
            point.append(float(np.add.reduce(per_example[n:]) / (m - n)))
        self.history.append(point, per_example.tolist() if self.history.n_examples else None)
        if len(self.history) > HISTORY_LIMIT:
            # A new curve, so that undo entries still holding the old one stay valid.
            self.history = self.history.thinned()
            self.curve_thinnings += 1
        self._record_flow()
        return point[1]

    def _record_flow(self):
        self.flow = self.flow.record(self.epoch, self.gradient_sizes)

    def _new_curve(self, points):
        """Start a loss curve of its own lineage: `curve_token` names it and `curve_thinnings`
        counts how often it was thinned, so a client's copy can follow with the same rule."""
        n_examples = len(self.Y) if len(self.Y) <= EXAMPLE_LINES_LIMIT else 0
        self.history = Curve.of(points, 2 if self.n_train == len(self.Y) else 3, n_examples)
        self.curve_token, self.curve_thinnings = object(), 0
        self.flow = FlowSeries()

    def _undoable(self):
        return _Undoable(self)


def _read_only(array):
    """The array, marked read-only: it is kept and handed to every reader (see _data_outputs)."""
    array.flags.writeable = False
    return array


class _Undoable:
    """`with session._undoable():` a move that, if it raises, is taken back (the session put back
    as it was), else leaves an undo entry. A class rather than a @contextmanager generator: a
    third of the cost, on every step."""
    __slots__ = ("session", "entry")

    def __init__(self, session):
        self.session = session

    def __enter__(self):
        self.entry = capture(self.session)

    def __exit__(self, kind, error, traceback):
        if kind is None:
            self.session.undo_stack.append(self.entry)
        else:
            reinstate(self.session, self.entry)
        return False


def _first_diverging(params, n_layers):
    """{"what", "layer", "row", "col"} of the first parameter past the divergence limit (or not
    finite), layer numbered from 1 at the first hidden layer; the optimiser's memory otherwise."""
    for what, arrays in (("weight", params.W), ("bias", params.b)):
        for layer, array in enumerate(arrays):
            bad = ~np.isfinite(array) | (np.abs(np.nan_to_num(array)) > DIVERGENCE_LIMIT)
            if bad.any():
                index = np.argwhere(bad)[0]
                row, col = int(index[0]), int(index[1]) if what == "weight" else None
                return {"what": what, "layer": layer + 1, "row": row + 1, "col": None if col is None else col + 1,
                        "layers": n_layers}
    return {"what": "memory", "layer": None, "row": None, "col": None, "layers": n_layers}
