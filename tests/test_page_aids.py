"""Keyboard shortcuts, the live region, honest states (offline, an edit mid-example), the phone's first screen."""

from __future__ import annotations

import re
from contextlib import contextmanager

from playwright.sync_api import Page, expect

from helpers.browser import wait_until
from helpers.restartable import restartable_server  # noqa: F401  (a fixture)

STATUS = "#bp_status"
CONNECTION_LOST = re.compile(r"WebSocket connection to 'ws://127\.0\.0\.1:\d+/ws.*' failed|ERR_CONNECTION_REFUSED")


def open_widget(page: Page, url: str) -> None:
    page.goto(url)
    expect(page.locator(STATUS)).to_contain_text(re.compile(r"^(Fase|Phase):"))


def expect_phase(page: Page, phase: str) -> None:
    expect(page.locator(STATUS)).to_contain_text(re.compile(r"^Fase: " + phase))


def test_each_shortcut_presses_its_button(page, live_server):
    open_widget(page, live_server + "/")
    page.keyboard.press("n")
    expect_phase(page, "forward")
    page.keyboard.press("Space")
    expect_phase(page, "backward")
    page.keyboard.press("N")
    expect_phase(page, "update")
    page.keyboard.press("u")
    expect_phase(page, "backward")
    page.keyboard.press("Control+z")
    expect_phase(page, "forward")
    page.keyboard.press("r")
    expect(page.locator("#bp_out")).to_have_text("—")
    page.keyboard.press("a")
    expect(page.get_by_role("button", name="Pausar")).to_be_visible()
    page.keyboard.press("a")
    expect(page.get_by_role("button", name="Treinar automático")).to_be_visible()
    shortcuts = page.get_by_role("region", name="Atalhos de teclado")
    expect(shortcuts).to_be_hidden()
    page.keyboard.press("?")
    expect(shortcuts).to_be_visible()
    expect(shortcuts).to_contain_text("N ou Espaço: Próximo passo")
    page.get_by_role("button", name="Atalhos (?)").click()
    expect(shortcuts).to_be_hidden()


def test_shortcuts_are_off_while_typing_in_a_field(page, live_server):
    open_widget(page, live_server + "/")
    page.get_by_text("Avançado").click()
    seed = page.get_by_label("Semente")
    seed.fill("")
    seed.press("n")
    seed.press("r")
    hidden = page.get_by_label("Camadas ocultas")
    hidden.press("a")
    expect(page.locator(STATUS)).to_contain_text(re.compile(r"^Fase: início"))
    expect(page.get_by_role("button", name="Treinar automático")).to_be_visible()


def test_live_region_says_each_phase_and_its_numbers(page, live_server):
    open_widget(page, live_server + "/")
    region = page.locator("#bp_announce")
    expect(region).to_have_attribute("aria-live", "polite")
    page.get_by_role("button", name="Próximo passo").click()
    expect(region).to_have_text(re.compile(
        r"^Forward do exemplo 1 de 4: saída prevista ŷ = \d,\d{4}, alvo y = 0,0000, perda \d,\d{4}\.$"))
    out = page.locator("#bp_out").text_content()
    assert f"ŷ = {out}" in region.text_content()  # the same number as the read-out
    page.get_by_role("button", name="Próximo passo").click()
    expect(region).to_have_text(re.compile(r"^Backward do exemplo 1: gradientes calculados; ∂L/∂ŷ = "))
    page.get_by_role("button", name="Próximo passo").click()
    expect(region).to_have_text(re.compile(r"^Update: cada parâmetro andou −η·∂L/∂θ com η = 0,1\. "))
    page.get_by_role("button", name="Treinar automático").click()
    expect(region).to_have_text(re.compile(r"^Treinando: época \d+, erro \(MSE\) "))
    page.get_by_role("button", name="Pausar").click()
    expect(region).to_have_text(re.compile(r"^Treino pausado na época \d+, erro \(MSE\) "))


