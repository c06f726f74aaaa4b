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
