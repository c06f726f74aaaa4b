"""The page in a real browser: Chromium clicks the course's controls and reads what the student sees."""

from __future__ import annotations

import json
import re

import pytest

from helpers.browser import lr_position, wait_until
from playwright.sync_api import Page, expect

NUMBER = re.compile(r"^−?\d+,\d+$")
DASH = "—"
COURSE_PARAMS = ["w₁₁", "w₁₂", "w₂₁", "w₂₂", "b₁", "b₂", "v₁", "v₂", "c"]

# How much of a canvas is drawn: pixels unlike the top-left one, distinct colours, a checksum.
CANVAS_INK = """(id) => {
  const canvas = document.getElementById(id);
  const { width, height } = canvas;
  if (!width || !height) return { width, height, ink: 0, colours: 0, sum: 0 };
  const data = canvas.getContext('2d').getImageData(0, 0, width, height).data;
  const bg = [data[0], data[1], data[2], data[3]];
  const colours = new Set();
  let ink = 0, sum = 0;
  for (let i = 0; i < data.length; i += 4) {
    if (data[i] !== bg[0] || data[i + 1] !== bg[1] || data[i + 2] !== bg[2] || data[i + 3] !== bg[3]) ink++;
    if (colours.size < 64) colours.add((data[i] << 16) | (data[i + 1] << 8) | data[i + 2]);
    sum = (sum * 31 + data[i] + 3 * data[i + 1] + 7 * data[i + 2] + data[i + 3]) % 1000000007;
  }
  return { width, height, ink, colours: colours.size, sum };
}"""


def open_widget(page: Page, base_url: str, query: str = "") -> None:
    """Load the page and wait until the server's first state is on screen."""
    page.goto(f"{base_url}/{query}")
    expect(page.locator("#bp_status")).to_contain_text(re.compile(r"^(Fase|Phase):"))


def next_step(page: Page) -> None:
    page.get_by_role("button", name="Próximo passo").click()


def expect_phase(page: Page, pattern: str) -> None:
    """The status line names the phase that just ran (regex on what follows "Fase: ")."""
    expect(page.locator("#bp_status")).to_contain_text(re.compile(r"Fase: " + pattern))


def ink(page: Page, canvas_id: str) -> dict:
    return page.evaluate(CANVAS_INK, canvas_id)


def wait_for_canvas_change(page: Page, canvas_id: str, before: dict, min_ink: int = 1) -> dict:
    """Wait until the canvas differs from `before` and has at least min_ink drawn pixels (polled with
    wait_until: wait_for_function's later polls use eval, which the page's CSP refuses)."""
    wait_until(page, f"([id, sum, minInk]) => {{ const r = ({CANVAS_INK})(id); return r.sum !== sum && r.ink >= minInk; }}",
               [canvas_id, before["sum"], min_ink])
    return ink(page, canvas_id)


def hotspot(page: Page, name: str):
    """A clickable spot over the network canvas, e.g. "Peso w₁₂", "Viés b₁", "Alvo y"."""
    return page.get_by_role("button", name=name, exact=True)


def edit_value(page: Page, name: str, value: str, key: str = "Enter") -> None:
    """Open the editor of one number of the network, type value, press key (Enter or Escape)."""
    short = name.split()[-1]
    hotspot(page, name).click()
    editor = page.get_by_label(f"Novo valor de {short}")
    expect(editor).to_be_visible()
    editor.fill(value)
    editor.press(key)
    expect(editor).to_be_hidden()


# Edits that saturate the output where y = 1: v = 0 and c = logit(1 − 10⁻¹²), so ŷ = σ(27.631) reads
# 1.0000 like y, and L = ½(y − ŷ)² = 5.00×10⁻²⁵.
SATURATED_OUTPUT = [("Peso v₁", "0"), ("Peso v₂", "0"), ("Alvo y", "1"), ("Viés c", "27.631021115928547")]