# Each URL notice put on the page (an <li> added under #bp_urlNotice), from the first script on:
# a screen reader reads what is added to a live region, so a notice added twice is read twice.
RECORD_NOTICES = """(() => {
  window.__bpNotices = [];
  new MutationObserver((records) => {
    const added = new Set(); // a list and its items, added in one go, are seen in two records
    for (const record of records) for (const node of record.addedNodes) {
      if (node.nodeType !== Node.ELEMENT_NODE || !node.closest('#bp_urlNotice')) continue;
      for (const item of node.matches('li') ? [node] : node.querySelectorAll('li')) added.add(item);
    }
    window.__bpNotices.push(...[...added].map((item) => item.textContent));
  }).observe(document, { childList: true, subtree: true });
})();"""

LR_NOTICE = "Endereço: “lr=50” está fora dos limites; usado: 10."
NOPE_NOTICE = "Endereço: o experimento “nope” não existe; os disponíveis são high, low, act, deep, dead e hand."


def accessibility_node(page: Page, selector: str) -> dict:
    """The accessibility tree's node for `selector`, as Chromium gives it to a screen reader:
    {ignored, role, live (the aria-live it exposes, or None)}."""
    cdp = page.context.new_cdp_session(page)
    try:
        root = cdp.send("DOM.getDocument")["root"]["nodeId"]
        node_id = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
        node = cdp.send("Accessibility.getPartialAXTree", {"nodeId": node_id, "fetchRelatives": False})["nodes"][0]
    finally:
        cdp.detach()
    live = next((p["value"]["value"] for p in node.get("properties", []) if p["name"] == "live"), None)
    return {"ignored": node["ignored"], "role": node.get("role", {}).get("value"), "live": live}


def test_url_notices_are_a_polite_live_region_that_reads_a_later_notice_alone(page, live_server):
    page.add_init_script(RECORD_NOTICES)
    open_widget(page, live_server + "/?lr=50")
    region = page.locator("#bp_urlNotice")
    expect(region).to_have_attribute("aria-live", "polite")
    expect(region.locator("li")).to_have_text([LR_NOTICE])
    assert page.evaluate("() => window.__bpNotices") == [LR_NOTICE]  # put there once on load, not twice
    # The settings' notice keeps its element when the fragment adds one: only the new one is read.
    page.evaluate("() => { document.querySelector('#bp_urlNotice li').dataset.mark = 'load'; }")
    page.evaluate("() => { location.hash = '#exp=nope'; }")
    expect(page.locator("#bp_urlNotice[aria-live='polite'] li")).to_have_text([LR_NOTICE, NOPE_NOTICE])
    assert page.evaluate("() => document.querySelector('#bp_urlNotice li').dataset.mark") == "load"
    assert page.evaluate("() => window.__bpNotices") == [LR_NOTICE, NOPE_NOTICE]

    # With nothing to say the region is empty and takes no room, yet stays in the accessibility
    # tree: a region that appears only with its first notice is not reliably read.
    open_widget(page, live_server + "/")
    expect(region).to_be_hidden()
    assert accessibility_node(page, "#bp_urlNotice") == {"ignored": False, "role": "generic", "live": "polite"}
    page.evaluate("() => { location.hash = '#exp=nope'; }")
    expect(page.locator("#bp_urlNotice[aria-live='polite'] li")).to_have_text([NOPE_NOTICE])
    expect(region).to_be_visible()
    assert page.evaluate("() => window.__bpNotices") == [NOPE_NOTICE]


