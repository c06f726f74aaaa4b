"""The whole 2–2–1 network as one circuit: every wire and gate shows the state's numbers, and
local × upstream = downstream holds at every gate, computed from the page's own numbers."""

from __future__ import annotations

import re
import time

import pytest
from playwright.sync_api import Page, expect

from test_quiz import PHASES, STATUS, walkthrough_states

WHOLE = "Circuito da rede inteira"


def expected_wires(state) -> list[tuple]:
    """(name, value, gradient) of every wire, in the order the view draws them; None = no number."""
    f, b = state["forward"], state.get("backward")
    params = (state.get("update") or {}).get("params_before") or state["params"]
    W, bias, x = params["W"], params["b"], _example_x(state)
    grad = (lambda *path: _at(b, *path)) if b else (lambda *path: None)
    wires = []
    for i in range(2):
        for j in range(2):
            wires += [(f"w{i + 1}{j + 1}", W[0][i][j], grad("dW", 0, i, j)),
                      (f"x{j + 1}", x[j], grad("to_inputs", 0, i, j)),
                      ("product", f["products"][0][i][j], grad("dz", 0, i))]
        wires += [(f"b{i + 1}", bias[0][i], grad("db", 0, i)), (f"z{i + 1}", f["z"][0][i], grad("dz", 0, i))]
    for j in range(2):
        wires += [(f"v{j + 1}", W[1][0][j], grad("dW", 1, 0, j)), (f"a{j + 1}", f["a"][1][j], grad("to_inputs", 1, 0, j)),
                  ("product", f["products"][1][0][j], grad("dz", 1, 0))]
    wires += [("c", bias[1][0], grad("db", 1, 0)), ("zout", f["z"][1][0], grad("dz", 1, 0)),
              ("yhat", f["y_hat"], grad("da", 1, 0)), ("L", f["loss"], 1 if b else None)]
    return wires


def expected_checks(state) -> list[tuple]:
    """(gate, local, upstream, downstream) at every gate input, hidden units first, as the state says."""
    f, b = state["forward"], state["backward"]
    params = (state.get("update") or {}).get("params_before") or state["params"]
    W, x = params["W"], _example_x(state)
    checks = []
    for i in range(2):
        dz = b["dz"][0][i]
        for j in range(2):
            checks += [("mul", x[j], dz, b["dW"][0][i][j]), ("mul", W[0][i][j], dz, b["to_inputs"][0][i][j])]
        checks += [("add", 1, dz, dz), ("add", 1, dz, dz), ("add", 1, dz, b["db"][0][i]),
                   ("act", f["g_prime"][0][i], b["da"][0][i], dz)]
    dz = b["dz"][1][0]
    for j in range(2):
        checks += [("mul", f["a"][1][j], dz, b["dW"][1][0][j]), ("mul", W[1][0][j], dz, b["to_inputs"][1][0][j])]
    checks += [("add", 1, dz, dz), ("add", 1, dz, dz), ("add", 1, dz, b["db"][1][0]),
               ("act", f["g_prime"][1][0], b["da"][1][0], dz), ("loss", b["da"][1][0], 1, b["da"][1][0])]
    return checks


def _at(root, key, *path):
    value = root[key]
    for k in path:
        value = value[k]
    return value


def _example_x(state) -> list[float]:
    """The inputs of the example on screen (the walkthrough's one example)."""
    return state["example"]["x"]


READ = """() => ({
  wires: [...document.querySelectorAll('#bp_circuitFigure g.bp-circuit__wire')].map((g) => ({
    name: g.dataset.name, value: g.dataset.value, grad: g.dataset.grad,
    text: [...g.querySelectorAll('text')].map((t) => t.textContent)})),
  checks: [...document.querySelectorAll('#bp_circuitChecks li')].map((li) => ({
    gate: li.dataset.gate, local: li.dataset.local, upstream: li.dataset.upstream,
    downstream: li.dataset.downstream, unit: li.dataset.unit, text: li.textContent})),
})"""


def number(text: str):
    return None if text == "" else float(text)


def page_numbers(page: Page) -> dict:
    shown = page.evaluate(READ)
    return {"wires": [(w["name"], number(w["value"]), number(w["grad"])) for w in shown["wires"]],
            "checks": [(c["gate"], number(c["local"]), number(c["upstream"]), number(c["downstream"]))
                       for c in shown["checks"]],
            "raw": shown}


PLAIN = str.maketrans("₁₂ₒᵤₜ", "12out", "·ŷ")


