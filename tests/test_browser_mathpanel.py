"""The math panel from one state to the next (static/js/math-view.js): while auto-training it waits
for the pause, and is drawn in the frames after the one that shows it; a panel of the same shape
takes new numbers in place. Whatever the path, the panel on screen is exactly the one mathpanel.js
builds afresh from the last state message; a large network's panel is built a screenful first and
whole once the page is idle. At saturation, where a reads 1.0000, g′ is written from |z|."""

from __future__ import annotations

import re

from helpers.browser import lr_position, wait_until
from playwright.sync_api import Page, expect

from test_browser import SATURATED_OUTPUT, edit_value, hotspot, next_step, open_widget

# Keep the last state as the page's store holds it: the parts a state sends only when they
# changed (dataset, metrics.predictions) are those of the state before (store.js, withHeldParts).
HOLD_LAST_STATE = """(() => {
  const Native = window.WebSocket;
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', (event) => {
        const m = JSON.parse(event.data);
        if (m.type !== 'state') return;
        const previous = window.__server;
        const dataset = m.dataset ?? previous?.dataset ?? null;
        const predictions = m.metrics?.predictions ?? previous?.metrics?.predictions ?? null;
        window.__server = { ...m, dataset, metrics: m.metrics && { ...m.metrics, predictions } };
      });
    }
  };
})();"""

# '' when #bp_math holds one panel, the very one mathpanel.js builds afresh from the last state.
DIFFERENCE = """async () => {
  const { buildMathPanel } = await import('/static/js/mathpanel.js');
  const lang = document.documentElement.lang === 'en' ? 'en' : 'pt-BR';
  const fresh = buildMathPanel(document, window.__server, { precision: 4, selection: null, lang }).outerHTML;
  const shown = [...document.getElementById('bp_math').children].map((el) => el.outerHTML);
  return shown.length === 1 && shown[0] === fresh ? '' : `shown ${shown.length}: ${shown.join(' | ').slice(0, 300)}`;
}"""

# A name given to a panel element (a property: its HTML stays the panel's), to know it again later.
TAG = "(tag) => { document.querySelector('#bp_math > .bp-mathpanel:last-child').testTag = tag; }"
SHOWN_TAG = "() => [...document.getElementById('bp_math').children].map((el) => el.testTag ?? '')"
EPOCH_AT_LEAST = "(n) => Number(document.getElementById('bp_epoch').textContent) >= n"


def shows_the_last_state(page: Page) -> None:
    """Wait until the panel on screen is the fresh build of the last state (fail with the difference)."""
    try:
        wait_until(page, f"async () => (await ({DIFFERENCE})()) === ''", timeout=10)
    except AssertionError:
        raise AssertionError(page.evaluate(DIFFERENCE)) from None


def train_then_pause(page: Page, epochs: int) -> None:
    page.get_by_role("button", name="Treinar automático").click()
    wait_until(page, EPOCH_AT_LEAST, epochs)
    page.get_by_role("button", name="Pausar").click()
    expect(page.get_by_role("button", name="Treinar automático")).to_be_visible()


def test_numbers_written_in_place_stay_right_after_training_undo_configure_and_language(page: Page, live_server):
    page.add_init_script(HOLD_LAST_STATE)
    open_widget(page, live_server, "?lr=0.5&speed=10&target=0.0001&max_epochs=1000000")
    train_then_pause(page, 200)
    shows_the_last_state(page)
    page.evaluate(TAG, "first")
    before = page.locator("#bp_math").text_content()

    train_then_pause(page, 600)  # the same shape: the same panel, other numbers
    shows_the_last_state(page)
    assert page.evaluate(SHOWN_TAG) == ["first"]
    assert page.locator("#bp_math").text_content() != before

    page.get_by_role("button", name="Passo anterior").click()
    shows_the_last_state(page)
    page.get_by_label("Taxa de aprendizado (η)").fill(lr_position(0.1))
    wait_until(page, "() => window.__server.config.lr === 0.1")
    shows_the_last_state(page)
    page.get_by_role("combobox", name="Idioma").select_option("en")
    wait_until(page, "() => window.__server.config.lang === 'en'")
    shows_the_last_state(page)
    page.get_by_role("button", name="Next step").click()
    expect(page.locator("#bp_math")).to_contain_text("Forward pass")
    shows_the_last_state(page)