def test_while_disconnected_the_actions_are_off_with_the_reason(page, page_watch, restartable_server):
    server = restartable_server
    page_watch.allow(server.base_url)
    open_widget(page, server.base_url + "/")
    page.get_by_role("button", name="Próximo passo").click()
    expect_phase(page, "forward")
    note = page.locator("#bp_actionsNote")
    expect(note).to_be_hidden()
    server.stop()
    expect(page.locator(STATUS)).to_contain_text("Conexão perdida")
    for name in ("Próximo passo", "Treinar automático", "Passo anterior", "Reset"):
        expect(page.get_by_role("button", name=name)).to_be_disabled()
    expect(note).to_have_text(re.compile(r"^Sem conexão com o servidor"))
    server.start()
    expect_phase(page, "forward")
    expect(page.get_by_role("button", name="Próximo passo")).to_be_enabled()
    expect(note).to_be_hidden()
    page_watch.console_errors[:] = [e for e in page_watch.console_errors if not CONNECTION_LOST.search(e)]


def test_an_edit_mid_example_says_the_work_was_restarted_and_undo_restores_it(page, live_server):
    open_widget(page, live_server + "/")
    for _ in range(2):
        page.get_by_role("button", name="Próximo passo").click()
    expect_phase(page, "backward")
    page.get_by_role("button", name="Peso w₁₁", exact=True).click()
    editor = page.get_by_label("Novo valor de w₁₁")
    editor.fill("0.5")
    editor.press("Enter")
    expect(page.locator("#bp_msg")).to_have_text(re.compile(
        r"^A edição recomeçou este exemplo do forward: o backward que já estava feito foi descartado\. "
        r"“Passo anterior” desfaz a edição\.$"))
    expect_phase(page, "início")
    page.get_by_role("button", name="Passo anterior").click()
    expect_phase(page, "backward")



def focused_control(page: Page) -> str:
    """What the keyboard focus is on: a button's accessible name (its aria-label or text), else the tag."""
    return page.evaluate("""() => {
        const node = document.activeElement;
        if (!node || node === document.body) return 'BODY';
        return node.getAttribute('aria-label') || node.textContent.trim() || node.tagName;
    }""")


def test_a_button_switched_off_under_the_keyboard_hands_the_focus_on(page, live_server):
    """Undoing with Enter back to the start disables "Passo anterior": the focus goes on to
    "Próximo passo", not to <body>; the same for the last hidden layer's − (to its +). A focus put
    elsewhere stays where it is."""
    open_widget(page, live_server + "/")
    undo = page.get_by_role("button", name="Passo anterior")
    page.get_by_role("button", name="Próximo passo").click()
    expect_phase(page, "forward")
    share = page.get_by_role("button", name="Compartilhar")
    share.focus()
    page.keyboard.press("u")
    expect(undo).to_be_disabled()
    expect(share).to_be_focused()

    for _ in range(2):
        page.get_by_role("button", name="Próximo passo").click()
    expect_phase(page, "backward")
    page.get_by_role("button", name="Treinar automático").focus()
    page.keyboard.press("Tab")
    expect(undo).to_be_focused()
    for phase in ("forward", "início"):
        page.keyboard.press("Enter")
        expect_phase(page, phase)
    expect(undo).to_be_disabled()
    expect(page.get_by_role("button", name="Próximo passo")).to_be_focused()
    assert focused_control(page) == "Próximo passo"
    page.keyboard.press("Enter")
    expect_phase(page, "forward")

    page.get_by_role("button", name="Remover a última camada oculta").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("button", name="Remover a última camada oculta")).to_be_disabled()
    expect(page.get_by_role("button", name="Adicionar uma camada oculta")).to_be_focused()
    assert focused_control(page) == "Adicionar uma camada oculta"


@contextmanager
def phone(browser, url, width, height):
    """A page of this size (a phone's, mostly), opened at `url`, closed afterwards."""
    context = browser.new_context(viewport={"width": width, "height": height})
    try:
        page = context.new_page()
        open_widget(page, url)
        yield page
    finally:
        context.close()


def boxes(page):
    """(network canvas, Próximo passo) bounding boxes."""
    return (page.locator("#bp_canvas").bounding_box(),
            page.get_by_role("button", name="Próximo passo").bounding_box())


