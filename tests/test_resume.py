"""Resume anywhere: the page's snapshot, after a real JavaScript JSON round trip, restores a session
whose next steps are bit for bit those of the original (issue 6, "Resume sweep").

The snapshot is composed exactly as the page composes it, from what state messages already gave
it: the `resume` record of the last state plus the loss curve accumulated from `history`.
"""
import json
import random

import pytest

from app.protocol import Conversation
from app.session import EXAMPLE_LINES_LIMIT, HISTORY_LIMIT
from helpers.restartable import restartable_server  # noqa: F401  (a fixture)
from helpers.resume import PageMemory, comparable, through_javascript
from helpers.ws import connect, loads, request

ACTIVATIONS = ("sigmoid", "tanh", "relu")
DATASETS = ("xor", "and", "or", "single", "passo_a_passo")
SIZES = {"xor": 4, "and": 4, "or": 4, "single": 1, "passo_a_passo": 1}
STEP = {"op": "step"}
FOLLOWING = 3  # steps compared after each restore


def first_message(dataset, activation):
    if dataset == "passo_a_passo":
        return {"op": "configure", "preset": "passo_a_passo", "activation": activation}
    return {"op": "configure", "dataset": dataset, "activation": activation}


def run_script(script):
    """Run `script` on one conversation; every reply must be a state. Return the parsed states
    and the page's snapshot after each of them."""
    conversation, page = Conversation(), PageMemory()
    states, snapshots = [], []
    for message in script:
        state = loads(conversation.reply(json.dumps(message)))
        assert state["type"] == "state", (message, state)
        states.append(page.take(state))
        snapshots.append(page.snapshot())
    return states, snapshots


class Client:
    """A new conversation, its states seen as the page sees them (held parts filled in)."""

    def __init__(self):
        self.conversation, self.page = Conversation(), PageMemory()

    def reply(self, message):
        return self.page.take(loads(self.conversation.reply(json.dumps(message))))


def same_state(restored, original, where):
    if comparable(restored) != comparable(original):
        differing = sorted(k for k in comparable(original) if restored.get(k) != original.get(k))
        pytest.fail(f"{where}: the restored session differs in {differing}")
    # Bit for bit: JSON text carries every float's exact value (the server never sends −0).
    assert json.dumps(comparable(restored), sort_keys=True) == json.dumps(comparable(original), sort_keys=True)


def nothing_learned_on_screen(state):
    """A state whose on-screen example is not a just-learned one: a restore shows it the same."""
    return state["update"] is None


def restored_at(script, positions=None):
    """Run the script, then restore the page's snapshot of each position (after a real JSON round
    trip) on a new conversation. Yield (position, original states, restored Client, reply)."""
    states, snapshots = run_script(script)
    positions = range(len(script) - FOLLOWING) if positions is None else positions
    travelled = through_javascript([snapshots[i] for i in positions])
    for i, snap in zip(positions, travelled):
        client = Client()
        restored = loads(client.conversation.reply(json.dumps({"op": "restore", "snapshot": snap})))
        assert restored["type"] == "state", (i, restored)
        assert restored["dataset"] is not None and restored["metrics"]["predictions"] is not None
        restored = client.page.take(restored)
        points = snapshots[i]["session"]["history"]
        # Per-example losses are not in a snapshot (protocol.md): a restored curve's points have none.
        examples = None if len(restored["dataset"]["Y"]) > EXAMPLE_LINES_LIMIT else [None] * len(points)
        assert restored["history"] == {"thin": False, "from": 0, "points": points, "examples": examples}
        assert restored["resume"] == states[i]["resume"], f"position {i}: resume record differs"
        yield i, states, client, restored


def check_resume_everywhere(script, positions=None):
    """After each restore, the next FOLLOWING messages of the script must give identical states."""
    count = 0
    for i, states, client, _ in restored_at(script, positions):
        for k in range(1, FOLLOWING + 1):
            message = script[i + k]
            following = client.reply(message)
            same_state(following, states[i + k], f"position {i} ({script[i]}), then {k} × {message}")
        count += 1
    return count


def without_history(state):
    """A state without its loss curve and its boundary (sent only when it changed: a restored
    connection sends it again; test_protocol checks it against the session's own)."""
    return {k: v for k, v in comparable(state).items() if k not in ("history", "boundary")}


@pytest.mark.parametrize("dataset", DATASETS)
@pytest.mark.parametrize("activation", ACTIVATIONS)
def test_resume_at_every_step_of_the_first_two_epochs(activation, dataset):
    two_epochs = 2 * SIZES[dataset] * 3  # forward, backward, update per example
    script = [first_message(dataset, activation)] + [STEP] * (two_epochs + FOLLOWING)
    assert check_resume_everywhere(script) == two_epochs + 1


