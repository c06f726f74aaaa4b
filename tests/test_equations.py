"""Every equation the page writes is true, for real states.

Real Conversations run over a seeded grid of settings (batches, activations, losses, optimisers,
penalties, clipping, schedules, detailed steps, network shapes, data sets, saturating edits),
through every phase for a few epochs; tests/js/equations-cli.mjs builds, for each state and at
precisions 2, 4 and 10, the math panel of the phase and of every selection, the quiz's
explanation of every item and every circuit check, and evaluates each row's numbers as written
(tests/js/equations.mjs): no "=" may join two numeric sides that disagree beyond the rounding
their digits allow.
"""
import json
import random
import subprocess
import time
from pathlib import Path

from app.protocol import Conversation

ROOT = Path(__file__).resolve().parent.parent
CLI = ROOT / "tests" / "js" / "equations-cli.mjs"

# The state's fields the page's equations read; the rest (boundary, curve, snapshot) is dropped
# so the states travel to node quickly.
KEPT = ("config", "sizes", "phase", "layer", "next", "params", "shown", "forward", "backward",
        "update", "gradcheck", "batch", "units", "example", "sample", "epoch")


def talk(conversation, message):
    answer = json.loads(conversation.reply(json.dumps(message)))
    assert answer["type"] == "state", answer
    return {key: answer.get(key) for key in KEPT}


def steps(settings, count, edits=(), train=0, script=()):
    """A Conversation configured with `settings` (then `edits`, then `train` epochs), and each
    state of `count` steps after, then of `script` (messages; a number n: n steps)."""
    c = Conversation()
    states = [talk(c, {"op": "configure", **settings})]
    for edit in edits:
        states.append(talk(c, {"op": "set", **edit}))
    if train:
        states.append(talk(c, {"op": "train", "epochs": train}))
    for message in [count, *script]:
        for one in [{"op": "step"}] * message if isinstance(message, int) else [message]:
            if one["op"] == "restore":
                one = {"op": "restore", "snapshot": json.loads(c.reply('{"op": "snapshot"}'))["snapshot"]}
            states.append(talk(c, one))
    return states


XOR_EPOCHS = 2 * 3 * 4  # two epochs of XOR online: 4 examples, three phases each