def test_phone_first_screen_shows_the_picture_and_next_step(browser, live_server):
    for width, height in ((320, 640), (375, 667), (414, 736)):
        with phone(browser, live_server + "/", width, height) as page:
            canvas, button = boxes(page)
            bar = page.locator("#bp_actions").bounding_box()
            assert button["y"] >= 0 and button["y"] + button["height"] <= height, (width, button)
            visible = min(canvas["y"] + canvas["height"], bar["y"]) - max(canvas["y"], 0)
            assert visible >= 0.6 * canvas["height"], (width, canvas, bar)
            page.get_by_role("button", name="Próximo passo").click()
            expect_phase(page, "forward")
            assert page.evaluate("() => document.documentElement.scrollWidth") <= width


def test_in_a_phone_frame_next_step_sits_under_the_network(browser, live_server):
    """/embed at phone widths: the host page scrolls, so no bar can stay on screen; the buttons
    come right under the network, before the math panel: scrolled to show Próximo passo at the
    bottom of the screen, the network's picture is on that screen too (it was ~1,000 px above)."""
    for width, height in ((320, 640), (360, 740)):
        with phone(browser, live_server + "/embed", width, height) as page:
            canvas, button = boxes(page)
            math = page.locator("#bp_math").bounding_box()
            assert button["y"] < math["y"], (width, button, math)
            assert button["y"] + button["height"] - canvas["y"] <= height, (width, canvas, button)


def test_arrow_legend_says_what_the_arrows_mean_while_gradients_show(page, live_server):
    open_widget(page, live_server + "/")
    legend = page.locator("#bp_arrowLegend")
    expect(legend).to_contain_text("Setas: para onde cada parâmetro vai no update (−η·∇).")
    expect(legend).to_contain_text("▲ + aumenta")
    expect(legend).to_contain_text("▼ − diminui")
    page.get_by_label("Mostrar gradientes").uncheck()
    expect(legend).to_be_hidden()
    page.get_by_label("Idioma").select_option("en")
    page.get_by_label("Show gradients").check()
    expect(legend).to_contain_text("▲ + grows")


LEGEND_KEY_LINES = """() => [...document.querySelectorAll('#bp_arrowLegend :is(.bp-legend__up, .bp-legend__down)')]
  .map((key) => [...key.getClientRects()].map((box) => Math.round(box.top)))"""


def test_the_legend_keys_stay_on_one_line_together(browser, live_server):
    """At 1280 px "▼ − diminui" wrapped onto a line of its own, away from "▲ + aumenta"."""
    for width, lang in ((1280, "pt-BR"), (1280, "en"), (1024, "pt-BR"), (820, "en"), (320, "pt-BR"), (320, "en")):
        with phone(browser, f"{live_server}/?lang={lang}", width, 800) as page:
            up, down = page.evaluate(LEGEND_KEY_LINES)
            assert len(up) == len(down) == 1 and up == down, (width, lang, up, down)


CANVAS_TOP = "() => document.getElementById('bp_canvas').getBoundingClientRect().top + window.scrollY"


def test_the_network_stays_put_from_phase_to_phase(browser, live_server):
    """The phase line above the network wrapped onto more lines in some phases than in others, so
    the picture jumped 20–26 px at each Próximo passo."""
    for width, path, lang in ((1280, "/", "pt-BR"), (1280, "/", "en"), (320, "/", "pt-BR"), (320, "/", "en"),
                              (320, "/embed", "pt-BR")):
        with phone(browser, f"{live_server}{path}?lang={lang}", width, 800) as page:
            tops = [page.evaluate(CANVAS_TOP)]
            for phase in ("forward", "backward", "update", "forward"):
                page.locator("#bp_next").click()
                expect(page.locator(STATUS)).to_contain_text(re.compile(r"^(Fase|Phase): " + phase))
                tops.append(page.evaluate(CANVAS_TOP))
            assert max(tops) - min(tops) < 0.5, (width, path, lang, tops)