def set_learning_rate(page: Page, lr: float) -> None:
    """Move the η slider to lr, as a drag would."""
    page.get_by_label("Taxa de aprendizado (η)").fill(lr_position(lr))


def test_readouts_show_dash_before_the_first_step(page, live_server):
    open_widget(page, live_server)
    for rid in ("bp_epoch", "bp_err", "bp_out", "bp_abs"):
        expect(page.locator(f"#{rid}")).to_have_text(DASH)
    # Every gradient's row is there from the start, each "—", so the box does not grow at a backward.
    expect(page.locator("#bp_grads")).to_have_text(re.compile(r"^∂L/∂w₁₁ = —\n(.*= —\n){8}\n\(ainda não calculado\)$"))
    expect_phase(page, "início")
    expect(page.get_by_role("button", name="Passo anterior")).to_be_disabled()


def test_three_steps_run_forward_backward_update(page, live_server):
    open_widget(page, live_server)
    next_step(page)
    expect_phase(page, r"forward")
    expect(page.locator("#bp_out")).to_have_text(NUMBER)
    expect(page.locator("#bp_abs")).to_have_text(NUMBER)
    expect(page.locator("#bp_target")).to_have_text("0")
    expect(page.locator("#bp_epoch")).to_have_text("0")

    next_step(page)
    expect_phase(page, r"backward")
    grads = page.locator("#bp_grads")
    for name in COURSE_PARAMS:
        expect(grads).to_contain_text(re.compile(rf"∂L/∂{name}\s*=\s*−?\d"))

    next_step(page)
    expect_phase(page, r"update")
    expect(page.locator("#bp_status")).to_contain_text(re.compile(r"próximo: forward"))


def test_readouts_say_the_error_is_a_mean_and_the_output_one_examples(page, live_server):
    """The canvas's L is one example's; "Erro (MSE)" beside it is the mean over the examples."""
    open_widget(page, live_server)
    next_step(page)
    expect_phase(page, r"forward")
    expect(page.locator("#bp_errScope")).to_have_text("média dos 4 exemplos")
    for rid in ("bp_outScope", "bp_targetScope", "bp_absScope"):
        expect(page.locator(f"#{rid}")).to_have_text("exemplo 1")
    for _ in range(3):
        next_step(page)
    expect(page.locator("#bp_outScope")).to_have_text("exemplo 2")
    # The numbers of a row stay on one line, with or without a line under them.
    tops = {rid: page.locator(f"#{rid}").bounding_box()["y"] for rid in ("bp_epoch", "bp_err", "bp_out", "bp_correct")}
    assert max(tops.values()) - min(tops.values()) < 1, tops


def test_auto_training_lowers_the_error_and_draws_the_loss_curve(page, live_server):
    open_widget(page, live_server, "?dataset=or&lr=1&target=0.0001")
    for _ in range(3):
        next_step(page)
    expect_phase(page, "update")
    expect(page.locator("#bp_err")).to_have_text(NUMBER)
    error_before = float(page.locator("#bp_err").text_content().replace("−", "-").replace(",", "."))
    loss_before = ink(page, "bp_loss")

    page.get_by_role("button", name="Treinar automático").click()
    pause = page.get_by_role("button", name="Pausar")
    expect(pause).to_be_visible()
    wait_until(page, "() => Number(document.getElementById('bp_epoch').textContent) >= 100")
    pause.click()
    expect(page.get_by_role("button", name="Treinar automático")).to_be_visible()

    error_after = float(page.locator("#bp_err").text_content().replace("−", "-").replace(",", "."))
    assert error_after < error_before
    drawn = wait_for_canvas_change(page, "bp_loss", loss_before, min_ink=200)
    assert drawn["colours"] >= 2


