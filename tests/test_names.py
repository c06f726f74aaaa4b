"""One set of names in the browser: a parameter is called the same on the picture (the label drawn
when it is selected), in its hotspot's accessible name, in the gradients list and in the math
panel (its title and the MathML identifier, written out with sub- and superscripts)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from test_canvas_labels import READ_TEXTS, RECORD_TEXTS

# The MathML identifiers of the math panel as text: <msub><mi>w</mi><mn>12</mn></msub> → "w₁₂",
# <msubsup> with a superscript "(2)" → "w₁₂⁽²⁾".
MATH_NAMES = """() => {
  const sub = { 0: '₀', 1: '₁', 2: '₂', 3: '₃', 4: '₄', 5: '₅', 6: '₆', 7: '₇', 8: '₈', 9: '₉' };
  const sup = { 0: '⁰', 1: '¹', 2: '²', 3: '³', 4: '⁴', 5: '⁵', 6: '⁶', 7: '⁷', 8: '⁸', 9: '⁹', '(': '⁽', ')': '⁾' };
  const write = (el, table) => [...el.textContent].map((c) => table[c] || c).join('');
  return [...document.querySelectorAll('#bp_math msub, #bp_math msubsup')].map((el) => {
    const [base, low, high] = el.children;
    return base.textContent + write(low, sub) + (high ? write(high, sup) : '');
  });
}"""


@pytest.mark.parametrize("hidden, name", [("2", "w₁₂"), ("2", "v₂"), ("2", "b₁"), ("3,2", "w₁₂⁽²⁾"), ("3,2", "b₃⁽¹⁾")])
def test_a_parameter_has_one_name_everywhere(page: Page, live_server, hidden, name):
    page.add_init_script(script=RECORD_TEXTS)
    page.goto(f"{live_server}/?hidden={hidden}")
    expect(page.locator("#bp_status")).to_contain_text("Fase:")
    for phase in ("forward", "backward"):
        page.get_by_role("button", name="Próximo passo").click()
        expect(page.locator("#bp_status")).to_contain_text(f"Fase: {phase}")
    kind = "Viés" if name.startswith("b") else "Peso"
    spot = page.get_by_role("button", name=f"{kind} {name}", exact=True)
    expect(spot).to_have_count(1)  # the hotspot's accessible name
    page.keyboard.press("Shift")  # from the keyboard (a weight whose label has no room may lie under another's)
    spot.focus()
    expect(spot).to_have_attribute("aria-pressed", "true")
    expect(page.locator("#bp_grads")).to_contain_text(re.compile(rf"^∂L/∂{re.escape(name)} += ", re.M))
    expect(page.locator("#bp_math .bp-math-title")).to_have_text(f"{kind} {name}")
    assert name in page.evaluate(MATH_NAMES)
    drawn = [t["text"] for t in page.evaluate(READ_TEXTS, "bp_canvas")["texts"]]
    assert f"{name} " in drawn, drawn  # the selected label on the picture starts with the name


def test_neurons_are_named_as_in_the_equations(page: Page, live_server):
    page.goto(f"{live_server}/?hidden=3,2")
    expect(page.locator("#bp_status")).to_contain_text("Fase:")
    page.get_by_role("button", name="Próximo passo").click()
    expect(page.locator("#bp_status")).to_contain_text("Fase: forward")
    spot = page.get_by_role("button", name="Neurônio a₂⁽¹⁾", exact=True)
    spot.click()
    expect(page.locator("#bp_math .bp-math-title")).to_have_text("Neurônio a₂⁽¹⁾")
    assert "a₂⁽¹⁾" in page.evaluate(MATH_NAMES)
    expect(page.get_by_role("button", name="Entrada x₁", exact=True)).to_have_count(1)
    expect(page.get_by_role("button", name="Neurônio ŷ", exact=True)).to_have_count(1)


DIVERGING_CASES = [  # (sizes, what, weight layer from 0, row, col)
    ([2, 2, 1], "weight", 0, 0, 1), ([2, 2, 1], "bias", 0, 1, None), ([2, 3, 1], "weight", 1, 0, 2),
    ([2, 3, 1], "bias", 1, 0, None), ([2, 2, 2, 1], "weight", 1, 1, 0), ([2, 1], "bias", 0, 0, None),
    ([2, 8, 8, 8, 8, 8, 8, 1], "weight", 5, 7, 6),
]


def test_the_server_names_a_diverging_parameter_as_the_page_does():
    """The divergence sentence (app/protocol/errors.py) and the page (static/js/format.js
    paramName, run in node) write the same symbol for the same parameter."""
    import json
    import shutil
    import subprocess
    from pathlib import Path

    from app.protocol.errors import diverging_parameter

    format_js = (Path(__file__).resolve().parent.parent / "static" / "js" / "format.js").as_uri()
    script = (f"import {{ paramName }} from '{format_js}';\n"
              f"const cases = {json.dumps(DIVERGING_CASES)};\n"
              "console.log(JSON.stringify(cases.map(([sizes, what, l, i, j]) => paramName(sizes, what, l, i, j))));")
    node = shutil.which("node")
    assert node, "node is not installed"
    done = subprocess.run([node, "--input-type=module", "-e", script], capture_output=True, text=True,
                          check=True, timeout=60)
    page_names = json.loads(done.stdout)
    for (sizes, what, layer, row, col), page_name in zip(DIVERGING_CASES, page_names):
        details = {"what": what, "layer": layer + 1, "row": row + 1, "col": None if col is None else col + 1,
                   "layers": len(sizes) - 1}
        for lang in ("pt-BR", "en"):
            sentence = diverging_parameter(details, lang)
            named = sentence == {"pt-BR": "o viés c da saída", "en": "the output bias c"}[lang] and page_name == "c"
            assert named or f" {page_name} " in f"{sentence} ", (sizes, what, lang, sentence, page_name)
