"""The lab in a real browser: generated data sets, the split and its validation curve, the
decision boundary drawn from the server's grid, and the single neuron (no hidden layer)."""

from __future__ import annotations

import re

import pytest

from helpers.browser import wait_until
from playwright.sync_api import Page, expect

from test_browser import NUMBER, ink, open_widget, wait_for_canvas_change


def train_until_epoch(page: Page, epochs: int) -> None:
    page.get_by_role("button", name="Treinar automático").click()
    wait_until(page, f"() => Number(document.getElementById('bp_epoch').textContent) >= {epochs}")
    page.get_by_role("button", name="Pausar").click()
    expect(page.get_by_role("button", name="Treinar automático")).to_be_visible()


@pytest.mark.parametrize("label, name", [("Dois grupos (gaussianas)", "clusters"), ("Círculo", "circle"),
                                         ("Duas espirais", "spiral")])
def test_each_generated_set_trains_and_its_boundary_changes(page: Page, live_server, label, name):
    open_widget(page, live_server, "?lr=1&target=0.0001")
    page.get_by_label("Conjunto de dados").select_option(label=label)
    expect(page.locator("#bp_example")).to_contain_text(re.compile(r"Exemplo atual"))
    expect(page).to_have_url(re.compile(rf"dataset={name}"))
    wait_until(page, "() => document.getElementById('bp_status').textContent.includes('de 100')")
    before = wait_for_canvas_change(page, "bp_boundary", {"sum": -1}, min_ink=1000)
    train_until_epoch(page, 20)
    after = wait_for_canvas_change(page, "bp_boundary", before, min_ink=1000)
    assert after["colours"] >= 16  # a heat map, not a flat fill


def test_noise_and_points_apply_to_generated_sets_only(page: Page, live_server):
    open_widget(page, live_server)
    expect(page.get_by_label("Ruído (%)")).to_be_disabled()
    expect(page.get_by_label("Pontos")).to_be_disabled()
    page.get_by_label("Conjunto de dados").select_option(label="Círculo")
    points = page.get_by_label("Pontos")
    expect(points).to_be_enabled()
    points.fill("40")
    points.press("Enter")
    expect(page.locator("#bp_status")).to_contain_text("exemplo 1 de 40")
    expect(page).to_have_url(re.compile(r"points=40"))


# What tells a field's state at a glance: its text colour and background, border and opacity.
FIELD_LOOK = """(id) => {
  const style = getComputedStyle(document.getElementById(id));
  return { color: style.color, background: style.backgroundColor, border: style.borderTopStyle, opacity: style.opacity };
}"""
WHY_DISABLED = {
    "pt-BR": ("Conjunto de dados", ["Ruído (%)", "Pontos"], "Dois grupos (gaussianas)",
              "Ruído (%) e Pontos valem só para os conjuntos gerados: Dois grupos (gaussianas), Círculo, Duas espirais."),
    "en": ("Data set", ["Noise (%)", "Points"], "Two clusters (Gaussian)",
           "Noise (%) and Points apply to the generated sets only: Two clusters (Gaussian), Circle, Two spirals."),
}


@pytest.mark.parametrize("theme, lang", [("light", "pt-BR"), ("dark", "en")])
def test_noise_and_points_look_disabled_and_say_why_until_a_generated_set(page: Page, live_server, theme, lang):
    data_label, fields, clusters, why = WHY_DISABLED[lang]
    open_widget(page, live_server, f"?theme={theme}&lang={lang}")
    enabled = page.evaluate(FIELD_LOOK, "bp_split")
    expect(page.get_by_label(fields[0])).to_be_disabled()
    for field_id in ("bp_noise", "bp_points"):
        look = page.evaluate(FIELD_LOOK, field_id)
        assert look["color"] != enabled["color"] and look["background"] != enabled["background"], (look, enabled)
        assert look["border"] == "dashed" and float(look["opacity"]) < 1, look
    hint = page.locator("#bp_dataHint")
    expect(hint).to_have_text(why)
    expect(hint).to_be_visible()
    for name in fields:
        expect(page.get_by_label(name)).to_be_disabled()
        expect(page.get_by_label(name)).to_have_accessible_description(why)
    page.get_by_label(data_label).select_option(label=clusters)
    expect(hint).to_be_hidden()
    for name in fields:
        expect(page.get_by_label(name)).to_be_enabled()
        expect(page.get_by_label(name)).to_have_accessible_description("")
    assert page.evaluate(FIELD_LOOK, "bp_noise") == page.evaluate(FIELD_LOOK, "bp_points") == enabled