def test_pausing_ends_a_long_train_at_once_and_the_next_step_follows_it(page, page_watch):
    """At speed 9 a request asks for 300 epochs: ~9 s of the largest network, and this server lets a
    train run 30 s. Pausing cuts the train in flight short at its next epoch; Próximo passo then
    runs the next forward from the epoch that train reached."""
    from helpers.servers import start_gunicorn

    server = start_gunicorn(env={"BP_MAX_TRAIN_SECONDS": "30"})
    try:
        page_watch.allow(server.base_url)
        open_widget(page, server.base_url, "?dataset=spiral&points=400&hidden=8,8,8,8,8,8&speed=9")
        page.get_by_role("button", name="Treinar automático").click()
        page.get_by_role("button", name="Pausar").click()
        expect(page.get_by_role("button", name="Treinar automático")).to_be_visible()
        next_step(page)
        expect_phase(page, r"forward \(propagação\) — exemplo 1 de 400")
        assert 1 <= int(page.locator("#bp_epoch").text_content()) < 300
    finally:
        server.stop()


def test_reset_goes_back_to_epoch_zero(page, live_server):
    open_widget(page, live_server, "?lr=0.5")
    page.get_by_role("button", name="Treinar automático").click()
    wait_until(page, "() => Number(document.getElementById('bp_epoch').textContent) >= 3")
    page.get_by_role("button", name="Pausar").click()
    expect(page.get_by_role("button", name="Treinar automático")).to_be_visible()

    page.get_by_role("button", name="Reset").click()
    expect(page.locator("#bp_epoch")).to_have_text(re.compile(r"^(0|—)$"))
    expect(page.locator("#bp_out")).to_have_text(DASH)
    expect_phase(page, "início")


@pytest.mark.parametrize("lang, words", [
    ("pt-BR", "(a saída é sempre sigmoid): σ′ = σ(1 − σ) ≤ 0,25, tanh′ = 1 − tanh² ≤ 1, ReLU′(z) = 1 se z > 0, senão 0"),
    ("en", "(the output is always sigmoid): σ′ = σ(1 − σ) ≤ 0.25, tanh′ = 1 − tanh² ≤ 1, ReLU′(z) = 1 if z > 0, else 0"),
])
def test_the_activation_setting_states_each_derivative_convention(page, live_server, lang, words):
    open_widget(page, live_server, f"?lang={lang}")
    select = page.locator("#bp_act")
    # The select is described by the conventions note (Avançado), which the optimiser shares.
    expect(page.locator(f"#{select.get_attribute('aria-describedby')}")).to_contain_text(words)


def test_activation_changes_what_the_next_step_computes(page, live_server):
    open_widget(page, live_server, "?seed=3")
    next_step(page)
    expect(page.locator("#bp_out")).to_have_text(NUMBER)
    with_sigmoid = page.locator("#bp_out").text_content()

    page.get_by_role("button", name="Reset").click()
    expect(page.locator("#bp_out")).to_have_text(DASH)
    page.get_by_label("Função de ativação").select_option("tanh")
    expect(page.get_by_label("Função de ativação")).to_have_value("tanh")
    next_step(page)
    expect_phase(page, "forward")
    expect(page.locator("#bp_out")).to_have_text(NUMBER)
    expect(page.locator("#bp_out")).not_to_have_text(with_sigmoid)


def test_network_canvas_is_drawn(page, live_server):
    open_widget(page, live_server)
    wait_until(page, f"() => {{ const r = ({CANVAS_INK})('bp_canvas'); return r.ink > 1000 && r.colours >= 3; }}")


def test_hotspots_sit_over_the_network_picture(page, live_server):
    open_widget(page, live_server)
    next_step(page)
    expect_phase(page, "forward")
    canvas = page.locator("#bp_canvas").bounding_box()
    assert canvas is not None
    for name in ("Peso w₁₂", "Viés b₁", "Peso v₂", "Neurônio a₁", "Entrada x₁", "Alvo y"):
        spot = hotspot(page, name)
        expect(spot).to_be_visible()
        box = spot.bounding_box()
        cx, cy = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
        assert canvas["x"] <= cx <= canvas["x"] + canvas["width"], (name, box, canvas)
        assert canvas["y"] <= cy <= canvas["y"] + canvas["height"], (name, box, canvas)


