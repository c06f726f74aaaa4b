"""Own the one table of every setting: name, kind, choices, bounds, default and label.

The server validates `configure` with it; the page receives it as JSON embedded in its HTML
(`catalog_json`) and builds its controls, URL parsing and clamping from it, so the two can
never disagree. An entry with `config` is the session's; one without is the page's own choice.
An entry with `presentation` is how the page is shown rather than what the network does (a
teacher's embed sets it): an experiment's link keeps it (static/js/experiments.js).
"""
import json

# Hidden layers (0 is the course's single neuron); both sides read them from here.
MIN_HIDDEN_LAYERS, MAX_HIDDEN_LAYERS, MAX_UNITS = 0, 6, 8

# Controls a teacher can keep in an embed (`?controls=next,auto`): each names a part of the page.
# `architecture` is the hidden-layer − and + beside the network; `edit` is typing a new value into
# a weight, bias, input or target on the picture (without it they can still be selected and read).
CONTROL_NAMES = ("next", "auto", "speed", "undo", "reset", "share", "lang", "dataset", "activation", "batch",
                 "lr", "architecture", "edit", "toggles", "advanced", "session")

SETTINGS_TABLE = (
    {"key": "lang", "param": "lang", "config": "lang", "kind": "choice", "choices": ["pt-BR", "en"],
     "default": "pt-BR", "label": "lang_label", "presentation": True,
     # A language tag matches exactly (any case) or by its first subtag: en-AU → en, pt-PT → pt-BR.
     "subtags": {"pt": "pt-BR", "en": "en"}},
    {"key": "theme", "param": "theme", "config": None, "kind": "choice",
     "choices": ["auto", "light", "dark"], "default": "auto", "label": "theme_label", "presentation": True},
    {"key": "dataset", "param": "dataset", "config": "dataset", "kind": "choice",
     "choices": ["xor", "and", "or", "single", "passo_a_passo", "clusters", "circle", "spiral"],
     "default": "xor", "label": "data_label", "generated": ["clusters", "circle", "spiral"]},
    # A generated data set (clusters, circle, spiral) is drawn from the seed with these two.
    {"key": "noise", "param": "noise", "config": "noise", "kind": "integer", "min": 0, "max": 50,
     "default": 10, "unit": "%", "label": "noise_label"},
    {"key": "points", "param": "points", "config": "points", "kind": "integer", "min": 20, "max": 400,
     "default": 100, "label": "points_label"},
    # Per cent of the examples kept for validation (the last ones of the set): never trained on.
    {"key": "split", "param": "split", "config": "split", "kind": "integer", "min": 0, "max": 50,
     "default": 0, "unit": "%", "label": "split_label"},
    {"key": "lr", "param": "lr", "config": "lr", "kind": "number", "min": 0.001, "max": 10.0,
     "significant": 2, "default": 0.1, "label": "lr_label"},
    {"key": "activation", "param": "activation", "config": "activation", "kind": "choice",
     "choices": ["sigmoid", "tanh", "relu"], "default": "sigmoid", "label": "act_label"},
    {"key": "loss", "param": "loss", "config": "loss", "kind": "choice", "choices": ["mse", "bce"],
     "default": "mse", "label": "loss_fn_label"},
    {"key": "optimizer", "param": "optimizer", "config": "optimizer", "kind": "choice",
     "choices": ["sgd", "momentum", "adam"], "default": "sgd", "label": "optimizer_label"},
    {"key": "momentum", "param": "momentum", "config": "momentum", "kind": "number", "min": 0.0,
     "max": 0.99, "decimals": 2, "default": 0.9, "label": "momentum_label"},
    # Examples per step: one (the course's loop), a mini-batch of `batch_size`, or every one.
    {"key": "batch", "param": "batch", "config": "batch", "kind": "choice", "choices": ["online", "mini", "full"],
     "default": "online", "label": "batch_label"},
    {"key": "batchSize", "param": "batch_size", "config": "batch_size", "kind": "integer", "min": 1, "max": 400,
     "default": 8, "label": "batch_size_label"},
    {"key": "hidden", "param": "hidden", "config": "hidden", "kind": "sizes", "min_layers": MIN_HIDDEN_LAYERS,
     "max_layers": MAX_HIDDEN_LAYERS, "min": 1, "max": MAX_UNITS, "default": [2], "label": "hidden_label"},
    {"key": "seed", "param": "seed", "config": "seed", "kind": "integer", "min": 0, "max": 2**31 - 1,
     "default": 3, "label": "seed_label"},
    {"key": "detailed", "param": "detailed", "config": "detailed", "kind": "boolean", "default": False,
     "label": "detailed"},
    {"key": "checkGradients", "param": "check", "config": "check_gradients", "kind": "boolean",
     "default": False, "label": "check"},
    {"key": "init", "param": "init", "config": "init", "kind": "choice", "choices": ["uniform", "xavier", "he"],
     "default": "uniform", "label": "init_label"},
    {"key": "clip", "param": "clip", "config": "clip", "kind": "number", "min": 0.0, "max": 100.0, "decimals": 2,
     "default": 0.0, "label": "clip_label"},
    {"key": "schedule", "param": "schedule", "config": "schedule", "kind": "choice",
     "choices": ["constant", "step", "exponential", "cosine"], "default": "constant", "label": "schedule_label"},
    {"key": "schedulePeriod", "param": "period", "config": "schedule_period", "kind": "integer", "min": 1,
     "max": 100000, "default": 100, "label": "schedule_period_label"},
    {"key": "l2", "param": "l2", "config": "l2", "kind": "number", "min": 0.0, "max": 1.0, "decimals": 4,
     "default": 0.0, "label": "l2_label"},
    {"key": "l1", "param": "l1", "config": "l1", "kind": "number", "min": 0.0, "max": 1.0, "decimals": 4,
     "default": 0.0, "label": "l1_label"},
    {"key": "showGradients", "param": "grads", "config": None, "kind": "boolean", "default": True,
     "label": "show_grads"},
    {"key": "precision", "param": "prec", "config": None, "kind": "integer", "min": 2, "max": 10,
     "default": 4, "label": "prec", "presentation": True},
    # Auto-training: 0–2 one phase with a pause (0.7 s, 0.35 s, 0.15 s), 3 one phase a frame,
    # 4–9 1, 3, 10, 30, 100, 300 epochs a frame, 10 as many as fit in a frame (static/js/pace.js).
    {"key": "speed", "param": "speed", "config": None, "kind": "integer", "min": 0, "max": 10, "default": 6,
     "label": "speed_label"},
    # It stops by itself when the training MSE reaches targetLoss, or at maxEpochs.
    {"key": "targetLoss", "param": "target", "config": None, "kind": "number", "min": 0.0001, "max": 0.5,
     "significant": 2, "default": 0.01, "label": "target_loss_label"},
    {"key": "maxEpochs", "param": "max_epochs", "config": None, "kind": "integer", "min": 1, "max": 1000000,
     "default": 20000, "label": "max_epochs_label"},
    # Early stopping: with validation examples, it also stops when the validation loss has not
    # improved for this many epochs (0: never). Sent with each `train` as its `patience`.
    {"key": "patience", "param": "patience", "config": None, "kind": "integer", "min": 0, "max": 100000,
     "default": 0, "label": "patience_label"},
    {"key": "logScale", "param": "log", "config": None, "kind": "boolean", "default": False,
     "label": "loss_log", "presentation": True},
    {"key": "quiz", "param": "quiz", "config": None, "kind": "boolean", "default": False,
     "label": "quiz_label"},
    # The page's own, for embedding: which controls show (any subset, in any order), and whether
    # auto-training starts as soon as the page is connected.
    {"key": "controls", "param": "controls", "config": None, "kind": "subset",
     "choices": list(CONTROL_NAMES), "default": list(CONTROL_NAMES), "label": "controls_label",
     "presentation": True},
    {"key": "autotrain", "param": "autotrain", "config": None, "kind": "boolean", "default": False,
     "label": "autotrain_label"},
)