def grid():
    """(tag, settings, steps, edits, train, script) of every run."""
    runs = [("walkthrough", {"preset": "passo_a_passo"}, 9, (), 0)]
    for act in ("sigmoid", "tanh", "relu"):
        for loss in ("mse", "bce"):
            runs.append((f"xor {act} {loss}", {"activation": act, "loss": loss, "seed": 5}, XOR_EPOCHS, (), 0))
    for batch, size in (("mini", 3), ("mini", 2), ("mini", 1), ("full", 8)):
        for act, loss in (("sigmoid", "mse"), ("relu", "bce")):
            runs.append((f"{batch} {size} {act} {loss}", {"batch": batch, "batch_size": size, "activation": act,
                                                           "loss": loss}, 12, (), 0))
    for opt in ("momentum", "adam"):
        runs.append((f"{opt}", {"optimizer": opt, "momentum": 0.8}, 12, (), 0))
        runs.append((f"{opt} mini", {"optimizer": opt, "batch": "mini", "batch_size": 3}, 9, (), 0))
    runs += [
        ("l2", {"l2": 0.1}, 9, (), 0), ("l1", {"l1": 0.05}, 9, (), 0), ("l1 l2 clip", {"l1": 0.01, "l2": 0.2, "clip": 0.05}, 9, (), 0),
        ("clip", {"clip": 0.01, "lr": 2}, 9, (), 0), ("clip mini", {"clip": 0.02, "batch": "mini", "batch_size": 3}, 6, (), 0),
        ("step schedule", {"schedule": "step", "schedule_period": 1}, 15, (), 0),
        ("exponential schedule", {"schedule": "exponential", "schedule_period": 1, "lr": 0.7}, 15, (), 0),
        ("cosine schedule", {"schedule": "cosine", "schedule_period": 3}, 15, (), 0),
        ("detailed 2-2-1", {"detailed": True}, 20, (), 0),
        ("detailed deep", {"detailed": True, "hidden": [3, 2], "activation": "tanh"}, 24, (), 0),
        ("detailed deep mini", {"detailed": True, "hidden": [3, 2], "batch": "mini", "batch_size": 3}, 16, (), 0),
        ("single neuron", {"hidden": []}, 12, (), 0),
        ("single neuron bce mini", {"hidden": [], "loss": "bce", "batch": "mini", "batch_size": 3}, 9, (), 0),
        ("deep relu", {"hidden": [4, 3, 2], "activation": "relu", "init": "he", "seed": 11}, 12, (), 0),
        ("deep six", {"hidden": [2, 2, 2, 2, 2, 2], "init": "xavier"}, 6, (), 0),
        ("wide course", {"hidden": [5], "activation": "tanh", "lr": 1}, 9, (), 0),
        ("and", {"dataset": "and", "lr": 3}, 12, (), 0), ("or", {"dataset": "or", "loss": "bce"}, 12, (), 0),
        ("single", {"dataset": "single"}, 9, (), 0),
        ("clusters", {"dataset": "clusters", "points": 20, "split": 20, "batch": "mini", "batch_size": 5}, 9, (), 0),
        ("circle", {"dataset": "circle", "points": 20, "hidden": [3], "noise": 30}, 9, (), 0),
        ("spiral full", {"dataset": "spiral", "points": 20, "batch": "full", "hidden": [4, 4]}, 6, (), 0),
        ("trained", {"lr": 5, "seed": 7}, 12, (), 300),
        ("gradcheck", {"check_gradients": True, "hidden": [2, 2]}, 6, (), 0),
    ]
    # Saturation: a bias of 40 saturates a hidden unit; an output at σ(27.631) with y = 1 reads
    # ŷ = 1 beside y = 1; a logit of 10⁴ takes BCE's ∂L/∂ŷ past any double.
    runs += [
        ("bias 40", {"dataset": "single"}, 6, ({"what": "bias", "layer": 0, "row": 0, "value": 40},), 0),
        ("bias 40 tanh", {"dataset": "single", "activation": "tanh"}, 6,
         ({"what": "bias", "layer": 0, "row": 1, "value": -40},), 0),
        ("bias 40 relu mini", {"dataset": "xor", "activation": "relu", "batch": "mini", "batch_size": 2}, 6,
         ({"what": "bias", "layer": 0, "row": 0, "value": -40},), 0),
    ]
    saturate = ({"what": "weight", "layer": 0, "row": 0, "col": 0, "value": 27.631},
                {"what": "weight", "layer": 0, "row": 0, "col": 1, "value": 0},
                {"what": "bias", "layer": 0, "row": 0, "value": 0})
    for loss in ("mse", "bce"):
        runs.append((f"output σ(27.631) {loss}", {"dataset": "single", "hidden": [], "loss": loss}, 6, saturate, 0))
        runs.append((f"output σ(−27.631) y=1 {loss}", {"dataset": "single", "hidden": [], "loss": loss}, 6,
                     (*saturate[1:], {"what": "weight", "layer": 0, "row": 0, "col": 0, "value": -27.631}), 0))
    huge = ({"what": "input", "index": 0, "value": 100}, {"what": "weight", "layer": 0, "row": 0, "col": 0, "value": 100},
            {"what": "target", "value": 0})
    runs.append(("logit 10⁴ bce", {"dataset": "single", "hidden": [], "loss": "bce"}, 3, huge, 0))
    runs.append(("logit 10⁴ mse", {"dataset": "single", "hidden": [], "loss": "mse"}, 3, huge, 0))
    runs.append(("target 0.3", {"dataset": "xor"}, 3, ({"what": "target", "value": 0.3},), 0))
    # What the random sweep once found false: ∂L/∂ŷ below −10³⁰⁸ (y = 1, z = −10⁴), a z near 0
    # beside terms that cancel at two places, an η a schedule took to 10⁻⁸ (and one of 12 digits),
    # SGD at η = 10 taking weights to about 0.
    runs += [
        ("logit −10⁴ bce y=1", {"dataset": "single", "hidden": [], "loss": "bce"}, 3,
         ({"what": "input", "index": 0, "value": 100}, {"what": "weight", "layer": 0, "row": 0, "col": 0, "value": -100}), 0),
        ("z near 0", {"dataset": "single"}, 3, ({"what": "weight", "layer": 0, "row": 0, "col": 0, "value": 0.0126},
                                                 {"what": "bias", "layer": 0, "row": 0, "value": -0.01}), 0),
        ("η 10⁻⁸", {"schedule": "step", "schedule_period": 1, "lr": 0.5}, 3, (), 25),
        ("η of 12 digits", {"schedule": "exponential", "schedule_period": 3, "lr": 7, "dataset": "or"}, 6, (), 5),
        ("η 10", {"lr": 10, "dataset": "and", "activation": "relu", "seed": 1}, 24, (), 0),
    ]
    # Moves between steps: undo back onto an update, settings changed mid-example, edits in the
    # middle of a batch, detailed switched half-way, a restore.
    undo, configure = {"op": "undo"}, (lambda **kw: {"op": "configure", **kw})
    edit = (lambda what, value, **at: {"op": "set", "what": what, "value": value, **at})
    runs += [
        ("undo", {"optimizer": "momentum"}, 6, (), 0, (undo, undo, undo, 2, undo, 4)),
        ("lr changed after an update", {}, 3, (), 0, (configure(lr=0.9), configure(l2=0.3), 3)),
        ("activation changed mid-example", {}, 2, (), 0, (configure(activation="tanh"), 3, configure(loss="bce"), 3)),
        ("detailed switched", {"hidden": [2, 2]}, 2, (), 0, (configure(detailed=True), 3, configure(detailed=False), 2)),
        ("batch edits", {"batch": "mini", "batch_size": 3}, 3, (), 0,
         (edit("input", 0.7, index=1), 2, edit("target", 0.2), 3, edit("weight", -3, layer=1, row=0, col=1), 3)),
        ("batch switched", {}, 2, (), 0, (configure(batch="full"), 3, configure(batch="online"), 3)),
        ("restore", {"hidden": [3]}, 4, (), 0, ({"op": "restore"}, 3, {"op": "reset"}, 3)),
        ("train mid-way", {}, 1, (), 0, ({"op": "train", "epochs": 3}, 3)),
    ]
    return [run if len(run) == 6 else (*run, ()) for run in runs] + sweep()