def test_gradient_toggle_redraws_the_network(page, live_server):
    open_widget(page, live_server)
    next_step(page)
    next_step(page)
    expect_phase(page, "backward")
    toggle = page.get_by_label("Mostrar gradientes")
    expect(toggle).to_be_checked()
    with_gradients = ink(page, "bp_canvas")
    toggle.uncheck()
    wait_for_canvas_change(page, "bp_canvas", with_gradients, min_ink=1000)


def test_editing_a_weight_changes_the_next_forward(page, live_server):
    open_widget(page, live_server, "?dataset=single&seed=3")
    next_step(page)
    expect(page.locator("#bp_out")).to_have_text(NUMBER)
    original = page.locator("#bp_out").text_content()

    page.get_by_role("button", name="Reset").click()
    expect(page.locator("#bp_out")).to_have_text(DASH)
    edit_value(page, "Peso w₁₁", "3")
    edit_value(page, "Peso w₁₁", "-7", key="Escape")  # Escape keeps 3
    next_step(page)
    expect_phase(page, "forward")
    expect(page.locator("#bp_out")).to_have_text(NUMBER)
    expect(page.locator("#bp_out")).not_to_have_text(original)
    edited = page.locator("#bp_out").text_content()

    page.get_by_role("button", name="Reset").click()
    expect(page.locator("#bp_out")).to_have_text(DASH)
    edit_value(page, "Peso w₁₁", "3")
    next_step(page)
    expect(page.locator("#bp_out")).to_have_text(edited)


def test_the_editor_starts_from_the_number_as_written_even_a_tiny_one(page, live_server):
    """w₁₁ = 10⁻⁵ is written 1.00×10⁻⁵: its editor opens on 0.00001, not on 0 (typing 0 then
    changed nothing: the page took it for the value already there)."""
    open_widget(page, live_server)
    edit_value(page, "Peso w₁₁", "0.00001")
    expect(hotspot(page, "Peso w₁₁")).to_have_attribute("title", "w₁₁ = 1,00×10⁻⁵")
    hotspot(page, "Peso w₁₁").click()
    expect(page.get_by_label("Novo valor de w₁₁")).to_have_value("0,00001")
    page.get_by_label("Novo valor de w₁₁").press("Escape")
    edit_value(page, "Peso w₁₁", "0")
    expect(hotspot(page, "Peso w₁₁")).to_have_attribute("title", "w₁₁ = 0,0000")


def test_editing_the_target(page, live_server):
    open_widget(page, live_server, "?dataset=single")
    next_step(page)
    expect(page.locator("#bp_target")).to_have_text("1")
    edit_value(page, "Alvo y", "0.25")
    expect(page.locator("#bp_target")).to_have_text(re.compile(r"^0,25"))


def test_selecting_a_weight_shows_its_chain_rule(page, live_server):
    open_widget(page, live_server)
    next_step(page)
    next_step(page)
    expect_phase(page, "backward")
    hotspot(page, "Peso w₁₂").click()
    math = page.locator("#bp_math")
    expect(math).to_contain_text(re.compile(r"w\s*(12|₁₂)"))
    expect(math).to_contain_text("∂")


def test_focusing_a_weight_from_the_keyboard_selects_it(page, live_server):
    open_widget(page, live_server)
    next_step(page)
    next_step(page)
    expect_phase(page, "backward")
    hotspot(page, "Peso w₁₁").focus()
    page.keyboard.press("ArrowDown")
    focused = page.locator(".bp-hotspot:focus")
    expect(focused).to_have_attribute("aria-pressed", "true")
    expect(page.locator("#bp_math")).to_contain_text("∂")
    assert focused.get_attribute("aria-label") != "Peso w₁₁"


def test_undo_three_times_returns_to_the_start(page, live_server):
    open_widget(page, live_server)
    for phase in ("forward", "backward", "update"):
        next_step(page)
        expect_phase(page, phase)
    undo = page.get_by_role("button", name="Passo anterior")
    for phase in ("backward", "forward", "início"):
        undo.click()
        expect_phase(page, phase)
    expect(page.locator("#bp_out")).to_have_text(DASH)