# The frame counted from the page's first animation frame at which #bp_math's children change and
# at which the stop message is written (main.js: the last frame of the animation draws the pictures).
FRAME_OF_CHANGES = """() => {
  window.__changes = { frame: 0, panel: [], stop: null };
  const count = () => { window.__changes.frame += 1; requestAnimationFrame(count); };
  requestAnimationFrame(count);
  new MutationObserver(() => window.__changes.panel.push(window.__changes.frame))
    .observe(document.getElementById('bp_math'), { childList: true, subtree: true, characterData: true, attributes: true });
  const message = document.getElementById('bp_msg');
  new MutationObserver(() => {
    if (window.__changes.stop === null && message.textContent.startsWith('Treino parado')) {
      window.__changes.stop = window.__changes.frame;
    }
  }).observe(message, { childList: true, characterData: true, subtree: true });
}"""


def test_the_frame_that_shows_the_stop_leaves_the_panel_to_the_frames_after_it(page: Page, live_server):
    page.add_init_script(HOLD_LAST_STATE)
    open_widget(page, live_server, "?lr=0.5&speed=10&target=0.01")
    page.evaluate(FRAME_OF_CHANGES)
    page.get_by_role("button", name="Treinar automático").click()
    expect(page.locator("#bp_msg")).to_contain_text("Treino parado")
    shows_the_last_state(page)
    changes = page.evaluate("() => window.__changes")
    after_stop = [frame for frame in changes["panel"] if frame >= changes["stop"]]
    assert after_stop, changes  # the pause did show the last state's panel...
    assert min(after_stop) > changes["stop"], changes  # ...but not in the frame that wrote the stop


def test_while_training_epochs_at_a_time_the_panel_says_its_numbers_wait_for_the_pause(page: Page, live_server):
    open_widget(page, live_server, "?lr=0.5&speed=10&target=0.0001&max_epochs=1000000")
    note, panel = page.locator("#bp_mathWaiting"), page.locator("#bp_math")
    expect(note).to_be_hidden()
    page.get_by_role("button", name="Treinar automático").click()
    expect(note).to_be_visible()
    expect(note).to_have_text("Treinando: as contas abaixo são de um passo anterior; elas alcançam a rede quando "
                              "o treino pausar.")
    expect(panel).to_have_attribute("data-waiting", "")  # framed apart (app.css)
    expect(panel).to_have_accessible_description(note.text_content())
    wait_until(page, EPOCH_AT_LEAST, 100)
    page.get_by_role("button", name="Pausar").click()
    expect(note).to_be_hidden()
    expect(panel).not_to_have_attribute("data-waiting", "")
    expect(panel).not_to_have_attribute("aria-describedby", "bp_mathWaiting")


def test_training_a_phase_at_a_time_the_panel_follows_every_step_with_no_note(page: Page, live_server):
    page.add_init_script(HOLD_LAST_STATE)
    open_widget(page, live_server, "?speed=3")  # one phase a frame
    page.evaluate("""() => {
      const note = document.getElementById('bp_mathWaiting');
      window.__noteShown = false;
      new MutationObserver(() => { window.__noteShown ||= !note.hidden; }).observe(note, { attributes: true });
      window.__panelChanges = 0;
      new MutationObserver(() => { window.__panelChanges += 1; })
        .observe(document.getElementById('bp_math'), { childList: true, subtree: true, characterData: true });
    }""")
    page.get_by_role("button", name="Treinar automático").click()
    wait_until(page, EPOCH_AT_LEAST, 2)
    assert page.evaluate("window.__panelChanges") > 1  # it followed the phases while training
    page.get_by_role("button", name="Pausar").click()
    shows_the_last_state(page)
    assert page.evaluate("window.__noteShown") is False


# The exponent of every e written in the panel, as its text (−27.6310, −2·40.0000).
E_EXPONENTS = """() => [...document.querySelectorAll('#bp_math msup')]
  .filter((power) => power.firstElementChild.textContent === 'e')
  .map((power) => power.lastElementChild.textContent.replace(/\\s+/g, ''))"""
MATH_TEXT = "() => document.getElementById('bp_math').textContent.replace(/\\s+/g, '')"