# Where the phase box is and how tall, and where the network starts (page coordinates).
BOX_AND_NETWORK = """() => {
  const box = document.querySelector('.bp-statusbar').getBoundingClientRect();
  const canvas = document.getElementById('bp_canvas').getBoundingClientRect();
  return { boxTop: box.top + scrollY, boxHeight: box.height, canvasTop: canvas.top + scrollY };
}"""


def kill_hidden_unit_one(page: Page) -> None:
    """b₁ = −100: a₁'s z is below 0 on every XOR example, a dead ReLU unit from here on."""
    page.get_by_role("button", name=re.compile(r"^(Viés|Bias) b₁$")).click()
    editor = page.get_by_label(re.compile(r"^(Novo valor de|New value of) b₁$"))
    editor.fill("-100")
    editor.press("Enter")
    expect(editor).to_be_hidden()


def test_the_phase_box_keeps_its_height_when_a_unit_dies_and_the_connection_drops(browser, restartable_server):
    """Two things still moved the network after the box was sized for its tallest cycle line: the
    dead-unit notice, a line inside the box (four on a phone), and a dropped connection, which
    emptied the box's reserved lines (at 1280 px "Exemplo atual" then climbed beside the shorter
    sentence) and, wider than a phone, showed the buttons' note above the box."""
    server = restartable_server
    for width, path, lang in ((1280, "/", "pt-BR"), (320, "/", "pt-BR"), (320, "/", "en"), (320, "/embed", "pt-BR")):
        with phone(browser, f"{server.base_url}{path}?activation=relu&seed=1&lang={lang}", width, 800) as page:
            health, note = page.locator("#bp_health"), page.locator("#bp_actionsNote")
            expect(health).to_be_hidden()  # seed 1: no unit is dead yet
            seen = {"start": page.evaluate(BOX_AND_NETWORK)}
            for phase in ("forward", "backward", "update"):
                page.locator("#bp_next").click()
                expect(page.locator(STATUS)).to_contain_text(re.compile(r"^(Fase|Phase): " + phase))
                seen[phase] = page.evaluate(BOX_AND_NETWORK)
            kill_hidden_unit_one(page)
            expect(health).to_contain_text(re.compile(r"^(neurônio morto|dead unit): a₁ \("))
            seen["dead"] = page.evaluate(BOX_AND_NETWORK)
            page.locator("#bp_next").click()
            expect(page.locator(STATUS)).to_contain_text(re.compile(r"^(Fase|Phase): forward"))
            seen["dead, forward"] = page.evaluate(BOX_AND_NETWORK)
            server.stop()
            expect(page.locator(STATUS)).to_contain_text(re.compile(r"^(Conexão perdida|Connection lost)"))
            expect(note).to_be_visible()
            seen["offline"] = page.evaluate(BOX_AND_NETWORK)
            server.start()
            expect(page.locator(STATUS)).to_contain_text(re.compile(r"^(Fase|Phase): forward"))
            expect(note).to_be_hidden()
            seen["back"] = page.evaluate(BOX_AND_NETWORK)
            moved = {key: {moment: round(where[key], 2) for moment, where in seen.items()}
                     for key in ("boxTop", "boxHeight", "canvasTop")}
            still = all(max(by_moment.values()) - min(by_moment.values()) < 0.5 for by_moment in moved.values())
            assert still, f"{width} px, {path}, {lang}: {moved}"


# What the screen shows, in order: each height of the action bar (a ResizeObserver sees every one,
# however short) and each text of the phase box.
RECORD_BAR_AND_STATUS = """() => {
  const bar = document.getElementById('bp_actions');
  const status = document.getElementById('bp_status');
  const log = window.__bpLog = [];
  new ResizeObserver(() => log.push({ height: bar.getBoundingClientRect().height })).observe(bar);
  new MutationObserver(() => log.push({ status: status.textContent }))
    .observe(status, { childList: true, characterData: true, subtree: true });
}"""