SCENARIOS = {
    "after-set": [
        {"op": "configure", "dataset": "or", "lr": 0.7},
        STEP, STEP,
        {"op": "set", "what": "weight", "layer": 0, "row": 1, "col": 0, "value": -2.5},
        STEP,
        {"op": "set", "what": "input", "index": 1, "value": 0.25},
        {"op": "set", "what": "target", "value": 0.3},
        STEP, STEP,
        {"op": "set", "what": "bias", "layer": 1, "row": 0, "value": 0.0},
        STEP, STEP, STEP, STEP, STEP, STEP, STEP,
    ],
    "after-train": [
        {"op": "configure", "activation": "tanh", "lr": 0.3},
        {"op": "train", "epochs": 3},
        STEP, STEP,
        {"op": "train", "epochs": 2},
        STEP, STEP, STEP, STEP,
        {"op": "train", "epochs": 1},
        STEP, STEP, STEP, STEP,
    ],
    "detailed": [
        {"op": "configure", "hidden": [3, 2], "detailed": True, "check_gradients": True, "activation": "relu"},
        *[STEP] * 16,
        {"op": "configure", "detailed": False},
        *[STEP] * 5,
    ],
    "momentum": [
        {"op": "configure", "optimizer": "momentum", "momentum": 0.8, "check_gradients": True, "lr": 0.5},
        {"op": "train", "epochs": 2},
        *[STEP] * 10,
        {"op": "train", "epochs": 1},
        *[STEP] * 4,
    ],
    "adam": [
        {"op": "configure", "optimizer": "adam", "loss": "bce", "activation": "relu", "hidden": [4],
         "check_gradients": True, "lr": 0.05},
        {"op": "train", "epochs": 2},
        *[STEP] * 10,
        {"op": "configure", "detailed": True},
        *[STEP] * 8,
    ],
    "adam-detailed-walkthrough": [
        {"op": "configure", "preset": "passo_a_passo", "optimizer": "adam", "detailed": True,
         "check_gradients": True},
        *[STEP] * 16,
    ],
    "settings-change-mid-example": [
        {"op": "configure", "dataset": "and"},
        STEP, STEP,
        {"op": "configure", "activation": "tanh"},
        STEP,
        {"op": "configure", "detailed": True},
        STEP, STEP,
        {"op": "configure", "check_gradients": True},
        STEP,
        {"op": "configure", "optimizer": "momentum"},
        STEP, STEP, STEP, STEP, STEP,
    ],
}


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_resume_after_set_train_detailed_and_each_optimiser(scenario):
    check_resume_everywhere(SCENARIOS[scenario])


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_a_restore_mid_example_shows_what_the_original_showed(scenario):
    """Mid-example or idle (no just-learned example on screen), the replay rebuilds the screen."""
    script = SCENARIOS[scenario]
    for i, states, _, restored in restored_at(script):
        if nothing_learned_on_screen(states[i]):
            assert without_history(restored) == without_history(states[i]), \
                f"position {i} (after {script[i]}): the restore reply differs"


def test_resume_on_a_new_connection_of_a_real_server(live_server, ws_connect):
    script = SCENARIOS["adam"][:14] + [STEP] * FOLLOWING
    original, copy_ = ws_connect(live_server), ws_connect(live_server)
    page, copy_page, states, snapshots = PageMemory(), PageMemory(), [], []
    for message in script:
        state = request(original, message)
        assert state["type"] == "state", state
        states.append(page.take(state))
        snapshots.append(page.snapshot())
    positions = range(len(script) - FOLLOWING)
    for i, snap in zip(positions, through_javascript([snapshots[i] for i in positions])):
        restored = copy_page.take(request(copy_, {"op": "restore", "snapshot": snap}))
        assert restored["type"] == "state" and restored["resume"] == states[i]["resume"], restored
        for k in range(1, FOLLOWING + 1):
            same_state(copy_page.take(request(copy_, script[i + k])), states[i + k], f"position {i}, then {k} steps")


def step_sizes(conversation, count):
    return [len(conversation.reply('{"op": "step"}').encode()) for _ in range(count)]