def test_detailed_steps_visit_every_layer(page, live_server):
    open_widget(page, live_server)
    page.get_by_label("Passo detalhado").check()
    expect(page.get_by_label("Passo detalhado")).to_be_checked()
    for pattern in (r"forward \(propagação\), camada 1 de 2", r"forward \(propagação\), camada 2 de 2",
                    r"backward \(retropropagação\), camada 2 de 2",
                    r"backward \(retropropagação\), camada 1 de 2", r"update"):
        next_step(page)
        expect_phase(page, pattern)


@pytest.mark.parametrize("decimals", [2, 7])
def test_precision_sets_the_number_of_decimals(page, live_server, decimals):
    open_widget(page, live_server)
    next_step(page)
    expect(page.locator("#bp_out")).to_have_text(re.compile(r"^\d,\d{4}$"))
    page.get_by_label("Casas decimais").select_option(str(decimals))
    expect(page.locator("#bp_out")).to_have_text(re.compile(rf"^\d,\d{{{decimals}}}$"))


def test_english_from_the_url(page, live_server):
    open_widget(page, live_server, "?lang=en")
    for name in ("Next step", "Train automatically", "Reset", "Previous step"):
        expect(page.get_by_role("button", name=name)).to_be_visible()
    expect(page.get_by_label("Activation function")).to_be_visible()
    expect(page.get_by_label("Show gradients")).to_be_visible()
    page.get_by_role("button", name="Next step").click()
    expect(page.locator("#bp_status")).to_contain_text("Phase: forward")


class TestPhone:
    @pytest.fixture
    def context_options(self):
        return {"viewport": {"width": 360, "height": 740}, "device_scale_factor": 2,
                "is_mobile": True, "has_touch": True}

    def test_no_horizontal_overflow_at_360px(self, page, live_server):
        open_widget(page, live_server)
        next_step(page)
        next_step(page)
        expect_phase(page, "backward")
        widths = page.evaluate(
            "() => ({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth })")
        assert widths["inner"] == 360
        assert widths["scroll"] <= widths["inner"], widths
        expect(page.get_by_role("button", name="Próximo passo")).to_be_in_viewport()

    def test_a_tap_on_a_weight_selects_it_and_edits_it(self, page, live_server):
        open_widget(page, live_server)
        page.get_by_role("button", name="Próximo passo").tap()
        expect_phase(page, "forward")
        weight = hotspot(page, "Peso w₁₂")
        weight.tap()  # a touch on the picture, where w₁₂'s label is
        expect(weight).to_have_attribute("aria-pressed", "true")
        expect(page.locator("#bp_math .bp-math-title")).to_have_text("Peso w₁₂")
        editor = page.get_by_label("Novo valor de w₁₂")
        expect(editor).to_be_focused()
        editor.fill("0.5")
        editor.press("Enter")
        expect(editor).to_be_hidden()
        expect(weight).to_have_attribute("title", "w₁₂ = 0,5000")
        hotspot(page, "Viés c").tap()  # another tap moves the selection
        expect(hotspot(page, "Viés c")).to_have_attribute("aria-pressed", "true")
        expect(weight).to_have_attribute("aria-pressed", "false")


# Each control of the page header: how far it sticks out of the viewport, and how much narrower it
# is than it wants to be (a select squeezed below its own width shows its choice clipped).
HEADER_CONTROLS = """() => [...document.querySelectorAll('.bp-header select, .bp-header button, .bp-header a')]
  .filter((el) => el.getClientRects().length).map((el) => {
    const box = el.getBoundingClientRect();
    const free = el.cloneNode(true);
    free.style.cssText = 'position:absolute;visibility:hidden;width:auto;min-width:0;max-width:none;flex:none';
    el.parentNode.appendChild(free);
    const wanted = free.getBoundingClientRect().width;
    free.remove();
    return { name: el.id || el.textContent.trim(), left: box.left, right: box.right, width: box.width, wanted,
             viewport: document.documentElement.clientWidth };
  })"""


