"""Own how arrays become JSON lists: float64, and never −0 (JSON has no −0: a browser writes it
as 0, so a −0 sent would not survive the client's round trip)."""
import numpy as np


_FLOAT64 = np.dtype(np.float64)


def as_list(array):
    if array is None:
        return None
    if type(array) is not np.ndarray or array.dtype is not _FLOAT64:
        array = np.asarray(array, dtype=np.float64)
    # Adding +0.0 turns −0.0 into +0.0 and leaves every other number exactly as it was.
    # np.add, not `+`: the operator costs twice as much on these small arrays, a state has dozens.
    return np.add(array, 0.0).tolist()


def as_float(value):
    return None if value is None else float(value) + 0.0


def layers(arrays):
    return [as_list(a) for a in arrays]


def params_message(params):
    return {"W": layers(params.W), "b": layers(params.b)}


def layer_groups(*groups):
    """Several `layers(group)` at once, the same lists: every array of every group (None for a
    layer not computed yet) goes through one NumPy conversion, then is cut back into its shape.
    A step's passes hold a dozen or two arrays of a few numbers each, where the calls, not the
    numbers, cost: one +0.0 and one tolist for all of them take a third of the time."""
    present = [a for group in groups for a in group if a is not None]
    if not all(type(a) is np.ndarray and a.ndim in (1, 2) and a.size for a in present):
        return [layers(group) for group in groups]  # anything unusual: one at a time, the reference way
    flat = np.concatenate([a.ravel() for a in present], dtype=np.float64) if present else None
    values = np.add(flat, 0.0, out=flat).tolist() if present else []
    answer, at = [], 0
    for group in groups:
        lists = []
        for a in group:
            if a is None:
                lists.append(None)
                continue
            end = at + a.size
            if a.ndim == 1:
                lists.append(values[at:end])
            else:
                width = a.shape[1]
                lists.append([values[row:row + width] for row in range(at, end, width)])
            at = end
        answer.append(lists)
    return answer