def test_a_split_draws_the_validation_curve_and_its_read_out(page: Page, live_server):
    open_widget(page, live_server, "?dataset=clusters&lr=1&target=0.0001")
    expect(page.locator("#bp_valErrStat")).to_be_hidden()
    split = page.get_by_label("Validação (%)")
    split.fill("30")
    split.press("Enter")
    expect(page.locator("#bp_status")).to_contain_text("exemplo 1 de 70")
    loss_before = ink(page, "bp_loss")
    train_until_epoch(page, 10)
    expect(page.locator("#bp_valErr")).to_have_text(NUMBER)
    expect(page.locator("#bp_correct")).to_contain_text(re.compile(r"de 70$"))
    wait_for_canvas_change(page, "bp_loss", loss_before, min_ink=200)
    # The dashed validation curve is drawn in the theme's --bp-negative colour.
    assert page.evaluate(COLOUR_COUNT, ["bp_loss", "--bp-negative"]) > 20


def test_a_bad_split_is_refused_with_its_bounds(page: Page, live_server):
    open_widget(page, live_server)
    split = page.get_by_label("Validação (%)")
    split.fill("80")
    split.press("Enter")
    expect(page.locator("#bp_msg")).to_have_text("A validação deve ser um número inteiro entre 0 e 50 (por cento).")


def test_the_single_neuron_steps_and_draws_its_boundary(page: Page, live_server):
    open_widget(page, live_server, "?hidden=0&dataset=and&lr=1&target=0.0001")
    for phase in ("forward", "backward", "update"):
        page.get_by_role("button", name="Próximo passo").click()
        expect(page.locator("#bp_status")).to_contain_text(f"Fase: {phase}")
    expect(page.locator("#bp_grads")).to_contain_text("∂L/∂")
    before = wait_for_canvas_change(page, "bp_boundary", {"sum": -1}, min_ink=1000)
    train_until_epoch(page, 50)
    wait_for_canvas_change(page, "bp_boundary", before, min_ink=1000)


# Pixels of a canvas within a few levels of a CSS custom property's colour.
COLOUR_COUNT = """([id, property]) => {
  const hex = getComputedStyle(document.documentElement).getPropertyValue(property).trim();
  const n = parseInt(hex.slice(1), 16);
  const [r, g, b] = [(n >> 16) & 255, (n >> 8) & 255, n & 255];
  const canvas = document.getElementById(id);
  const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
  let count = 0;
  for (let i = 0; i < data.length; i += 4) {
    if (Math.abs(data[i] - r) < 8 && Math.abs(data[i + 1] - g) < 8 && Math.abs(data[i + 2] - b) < 8) count++;
  }
  return count;
}"""


def test_architecture_buttons_add_and_remove_layers_and_units(page: Page, live_server):
    open_widget(page, live_server)
    status = page.locator("#bp_arch")
    page.get_by_role("button", name="Adicionar uma camada oculta").click()
    expect(status).to_contain_text("Camadas ocultas: 2")
    expect(page).to_have_url(re.compile(r"hidden=2,2"))
    page.get_by_role("button", name="Mais um neurônio na camada oculta 2").click()
    expect(status).to_contain_text("Camada 2: 3")
    expect(page.get_by_label("Camadas ocultas", exact=True)).to_have_value("2,3")
    page.get_by_role("button", name="Menos um neurônio na camada oculta 1").click()
    expect(status).to_contain_text("Camada 1: 1")
    page.get_by_role("button", name="Remover a última camada oculta").click()
    page.get_by_role("button", name="Remover a última camada oculta").click()
    expect(status).to_contain_text("Camadas ocultas: 0")
    expect(page.get_by_role("button", name="Remover a última camada oculta")).to_be_disabled()
    expect(page.locator("#bp_status")).to_contain_text("Fase: início")
    page.get_by_role("button", name="Próximo passo").click()
    expect(page.locator("#bp_out")).to_have_text(NUMBER)