@pytest.mark.parametrize("dataset, epochs", [("single", 100_000), ("xor", 20_000)])
def test_a_step_reply_after_many_epochs_is_about_as_large_as_the_first(dataset, epochs):
    """What grows with training is per epoch (the loss curve), so 100,000 epochs of the one-example
    data set (~10 s) measure it; XOR, four times slower an epoch, goes to 20,000."""
    conversation = Conversation()
    conversation.reply(json.dumps({"op": "configure", "dataset": dataset}))
    first = step_sizes(conversation, 3)  # forward, backward, update: each compared with its like
    for _ in range(3):
        conversation.reply('{"op": "undo"}')
    for _ in range(epochs // 1000):
        answer = loads(conversation.reply('{"op": "train", "epochs": 1000}'))
        assert answer["type"] == "state"
    assert answer["epoch"] == epochs, answer["epoch"]
    later = step_sizes(conversation, 3)
    assert all(b <= 1.5 * a for a, b in zip(first, later)), (first, later)


def test_the_step_that_thins_the_loss_curve_stays_small():
    """Past HISTORY_LIMIT points the curve is thinned; the step completing that epoch is a step too."""
    conversation = Conversation()
    first = step_sizes(conversation, 3)
    for _ in range(3):
        conversation.reply('{"op": "undo"}')
    for epochs in [1000] * 9 + [HISTORY_LIMIT - 1 - 9000]:
        conversation.reply(json.dumps({"op": "train", "epochs": epochs}))
    assert len(conversation.session.history) == HISTORY_LIMIT  # the next epoch's point thins it
    later = step_sizes(conversation, 3 * 4)  # one epoch of XOR, one step at a time
    assert len(conversation.session.history) < HISTORY_LIMIT
    assert all(b <= 1.5 * first[k % 3] for k, b in enumerate(later)), (first, later)


# ----- the lab's settings at their limits, resumed on a restarted server ----------------------------

LAB_DATASETS = ("xor", "and", "or", "single", "passo_a_passo", "clusters", "circle", "spiral")
LAB_OPTIONS = {  # each drawn with probability ½ beside the data set, activation, seed, η and layers
    "optimizer": ("momentum", "adam"), "loss": ("bce",), "batch": ("mini", "full"), "batch_size": (1, 3, 400),
    "split": (10, 50), "noise": (0, 50), "points": (20, 40), "init": ("xavier", "he"), "clip": (0.01, 100),
    "l1": (0.0001, 1), "l2": (0.0001, 1), "schedule": ("step", "exponential", "cosine"),
    "schedule_period": (1, 7), "momentum": (0, 0.99), "detailed": (True,), "check_gradients": (True,),
}
LAB_SESSIONS, LAB_MESSAGES, LAB_POSITIONS = 10, 30, 60


def lab_configure(rng):
    message = {"op": "configure", "dataset": rng.choice(LAB_DATASETS), "activation": rng.choice(ACTIVATIONS),
               "seed": rng.choice([0, 7, 2**31 - 1]), "lr": rng.choice([0.001, 0.5, 10]),
               "hidden": rng.choice([[], [1], [2], [8, 8], [2] * 6])}
    return {**message, **{name: rng.choice(values) for name, values in LAB_OPTIONS.items() if rng.random() < 0.5}}


def lab_message(rng, sizes):
    """A move a student can make: mostly steps; phases out of order, undo, training, edits of
    weights, biases and data at their limits (saturated and dead units, divergence), settings."""
    layer = rng.randrange(len(sizes) - 1)
    return rng.choice([
        STEP, STEP, STEP, STEP, STEP, {"op": rng.choice(["forward", "backward", "update"])}, {"op": "undo"},
        {"op": "train", "epochs": rng.choice([1, 3, 20])}, {"op": "reset"},
        {"op": "set", "what": "input", "index": rng.randrange(2), "value": rng.choice([-100, -0.0, 0.3, 100])},
        {"op": "set", "what": "target", "value": rng.choice([0, 0.5, 1])},
        {"op": "set", "what": "weight", "layer": layer, "row": rng.randrange(sizes[layer + 1]),
         "col": rng.randrange(sizes[layer]), "value": rng.choice([-100, -3, 0, 50, 100])},
        {"op": "set", "what": "bias", "layer": layer, "row": rng.randrange(sizes[layer + 1]),
         "value": rng.choice([-100, 0, 100])},
        {"op": "configure", rng.choice(["detailed", "check_gradients"]): rng.random() < 0.5},
        {"op": "configure", "activation": rng.choice(ACTIVATIONS)}, {"op": "configure", "lr": rng.choice([0.001, 10])},
        {"op": "configure", "optimizer": rng.choice(["sgd", "momentum", "adam"])},
        {"op": "configure", "batch": rng.choice(["online", "mini", "full"])},
    ])


def edit(what, value, layer=0, row=0, col=0):
    """A `set` of one weight, bias, input (x₁ of the current example) or target."""
    address = {"weight": {"layer": layer, "row": row, "col": col}, "bias": {"layer": layer, "row": row}}
    return {"op": "set", "what": what, **address.get(what, {}), "value": value}


# Resumed at every position: a weight decay of η·λ₂ = 10 flips and multiplies the weights by 9 an
# update, until the step that would pass 10⁶ is refused; saturated sigmoid units; dead ReLU units.
LAB_EDGES = [
    [{"op": "configure", "dataset": "xor", "lr": 10, "l2": 1, "check_gradients": True},
     edit("weight", 100, layer=1), *[STEP] * 18],
    [{"op": "configure", "dataset": "or", "hidden": [2, 2], "optimizer": "adam", "lr": 10},
     edit("weight", 100), edit("weight", -100, row=1, col=1), edit("bias", 100, layer=1), *[STEP] * 7],
    [{"op": "configure", "dataset": "circle", "activation": "relu", "batch": "mini", "batch_size": 3, "split": 10},
     edit("bias", -100), edit("bias", -100, row=1), *[STEP] * 4, {"op": "train", "epochs": 2}, *[STEP] * 4],
]


def lab_script(rng):
    """A configure, then LAB_MESSAGES moves that address the network it builds."""
    configure = lab_configure(rng)
    sizes = [2, *configure["hidden"], 1]
    return [configure] + [lab_message(rng, sizes) for _ in range(LAB_MESSAGES)]


def recorded(base_url, script):
    """Every answer to `script` on one connection, as the page sees it (an error as it came), and
    the page's snapshot after each answer (after an error, the one before: nothing changed)."""
    ws, page, answers, snapshots = connect(base_url), PageMemory(), [], []
    try:
        for message in script:
            answer = request(ws, message)
            answers.append(page.take(answer) if answer["type"] == "state" else answer)
            snapshots.append(page.snapshot() if answer["type"] == "state" else snapshots[-1])
    finally:
        ws.close()
    return answers, snapshots


def resumable(script, answers, i):
    """Whether position i can be compared with FOLLOWING messages after a restore: none of them is an
    undo (a restore has no undo history), and when an update was just on screen (a restore shows the
    next example waiting instead, protocol.md) the next message is a step that replaces the screen."""
    following = script[i + 1:i + 1 + FOLLOWING]
    return (answers[i]["type"] == "state" and len(following) == FOLLOWING
            and all(m["op"] != "undo" for m in following)
            and (answers[i]["update"] is None or following[0] in (STEP, {"op": "reset"})))


def test_resume_anywhere_in_lab_sessions_on_a_restarted_server(restartable_server):
    """Sessions drawn from every data set, batch mode, split, optimiser, schedule, penalty and η at
    its limits, with edits that saturate or kill units and steps that diverge; the page's snapshot at
    sampled positions, through JavaScript's JSON, restored on a new process: the next FOLLOWING
    answers are the original's, states and errors alike."""
    rng = random.Random(20261203)
    scripts = LAB_EDGES + [lab_script(rng) for _ in range(LAB_SESSIONS)]
    runs = [recorded(restartable_server.base_url, script) for script in scripts]
    answers = [answer for run, _ in runs for answer in run]
    assert {None, "out_of_order", "diverged"} <= {answer.get("code") for answer in answers}
    for kind in ("dead", "saturated"):  # the edges are reached: some unit is dead, some saturated
        assert any(any(map(any, a["units"][kind])) for a in answers if a["type"] == "state"), kind
    positions = [(k, i) for k, (run, _) in enumerate(runs) for i in range(len(run)) if resumable(scripts[k], run, i)]
    edges = [(k, i) for k, i in positions if k < len(LAB_EDGES)]
    positions = edges + rng.sample(positions[len(edges):], LAB_POSITIONS)
    restartable_server.stop()
    restartable_server.start()  # nothing of the sessions is left in any process
    travelled = through_javascript([runs[k][1][i] for k, i in positions])
    for (k, i), snap in zip(positions, travelled):
        ws, page = connect(restartable_server.base_url), PageMemory()
        try:
            restored = request(ws, {"op": "restore", "snapshot": snap})
            assert restored["type"] == "state" and restored["resume"] == runs[k][0][i]["resume"], (k, i, restored)
            page.take(restored)
            for message, original in zip(scripts[k][i + 1:i + 1 + FOLLOWING], runs[k][0][i + 1:]):
                answer = request(ws, message)
                if answer["type"] == "state":
                    same_state(page.take(answer), original, f"session {k} ({scripts[k][0]}), position {i}, {message}")
                else:
                    assert answer == original, (k, i, message)
        finally:
            ws.close()
