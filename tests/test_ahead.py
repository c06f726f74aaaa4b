"""A step answered ahead (Conversation.prepare_step) is the reply the step would have had, bit for
bit, and whatever else arrives first finds everything as it was: each sequence of frames is
answered by a conversation that prepares after every reply and by one that never does, and every
pair of replies must be the same text."""
import json
import logging
import random
import time

import pytest

from app.protocol import Conversation
from app.session import HISTORY_LIMIT, UNDO_DEPTH, ahead
from app.session.flow import FlowSeries

STEP = '{"op":"step"}'

CONFIGURES = [
    {}, {"detailed": True}, {"check_gradients": True}, {"optimizer": "adam"}, {"optimizer": "momentum"},
    {"batch": "mini", "batch_size": 3}, {"batch": "full"}, {"split": 25, "dataset": "circle", "points": 20},
    {"hidden": [3, 2], "activation": "relu"}, {"loss": "bce", "activation": "tanh"}, {"l2": 0.01, "clip": 0.5},
    {"schedule": "step", "schedule_period": 2}, {"lr": 10.0}, {"dataset": "passo_a_passo"}, {"lang": "en"},
    {"seed": 11, "start_over": True}, {"dataset": "spiral", "points": 40, "split": 10, "hidden": [4]},
]


def frames(rng, n):
    """A student's session, mostly steps, with every other kind of frame between them."""
    yield json.dumps({"op": "configure", "seed": rng.randrange(100)})
    snapshots = []
    for _ in range(n):
        roll = rng.random()
        if roll < 0.6:
            yield STEP
        elif roll < 0.65:
            yield json.dumps({"op": "configure", **rng.choice(CONFIGURES)})
        elif roll < 0.7:
            yield json.dumps({"op": rng.choice(["forward", "backward", "update"])})
        elif roll < 0.75:
            yield json.dumps({"op": "train", "epochs": rng.choice([1, 3, 40])})
        elif roll < 0.82:
            yield '{"op":"undo"}'
        elif roll < 0.84:
            yield '{"op":"reset"}'
        elif roll < 0.87:
            yield json.dumps({"op": "set", "what": "bias", "layer": 0, "row": 0, "value": rng.uniform(-3, 3)})
        elif roll < 0.9:
            yield '{"op":"snapshot"}'
            snapshots.append(True)
        elif roll < 0.93 and snapshots:
            yield "RESTORE"  # the last snapshot the plain conversation gave, sent back
        elif roll < 0.96:
            yield rng.choice(['{"op":"step","x":1}', "not json", '{"op":"jump"}', '{"op":"step"'])
        else:
            yield '{ "op" : "step" }'


def answer_both(sequence):
    """Every frame answered by both conversations; their replies, side by side."""
    plain, eager = Conversation(), Conversation()
    last_snapshot, pairs = None, []
    for frame in sequence:
        if frame == "RESTORE":
            frame = json.dumps({"op": "restore", "snapshot": last_snapshot})
        pair = plain.reply(frame), eager.reply(frame)
        eager.prepare_step()
        if '"snapshot":{' in pair[0] and frame == '{"op":"snapshot"}':
            last_snapshot = json.loads(pair[0])["snapshot"]
        pairs.append((frame, *pair))
    return pairs, eager


@pytest.mark.parametrize("seed", range(12))
def test_prepared_replies_are_the_replies(seed):
    pairs, _ = answer_both(frames(random.Random(seed), 250))
    for at, (frame, plain, eager) in enumerate(pairs):
        assert eager == plain, f"frame {at}: {frame}"
    assert sum(frame == STEP for frame, _, _ in pairs) > 100


def test_the_preparation_happens_and_is_used():
    """The eager conversation really answers ahead: a prepared reply waits after a step, and the
    session it holds is one step on (else the test above would compare a path never taken)."""
    conversation = Conversation()
    conversation.reply('{"op":"configure","seed":3}')
    conversation.reply(STEP)
    steps = conversation.session.steps
    conversation.prepare_step()
    assert conversation._ahead is not None and conversation.session.steps == steps + 1
    assert json.loads(conversation.reply(STEP))["steps"] == steps + 1
    conversation.prepare_step()
    assert json.loads(conversation.reply('{"op":"undo"}'))["steps"] == steps


def test_no_preparation_after_anything_but_a_step():
    conversation = Conversation()
    for frame in ('{"op":"configure","seed":3}', '{"op":"train","epochs":2}', '{"op":"undo"}', "bad"):
        conversation.reply(frame)
        conversation.prepare_step()
        assert conversation._ahead is None



def _fails_first(session, kept):
    raise RuntimeError("a bug in take_back")


def _fails_after(session, kept, take_back=ahead.take_back):
    take_back(session, kept)
    raise RuntimeError("a bug in take_back")