# How many retries the log shows done: a "Conectando…" followed by "Conexão perdida" again.
RETRIES_DONE = """() => {
  let retries = 0;
  let connecting = false;
  for (const { status } of window.__bpLog) {
    if (status?.startsWith('Conectando')) connecting = true;
    else if (status?.startsWith('Conexão perdida') && connecting) { retries += 1; connecting = false; }
  }
  return retries;
}"""


def test_on_a_phone_the_action_bar_keeps_its_height_through_each_retry_while_offline(browser, restartable_server):
    """Between two waits each retry is "Conectando…" for a moment: the buttons' note hid then, and
    the bar pinned to the bottom of a phone's screen shrank and grew back at every retry."""
    server = restartable_server
    with phone(browser, server.base_url + "/", 360, 740) as page:
        note, bar = page.locator("#bp_actionsNote"), page.locator("#bp_actions")
        expect(note).to_be_hidden()
        page.evaluate(RECORD_BAR_AND_STATUS)
        server.stop()
        expect(note).to_have_text(re.compile(r"^Sem conexão com o servidor"))
        wait_until(page, f"() => ({RETRIES_DONE})() >= 2", timeout=30)
        log = page.evaluate("() => window.__bpLog")
        lost = next(k for k, entry in enumerate(log) if entry.get("status", "").startswith("Conexão perdida"))
        heights = [entry["height"] for entry in log[lost:] if "height" in entry]
        offline = bar.bounding_box()["height"]
        assert heights and set(heights) == {offline}, f"offline the bar is {offline} px; it was {heights}"
        expect(note).to_be_visible()


# Where the network and Próximo passo are on the screen, how far the page is scrolled, and the
# message: its box, whether it is the topmost thing at its centre (not under another box), whether
# its text fits, and every control it lies over (its own × aside).
NETWORK_BUTTON_AND_MESSAGE = """() => {
  const at = (el) => {
    const r = el.getBoundingClientRect();
    return { x: r.left, y: r.top, w: r.width, h: r.height };
  };
  const msg = document.getElementById('bp_msg');
  const m = msg.getBoundingClientRect();
  const overlaps = (r) => r.width > 0 && r.height > 0
    && r.left < m.right && r.right > m.left && r.top < m.bottom && r.bottom > m.top;
  // On a phone's full page the message is a line of the action bar pinned to the bottom of the
  // screen, which lies over the network's hotspots whenever the page scrolls under it: those aside.
  const pinned = msg.closest('.bp-full #bp_actions') && getComputedStyle(msg.closest('#bp_actions')).position === 'sticky';
  const controls = [...document.querySelectorAll('button, input, select, textarea, a[href], summary, [tabindex]')]
    .filter((el) => el !== msg && el.id !== 'bp_msgClose' && el.checkVisibility())
    .filter((el) => !(pinned && el.closest('#bp_network')))
    .filter((el) => overlaps(el.getBoundingClientRect()));
  const box = document.querySelector('.bp-statusbar').getBoundingClientRect();
  const centre = document.elementFromPoint(m.left + m.width / 2, m.top + m.height / 2);
  return {
    scrollY, canvas: at(document.getElementById('bp_canvas')), next: at(document.getElementById('bp_next')),
    message: { ...at(msg), onTop: m.bottom < 0 || m.top > innerHeight ? 'off screen' : msg.contains(centre), overPhaseBox: overlaps(box), fits: msg.scrollHeight <= msg.clientHeight + 1
      && msg.scrollWidth <= msg.clientWidth + 1 && m.left >= 0 && m.right <= innerWidth,
      covers: controls.map((el) => el.id || el.getAttribute('aria-label') || el.textContent.trim().slice(0, 30)) },
  };
}"""

RESTARTED = re.compile(r"^(A edição recomeçou este exemplo do forward"
                       r"|The edit restarted this example at its forward pass)")