class TestPhone320:
    @pytest.fixture
    def context_options(self):
        return {"viewport": {"width": 320, "height": 640}, "device_scale_factor": 2,
                "is_mobile": True, "has_touch": True}

    @pytest.mark.parametrize("lang", ["pt-BR", "en"])
    def test_no_header_control_is_clipped_or_overflows(self, page, live_server, lang):
        open_widget(page, live_server, f"?lang={lang}")
        controls = page.evaluate(HEADER_CONTROLS)
        assert any(c["name"] == "bp_lang" for c in controls), controls
        for c in controls:
            assert c["left"] >= 0 and c["right"] <= c["viewport"], c
            assert c["width"] >= c["wanted"] - 0.5, c

    @pytest.mark.parametrize("path", ["/", "/embed"])
    @pytest.mark.parametrize("lang", ["pt-BR", "en"])
    def test_every_action_label_fits_its_button(self, page, live_server, path, lang):
        """"Train automatically" (its longest word) stuck out of its button by ~4 px in English."""
        page.goto(f"{live_server}{path}?lang={lang}")
        expect(page.locator("#bp_status")).to_contain_text(re.compile(r"^(Fase|Phase):"))
        buttons = page.evaluate("""() => [...document.querySelectorAll('.bp-actions__buttons .md-button')]
          .filter((b) => b.getClientRects().length)
          .map((b) => ({ name: b.textContent, client: b.clientWidth, scroll: b.scrollWidth }))""")
        assert any(b["name"] in ("Treinar automático", "Train automatically") for b in buttons), buttons
        for b in buttons:
            assert b["scroll"] <= b["client"], b


def three_steps(page: Page, base_url: str, query: str = "") -> None:
    """Open the page (XOR unless told) and run forward, backward and update of example 1."""
    open_widget(page, base_url, query)
    for phase in ("forward", "backward", "update"):
        next_step(page)
        expect_phase(page, phase)


def test_after_an_update_x_and_y_are_the_example_just_learned(page, live_server):
    three_steps(page, live_server)  # example 1 of XOR learned: x = (0, 0), y = 0; example 2 is next
    expect(page.locator("#bp_target")).to_have_text("0")
    learned = "exemplo já treinado: edite depois do próximo forward"
    expect(hotspot(page, "Alvo y")).to_have_attribute("title", f"y = 0,0000 ({learned})")
    expect(hotspot(page, "Entrada x₂")).to_have_attribute("title", f"x₂ = 0,0000 ({learned})")

    hotspot(page, "Peso w₁₂").click()
    math = page.locator("#bp_math")
    expect(math).to_contain_text(re.compile(r"ŷ\s*−\s*y\s*=\s*0,5067\s*−\s*0,0000\s*=\s*0,5067"))
    expect(math).not_to_contain_text("1,0000")
    hotspot(page, "Alvo y").click()
    expect(math).to_contain_text(re.compile(r"\(\s*0,0000\s*−\s*0,5067\s*\)\s*2\s*=\s*0,1284"))

    expect(page.get_by_label("Novo valor de y")).to_have_count(0)  # no editor for a learned example
    expect(page.locator("#bp_msg")).to_contain_text("Este exemplo acabou de ser treinado")
    expect(page.locator(".bp-hint")).to_contain_text("Logo após um update, x e y mostram o exemplo")

    next_step(page)  # the forward of example 2: x = (0, 1), y = 1, editable again
    expect_phase(page, r"forward .* exemplo 2 de 4")
    expect(hotspot(page, "Alvo y")).to_have_attribute("title", "y = 1,0000")
    expect(hotspot(page, "Entrada x₂")).to_have_attribute("title", "x₂ = 1,0000")
    edit_value(page, "Alvo y", "0.75")
    expect(page.locator("#bp_target")).to_have_text("0,7500")