@pytest.mark.parametrize("broken", [_fails_first, _fails_after])
def test_a_take_back_that_fails_puts_the_session_back_from_its_checkpoint(broken, monkeypatch, caplog):
    """Should taking back ever fail (a bug, before or after its work), the session is put back as
    `reply` puts it back after any bug, and the conversation goes on: every reply, the one that
    found the preparation and the ones after it, is the plain conversation's."""
    monkeypatch.setattr(ahead, "take_back", broken)
    sequence = [json.dumps({"op": "configure", "seed": 5}), STEP, STEP, '{"op":"undo"}', STEP, STEP, STEP,
                '{"op":"snapshot"}', STEP, '{"op":"train","epochs":3}', STEP, '{"op":"reset"}', STEP, STEP]
    with caplog.at_level(logging.ERROR, logger="app.protocol.conversation"):
        pairs, _ = answer_both(sequence)
    for at, (frame, plain, eager) in enumerate(pairs):
        assert eager == plain, f"frame {at}: {frame}"
    assert caplog.text.count("taking back a step answered ahead failed") == 4

def test_a_full_undo_history_gets_its_oldest_entry_back():
    """At UNDO_DEPTH entries a step drops the oldest for its own: taking it back restores it."""
    sequence = ['{"op":"configure","seed":5}'] + [STEP] * (UNDO_DEPTH + 3)
    sequence += ['{"op":"undo"}', STEP, '{"op":"undo"}'] + ['{"op":"undo"}'] * (UNDO_DEPTH - 2) + [STEP]
    pairs, eager = answer_both(sequence)
    for at, (frame, plain, answered) in enumerate(pairs):
        assert answered == plain, f"frame {at}: {frame}"
    assert len(eager.session.undo_stack) == 3  # the last step's entry, the one before, and the prepared step's


def first_thinning_epoch(limit_of):
    """The first epoch whose record thins a series (`limit_of(epoch, series)` records it and
    answers the series after), simulated on a bare one."""
    series, epoch = FlowSeries(), 0
    while True:
        after = limit_of(epoch, series)
        if after is not series:
            return epoch
        series, epoch = after, epoch + 1


def train_to(conversation, epochs):
    while conversation.session.epoch < epochs:
        conversation.reply(json.dumps({"op": "train", "epochs": min(1000, epochs - conversation.session.epoch)}))


@pytest.mark.parametrize("limit", ["curve", "series"])
def test_taking_back_an_epoch_that_thins(limit):
    """A step that ends an epoch at the curve's limit makes a new, thinned curve (at the gradient
    series' limit, a thinned series): taken back, the session holds the very objects it held, as
    long as they were, and the replies after it are a plain conversation's."""
    if limit == "curve":
        thinning = HISTORY_LIMIT  # the point that makes HISTORY_LIMIT + 1 (the first is epoch 0)
    else:
        thinning = first_thinning_epoch(lambda epoch, series: series.record(epoch, lambda: ([1.0], [1.0])))
    plain, eager = Conversation(), Conversation()
    for conversation in (plain, eager):
        conversation.reply('{"op":"configure","seed":3,"batch":"full"}')
        train_to(conversation, thinning - 1)
        conversation.reply(STEP)
        conversation.reply(STEP)  # forward, backward: the next step is the update that ends the epoch
    session = eager.session
    curve, points, thinnings = session.history, len(session.history), session.curve_thinnings
    flow, flow_points, stride = session.flow, len(session.flow), session.flow.stride
    eager.prepare_step()
    if limit == "curve":
        assert session.history is not curve and session.curve_thinnings == thinnings + 1
    else:
        assert session.flow is not flow and session.flow.stride == 2 * stride
    for frame in ('{"op":"undo"}', STEP, STEP, STEP, '{"op":"snapshot"}', STEP):
        assert eager.reply(frame) == plain.reply(frame), frame
        if frame == '{"op":"undo"}':
            assert session.history is curve and len(curve) == points and session.curve_thinnings == thinnings
            assert session.flow is flow and len(flow) == flow_points and flow.stride == stride
        eager.prepare_step()


def test_the_example_is_copied_not_shared():
    """A step works on its example in place: the marked session gets a copy, and taking back
    restores the untouched original."""
    conversation = Conversation()
    conversation.reply('{"op":"configure","seed":3,"detailed":true}')
    conversation.reply(STEP)
    session = conversation.session
    example, done = session.example, session.example.trace.forward_done
    kept = ahead.mark(session)
    session.step()
    assert example.trace.forward_done == done and session.example.trace.forward_done == done + 1
    ahead.take_back(session, kept)
    assert session.example is example


@pytest.mark.parametrize("worker", ["gevent", "gthread"])
def test_over_the_wire_each_reply_is_the_plain_conversations(worker, servers, ws_connect):
    """The production command answers steps ahead between a student's clicks (a pause after each
    reply leaves it the time): every reply, whatever came first, is the text a conversation that
    never prepares gives for the same frames."""
    server = servers(BP_WORKER_CLASS=worker)
    ws, plain = ws_connect(server.base_url), Conversation()
    last_snapshot = None
    for frame in frames(random.Random(40), 150):
        if frame == "RESTORE":
            frame = json.dumps({"op": "restore", "snapshot": last_snapshot})
        ws.send(frame)
        reply, expected = ws.recv(), plain.reply(frame)
        assert reply == expected, frame
        if frame == '{"op":"snapshot"}':
            last_snapshot = json.loads(reply)["snapshot"]
        time.sleep(0.01)