def test_architecture_buttons_work_from_the_keyboard_up_to_six_layers(page: Page, live_server):
    open_widget(page, live_server, "?hidden=8,8,8,8,8")
    add = page.get_by_role("button", name="Adicionar uma camada oculta")
    add.focus()
    page.keyboard.press("Enter")
    expect(page.locator("#bp_arch")).to_contain_text("Camadas ocultas: 6")
    expect(add).to_be_disabled()
    more = page.get_by_role("button", name="Mais um neurônio na camada oculta 6")
    expect(more).to_be_disabled()
    fewer = page.get_by_role("button", name="Menos um neurônio na camada oculta 6")
    fewer.focus()
    page.keyboard.press("Space")
    expect(page.locator("#bp_arch")).to_contain_text("Camada 6: 7")
    expect(fewer).to_be_focused()  # the button survives the redraw, so the keyboard stays on it
    page.keyboard.press("Enter")
    expect(page.locator("#bp_arch")).to_contain_text("Camada 6: 6")
    expect(page).to_have_url(re.compile(r"hidden=8,8,8,8,8,6"))
    before = ink(page, "bp_canvas")
    page.get_by_role("button", name="Próximo passo").click()
    wait_for_canvas_change(page, "bp_canvas", before, min_ink=1000)


@pytest.mark.parametrize("width", [320, 375])
def test_a_layers_buttons_stay_on_its_line_on_a_phone(page: Page, live_server, width):
    """On a narrow screen the buttons wrap, but a layer's −, count and + never part: a "+" alone
    at the start of a line would read as the next layer's."""
    page.set_viewport_size({"width": width, "height": 800})
    open_widget(page, live_server, "?hidden=8,8,8,8")
    rows = page.evaluate("""() => [...document.querySelectorAll('#bp_arch [data-key]')].map((node) => {
      const box = node.getBoundingClientRect();
      return [node.dataset.key, Math.round(box.top + box.height / 2)];
    })""")
    middles = dict(rows)
    assert len(set(middles.values())) >= 2, rows  # it does wrap at this width
    for group in ["layer", *(f"units{i}" for i in range(4))]:
        count = "layers" if group == "layer" else group
        assert middles[f"{group}-"] == middles[count] == middles[f"{group}+"], rows


def test_a_hidden_unit_map_follows_focus_and_hover(page: Page, live_server):
    open_widget(page, live_server, "?hidden=3&lr=1")
    title = page.locator("#bp_unitTitle")
    expect(title).to_have_text("Ativação de a₁")
    assert title.inner_text() == "ATIVAÇÃO DE a₁"  # as rendered: the titles' capitals spare the unit's name
    expect(page.locator("#bp_unitMap")).to_have_accessible_name(
        "Ativação do neurônio oculto a₁ sobre o plano das entradas")
    first = wait_for_canvas_change(page, "bp_unitMap", {"sum": -1}, min_ink=1000)
    page.keyboard.press("Shift")  # the keyboard is in use: a focused hotspot is focus-visible
    page.get_by_role("button", name="Neurônio a₃", exact=True).focus()
    expect(page.locator(".bp-hotspot:focus")).to_have_attribute("aria-pressed", "true")
    expect(title).to_have_text("Ativação de a₃")
    h3 = wait_for_canvas_change(page, "bp_unitMap", first, min_ink=1000)
    assert h3["colours"] >= 16
    page.get_by_role("button", name="Neurônio a₂", exact=True).hover()
    expect(title).to_have_text("Ativação de a₂")
    expect(page.locator("#bp_unitMap")).to_have_accessible_name(
        "Ativação do neurônio oculto a₂ sobre o plano das entradas")
    wait_for_canvas_change(page, "bp_unitMap", h3, min_ink=1000)


@pytest.mark.parametrize("context_options", [{"viewport": {"width": 375, "height": 700}, "has_touch": True,
                                              "is_mobile": True}], ids=["phone"])
def test_on_a_phone_the_unit_map_shows_the_first_hidden_neuron_until_another_is_tapped(page: Page, live_server):
    open_widget(page, live_server)
    title = page.locator("#bp_unitTitle")
    expect(title).to_have_text("Ativação de a₁")
    page.locator("#bp_unitMap").scroll_into_view_if_needed()
    first = wait_for_canvas_change(page, "bp_unitMap", {"sum": -1}, min_ink=1000)
    assert first["colours"] >= 16  # a heat map, not a box with a sentence
    page.get_by_role("button", name="Neurônio a₂", exact=True).tap()
    expect(title).to_have_text("Ativação de a₂")
    page.locator("#bp_unitMap").scroll_into_view_if_needed()
    wait_for_canvas_change(page, "bp_unitMap", first, min_ink=1000)


def test_a_network_without_a_hidden_layer_has_no_unit_panel(page: Page, live_server):
    open_widget(page, live_server, "?hidden=0&dataset=and")
    expect(page.locator("#bp_unitMap")).to_be_hidden()
    page.get_by_role("button", name="Adicionar uma camada oculta").click()
    expect(page.locator("#bp_unitTitle")).to_have_text("Ativação de a₁")
    wait_for_canvas_change(page, "bp_unitMap", {"sum": -1}, min_ink=1000)