def test_a_saturated_unit_writes_its_derivative_from_z_where_a_reads_one(page: Page, live_server):
    """tanh(40) and σ(27.631) are written 1.0000: 1 − 1.0000² and 1.0000 × (1 − 1.0000) would read 0
    beside g′ = 7.22×10⁻³⁵ and σ′ = 1.00×10⁻¹², so those rows substitute |z| instead."""
    open_widget(page, live_server, "?activation=tanh")
    for name, value in [("Viés b₁", "40"), ("Peso v₁", "0"), ("Peso v₂", "0"),
                        ("Viés c", "27.631021115928547"), ("Peso w₁₁", "0.5")]:
        edit_value(page, name, value)
    next_step(page)
    next_step(page)
    expect(page.locator("#bp_math")).to_contain_text("7,22×10⁻³⁵")
    assert page.evaluate(E_EXPONENTS) == ["−|zout|", "−|zout|", "−27,6310", "−27,6310",
                                          "−2·|z1|", "−2·|z1|", "−2·40,0000", "−2·40,0000"]
    written = page.evaluate(MATH_TEXT)
    assert "(1−1,0000)" not in written and "1−1,0000²" not in written, written


def test_a_prediction_that_reads_as_its_target_is_substituted_from_z(page: Page, live_server):
    """ŷ = σ(27.631) and y = 1 both read 1.0000: ŷ − y and ½(y − ŷ)² write ŷ as 1/(1 + e^−z), so
    no row reads 1.0000 − 1.0000 = −1.00×10⁻¹²."""
    open_widget(page, live_server)
    for name, value in SATURATED_OUTPUT:
        edit_value(page, name, value)
    page.keyboard.press("Escape")  # no selection: the panel shows the phase's own equations
    next_step(page)
    expect(page.locator("#bp_math")).to_contain_text("5,00×10⁻²⁵")
    assert page.evaluate(E_EXPONENTS) == ["−27,6310"]
    next_step(page)
    expect(page.locator("#bp_math")).to_contain_text("−1,00×10⁻¹²")
    assert page.evaluate(E_EXPONENTS)[0] == "−27,6310"
    assert "1,0000−1,0000" not in page.evaluate(MATH_TEXT)


# Each panel #bp_math receives, as it is inserted (a MutationObserver's callback runs in the task
# that built it, before any idle time): its title, its rows and how many are stand-ins not built yet.
FIRST_BUILDS = """document.addEventListener('DOMContentLoaded', () => {
  window.__builds = [];
  const math = document.getElementById('bp_math');
  new MutationObserver(() => {
    const panel = math.querySelector('.bp-mathpanel');
    if (!panel?.querySelector('.bp-math-row')) return;
    const rows = [...panel.querySelectorAll('.bp-math-row')];
    window.__builds.push({ title: panel.querySelector('.bp-math-title').textContent, rows: rows.length,
      standIns: rows.filter((row) => !row.firstChild).length,
      offScreen: getComputedStyle(rows[rows.length - 1]).contentVisibility });
  }).observe(math, { childList: true });
});"""
# '' once #bp_math holds the whole panel of the last state, every row built (a large one is marked).
FILLED = """async () => {
  const { buildMathPanel } = await import('/static/js/mathpanel.js');
  const fresh = buildMathPanel(document, window.__server, { precision: 4, selection: null, lang: 'pt-BR' });
  const shown = document.querySelector('#bp_math > .bp-mathpanel');
  if (shown?.classList.contains('bp-mathpanel--large')) fresh.classList.add('bp-mathpanel--large');
  return shown?.outerHTML === fresh.outerHTML ? '' : `shown: ${shown?.outerHTML.slice(0, 300)}`;
}"""
LARGEST = "?dataset=spiral&points=400&hidden=8,8,8,8,8,8"


def build_of(page: Page, title: str) -> dict:
    wait_until(page, "(title) => window.__builds.some((b) => b.title.startsWith(title))", title)
    return page.evaluate("(title) => window.__builds.find((b) => b.title.startsWith(title))", title)


def test_a_large_networks_panel_is_built_a_screenful_first_and_the_rest_when_idle(page: Page, live_server):
    page.add_init_script(HOLD_LAST_STATE)
    page.add_init_script(FIRST_BUILDS)
    open_widget(page, live_server, LARGEST)
    for title in ("Forward", "Backward"):
        next_step(page)
        first = build_of(page, title)
        # Built whole, the panel of six layers of 8 held the page for 0.5–1 s (docs/performance.md).
        assert first["standIns"] > first["rows"] / 2, first
        assert first["offScreen"] == "auto", first  # rows off screen are not laid out
        try:  # nothing the student reads is left out: every row is there once the page is idle
            wait_until(page, f"async () => (await ({FILLED})()) === ''", timeout=20)
        except AssertionError:
            raise AssertionError(page.evaluate(FILLED)) from None


# The panel's rows, each 's' (a stand-in not built yet) or 'b' (built), in order.
ROW_KINDS = """() => [...document.querySelectorAll('#bp_math .bp-math-row')]
  .map((row) => (row.firstChild ? 'b' : 's')).join('')"""