# The guided experiments ("Experimentos" in templates/index.html, by the id in their link's
# fragment): the settings each one sets up (`query`: its link's query, and what the page applies
# when an address's fragment names it with other settings) and the controls their instructions
# ask the student to use. A teacher's embed that hides one of those (`controls=`) left it out on
# purpose: it does not offer the experiment.
EXPERIMENTS = (
    # "Clique em “Treinar automático”…"
    {"id": "high", "query": "dataset=xor&lr=5&seed=3", "needs": ["auto"]},
    # "Use “Treinar automático” por algumas centenas de épocas…"
    {"id": "low", "query": "dataset=xor&lr=0.01&seed=3", "needs": ["auto"]},
    # "Dê um forward…; depois troque a “Função de ativação”"
    {"id": "act", "query": "dataset=xor&activation=tanh&lr=0.5&seed=3", "needs": ["next", "activation"]},
    # "Dê dois passos (forward e backward)…"
    {"id": "deep", "query": "dataset=xor&hidden=3,3,3&activation=sigmoid&init=uniform&seed=3", "needs": ["next"]},
    # "Dê forward e backward…; …volta a aprender depois de treinar?"
    {"id": "dead", "query": "dataset=xor&activation=relu&seed=3", "needs": ["next", "auto"]},
    # "…digite e confira antes de cada passo."
    {"id": "hand", "query": "dataset=passo_a_passo&quiz=1", "needs": ["next"]},
)

