"""Own the three passes of a state, `forward`, `backward` and `update`: what the example's passes
computed, and the memory of the text each was last encoded to.

A pass is made of a few numbers and groups of arrays (one array a layer, None for a layer not
computed yet); its message is built from exactly those. The example's forward block goes out
unchanged in the backward's reply and in the update's, its backward block in the update's: so
the conversation keeps each block's text beside its inputs, compared by value, and encodes a
block only when its inputs differ from the last ones. The inputs are compared as the very lists
the text is written from (numbers equal as floats write the same text, −0 aside, which the text
drops): a block that changed, as in every forward step's reply, costs no second pass over its
arrays to make a key.

A block is numbers under fixed keys, no string at all; its text is written from the arrays'
own `tolist` (one cheap call an array, where +0.0 first costs a NumPy ufunc call each), and −0
is then turned into 0 in the text: in such a text "-0.0" followed by "," "]" or "}" is the
number −0 and nothing else, so the result is exactly the text of the lists with +0.0 added.
"""
import math

import numpy as np

from .arrays import as_float, as_list, layer_groups


def first(arrays):
    """Per-unit values of a batch's first example (column 0); one example's as they are."""
    return [a[:, 0] if isinstance(a, np.ndarray) and a.ndim == 2 else a for a in arrays]


def first_y(trace):
    return trace.y[0] if trace.batched else trace.y


def forward_parts(example):
    """(numbers, groups) of the example's forward values; for a batch those of its first
    example, with the batch's mean loss. None before any forward."""
    trace = example.trace
    if trace.forward_done == 0:
        return None
    activations = first(trace.activations)
    y_hat = activations[-1]
    numbers = (example.sample, as_float(first_y(trace)), None if y_hat is None else as_float(y_hat[0]),
               as_float(trace.loss))
    return numbers, (first(trace.zs), activations, first(trace.g_primes), trace.products)


def _forward(numbers, lists):
    sample, y, y_hat, loss = numbers
    z, a, g_prime, products = lists
    return {"sample": sample, "y": y, "z": z, "a": a, "g_prime": g_prime, "products": products,
            "y_hat": y_hat, "loss": loss}


def backward_parts(example):
    """∂L/∂a and ∂L/∂z of the example (a batch's first), ∂L/∂W and ∂L/∂b (a batch's means)."""
    trace = example.trace
    if trace.backward_done == 0:
        return None
    return (), (first(trace.das), first(trace.dzs), trace.dW, trace.db, trace.to_inputs)


def _backward(_numbers, lists):
    da, dz, dW, db, to_inputs = lists
    if da[-1] is not None and not math.isfinite(da[-1][0]):
        # Cross-entropy's ∂L/∂ŷ past |z| ≈ 709 is larger than any float: JSON cannot carry it.
        # A new list: `lists` may be kept as the block's key (EncodedPasses).
        da = [*da[:-1], [None]]
    return {"da": da, "dz": dz, "dW": dW, "db": db, "to_inputs": to_inputs}


def update_parts(example):
    """The update that learned the example: η, the clipping factor, each parameter's change, the
    parameters before it, the gradient the optimiser used, the penalty's part (None when off)."""
    if not example.learned:
        return None
    delta, before, used, penalty = example.delta, example.params_before, example.used, example.penalty_W
    numbers = (example.delta_lr, example.clip_factor, penalty is not None)
    return numbers, (delta.W, delta.b, before.W, before.b, used.W, used.b, penalty or ())


def _update(numbers, lists):
    lr, clip_factor, penalised = numbers
    delta_W, delta_b, before_W, before_b, used_W, used_b, penalty_W = lists
    return {"lr": lr, "clip_factor": clip_factor, "delta_W": delta_W, "delta_b": delta_b,
            "params_before": {"W": before_W, "b": before_b}, "used": {"W": used_W, "b": used_b},
            "penalty_W": penalty_W if penalised else None}


PASSES = {"forward": (forward_parts, _forward), "backward": (backward_parts, _backward),
          "update": (update_parts, _update)}


def pass_message(name, example):
    """The `forward`, `backward` or `update` block of a state, or None when it has not run."""
    read, build = PASSES[name]
    parts = read(example)
    return None if parts is None else build(parts[0], layer_groups(*parts[1]))


_FLOAT64 = np.dtype(np.float64)


def forward_message(example):
    return pass_message("forward", example)


def backward_message(example):
    return pass_message("backward", example)


def update_message(example):
    return pass_message("update", example)


def _raw_lists(group):
    """The arrays as lists of float64, −0 left as it is (the text drops it: see above)."""
    return [a.tolist() if type(a) is np.ndarray and a.dtype is _FLOAT64 else as_list(a) for a in group]


def _without_minus_zero(text):
    if "-0.0" not in text:
        return text
    return text.replace("-0.0,", "0.0,").replace("-0.0]", "0.0]").replace("-0.0}", "0.0}")


class EncodedPasses:
    """The last text of each block, beside the inputs it was made of."""

    def __init__(self):
        self._kept = {}

    def text(self, name, example, encode):
        """The block `name` of `example` as JSON text (`null` when it has not run): the text
        of pass_message(name, example), bit for bit."""
        read, build = PASSES[name]
        parts = read(example)
        if parts is None:
            return "null"
        numbers, groups = parts
        key = numbers, [_raw_lists(group) for group in groups]
        kept = self._kept.get(name)
        if kept is not None and kept[0] == key:
            return kept[1]
        text = _without_minus_zero(encode(build(*key)))
        self._kept[name] = (key, text)
        return text