def sweep(count=24):
    """Settings drawn at random (seeded), each with a random edit and a random mid-way change:
    the combinations no one thought of."""
    pick = random.Random(2026)
    choices = {"activation": ["sigmoid", "tanh", "relu"], "loss": ["mse", "bce"],
               "optimizer": ["sgd", "momentum", "adam"], "batch": ["online", "mini", "full"],
               "batch_size": [1, 2, 3, 5], "hidden": [[], [1], [2], [3], [2, 2], [4, 3], [3, 2, 2]],
               "dataset": ["xor", "and", "or", "single", "passo_a_passo", "clusters", "circle", "spiral"],
               "init": ["uniform", "xavier", "he"], "schedule": ["constant", "step", "exponential", "cosine"],
               "lr": [0.05, 0.5, 3, 10], "clip": [0, 0, 0.05, 1], "l1": [0, 0, 0.01, 0.3], "l2": [0, 0, 0.05, 1],
               "detailed": [False, False, True], "seed": [0, 1, 2, 99, 12345]}
    runs = []
    for n in range(count):
        settings = {key: pick.choice(values) for key, values in choices.items()}
        settings.update(points=20, schedule_period=pick.choice([1, 2, 50]), momentum=pick.choice([0, 0.5, 0.99]))
        sizes = [2, *settings["hidden"], 1]
        layer = pick.randrange(len(sizes) - 1)
        edit = {"what": "weight", "layer": layer, "row": pick.randrange(sizes[layer + 1]),
                "col": pick.randrange(sizes[layer]), "value": pick.choice([-40, -5, 0, 0.001, 7, 60])}
        change = {"op": "configure", **{key: pick.choice(choices[key]) for key in pick.sample(["lr", "activation", "l2", "clip", "detailed", "batch"], 2)}}
        runs.append((f"sweep {n} {settings}", settings, pick.randrange(3, 9), (edit,), pick.choice([0, 0, 20]), (change, 6)))
    return runs


def collect():
    cases = []
    for tag, settings, count, edits, train, script in grid():
        for state in steps({"seed": 3, **settings}, count, edits, train, script):
            cases.append({"tag": tag, "state": state})
    return cases


def test_every_written_equation_is_true():
    started = time.monotonic()
    cases = collect()
    made = time.monotonic()
    run = subprocess.run(["node", str(CLI)], input=json.dumps(cases), capture_output=True, text=True, cwd=ROOT,
                         timeout=300, check=False)
    assert run.returncode == 0, run.stderr
    result = json.loads(run.stdout)
    print(f"\n{len(cases)} states, {result['rows']} rows, {result['checked']} equations checked, "
          f"{result['false']} false (states {made - started:.1f} s, checks {time.monotonic() - made:.1f} s)")
    for failure in result["failures"][:40]:
        print(json.dumps(failure, ensure_ascii=False))
    print("rows checked, by the kinds of node they hold:", result["kinds"])
    assert result["false"] == 0, f"{result['false']} false equations; first: {result['failures'][:5]}"
    assert result["checked"] > 50000
    # Every kind of node the page writes in a numeric side was met (the grid reaches them all):
    # saturation's 1/(1 + e^−z), the cross-entropy's ln(1 + e^z), ReLU′'s cases, ∂L/∂ŷ past 10³⁰⁸.
    for kind in ("σ(·)", "tanh(·)", "ReLU(·)", "ln", "e^", "fraction", "square", "scientific", "exact number",
                 "“0 (z ≤ 0)”", "“1 (z > 0)”", "“> 10³⁰⁸”", "“< −10³⁰⁸”"):
        assert result["kinds"].get(kind, 0) > 0, kind