def test_update_rows_keep_the_learning_rate_the_update_used(page, live_server):
    three_steps(page, live_server, "?dataset=passo_a_passo")
    math = page.locator("#bp_math")
    expect(math).to_contain_text("(η = 0,5)")
    expect(math).to_contain_text(re.compile(r"0,4000\s*−\s*0,5\s*×\s*0,0822\s*=\s*0,3589"))

    set_learning_rate(page, 0.2)
    expect(page.locator("#bp_lrVal")).to_have_text("0,2")
    expect(math).to_contain_text("η = 0,2")  # the server answered the configure
    expect(math).not_to_contain_text(re.compile(r"0,2\s*×"))
    expect(math).to_contain_text(re.compile(r"0,4000\s*−\s*0,5\s*×\s*0,0822\s*=\s*0,3589"))
    expect(math).to_contain_text("(η = 0,5)")
    expect(math).to_contain_text("o novo η = 0,2 vale a partir da próxima atualização")
    expect_phase(page, "update")


def test_cross_entropy_keeps_the_mse_labels_and_adds_its_own_readout(page, live_server):
    three_steps(page, live_server)
    train_loss = page.locator("#bp_trainLoss")
    expect(train_loss).to_be_hidden()
    expect(page.locator("#bp_lossNoteBce")).to_be_hidden()
    expect(page.locator("#bp_lossNote")).to_contain_text("A curva e a leitura “Erro (MSE)” mostram a média dessa perda")

    three_steps(page, live_server, "?loss=bce")
    expect(page.locator("dt", has_text="Erro (MSE)")).to_be_visible()
    expect(page.get_by_role("heading", name="Curva de perda (MSE)")).to_be_visible()
    expect(page.locator("dt", has_text="Perda de treino (entropia cruzada)")).to_be_visible()
    expect(train_loss).to_have_text(NUMBER)
    expect(page.locator("#bp_err")).to_have_text(NUMBER)
    assert train_loss.text_content() != page.locator("#bp_err").text_content()  # ln-loss vs ½(y − ŷ)²
    note = page.locator("#bp_lossNote")
    expect(note).to_contain_text("O treino usa a entropia cruzada binária")
    expect(note).to_contain_text("A curva e a leitura “Erro (MSE)” mostram sempre a média de ½(y − ŷ)²")
    expect(page.locator("#bp_lossNoteMse")).to_be_hidden()  # "Perda de um exemplo: L = ½(y − ŷ)²"


def test_learning_rate_takes_the_servers_whole_range_on_a_log_slider(page, live_server):
    open_widget(page, live_server, "?lr=5")
    expect(page.locator("#bp_lrVal")).to_have_text("5")
    slider = page.get_by_label("Taxa de aprendizado (η)")
    expect(slider).to_have_value(lr_position(5))
    expect(slider).to_have_attribute("aria-valuetext", "5")  # what a screen reader says
    for _ in range(3):
        next_step(page)
    expect_phase(page, "update")
    expect(page.locator("#bp_math")).to_contain_text("η = 5")  # the server trained with 5

    set_learning_rate(page, 0.002)
    expect(page.locator("#bp_lrVal")).to_have_text("0,002")
    expect(page).to_have_url(re.compile(r"[?&]lr=0\.002\b"))
    set_learning_rate(page, 10)
    expect(page.locator("#bp_lrVal")).to_have_text("10")
    expect(page.locator("#bp_math")).to_contain_text("o novo η = 10 vale a partir da próxima atualização")


def lr_sent(frames):
    """η of each `configure` the page sent, in order."""
    return [json.loads(f)["lr"] for f in frames if '"configure"' in f and '"lr"' in f]


