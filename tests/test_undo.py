"""Undo brings back everything a student saw (issue 7's memory work packs its entries small):
the whole state the server would send, compared after each undo with the one sent before the
move, plus the parameters and the optimiser memory bit for bit."""
import json

import numpy as np

from app.protocol import Conversation
from app.protocol.gradflow import gradflow_message
from app.protocol.state import state_message
from app.session import HISTORY_LIMIT


# The example's view right after an update. After a `train` an undo back to that moment shows
# the next example waiting instead (docs/protocol.md, `undo`: the update is recomputed from the
# entry before it, which is the moment before the whole `train`); everything else comes back.
VIEW = ("phase", "layer", "shown", "forward", "backward", "update")


def whole_state(session, view=True):
    """All a client holding nothing would be sent: the state with the whole loss curve and its
    per-example losses, the validation best, the whole gradient-flow series, the record (counters,
    optimiser memory), and the parameters and memory as raw bytes; without the example's view
    unless `view`."""
    state = state_message(session, "undo", "en", 0)
    state["gradflow"] = gradflow_message(session, 0)
    memory = {k: (v if k == "t" else np.concatenate([a.ravel() for a in v]).tobytes().hex())
              for k, v in session.memory.items()}
    state["bits"] = {"params": session.params.pack().hex(), "memory": memory}
    if not view:
        state = {k: v for k, v in state.items() if k not in VIEW}
    return json.dumps(state, allow_nan=False, sort_keys=True)


def send(conversation, message):
    reply = json.loads(conversation.reply(json.dumps(message)))
    assert reply["type"] == "state", reply
    return reply


def moves_then_undo_all(conversation, moves, after_train=True):
    """Run `moves`, keeping the whole state before each, then undo them one by one, checking the
    state each undo comes back to (its view too unless it showed what a `train` learned: the
    first one does when `after_train`); answers how many were checked, and how many with their view."""
    saved = []
    for move in moves:
        view = not after_train
        saved.append((view, whole_state(conversation.session, view)))
        send(conversation, move)
        # a configure that keeps the example keeps showing what the train learned
        after_train = move["op"] == "train" or (after_train and move["op"] == "configure")
    for view, before in reversed(saved):
        send(conversation, {"op": "undo"})
        assert whole_state(conversation.session, view) == before
    return len(saved), sum(view for view, _ in saved)


STEP = {"op": "step"}


def test_undoing_moves_after_adam_training_restores_every_state_sent():
    conversation = Conversation()
    # XOR with a validation example: the curve has a validation column and a best point, and every
    # point keeps each example's loss.
    send(conversation, {"op": "configure", "optimizer": "adam", "split": 25, "lr": 0.05})
    trained = send(conversation, {"op": "train", "epochs": 40})
    assert trained["metrics"]["val_best"] is not None and trained["history"]["examples"][-1] is not None
    assert len(trained["gradflow"]["points"]) == 40 and conversation.session.memory["t"] > 0
    moves = ([STEP] * 14 + [{"op": "train", "epochs": 3}] + [STEP] * 4
             + [{"op": "set", "what": "weight", "layer": 1, "row": 0, "col": 1, "value": 0.25}] + [STEP] * 5
             + [{"op": "configure", "lr": 0.2}] + [STEP] * 7 + [{"op": "train", "epochs": 5, "patience": 2}]
             + [{"op": "configure", "detailed": True}] + [STEP] * 8)
    assert moves_then_undo_all(conversation, moves) == (43, 39)


def test_undo_after_the_update_that_thinned_the_curve_shows_that_update_again():
    # At HISTORY_LIMIT points the epoch's update thins the curve; undoing the step after it
    # recomputes that update (from the entry before it), which thins a scratch copy too.
    conversation = Conversation()
    send(conversation, {"op": "configure", "dataset": "single", "optimizer": "adam"})
    for _ in range(HISTORY_LIMIT // 1000 - 1):
        send(conversation, {"op": "train", "epochs": 1000})
    send(conversation, {"op": "train", "epochs": 999})
    assert len(conversation.session.history) == HISTORY_LIMIT
    # forward, backward, update (thins the curve), forward, backward
    assert moves_then_undo_all(conversation, [STEP] * 5) == (5, 4)
    assert len(conversation.session.history) == HISTORY_LIMIT
    send(conversation, STEP)
    send(conversation, STEP)
    update = send(conversation, STEP)
    assert update["history"]["thin"] and len(conversation.session.history) == HISTORY_LIMIT // 2 + 1
    send(conversation, STEP)
    undone = send(conversation, {"op": "undo"})
    assert undone["phase"] == "update" and undone["update"] is not None
