"""Issue 9 in a real browser: the gradient-flow panel (its code loaded when it opens) drawing a deep
net's vanishing gradient, early stopping on the validation loss saying why it stopped, and a dead
ReLU unit explained in words in the math panel."""

from __future__ import annotations

import re

from helpers.browser import wait_until
from playwright.sync_api import Page, expect

from test_browser import CANVAS_INK, ink, open_widget

LOADED = "(name) => performance.getEntriesByType('resource').some((r) => r.name.endsWith(name))"
SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻", "0123456789-")


def shown_number(text: str) -> float:
    """A number as the page writes it: 0,0123 (0.0123 in English), or 2,45×10⁻⁶."""
    mantissa, _, exponent = text.partition("×10")
    return float(mantissa.replace(",", ".")) * 10 ** int(exponent.translate(SUPERSCRIPTS) or 0)


def test_the_gradient_flow_of_a_deep_sigmoid_net_appears_when_opened_and_draws(page: Page, live_server):
    open_widget(page, live_server, "?hidden=8,8,8,8,8,8&init=uniform&speed=7")
    assert not page.evaluate(LOADED, "lazy/gradflow-panel.js"), "loaded before the panel was opened"
    page.get_by_text("Fluxo do gradiente", exact=True).click()
    wait_until(page, LOADED, "lazy/gradflow-panel.js")
    figure = page.get_by_role("img", name="Tamanho do gradiente de cada camada por época, em escala logarítmica")
    expect(figure).to_be_visible()
    now = page.locator("#bp_flowNow li")
    expect(now).to_have_count(7)  # six hidden layers and the output
    expect(now.first).to_have_text(re.compile(r"^camada 1: ‖∂L/∂W‖ = \S+, média \|δ\| = \S+$"))
    expect(now.last).to_have_text(re.compile(r"^saída: ‖∂L/∂W‖ = "))
    first = shown_number(now.first.text_content().split("= ")[1].split(", ")[0])
    last = shown_number(now.last.text_content().split("= ")[1].split(", ")[0])
    assert last > 100 * first, (first, last)  # the gradient vanishes toward the input
    wait_until(page, f"() => ({CANVAS_INK})('bp_gradflow').colours > 8")
    before = ink(page, "bp_gradflow")
    page.get_by_role("button", name="Treinar automático").click()
    wait_until(page, "() => Number(document.getElementById('bp_epoch').textContent) >= 60")
    page.get_by_role("button", name="Pausar").click()
    wait_until(page, f"(sum) => ({CANVAS_INK})('bp_gradflow').sum !== sum", before["sum"])
    assert ink(page, "bp_gradflow")["ink"] > before["ink"]  # the lines grew along the epochs


SPIRAL = "?dataset=spiral&points=40&noise=30&split=50&hidden=8,8&lr=1&speed=6"


def test_auto_training_stops_early_when_the_validation_loss_stalls_and_says_why(page: Page, live_server):
    """The spiral of test_early_stop: the validation loss is lowest at epoch 30."""
    open_widget(page, live_server, SPIRAL)
    patience = page.get_by_label("ou sem melhora na validação por (épocas; 0 = nunca)")
    expect(patience).to_have_value("0")
    patience.fill("20")
    patience.press("Enter")
    expect(page).to_have_url(re.compile(r"[?&]patience=20(&|$)"))
    expect(page.locator("#bp_patienceHint")).to_be_hidden()
    page.get_by_role("button", name="Treinar automático").click()
    expect(page.locator("#bp_msg")).to_have_text(
        "Treino parado (parada antecipada): a perda de validação não melhora há 20 épocas; a menor, 0,1247, "
        "foi na época 30. Agora é a época 50.")
    expect(page.get_by_role("button", name="Treinar automático")).to_be_visible()
    expect(page.locator("#bp_epoch")).to_have_text("50")


def test_patience_without_validation_says_so_and_training_runs_as_before(page: Page, live_server):
    open_widget(page, live_server, "?lr=0.5&speed=9&patience=5&max_epochs=60&lang=en")
    hint = page.locator("#bp_patienceHint")
    expect(hint).to_be_visible()
    expect(hint).to_have_text("Early stopping needs validation examples: choose a Validation (%) above 0.")
    page.get_by_role("button", name="Train automatically").click()
    expect(page.locator("#bp_msg")).to_have_text("Training stopped: it reached epoch 60, the chosen maximum.")
    page.get_by_label("Validation (%)").fill("50")
    page.get_by_label("Validation (%)").press("Enter")
    expect(hint).to_be_hidden()  # XOR keeps 2 of its 4 examples for validation


def test_the_math_panel_explains_a_dead_relu_unit(page: Page, live_server):
    """ReLU XOR with seed 3: a₁ has z ≤ 0 on every example from the start (test_training_aids)."""
    open_widget(page, live_server, "?activation=relu&seed=3")
    math = page.locator("#bp_math")
    page.get_by_role("button", name="Próximo passo").click()
    expect(math).to_contain_text("a₁ é um neurônio morto: ReLU com z ≤ 0 em todos os exemplos do conjunto")
    expect(math).to_contain_text("∂L/∂z = ∂L/∂a · ReLU′(z) = 0: nenhum gradiente chega aos pesos")
    assert "a₂ é um neurônio morto" not in math.text_content()
    page.get_by_role("combobox", name="Idioma").select_option("en")
    expect(math).to_contain_text("a₁ is a dead unit: ReLU with z ≤ 0 on every example of the data set")