@pytest.mark.parametrize("start, key, expected", [
    ("0.1", "ArrowRight", ["0,11", "0,12", "0,13"]),
    ("0.1", "ArrowLeft", ["0,099", "0,098", "0,097"]),
    ("0.98", "ArrowUp", ["0,99", "1", "1,1"]),
])
def test_each_arrow_press_on_the_lr_slider_changes_eta(page, live_server, start, key, expected):
    """A log slider with steps of 0.01 decade moved η by less than its two digits keep: at 0.1 the
    first two → presses showed (and sent) 0.1 again."""
    frames = []
    page.on("websocket", lambda ws: ws.on("framesent", lambda payload: frames.append(payload)))
    open_widget(page, live_server, f"?lr={start}")
    slider = page.get_by_label("Taxa de aprendizado (η)")
    slider.focus()
    for shown in expected:
        slider.press(key)
        expect(page.locator("#bp_lrVal")).to_have_text(shown)
        expect(slider).to_have_attribute("aria-valuetext", shown)
    page.locator("#bp_next").focus()  # leaving the slider writes η from the settings again
    expect(page.locator("#bp_lrVal")).to_have_text(expected[-1])
    wanted = [float(shown.replace(",", ".")) for shown in expected]
    for _ in range(250):  # Playwright hands over the sent frames asynchronously
        if lr_sent(frames)[-len(wanted):] == wanted:
            break
        page.wait_for_timeout(20)
    assert lr_sent(frames)[-len(wanted):] == wanted, lr_sent(frames)  # after the opening's own η


def test_controls_are_built_from_the_servers_table(page, live_server):
    open_widget(page, live_server)
    options = page.evaluate("""(ids) => Object.fromEntries(ids.map((id) =>
        [id, [...document.getElementById(id).options].map((o) => `${o.value}=${o.textContent}`)]))""",
        ["bp_act", "bp_data", "bp_lossFn"])
    assert options["bp_act"] == ["sigmoid=Sigmoid", "tanh=Tanh", "relu=ReLU"]
    assert options["bp_data"][0] == "xor=XOR" and "passo_a_passo=Exemplo passo a passo (2–2–1)" in options["bp_data"]
    assert options["bp_data"][-1] == "spiral=Duas espirais"
    assert options["bp_lossFn"] == ["mse=MSE (½(y − ŷ)²)", "bce=Entropia cruzada binária"]
    expect(page.get_by_label("Velocidade")).to_have_attribute("max", "10")
    expect(page.get_by_label("Semente")).to_have_attribute("max", "2147483647")
    expect(page.get_by_label("Momento (μ; β₁ no Adam)")).to_have_attribute("max", "0.99")
    expect(page.get_by_label("Velocidade")).to_have_value("6")
    expect(page.get_by_label("Casas decimais")).to_have_value("4")


def test_a_regional_english_tag_gives_an_english_page(page, live_server):
    open_widget(page, live_server, "?lang=en-AU")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("button", name="Next step")).to_be_visible()
    expect(page.get_by_label("Language")).to_have_value("en")
    expect(page.get_by_label("Data set")).to_contain_text("Single example (y = 1)")
    page.get_by_role("button", name="Next step").click()
    expect(page.locator("#bp_status")).to_contain_text("Phase: forward")


def test_a_gradient_below_the_checks_resolution_shows_no_relative_error(page, live_server):
    """tanh(40): ∂L/∂b₁ ≈ 10⁻³⁶ and its estimate 0; the server's 10⁻²⁶ there is |a − n| over the
    floor 10⁻¹⁰, not a relative error (which is 1), so the list and the math panel write "—"."""
    open_widget(page, live_server, "?activation=tanh&check=1")
    edit_value(page, "Viés b₁", "40")
    next_step(page)
    next_step(page)
    expect(page.locator("#bp_grads")).to_contain_text("abaixo da resolução")
    line = next(s for s in page.locator("#bp_grads").text_content().split("\n") if s.startswith("∂L/∂b₁"))
    assert re.search(r"×10⁻\S+ +numérico +0,0000 +erro rel\. — +abaixo da resolução$", line), line
    expect(page.locator("#bp_math")).to_contain_text("abaixo da resolução")  # b₁ is selected: its check
    assert "errorelativo=—" in re.sub(r"\s+", "", page.locator("#bp_math").text_content())