# What `configure`'s `preset` sets (server field names), before the message's own fields. The page
# reads it too: on a preset's data set, these values are the defaults its URL is read against.
PRESETS = {
    "passo_a_passo": {
        "dataset": "passo_a_passo", "hidden": (2,), "activation": "sigmoid",
        "loss": "mse", "optimizer": "sgd", "lr": 0.5,
    }
}

# Words a URL may use for a boolean (the page reads URLs; the server only takes true/false).
BOOLEAN_WORDS = {"true": ["1", "true", "on", "yes", "sim"], "false": ["0", "false", "off", "no", "nao", "não"]}

SERVER_SETTINGS = tuple(entry for entry in SETTINGS_TABLE if entry["config"] and entry["config"] != "lang")
LANGUAGES = tuple(next(e for e in SETTINGS_TABLE if e["key"] == "lang")["choices"])


def entry(name, by="config"):
    """The table's entry for a server field (`lr`, `check_gradients`, …), or by another column."""
    return next(e for e in SETTINGS_TABLE if e[by] == name)


def resolve_language(tag, fallback="pt-BR"):
    """A language tag as the page and the server both read it: exact, else by its first subtag."""
    lang = entry("lang")
    if not isinstance(tag, str):
        return fallback
    for choice in lang["choices"]:
        if choice.lower() == tag.lower():
            return choice
    return lang["subtags"].get(tag.split("-")[0].lower(), fallback)


# What a `set` may write, by `what`: a weight, bias or input within ±PARAM_LIMIT, a target
# within [0, 1]. commands.parse_set checks every `set` against it, and the page checks a
# student's edit against the same table before sending it, so that its sentence is the editor's.
PARAM_LIMIT = 100.0
EDIT_RANGES = {"weight": [-PARAM_LIMIT, PARAM_LIMIT], "bias": [-PARAM_LIMIT, PARAM_LIMIT],
               "input": [-PARAM_LIMIT, PARAM_LIMIT], "target": [0.0, 1.0]}


def catalog_json():
    """What the page embeds: the table, the presets, the boolean words, the experiments' needs and
    the ranges of an edit, as JSON safe inside <script>."""
    return script_safe(json.dumps({"settings": SETTINGS_TABLE, "presets": PRESETS, "booleanWords": BOOLEAN_WORDS,
                                   "experiments": EXPERIMENTS, "edits": EDIT_RANGES}, ensure_ascii=True))


def script_safe(text):
    """JSON text that cannot end or comment out the <script> element it sits in: <, > and & only
    occur inside its strings, where their \\u escapes read the same."""
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
