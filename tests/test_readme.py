"""The README's tables of URL parameters and server settings, and docs/protocol.md's ranges and
limits, say exactly what the code does."""

from __future__ import annotations

import re
from pathlib import Path

from app.protocol.catalog import BOOLEAN_WORDS, CONTROL_NAMES, EDIT_RANGES, SERVER_SETTINGS, SETTINGS_TABLE
from app.protocol.commands import MAX_EPOCHS_PER_TRAIN
from app.protocol.errors import format_bytes
from app.session import UNDO_DEPTH
from app.settings import DEFAULTS

README = Path(__file__).resolve().parent.parent / "README.md"
PROTOCOL = README.parent / "docs" / "protocol.md"


def url_table() -> dict[str, tuple[str, str]]:
    """parameter → (values, default) of the "URL parameters" table."""
    text = README.read_text(encoding="utf-8").split("### URL parameters", 1)[1]
    rows = re.findall(r"^\| `(\w+)` \| (.+?) \| (.+?) \| .+ \|$", text, flags=re.MULTILINE)
    return {param: (values, default) for param, values, default in rows}


def written_default(entry) -> str:
    value = entry["default"]
    if entry["kind"] == "boolean":
        return "`1`" if value else "`0`"
    if entry["kind"] == "subset":
        return "all of them"
    if entry["kind"] == "sizes":
        return "`" + ",".join(map(str, value)) + "`"
    return f"`{value}`"


def test_every_parameter_is_in_the_readme_and_nothing_else():
    assert list(url_table()) == [entry["param"] for entry in SETTINGS_TABLE]


def test_defaults_match():
    table = url_table()
    for entry in SETTINGS_TABLE:
        assert table[entry["param"]][1] == written_default(entry), entry["param"]


def test_every_choice_is_listed_and_no_other():
    table = url_table()
    for entry in SETTINGS_TABLE:
        values = table[entry["param"]][0]
        if entry["kind"] in ("choice", "subset"):
            listed = re.findall(r"`([\w,-]+)`", values.split(";")[0].split("(")[0])
            assert listed == [str(c) for c in entry["choices"]], entry["param"]
        if entry["kind"] in ("number", "integer"):
            low, high = (f"{x:g}" if isinstance(x, float) else str(x) for x in (entry["min"], entry["max"]))
            assert f"{low} … {high}" in values, entry["param"]
        if entry["kind"] == "sizes":
            assert f"{entry['min_layers']} … {entry['max_layers']} layers" in values
            assert f"outside {entry['min']} … {entry['max']} is clamped" in values


def test_boolean_words_match():
    values = url_table()["detailed"][0]
    for word in BOOLEAN_WORDS["true"] + BOOLEAN_WORDS["false"]:
        assert f"`{word}`" in values or f"/`{word}`" in values or f"`{word}`/" in values, word


def section(text, heading):
    """The text from `heading` to the next heading of the same level or higher."""
    level = heading.split(" ", 1)[0]
    rest = text.split("\n" + heading + "\n", 1)[1]
    return re.split(rf"\n#{{1,{len(level)}}} ", rest, maxsplit=1)[0]


def test_the_server_settings_table_states_every_default():
    text = section(README.read_text(encoding="utf-8"), "### Settings")
    rows = dict(re.findall(r"^\| `(BP_\w+)` \| (.+?) \|", text, flags=re.MULTILINE))
    for name, default in DEFAULTS.items():
        written = "(none)" if default == [] else f"`{default}`"
        assert rows.get(name) == written, name


def plain(text):
    """A range as docs/protocol.md writes it, as Python would: 100 000 → 100000, 2³¹ − 1 → 2147483647."""
    return re.sub(r"(?<=\d) (?=\d{3}\b)", "", text.replace("2³¹ − 1", str(2**31 - 1)))


def test_the_protocol_states_each_settings_range_and_default():
    text = section(PROTOCOL.read_text(encoding="utf-8"), "## Client → server")
    rows = {name: (values, default) for name, values, default in
            re.findall(r"^\| `(\w+)`(?:, `\w+`)? \| [\w ]+ \| (.+?) \| (.+?) \|$", text, flags=re.MULTILINE)}
    rows.update({"l1": rows["l2"]})  # one row for both penalties
    for entry in SERVER_SETTINGS:
        values, default = rows[entry["config"]]
        if entry["kind"] in ("number", "integer"):
            low, high = (f"{x:g}" if isinstance(x, float) else str(x) for x in (entry["min"], entry["max"]))
            assert re.match(rf"{re.escape(low)} … {re.escape(high)}(?![\d.])", plain(values)), entry["config"]
            written = f"{entry['default']:g}" if entry["kind"] == "number" else str(entry["default"])
            assert plain(default) == written, entry["config"]
        if entry["kind"] == "sizes":
            assert values.startswith(f"{entry['min_layers']} … {entry['max_layers']} hidden layers of "
                                     f"{entry['min']} … {entry['max']} units")
        if entry["kind"] == "choice":
            assert re.findall(r"`(\w+)`", outside_parentheses(values)) == entry["choices"], entry["config"]
            assert default == f"`{entry['default']}`", entry["config"]


def outside_parentheses(text):
    while re.search(r"\([^()]*\)", text):
        text = re.sub(r"\([^()]*\)", "", text)
    return text


def test_the_protocol_states_the_limits_the_code_keeps():
    text = PROTOCOL.read_text(encoding="utf-8")
    assert f"`epochs` (int, 1 … {MAX_EPOCHS_PER_TRAIN})" in text
    assert f"up to {UNDO_DEPTH} deep" in text
    assert f"a frame over `BP_MAX_FRAME_BYTES` ({format_bytes(DEFAULTS['BP_MAX_FRAME_BYTES'])})" in text
    assert f"within `BP_PING_INTERVAL` ({DEFAULTS['BP_PING_INTERVAL']} s)" in text
    limits = " ".join(section(text, "## Limits").split())
    assert f"Frames up to {format_bytes(DEFAULTS['BP_MAX_MESSAGE_BYTES'])};" in limits
    assert f"{DEFAULTS['BP_RATE_LIMIT']} messages a second per connection" in limits
    assert f"idle for {DEFAULTS['BP_IDLE_SECONDS'] // 60} minutes" in limits
    assert f"at most {MAX_EPOCHS_PER_TRAIN} epochs per message" in limits
    assert f"({DEFAULTS['BP_MAX_EPOCHS_PER_SECOND']:,}) epochs a second" in limits


def test_the_embedding_guide_names_every_control_a_url_can_keep():
    """docs/embedding.md's list of `controls=` names is the catalog's, in its order (it once left
    out two that the page accepts)."""
    guide = (Path(__file__).resolve().parents[1] / "docs" / "embedding.md").read_text(encoding="utf-8")
    listed = re.search(r"shows only those controls \(names: (.*?)\);", guide, re.S).group(1)
    assert re.findall(r"`([a-z]+)`", listed) == list(CONTROL_NAMES)


def test_the_protocol_states_the_range_of_every_set():
    """docs/protocol.md's table of `set` ranges is EDIT_RANGES, which the server checks and the page
    reads from the catalog."""
    protocol = PROTOCOL.read_text(encoding="utf-8")
    rows = dict(re.findall(r"^\| `(\w+)` \| [^|]+ \| (−?[\d.]+ … −?[\d.]+) \|$", protocol, re.M))
    written = lambda low, high: f"{low:g} … {high:g}".replace("-", "−")
    assert {what: rows.get(what) for what in EDIT_RANGES} == {what: written(*r) for what, r in EDIT_RANGES.items()}