def test_the_hidden_space_view_shows_xor_in_a_2_2_1_network_only(page: Page, live_server):
    open_widget(page, live_server, "?lr=2&target=0.0001")
    panel = page.locator("#bp_spacePanel")
    expect(panel).to_be_visible()
    expect(page.locator("#bp_spaceTitle")).to_have_text("Espaço oculto da camada 1")
    before = wait_for_canvas_change(page, "bp_hiddenSpace", {"sum": -1}, min_ink=200)
    train_until_epoch(page, 200)
    wait_for_canvas_change(page, "bp_hiddenSpace", before, min_ink=200)
    page.get_by_role("button", name="Mais um neurônio na camada oculta 1").click()
    expect(panel).to_be_hidden()


def test_mini_batch_stepping_shows_the_batch_and_its_mean_gradient(page: Page, live_server):
    open_widget(page, live_server, "?dataset=circle&points=20")
    size = page.get_by_label("Tamanho do mini-lote")
    expect(size).to_be_hidden()
    page.get_by_label("Atualização").select_option(label="Mini-lote")
    expect(size).to_be_visible()
    expect(size).to_be_enabled()
    size.fill("5")
    size.press("Enter")
    expect(page).to_have_url(re.compile(r"batch=mini.*batch_size=5"))
    page.get_by_role("button", name="Próximo passo").click()
    expect(page.locator("#bp_status")).to_contain_text("exemplos 1 a 5 de 20")
    page.get_by_role("button", name="Próximo passo").click()
    expect(page.locator("#bp_math")).to_contain_text("Lote de 5 exemplos (1 a 5)")
    expect(page.locator("#bp_math")).to_contain_text("∑")
    page.get_by_role("button", name="Próximo passo").click()
    page.get_by_role("button", name="Próximo passo").click()
    expect(page.locator("#bp_status")).to_contain_text("exemplos 6 a 10 de 20")
    page.get_by_label("Atualização").select_option(label="Lote completo")
    page.get_by_role("button", name="Próximo passo").click()
    expect(page.locator("#bp_status")).to_contain_text(re.compile(r"exemplos \d+ a 20 de 20"))


def test_training_stops_by_itself_at_the_target_and_says_why(page: Page, live_server):
    open_widget(page, live_server, "?lr=0.5&speed=10")
    expect(page.get_by_label("Parar quando o erro (MSE) ≤")).to_have_value("0,01")
    page.get_by_role("button", name="Treinar automático").click()
    message = page.locator("#bp_msg")
    expect(message).to_have_text(re.compile(r"^Treino parado: o erro \(MSE\) chegou a 0,\d+, no alvo ≤ 0,01, na época \d+\.$"),
                                 timeout=30_000)
    expect(page.get_by_role("button", name="Treinar automático")).to_be_visible()
    assert float(page.locator("#bp_err").text_content().replace(",", ".")) <= 0.01
    epoch = int(page.locator("#bp_epoch").text_content())
    assert f"na época {epoch}." in message.text_content()


def test_training_stops_at_the_maximum_epoch(page: Page, live_server):
    open_widget(page, live_server, "?speed=9")
    epochs = page.get_by_label("ou na época")
    epochs.fill("40")
    epochs.press("Enter")
    page.get_by_role("button", name="Treinar automático").click()
    expect(page.locator("#bp_msg")).to_have_text("Treino parado: chegou à época 40, o máximo escolhido.")
    expect(page.locator("#bp_epoch")).to_have_text("40")


def test_the_slowest_speed_steps_one_phase_at_a_time(page: Page, live_server):
    open_widget(page, live_server)
    speed = page.get_by_label("Velocidade")
    speed.fill("0")
    expect(page.locator("#bp_speedVal")).to_have_text("uma fase a cada 0,7 s")
    page.get_by_role("button", name="Treinar automático").click()
    status = page.locator("#bp_status")
    expect(status).to_contain_text("Fase: forward")
    expect(status).to_contain_text("Fase: backward")
    expect(status).to_contain_text("Fase: update")
    page.get_by_role("button", name="Pausar").click()
    expect(page.locator("#bp_epoch")).to_have_text("0")