NUMBER_BAD = re.compile(r"^(Digite um número, por exemplo 0,25\.|Type a number, for example 0\.25\.)$")
CLOSE = {"pt-BR": "Fechar a mensagem", "en": "Close the message"}
WEIGHT = re.compile(r"^(Peso|Weight) w₁₁$")
EDITOR = re.compile(r"^(Novo valor de|New value of) w₁₁$")


def test_a_message_moves_neither_the_network_nor_next_step(browser, live_server):
    """The message line (#bp_msg) sat between the phase box and the network: the sentence an edit
    mid-example writes pushed the network down 69 px at 1280 px and 136 px at 320 px (and, in a
    phone's frame, the buttons under it), just after the student clicked on the network; an error
    pushed it 46–69 px. It was then laid over the phase box, which it hid until closed. Now it is
    the actions' line (under the phase box wider than a phone; in the action bar on a phone):
    readable, on top, over neither the phase box nor a control, and nothing else moves when it
    comes, when the next step clears it or when its × does."""
    for width, height, path, lang in ((1280, 800, "/", "pt-BR"), (1280, 800, "/", "en"), (320, 640, "/", "pt-BR"),
                                      (320, 640, "/", "en"), (320, 640, "/embed", "pt-BR")):
        with phone(browser, f"{live_server}{path}?lang={lang}", width, height) as page:
            message, close = page.locator("#bp_msg"), page.get_by_role("button", name=CLOSE[lang], exact=True)
            expect(message).to_have_attribute("role", "status")
            expect(message).to_have_attribute("aria-live", "polite")
            for phase in ("forward", "backward"):
                page.locator("#bp_next").click()
                expect(page.locator(STATUS)).to_contain_text(re.compile(r"^(Fase|Phase): " + phase))
            page.get_by_role("button", name=WEIGHT).click()
            editor = page.get_by_label(EDITOR)
            editor.fill("0.5")
            seen = {"before": page.evaluate(NETWORK_BUTTON_AND_MESSAGE)}
            editor.press("Enter")
            expect(message).to_have_text(RESTARTED)
            expect(message).not_to_have_class(re.compile(r"\bis-error\b"))
            expect(close).to_be_visible()
            seen["restarted"] = page.evaluate(NETWORK_BUTTON_AND_MESSAGE)
            page.keyboard.press("n")  # Próximo passo, without the scrolling into view a click may do
            expect(page.locator(STATUS)).to_contain_text(re.compile(r"^(Fase|Phase): forward"))
            expect(message).to_have_text("")
            expect(close).to_be_hidden()
            seen["stepped"] = page.evaluate(NETWORK_BUTTON_AND_MESSAGE)
            page.get_by_role("button", name=WEIGHT).click()
            editor.fill("abc")
            seen["editing"] = page.evaluate(NETWORK_BUTTON_AND_MESSAGE)
            editor.press("Enter")
            expect(message).to_have_text(NUMBER_BAD)
            expect(message).to_have_class(re.compile(r"\bis-error\b"))
            seen["error"] = page.evaluate(NETWORK_BUTTON_AND_MESSAGE)
            if seen["error"]["message"]["onTop"] == "off screen":
                close.dispatch_event("click")  # a real click would scroll it into view first
            else:
                close.click()
            expect(message).to_have_text("")
            expect(close).to_be_hidden()
            expect(page.locator(STATUS)).to_contain_text(re.compile(r"^(Fase|Phase): forward"))
            seen["closed"] = page.evaluate(NETWORK_BUTTON_AND_MESSAGE)
            where = f"{width} px, {path}, {lang}"
            for moment in ("restarted", "error"):
                shown = seen[moment]["message"]
                # In a phone's frame the message is under Próximo passo (the host page scrolls, no bar
                # is pinned): below this screen after a click on the network's first weight.
                off_screen_ok = path == "/embed" and shown["onTop"] == "off screen"
                assert (shown["onTop"] is True or off_screen_ok) and shown["fits"] and not shown["covers"] and not shown["overPhaseBox"], \
                    f"{where}, {moment}: {shown}"
            moved = {moment: {"scrollY": at["scrollY"],
                              **{box: (round(at[box]["x"], 1), round(at[box]["y"], 1)) for box in ("canvas", "next")}}
                     for moment, at in seen.items()}
            assert all(at == moved["before"] for at in moved.values()), f"{where}: {moved}"