def wire_key(name: str) -> str:
    """The page's wire name as the test writes it: w₁₁ → w11, zₒᵤₜ → zout, w₁₁·x₁ → product."""
    if "·" in name:
        return "product"
    return "yhat" if name == "ŷ" else name.translate(PLAIN)


def shown_when_settled(page: Page, wires: list, checks: list, timeout: float = 15.0) -> dict:
    """The page's numbers once they are the expected ones (the view redraws after its modules load)."""
    deadline = time.monotonic() + timeout
    while True:
        shown = page_numbers(page)
        keyed = [(wire_key(n), v, g) for n, v, g in shown["wires"]]
        if (keyed == wires and shown["checks"] == checks) or time.monotonic() > deadline:
            return dict(shown, wires=keyed)
        page.wait_for_timeout(50)


def fmt(value: float) -> str:
    """As the page writes it in pt-BR (format.js): four decimals, a decimal comma, a true minus."""
    return f"{value:.4f}".replace("-", "−").replace(".", ",")


def open_whole_circuit(page: Page, url: str) -> None:
    page.goto(url)
    expect(page.locator(STATUS)).to_contain_text("Fase:")
    button = page.get_by_role("button", name=WHOLE)
    expect(button).to_have_attribute("aria-pressed", "false")
    button.focus()
    page.keyboard.press("Enter")
    expect(button).to_have_attribute("aria-pressed", "true")
    expect(page.locator("#bp_circuit")).to_have_accessible_name(WHOLE)
    expect(page.locator("#bp_circuitFigure")).to_be_visible()


def test_the_whole_network_circuit_shows_the_states_numbers_at_every_phase(page, live_server, ws_connect):
    states = walkthrough_states(ws_connect, live_server)
    open_whole_circuit(page, f"{live_server}/?dataset=passo_a_passo")
    expect(page.get_by_role("img", name=re.compile("^Circuito da rede inteira:"))).to_be_visible()
    for phase in PHASES:
        page.get_by_role("button", name="Próximo passo").click()
        expect(page.locator(STATUS)).to_contain_text(f"Fase: {phase}")
        state = states[phase]
        wires = expected_wires(state)
        checks = expected_checks(state) if phase != "forward" else [
            (gate, None if gate == "loss" else local, None, None)
            for gate, local, _, _ in expected_checks(states["backward"])]
        shown = shown_when_settled(page, wires, checks)
        assert shown["wires"] == wires, phase
        if phase == "forward":
            # Before the backward no gradient is drawn: every ∂ reads "—".
            assert all(text[1].startswith("∂ —") for text in (w["text"] for w in shown["raw"]["wires"]))
            assert all(c[2] is None and c[3] is None for c in shown["checks"])
            continue
        assert shown["checks"] == checks, phase
        for gate, local, upstream, downstream in shown["checks"]:
            assert abs(local * upstream - downstream) <= 1e-12 * max(1.0, abs(downstream)), (phase, gate)
        for wire, (name, value, _) in zip(shown["raw"]["wires"], wires):
            if abs(value) >= 1e-4:
                assert wire["text"][0].endswith(f"= {fmt(value)}"), (phase, name, wire["text"])
        units = [c["unit"] for c in shown["raw"]["checks"]]
        assert units == ["a₁"] * 8 + ["a₂"] * 8 + ["ŷ"] * 9  # the names of the picture (format.js)


def test_the_circuit_closes_again_and_only_a_2_h_1_network_offers_it(page, live_server):
    open_whole_circuit(page, f"{live_server}/?dataset=passo_a_passo")
    page.get_by_role("button", name=WHOLE).click()
    expect(page.locator("#bp_circuit")).to_be_hidden()
    page.goto(f"{live_server}/?dataset=xor&hidden=3,2")
    expect(page.locator(STATUS)).to_contain_text("Fase:")
    expect(page.get_by_role("button", name=WHOLE)).to_be_hidden()


@pytest.mark.parametrize("context_options", [{"viewport": {"width": 320, "height": 800}}])
def test_on_a_phone_the_circuit_scrolls_inside_its_own_focusable_region(page, live_server):
    open_whole_circuit(page, f"{live_server}/?dataset=passo_a_passo")
    region = page.locator("#bp_circuitFigure")
    expect(region).to_have_accessible_name(WHOLE)
    expect(region).to_have_attribute("tabindex", "0")
    sizes = region.evaluate("(el) => [el.scrollWidth, el.clientWidth, document.documentElement.scrollWidth]")
    assert sizes[0] > sizes[1], sizes  # the figure is wider than the phone: it scrolls in its region
    assert sizes[2] <= 320, sizes  # … and the page itself does not
    region.focus()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("End")
    expect(region).not_to_have_js_property("scrollLeft", 0)
