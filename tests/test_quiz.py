"""“Conferir minha conta”: type the next step's values, check them against the server's."""

from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import Page, expect

from helpers.ws import recv_json

STATUS = "#bp_status"
PHASES = ("forward", "backward", "update")


def walkthrough_states(ws_connect, live_server) -> dict:
    """The server's own states of the walkthrough's forward, backward and update."""
    ws = ws_connect(live_server)
    ws.send(json.dumps({"op": "configure", "preset": "passo_a_passo"}))
    assert recv_json(ws)["type"] == "state"
    states = {}
    for phase in PHASES:
        ws.send(json.dumps({"op": "step"}))
        states[phase] = recv_json(ws)
        assert states[phase]["phase"] == phase
    return states


def expected(states) -> dict:
    """Every quantity the quiz asks, by its input's key, with the server's value."""
    f, b, new = states["forward"]["forward"], states["backward"]["backward"], states["update"]["params"]
    values = {"forward": {"zout": f["z"][1][0], "yhat": f["y_hat"], "loss": f["loss"]},
              "backward": {"dyhat": b["da"][1][0], "dzout": b["dz"][1][0]}, "update": {}}
    for i in range(2):
        values["forward"].update({f"z:1:{i}": f["z"][0][i], f"a:1:{i}": f["a"][1][i]})
        values["backward"].update({f"da:1:{i}": b["da"][0][i], f"dz:1:{i}": b["dz"][0][i]})
    for layer, rows in ((0, 2), (1, 1)):
        for i in range(rows):
            values["backward"][f"db:{layer}:{i}"] = b["db"][layer][i]
            values["update"][f"b:{layer}:{i}"] = new["b"][layer][i]
            for j in range(2):
                values["backward"][f"dW:{layer}:{i}:{j}"] = b["dW"][layer][i][j]
                values["update"][f"W:{layer}:{i}:{j}"] = new["W"][layer][i][j]
    return values


def open_quiz(page: Page, url: str) -> None:
    page.goto(url)
    expect(page.locator(STATUS)).to_contain_text(re.compile(r"^(Fase|Phase):"))
    expect(page.locator("#bp_quizPanel")).to_be_visible()


def field(page: Page, key: str):
    return page.locator(f'#bp_quizList input[data-key="{key}"]')


def check(page: Page) -> None:
    page.get_by_role("button", name="Conferir", exact=True).click()


def as_written(value: float, precision: int) -> str:
    """The value as the page writes it (format.js): fixed decimals, or scientific with a short
    mantissa where it is too small to show at this precision (the answer asked for: 0,00 is wrong
    for 1,30×10⁻³)."""
    if value != 0 and abs(value) < 0.5 * 10 ** -precision:
        return f"{value:.{max(1, min(precision - 2, 3))}e}"
    return f"{value:.{precision}f}"


@pytest.mark.parametrize("precision", range(2, 11))
def test_the_right_values_are_marked_right(page, live_server, ws_connect, precision):
    values = expected(walkthrough_states(ws_connect, live_server))
    open_quiz(page, f"{live_server}/?dataset=passo_a_passo&quiz=1&prec={precision}")
    expect(page.get_by_label("z₁", exact=True)).to_be_visible()
    for phase in PHASES:
        expect(page.locator("#bp_quizList input")).to_have_count(len(values[phase]))
        for key, value in values[phase].items():
            field(page, key).fill(as_written(value, precision))
        check(page)
        results = page.locator("#bp_quizResultList > li")
        expect(results).to_have_count(len(values[phase]))
        expect(page.locator("#bp_quizResultList > li.is-wrong")).to_have_count(0)
        n = len(values[phase])
        expect(page.locator("#bp_quizScore")).to_contain_text(f"{phase} {n}/{n}")
        expect(page.locator(STATUS)).to_contain_text(f"Fase: {phase}")