def test_a_large_panels_row_scrolled_to_is_built_before_the_rows_above_it(page: Page, live_server):
    page.add_init_script(FIRST_BUILDS)
    open_widget(page, live_server, LARGEST)
    next_step(page)
    next_step(page)
    build_of(page, "Backward")
    # At once, before the top-down idle-time builder can reach it (540 rows, ~1.5 s on this machine).
    page.evaluate("() => { const box = document.getElementById('bp_math');"
                  " box.scrollIntoView(); box.scrollTop = box.scrollHeight; }")
    wait_until(page, f"() => ({ROW_KINDS})().endsWith('b')")
    kinds = page.evaluate(ROW_KINDS)
    # Built in order (the code before), the last row would come after every row above it.
    assert "s" in kinds[:-1], kinds


def test_a_course_networks_panel_is_built_whole_at_once(page: Page, live_server):
    page.add_init_script(HOLD_LAST_STATE)
    page.add_init_script(FIRST_BUILDS)
    open_widget(page, live_server)
    for title in ("Forward", "Backward", "Atualização"):
        next_step(page)
        first = build_of(page, title)
        assert first["standIns"] == 0 and first["offScreen"] == "visible", first
        shows_the_last_state(page)


def test_with_no_hidden_layer_the_panel_names_no_hidden_z2(page: Page, live_server):
    """`?hidden=0` or the last hidden layer removed with −: the forward panel says what zₒᵤₜ is
    here, in either language, and names no hidden z₂ (there is none)."""
    for query, remove, sentence in (
            ("?hidden=0", None,
             "Aqui zₒᵤₜ é a pré-ativação da saída: sem camada oculta, ela é a soma ponderada das entradas x mais o viés."),
            ("?lang=en", "Remove the last hidden layer",
             "Here zₒᵤₜ is the output pre-activation: with no hidden layer, it is the weighted sum of the inputs x plus the bias.")):
        open_widget(page, live_server, query)
        if remove:
            page.get_by_role("button", name=remove).click()
            expect(page.get_by_role("button", name=remove)).to_be_disabled()
        page.locator("#bp_next").click()
        panel = page.locator("#bp_math")
        expect(panel).to_contain_text(sentence)
        expect(panel).not_to_contain_text("z₂")


def test_a_full_batch_writes_its_loss_and_gradients_as_means_not_as_its_first_examples_numbers(page: Page, live_server):
    """In a batch, L and every ∂L/∂w, ∂L/∂b are the batch's means while z, a and ŷ are its first
    example's: ½(0,0000 − 0,5067)² = 0,1250 would be false (it is 0,1284), so the mean is written."""
    open_widget(page, live_server, "?batch=full")
    next_step(page)
    panel = page.locator("#bp_math")
    expect(panel).to_contain_text("Lote de 4 exemplos (1 a 4): os valores de z, a e ŷ acima são os do primeiro exemplo do lote")
    written = page.evaluate(MATH_TEXT)
    assert "∑" in written and "=0,1250" in written, written
    assert "(0,0000−0,5067)" not in written, written
    next_step(page)
    hotspot(page, "Peso v₁").click()
    expect(panel).to_contain_text("Peso v₁")
    written = page.evaluate(MATH_TEXT)
    # The chain is the mean and the server's number, then the first example's supporting rows.
    chain = written[written.index("∂L∂v1="):written.index("∂L∂ŷ=")]
    assert re.fullmatch(r"∂L∂v1=14∑k∂L∂ŷ·∂ŷ∂zout·∂zout∂v1=14∑k\(ŷ−y\)·σ′\(zout\)·a1=−?\d,\d{4}", chain), chain
    # The circuit of the whole network: each weight's and bias's check is the batch's mean.
    page.get_by_role("button", name="Circuito da rede inteira").click()
    checks = page.locator("#bp_circuitChecks")
    expect(checks).to_contain_text("∂L/∂w₁₁ = média, nos 4 exemplos do lote, de local × o que chega = ")
    expect(checks).to_contain_text("∂L/∂c = média, nos 4 exemplos do lote, de local × o que chega = ")
    expect(checks).to_contain_text("∂L/∂x₁ = local × o que chega = ")
    lines = checks.locator("li").all_inner_texts()
    assert not [line for line in lines if re.search(r"∂L/∂(w..|b.|v.|c) = local ×", line)], lines
    expect(page.locator("#bp_circuitFigure")).to_contain_text("L = 0,1250  (1/4 ∑ₖ)")