def test_closing_a_message_with_the_keyboard_hands_the_focus_to_next_step(page, live_server):
    """The × hides with its message: a keyboard user goes on from "Próximo passo", not from the
    top of the page, and the page does not scroll."""
    open_widget(page, live_server + "/")
    page.get_by_role("button", name="Peso w₁₁", exact=True).click()
    page.get_by_label("Novo valor de w₁₁").fill("abc")
    page.get_by_label("Novo valor de w₁₁").press("Enter")
    expect(page.locator("#bp_msg")).to_have_text("Digite um número, por exemplo 0,25.")
    close = page.get_by_role("button", name="Fechar a mensagem")
    close.focus()
    scrolled = page.evaluate("scrollY")
    page.keyboard.press("Enter")
    expect(close).to_be_hidden()
    expect(page.get_by_role("button", name="Próximo passo")).to_be_focused()
    assert page.evaluate("scrollY") == scrolled


def test_while_offline_the_phase_box_says_so_over_any_message(page, page_watch, restartable_server):
    """The message lies over the phase box: while the connection is lost it waits, so that the box's
    "Conexão perdida…" is read; it comes back with the connection."""
    server = restartable_server
    page_watch.allow(server.base_url)
    open_widget(page, server.base_url + "/")
    page.get_by_role("button", name="Peso w₁₁", exact=True).click()
    page.get_by_label("Novo valor de w₁₁").fill("abc")
    page.get_by_label("Novo valor de w₁₁").press("Enter")
    message = page.locator("#bp_msg")
    expect(message).to_have_text("Digite um número, por exemplo 0,25.")
    server.stop()
    expect(page.locator(STATUS)).to_contain_text("Conexão perdida")
    expect(message).to_have_text("")
    expect(page.get_by_role("button", name="Fechar a mensagem")).to_be_hidden()
    server.start()
    expect_phase(page, "início")
    expect(message).to_have_text("Digite um número, por exemplo 0,25.")
    page_watch.console_errors[:] = [e for e in page_watch.console_errors if not CONNECTION_LOST.search(e)]


def test_an_edit_outside_its_range_is_refused_in_the_editors_words_and_never_sent(page, live_server):
    """A weight past ±100 or a target outside [0, 1] (the server's own table, the catalog's
    `edits`) gets the editor's sentence, in the page's language and with the bounds written as
    the page writes numbers, not the protocol's (which names the wire's field, "value"); no `set`
    goes out, and the value stays as it was."""
    sent = []
    page.on("websocket", lambda ws: ws.on("framesent", lambda frame: sent.append(frame)))
    for url, name, edited, value, sentence in (
            ("/", "Peso w₁₁", "Novo valor de w₁₁", "500", "Digite um número entre −100 e 100."),
            ("/", "Peso w₁₁", "Novo valor de w₁₁", "-100,5", "Digite um número entre −100 e 100."),
            ("/?lang=en", "Target y", "New value of y", "1.5", "Type a number between 0 and 1.")):
        open_widget(page, live_server + url)
        page.get_by_role("button", name=name, exact=True).click()
        editor = page.get_by_label(edited)
        before = len(sent)
        editor.fill(value)
        editor.press("Enter")
        expect(page.locator("#bp_msg")).to_have_text(sentence)
        assert not [frame for frame in sent[before:] if '"op":"set"' in str(frame)], url
        page.get_by_role("button", name=name, exact=True).click()
        expect(page.get_by_label(edited)).not_to_have_value(value)
