"""Own the page's opening state: the `configure` a page will send for its URL's settings, and the
state the server answers it with, embedded in the HTML so the page draws without waiting for
its WebSocket (which then sends that same configure and takes over).

The URL is read as static/js/settings.js reads it, but only when every server setting in it is
already in its canonical form (in range, snapped, as the Share link writes it): anything else
embeds nothing and the page works as before, from the socket, with its usual URL notice. The
page uses the embedded state only if its own configure message is the one named beside it, so
a disagreement between the two readings can only cost speed, never a wrong number.
"""
import json
import re
import threading
from collections import OrderedDict

from .catalog import BOOLEAN_WORDS, PRESETS, SETTINGS_TABLE, entry, script_safe
from .conversation import Conversation

# ASCII digits only, as JavaScript's \d (a reading the page would not share only embeds nothing).
DECIMAL = re.compile(r"^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$", re.ASCII)
DIGITS = re.compile(r"^\d+$", re.ASCII)
SIZES_SEPARATOR = re.compile(r"\s*[,;\s-]\s*")


KEPT = 32  # openings kept, the most recently used


class Openings:
    """The openings made so far, the `KEPT` most recently used (a seeded session answers the
    same text every time, so one made is one kept)."""

    def __init__(self, kept=KEPT):
        self.kept, self.texts, self.lock = kept, OrderedDict(), threading.Lock()

    def get(self, message_text, may_make):
        """The opening for a configure message's text: kept, or made if `may_make()` says so
        (a page request must not buy a new session for every URL a script invents), else None."""
        with self.lock:
            if message_text in self.texts:
                self.texts.move_to_end(message_text)
                return self.texts[message_text]
        if not may_make():
            return None
        text = answer(message_text)
        with self.lock:
            self.texts[message_text] = text
            while len(self.texts) > self.kept:
                self.texts.popitem(last=False)
        return text


OPENINGS = Openings()


def opening_json(args, may_make=lambda: True):
    """The JSON text (safe inside <script>) of {"configure": message, "state": its answer without
    `resume`}, for the query args (a mapping of the URL's parameters); None when the URL's
    settings are not all canonical, the server would refuse them, or the opening is not kept and
    `may_make()` refuses to make it (then the page draws from its socket, as it always could)."""
    message = configure_for_query(args)
    return None if message is None else OPENINGS.get(json.dumps(message, separators=(",", ":")), may_make)


def answer(message_text):
    """The opening for one configure message (a seeded session: the same text every time)."""
    reply = json.loads(Conversation(json.loads(message_text)["lang"]).reply(message_text))
    if reply.get("type") != "state":
        return None
    del reply["resume"]  # without it the page's first open sends `configure`, as it always has
    text = json.dumps({"configure": json.loads(message_text), "state": reply},
                      allow_nan=False, ensure_ascii=True, separators=(",", ":"))
    return script_safe(text)


def page_language(args):
    """The language the page starts in for these query args (settings.js: a bad tag keeps the default)."""
    lang = entry("lang")
    text = args.get(lang["param"])
    return (text is not None and canonical(lang, text)) or lang["default"]


def configure_for_query(args):
    """The `configure` message static/js/settings.js builds for these query args, or None when a
    server setting in them is not canonical (the page would clamp it, snap it or refuse it).
    On a preset's data set the message names the preset, then every setting; an unnamed one the
    preset fixes is the preset's (settings.js baseSettings)."""
    dataset = entry("dataset")
    text = args.get(dataset["param"])
    chosen = (text is not None and canonical(dataset, text)) or dataset["default"]
    preset = next((name for name, fields in PRESETS.items() if fields["dataset"] == chosen), None)
    defaults = {name: list(value) if isinstance(value, tuple) else value
                for name, value in (PRESETS[preset] if preset else {}).items()}
    settings = {}
    for setting in SETTINGS_TABLE:
        if not setting["config"]:
            continue
        text = args.get(setting["param"])
        value = defaults.get(setting["config"], setting["default"]) if text is None else canonical(setting, text)
        if value is None:
            return None
        settings[setting["config"]] = value
    return {"op": "configure", **({"preset": preset} if preset else {}), **settings}


def canonical(entry, text):
    """The entry's value for a URL text that the page takes as it is, else None."""
    kind = entry["kind"]
    if kind == "choice":
        lower = text.strip().lower()
        exact = next((c for c in entry["choices"] if c.lower() == lower), None)
        return exact if exact is not None else entry.get("subtags", {}).get(lower.split("-")[0])
    if kind == "boolean":
        lower = text.strip().lower()
        return True if lower in BOOLEAN_WORDS["true"] else False if lower in BOOLEAN_WORDS["false"] else None
    if kind == "integer":
        value = decimal_value(text)
        whole = value is not None and value.is_integer() and entry["min"] <= value <= entry["max"]
        return int(value) if whole else None
    if kind == "number":
        return canonical_number(entry, text)
    if kind == "sizes":
        return canonical_sizes(entry, text)
    return None


def decimal_value(text):
    """A URL number's value as settings.js reads it (decimal notation, a point or comma), or None."""
    cleaned = text.strip().replace(",", ".", 1)
    return float(cleaned) if DECIMAL.fullmatch(cleaned) else None


def canonical_number(entry, text):
    value = decimal_value(text)
    if value is None or not entry["min"] <= value <= entry["max"]:
        return None
    if "significant" in entry:
        snapped = float(f"{value:.{entry['significant']}g}")
    elif "decimals" in entry:
        snapped = float(f"{value:.{entry['decimals']}f}")
    else:
        snapped = value
    return value + 0.0 if snapped == value else None  # + 0.0: "-0" is 0, as the page reads it


def canonical_sizes(entry, text):
    trimmed = text.strip()
    if trimmed in ("", "0"):
        return [] if entry["min_layers"] == 0 else None
    parts = SIZES_SEPARATOR.split(trimmed)
    if not entry["min_layers"] <= len(parts) <= entry["max_layers"] or not all(DIGITS.fullmatch(p) for p in parts):
        return None
    sizes = [int(p) for p in parts]
    return sizes if all(entry["min"] <= size <= entry["max"] for size in sizes) else None