def test_the_fastest_speed_moves_the_curve_at_once_and_the_hover_reads_it(page: Page, live_server):
    open_widget(page, live_server, "?lr=0.5&split=25&target=0.0001&max_epochs=3000")
    page.get_by_label("Velocidade").fill("10")
    expect(page.locator("#bp_speedVal")).to_have_text("máxima")
    page.get_by_role("button", name="Treinar automático").click()
    expect(page.locator("#bp_msg")).to_contain_text("chegou à época 3000", timeout=30_000)
    loss = page.locator("#bp_loss")
    loss.hover()  # the middle of the plot: about epoch 1500
    readout = page.locator("#bp_lossReadout")
    # XOR's four examples (three trained, one for validation) follow, each with its own loss.
    expect(readout).to_have_text(re.compile(
        r"^época \d+: treino \d,\d{4}, validação \d,\d{4}( · exemplo \d \(\d; \d\): \d,\d{4}){4}$"))
    assert 1000 < int(readout.text_content().split()[1].rstrip(":")) < 2000
    page.get_by_role("heading", name="Curva de perda (MSE)").hover()
    expect(readout).to_have_text("")


HEX_COUNT = """([id, hex, fromRow = 0]) => {
  const n = parseInt(hex.slice(1), 16);
  const [r, g, b] = [(n >> 16) & 255, (n >> 8) & 255, n & 255];
  const canvas = document.getElementById(id);
  const top = Math.round(fromRow * devicePixelRatio);
  const data = canvas.getContext('2d').getImageData(0, top, canvas.width, canvas.height - top).data;
  let count = 0;
  for (let i = 0; i < data.length; i += 4) {
    if (Math.abs(data[i] - r) < 24 && Math.abs(data[i + 1] - g) < 24 && Math.abs(data[i + 2] - b) < 24) count++;
  }
  return count;
}"""

EXAMPLE_READOUT = re.compile(r"^época (\d+): (\d,\d{4})" + "".join(
    rf" · exemplo {k} \({x}\): (\d,\d{{4}})" for k, x in enumerate(["0; 0", "0; 1", "1; 0", "1; 1"], 1)) + "$")


def test_each_example_of_a_small_set_has_its_own_thin_line_and_read_out(page: Page, live_server):
    open_widget(page, live_server, "?lr=0.5&target=0.0001")
    train_until_epoch(page, 40)
    colours = page.evaluate("async () => (await import('/static/js/lazy/loss-examples.js')).LINE_COLORS.slice(0, 4)")
    for colour in colours:  # each in the key (a 20-pixel swatch at least)
        wait_until(page, f"() => ({HEX_COUNT})(['bp_loss', '{colour}']) > 10")
    # and as lines across the plot, below the key (two lines may coincide: XOR's (0, 1) and (1, 0))
    below_key = " + ".join(f"({HEX_COUNT})(['bp_loss', '{colour}', 60])" for colour in colours)
    wait_until(page, f"() => {below_key} > 600")
    page.locator("#bp_loss").hover()
    readout = page.locator("#bp_lossReadout")
    expect(readout).to_have_text(EXAMPLE_READOUT)
    loss, *examples = (float(v.replace(",", ".")) for v in EXAMPLE_READOUT.match(readout.text_content()).groups()[1:])
    assert abs(sum(examples) / 4 - loss) <= 1.5e-4  # the curve is the mean of the four lines
    page.get_by_label("Conjunto de dados").select_option(label="Círculo")
    expect(page.locator("#bp_status")).to_contain_text("de 100")
    train_until_epoch(page, 3)
    page.locator("#bp_loss").hover(position={"x": 300, "y": 100})
    expect(readout).to_have_text(re.compile(r"^época \d+: \d,\d{4}$"))  # 100 examples: no lines
    assert all(page.evaluate(HEX_COUNT, ["bp_loss", colour]) < 20 for colour in colours)


def test_the_unit_maps_title_follows_a_language_switch_while_training_out_of_view(page: Page, live_server):
    page.set_viewport_size({"width": 1280, "height": 720})
    open_widget(page, live_server, "?lr=0.01&speed=10&target=0.0001&max_epochs=1000000")  # trains for minutes
    title = page.locator("#bp_unitTitle")
    expect(title).to_have_text("Ativação de a₁")
    assert not page.evaluate("""() => { const r = document.getElementById('bp_unitMap').getBoundingClientRect();
      return r.top < innerHeight + 200; }""")  # out of view (and past on-screen.js's margin): not redrawn
    page.get_by_role("button", name="Treinar automático").click()
    expect(page.get_by_role("button", name="Pausar")).to_be_visible()
    page.get_by_role("combobox", name="Idioma").select_option("en")
    expect(page.get_by_role("button", name="Pause")).to_be_visible()  # still training, in English
    expect(title).to_have_text("Activation of a₁", timeout=2000)
    expect(page.get_by_role("button", name="Pause")).to_be_visible()  # while it still trains
