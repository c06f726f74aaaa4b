"""The README's table of URL parameters says exactly what the settings table (the code) does."""

from __future__ import annotations

import re
from pathlib import Path

from app.protocol.catalog import BOOLEAN_WORDS, SETTINGS_TABLE

README = Path(__file__).resolve().parent.parent / "README.md"


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