def test_wrong_blank_comma_and_score(page, live_server, ws_connect):
    values = expected(walkthrough_states(ws_connect, live_server))
    open_quiz(page, f"{live_server}/?dataset=passo_a_passo&quiz=1&prec=4")
    z1 = values["forward"]["z:1:0"]
    page.get_by_label("z₁", exact=True).fill(f"{z1:.4f}".replace(".", ","))
    page.get_by_label("a₁", exact=True).fill("0,9")
    check(page)
    results = page.locator("#bp_quizResultList > li")
    expect(results).to_have_count(2)
    right, wrong = results.nth(0), results.nth(1)
    expect(right).to_have_class(re.compile("is-right"))
    expect(wrong).to_have_class(re.compile("is-wrong"))
    a1 = f"{values['forward']['a:1:0']:.4f}".replace(".", ",")
    expect(wrong).to_contain_text(f"errado: você digitou 0,9000, o certo é {a1}")
    expect(wrong.locator("math").first).to_be_attached()
    expect(wrong).to_contain_text("σ")
    expect(page.locator("#bp_quizScore")).to_contain_text("forward 1/2")
    expect(page.locator("#bp_quizSay")).to_have_text(
        "forward conferido: 1 certo(s) de 2 respondido(s), 5 em branco.")
    # backward: one right (∂L/∂ŷ), every other field blank; forward's score is kept
    page.get_by_label("∂L/∂ŷ", exact=True).fill(f"{values['backward']['dyhat']:.4f}")
    check(page)
    expect(page.locator("#bp_quizResultList > li")).to_have_count(1)
    expect(page.locator("#bp_quizScore")).to_contain_text("forward 1/2 · backward 1/1 · update —")
    # update with nothing typed: the step runs and nothing is scored
    check(page)
    expect(page.locator(STATUS)).to_contain_text("Fase: update")
    expect(page.locator("#bp_quizResults")).to_be_hidden()
    expect(page.locator("#bp_quizScore")).to_contain_text("update —")


def test_keyboard_only(page, live_server, ws_connect):
    values = expected(walkthrough_states(ws_connect, live_server))
    page.goto(f"{live_server}/?dataset=passo_a_passo")
    expect(page.locator(STATUS)).to_contain_text("Fase:")
    expect(page.locator("#bp_quizPanel")).to_be_hidden()
    page.locator("#bp_check").focus()
    page.keyboard.press("Tab")
    expect(page.get_by_role("checkbox", name="Conferir minha conta")).to_be_focused()
    page.keyboard.press("Space")
    expect(page.locator("#bp_quizPanel")).to_be_visible()
    first = field(page, "z:1:0")
    for _ in range(12):
        page.keyboard.press("Tab")
        if first.evaluate("node => node === document.activeElement"):
            break
    expect(first).to_be_focused()
    for key in ("z:1:0", "a:1:0"):
        page.keyboard.type(f"{values['forward'][key]:.4f}".replace(".", ","))
        page.keyboard.press("Tab")
    page.keyboard.press("Enter")  # submits from any field: Conferir
    expect(page.locator("#bp_quizResults")).to_be_focused()
    expect(page.locator("#bp_quizResultList > li.is-right")).to_have_count(2)
    page.keyboard.press("Tab")
    expect(field(page, "dyhat")).to_be_focused()
    page.keyboard.type("1")
    page.keyboard.press("Enter")
    expect(page.locator("#bp_quizResultList > li.is-wrong")).to_have_count(1)
    expect(page.locator("#bp_quizScore")).to_contain_text("forward 2/2 · backward 0/1")


def circuit_checks(page: Page) -> list[dict]:
    return page.locator("#bp_circuitChecks li").evaluate_all(
        "items => items.map(li => ({gate: li.dataset.gate, local: li.dataset.local,"
        " upstream: li.dataset.upstream, downstream: li.dataset.downstream, text: li.textContent}))")


@pytest.mark.parametrize("name,count", [("Neurônio a₁", 8), ("Neurônio ŷ", 9)])
def test_circuit_view_local_times_upstream_is_downstream_at_every_gate(page, live_server, ws_connect, name, count):
    states = walkthrough_states(ws_connect, live_server)
    page.goto(f"{live_server}/?dataset=passo_a_passo")
    expect(page.locator(STATUS)).to_contain_text("Fase:")
    for phase in ("forward", "backward"):
        page.get_by_role("button", name="Próximo passo").click()
        expect(page.locator(STATUS)).to_contain_text(f"Fase: {phase}")
    page.locator(f'button[aria-label="{name}"]').click()
    circuit = page.locator("#bp_circuit")
    expect(circuit).to_be_visible()
    expect(circuit.get_by_role("img")).to_be_visible()
    expect(page.locator("#bp_circuitChecks li")).to_have_count(count)
    checks = circuit_checks(page)
    for c in checks:
        local, upstream, downstream = float(c["local"]), float(c["upstream"]), float(c["downstream"])
        assert abs(local * upstream - downstream) <= 1e-12 * max(1.0, abs(downstream)), c
    backward = states["backward"]["backward"]
    unit_dz = backward["dz"][0][0] if name.endswith("a₁") else backward["dz"][1][0]
    assert {float(c["upstream"]) for c in checks if c["gate"] in ("mul", "add")} == {unit_dz}
    if name.endswith("a₁"):
        assert float(checks[0]["downstream"]) == backward["dW"][0][0][0]
        assert float(checks[1]["downstream"]) == backward["to_inputs"][0][0][0]
        assert float(checks[-1]["upstream"]) == backward["da"][0][0]
    expect(circuit.get_by_role("img")).to_have_attribute("aria-label", re.compile("Circuito do neurônio"))
