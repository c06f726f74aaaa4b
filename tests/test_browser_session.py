"""The page in a real browser: session files, presets, the gradient check, reconnects, phone and dark theme."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from helpers.browser import frames_reach, wait_until
from playwright.sync_api import Page, expect

from helpers.restartable import restartable_server  # noqa: F401  (a fixture)

COURSE_PARAMS = ["w₁₁", "w₁₂", "w₂₁", "w₂₂", "b₁", "b₂", "v₁", "v₂", "c"]
TEXTS = ("bp_status", "bp_epoch", "bp_err", "bp_out", "bp_target", "bp_abs", "bp_correct", "bp_grads")

# What the student reads: the text read-outs and, for every hotspot, "Peso w₁₁: w₁₁ = 0.1234".
SCREEN = """(ids) => ({
  ...Object.fromEntries(ids.map((id) => [id, document.getElementById(id).textContent])),
  spots: [...document.querySelectorAll('#bp_network .bp-hotspot')]
    .map((b) => `${b.getAttribute('aria-label')}: ${b.title}`),
})"""

# True once the network canvas has over 1000 pixels unlike its top-left one.
CANVAS_DRAWN = """() => {
  const c = document.getElementById('bp_canvas');
  const d = c.width ? c.getContext('2d').getImageData(0, 0, c.width, c.height).data : [];
  let ink = 0;
  for (let i = 0; i < d.length; i += 4) ink += d[i] !== d[0] || d[i + 1] !== d[1] || d[i + 2] !== d[2];
  return ink > 1000;
}"""


def open_widget(page: Page, base_url: str, query: str = "") -> None:
    page.goto(f"{base_url}/{query}")
    expect(page.locator("#bp_status")).to_contain_text(re.compile(r"^Fase:"))


def next_step(page: Page, phase: str) -> None:
    """Click Próximo passo and wait for the status line to start "Fase: <phase regex>"."""
    page.get_by_role("button", name="Próximo passo").click()
    expect(page.locator("#bp_status")).to_contain_text(re.compile(r"^Fase: " + phase))


def steps(page: Page, count: int, done: int = 0, examples: int = 4) -> None:
    """Click Próximo passo `count` times after `done` steps of a fresh start, waiting for each one."""
    for k in range(done, done + count):
        phase = ("forward", "backward", "update")[k % 3]
        next_step(page, rf"{phase}\b.* exemplo {k // 3 % examples + 1} de {examples}")


def hotspot(page: Page, name: str):
    return page.get_by_role("button", name=name, exact=True)


def screen(page: Page) -> dict:
    return page.evaluate(SCREEN, list(TEXTS))


def expect_screen(page: Page, shown: dict) -> None:
    """Wait until every read-out reads as in `shown`; then the hotspots (drawn in the same frame) too."""
    for rid in TEXTS:
        expect(page.locator(f"#{rid}")).to_have_text(shown[rid])
    assert screen(page) == shown


def export_session(page: Page) -> dict:
    with page.expect_download() as info:
        page.get_by_role("button", name="Exportar sessão (JSON)").click()
    assert info.value.suggested_filename.endswith(".json")
    return json.loads(Path(info.value.path()).read_text(encoding="utf-8"))


def import_file(page: Page, path: Path) -> None:
    """Pick `path` in the file chooser that "Importar sessão" opens."""
    with page.expect_file_chooser() as chooser:
        page.get_by_role("button", name="Importar sessão").click()
    chooser.value.set_files(path)


def test_exported_session_comes_back_after_reset(page, live_server, tmp_path):
    open_widget(page, live_server)
    steps(page, 4)
    hotspot(page, "Peso w₁₁").click()
    page.get_by_label("Novo valor de w₁₁").fill("3")
    page.get_by_label("Novo valor de w₁₁").press("Enter")
    expect(hotspot(page, "Peso w₁₁")).to_have_attribute("title", "w₁₁ = 3,0000")
    next_step(page, r"forward .* exemplo 2 de 4")
    next_step(page, r"backward .* exemplo 2 de 4")
    before = screen(page)

    session = export_session(page)
    assert set(session) == {"format", "session"}  # the page's own record: no checksum
    assert session["format"] == "backprop-passo-a-passo/2"
    assert session["session"]["params"]["W"][0][0][0] == 3
    (tmp_path / "sessao.json").write_text(json.dumps(session), encoding="utf-8")

    page.get_by_role("button", name="Reset").click()
    expect(page.locator("#bp_out")).to_have_text("—")
    expect(hotspot(page, "Peso w₁₁")).not_to_have_attribute("title", "w₁₁ = 3,0000")

    import_file(page, tmp_path / "sessao.json")
    expect(page.locator("#bp_msg")).to_have_text("Sessão importada.")
    expect_screen(page, before)


def test_a_bad_session_file_is_refused_and_changes_nothing(page, live_server, tmp_path):
    open_widget(page, live_server)
    steps(page, 5)
    session = export_session(page)
    before = screen(page)

    tampered = json.loads(json.dumps(session))
    tampered["session"]["params"]["W"][0][0] = [1]  # a weight matrix of the wrong shape
    newer = {**session, "format": "backprop-passo-a-passo/99"}
    older = {"format": "backprop-passo-a-passo/1", "checksum": "0" * 64, "session": session["session"]}
    files = {  # each message differs from the one before: waiting for it waits for the import
        "alterado.json": (json.dumps(tampered), r"params\.W.*Nada foi alterado"),
        "texto.json": ("isto não é JSON {", r"^Este arquivo não é uma sessão exportada por esta página"),
        "futuro.json": (json.dumps(newer), r"formato desconhecido.*Nada foi alterado"),
        "antigo.json": (json.dumps(older), r"versão anterior.*Nada foi alterado"),
    }
    for name, (text, message) in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
        import_file(page, tmp_path / name)
        expect(page.locator("#bp_msg")).to_have_text(re.compile(message))
        expect(page.locator("#bp_msg")).to_have_class(re.compile(r"\bis-error\b"))
        expect_screen(page, before)


def test_loss_csv_has_one_line_per_epoch(page, live_server):
    open_widget(page, live_server, "?dataset=or&lr=1&speed=5&target=0.0001")
    page.get_by_role("button", name="Treinar automático").click()
    wait_until(page, "() => Number(document.getElementById('bp_epoch').textContent) >= 30")
    page.get_by_role("button", name="Pausar").click()
    next_step(page, "forward")  # answered after the last training batch: the read-outs are final
    epoch = int(page.locator("#bp_epoch").text_content())

    with page.expect_download() as info:
        page.get_by_role("button", name="Exportar perdas (CSV)").click()
    assert info.value.suggested_filename.endswith(".csv")
    lines = Path(info.value.path()).read_text(encoding="utf-8").splitlines()
    assert lines[0] == "epoch,loss"
    rows = [line.split(",") for line in lines[1:]]
    assert [int(e) for e, _ in rows] == list(range(epoch + 1))  # epoch 0 (start) … now
    losses = [float(x) for _, x in rows]
    assert all(0 <= x < 1 for x in losses) and losses[-1] < losses[0]


def test_walkthrough_preset_matches_the_course(page, live_server):
    open_widget(page, live_server)
    page.get_by_label("Conjunto de dados").select_option("passo_a_passo")
    expect(page.locator("#bp_lrVal")).to_have_text("0,5")
    expect(hotspot(page, "Peso v₁")).to_have_attribute("title", "v₁ = 0,4000")
    next_step(page, "forward")
    expect(page.locator("#bp_out")).to_have_text("0,7514")
    next_step(page, "backward")
    expect(page.locator("#bp_grads")).to_contain_text(re.compile(r"∂L/∂v₁\s*=\s*0,0822\b"))
    next_step(page, "update")
    expect(hotspot(page, "Peso v₁")).to_have_attribute("title", "v₁ = 0,3589")


def expect_walkthrough_settings(page: Page, optimizer: str, l2: str, clip: str) -> None:
    expect(page.locator("#bp_lrVal")).to_have_text("0,5")
    expect(page.get_by_label("Otimizador")).to_have_value(optimizer)
    expect(page.get_by_label("Regularização L2 (λ₂)")).to_have_value(l2)
    expect(page.get_by_label("Corte do gradiente (norma máxima; 0 = desligado)")).to_have_value(clip)
    expect(hotspot(page, "Peso v₁")).to_have_attribute("title", "v₁ = 0,4000")  # the course's weights


def test_a_walkthrough_link_keeps_the_settings_the_student_chose(page, live_server):
    """The walkthrough with momentum, L2 and clipping: Compartilhar's link, opened elsewhere and
    reloaded, runs the same settings, and the address still names them."""
    open_widget(page, live_server, "?dataset=passo_a_passo")
    page.locator("details.bp-advanced summary").click()
    page.get_by_label("Otimizador").select_option("momentum")
    for label, value in (("Regularização L2 (λ₂)", "0,01"),
                         ("Corte do gradiente (norma máxima; 0 = desligado)", "0,5")):
        page.get_by_label(label).fill(value)
        page.get_by_label(label).press("Enter")
    page.get_by_role("button", name="Compartilhar").click()
    link = page.get_by_label("Link para estas configurações").input_value()
    for name in ("dataset=passo_a_passo", "optimizer=momentum", "l2=0.01", "clip=0.5"):
        assert name in link, link
    other = page.context.browser.new_context()  # another browser's: nothing held from this page
    try:
        fresh = other.new_page()
        fresh.goto(link)
        for reload in (False, True):
            if reload:
                fresh.reload()
            expect(fresh.locator("#bp_status")).to_contain_text(re.compile(r"^Fase:"))
            expect_walkthrough_settings(fresh, "momentum", "0,01", "0,5")
            assert fresh.url == link
            expect(fresh.locator("#bp_urlNotice")).to_be_hidden()
    finally:
        other.close()


def test_gradient_check_shows_numeric_estimates_and_tiny_errors(page, live_server):
    open_widget(page, live_server, "?dataset=passo_a_passo")
    page.get_by_label("Verificar gradientes").check()
    grads = page.locator("#bp_grads")
    steps(page, 1, examples=1)
    expect(grads).to_contain_text("ainda não calculado")
    expect(grads).not_to_contain_text("numérico")
    steps(page, 1, done=1, examples=1)
    expect(grads).to_contain_text("numérico")
    text = grads.text_content()
    for name in COURSE_PARAMS:
        line = re.search(rf"∂L/∂{name} *= *(−?\d,\d{{4}}) +numérico +(−?\d,\d{{4}}) +erro rel\. +(\S+) +concorda$",
                         text, re.M)
        assert line, f"no agreeing gradient check for {name} in:\n{text}"
        analytic, numeric, relative = line.groups()
        assert numeric == analytic, line.group(0)
        assert re.fullmatch(r"\d,\d×10⁻([⁶⁷⁸⁹]|[¹²³⁴⁵⁶⁷⁸⁹][⁰¹²³⁴⁵⁶⁷⁸⁹])", relative), line.group(0)  # < 1e-5
    assert re.search(r"∂L/∂v₁ *= *0,0822 +numérico +0,0822 ", text), text
    note = page.locator("#bp_gradsNote")
    expect(note).to_be_visible()
    expect(note).to_contain_text("“concorda” se |a − n| ≤ 10⁻⁵·(|a| + |n|)")
    expect(note).to_contain_text("10⁻¹⁰·max(1, L)")


CONNECTION_LOST = re.compile(r"WebSocket connection to 'ws://127\.0\.0\.1:\d+/ws.*' failed")


RESTORED_UNDO_RESTARTS = ("A conexão voltou: a sessão continua de onde parou. "
                          "O histórico de “Passo anterior” recomeça aqui.")


def test_page_resumes_its_session_after_the_server_restarts(page, page_watch, restartable_server):
    server = restartable_server
    page_watch.allow(server.base_url)
    open_widget(page, server.base_url)
    steps(page, 6)
    after_six = screen(page)
    page.get_by_role("button", name="Reset").click()
    expect(page.locator("#bp_out")).to_have_text("—")
    steps(page, 5)  # each state carries the session's resume record: nothing more to wait for
    after_five = screen(page)

    server.stop()
    expect(page.locator("#bp_status")).to_contain_text("Conexão perdida")
    server.start()
    expect_screen(page, after_five)
    # Not "the session could not be recovered": it continues, and its undo history starts again.
    expect(page.locator("#bp_msg")).to_have_text(RESTORED_UNDO_RESTARTS)
    next_step(page, "update")
    expect_screen(page, after_six)

    unexpected = [e for e in page_watch.console_errors if not CONNECTION_LOST.search(e)]
    page_watch.console_errors[:] = unexpected  # the page fixture reports whatever else went wrong


def test_page_resumes_a_session_with_negative_zeros_after_a_restart(page, page_watch, restartable_server):
    """XOR's first example has x = (0, 0): after its backward, gradients through x are −0."""
    server = restartable_server
    page_watch.allow(server.base_url)
    open_widget(page, server.base_url, "?prec=10")
    steps(page, 3)
    after_three = screen(page)
    page.get_by_role("button", name="Passo anterior").click()
    expect(page.locator("#bp_status")).to_contain_text(re.compile(r"^Fase: backward"))
    after_two = screen(page)

    server.stop()
    expect(page.locator("#bp_status")).to_contain_text("Conexão perdida")
    server.start()
    expect_screen(page, after_two)
    # Not "the session could not be recovered": it continues, and its undo history starts again.
    expect(page.locator("#bp_msg")).to_have_text(RESTORED_UNDO_RESTARTS)
    next_step(page, r"update\b.* exemplo 1 de 4")
    expect_screen(page, after_three)  # the same session, to ten decimals

    unexpected = [e for e in page_watch.console_errors if not CONNECTION_LOST.search(e)]
    page_watch.console_errors[:] = unexpected


def loss_csv(page: Page) -> str:
    with page.expect_download() as info:
        page.get_by_role("button", name="Exportar perdas (CSV)").click()
    return Path(info.value.path()).read_text(encoding="utf-8")


def test_a_reload_keeps_the_session_and_a_link_starts_afresh(page, live_server):
    """F5 (or a phone's pull-to-refresh) mid-lesson: the page comes back with the same session,
    loss curve and all, and goes on from there; following a link, even to the same address,
    starts from the URL's settings as before."""
    open_widget(page, live_server, "?dataset=or&lr=1&speed=5")
    page.get_by_role("button", name="Treinar automático").click()
    wait_until(page, "() => Number(document.getElementById('bp_epoch').textContent) >= 20")
    page.get_by_role("button", name="Pausar").click()
    next_step(page, "forward")
    next_step(page, "backward")
    shown, curve = screen(page), loss_csv(page)
    assert len(curve.splitlines()) > 20

    page.reload()
    expect_screen(page, shown)
    expect(page.locator("#bp_msg")).to_have_text("")  # not "the session could not be recovered"
    assert loss_csv(page) == curve
    next_step(page, "update")  # and it goes on

    page.goto(f"{live_server}/?dataset=or&lr=1&speed=5")
    expect(page.locator("#bp_status")).to_contain_text(re.compile(r"^Fase: início"))
    expect(page.locator("#bp_epoch")).to_have_text("—")


def boundary_chars(frame):
    """Characters of a state's decision boundary (grid, unit maps, hidden space) on the wire."""
    boundary = json.loads(frame).get("boundary")
    return 0 if boundary is None else len(json.dumps(boundary, separators=(",", ":"), ensure_ascii=True))


def test_one_click_is_one_frame_each_way(page, live_server):
    frames = {"sent": [], "received": []}

    def watch(socket):
        socket.on("framesent", lambda payload: frames["sent"].append(payload))
        socket.on("framereceived", lambda payload: frames["received"].append(payload))

    page.on("websocket", watch)
    open_widget(page, live_server)
    expect(page.get_by_role("button", name="Reset")).to_be_enabled()
    assert [json.loads(f)["op"] for f in frames["sent"]] == ["configure"]
    # The page draws its embedded opening state before the socket answers: wait for the answer.
    frames_reach(page, frames["received"], 1)
    assert json.loads(frames["received"][0])["reply_to"] == "configure"
    sent, received = len(frames["sent"]), len(frames["received"])
    for k in range(6):
        steps(page, 1, done=k)
        assert len(frames["sent"]) - sent == k + 1, frames["sent"][sent:]
        frames_reach(page, frames["received"], received + k + 1)
        page.wait_for_timeout(50)  # room for a second answer to this click, which must not come
        assert len(frames["received"]) - received == k + 1
    assert [json.loads(f)["op"] for f in frames["sent"][sent:]] == ["step"] * 6
    sizes = [len(f) - boundary_chars(f) for f in frames["received"][received:]]
    assert max(sizes) < 6000, sizes  # a state, no snapshot
    assert max(boundary_chars(f) for f in frames["received"][received:]) < 9000  # the grids, when changed (ŷ at 16 bits: 8,005)

    with page.expect_download():
        page.get_by_role("button", name="Exportar sessão (JSON)").click()
    assert len(frames["sent"]) - sent == 6, "exporting asks the server for nothing"


# How far the document, the math panel's content and the panel itself stick out sideways (px),
# and which elements of the panel are drawn outside its box.
OVERFLOWS = """() => {
  const doc = document.documentElement, math = document.getElementById('bp_math');
  const box = math.getBoundingClientRect(), outside = (r) => r.left < box.left - 1 || r.right > box.right + 1;
  return { page: doc.scrollWidth - doc.clientWidth, panel: math.scrollWidth - math.clientWidth,
           panelRight: box.right - doc.clientWidth, outside: [...math.querySelectorAll('*')]
             .filter((el) => outside(el.getBoundingClientRect())).map((el) => el.outerHTML.slice(0, 80)) };
}"""


class TestPhone320:
    @pytest.fixture
    def context_options(self):
        return {"viewport": {"width": 320, "height": 640}, "device_scale_factor": 2,
                "is_mobile": True, "has_touch": True}

    def test_nothing_sticks_out_sideways(self, page, live_server):
        open_widget(page, live_server)
        expect(page.get_by_label("Mostrar gradientes")).to_be_checked()
        assert page.evaluate("() => document.documentElement.clientWidth") == 320
        for k, phase in enumerate(("forward", "backward", "update")):
            steps(page, 1, done=k)
            hotspot(page, "Peso w₁₂").click()  # its chain rule in the math panel
            expect(page.locator("#bp_math")).to_contain_text("∂")
            sizes = page.evaluate(OVERFLOWS)
            assert sizes["page"] <= 0 and sizes["panelRight"] <= 0, (phase, sizes)
            assert sizes["panel"] <= 0 and not sizes["outside"], (phase, sizes)
            page.keyboard.press("Escape")


    def test_readout_numbers_never_break_at_ten_decimals(self, page, live_server):
        open_widget(page, live_server, "?prec=10&loss=bce")
        steps(page, 3)
        expect(page.locator("#bp_trainLoss")).to_have_text(re.compile(r"^\d,\d{10}$"))
        for rid in ("bp_err", "bp_out", "bp_abs"):
            expect(page.locator(f"#{rid}")).to_have_text(re.compile(r"^\d,\d{10}$"))
        cards = page.evaluate(READOUT_LINES)
        assert len(cards) == 7, cards
        for card in cards:
            assert card["lines"] == 1 and card["overflow"] <= 0, card
            assert card["fontPx"] >= 11, card  # shrunk to fit, still readable


# Every read-out number shown: its text, on how many lines it is drawn, how far it sticks out of
# its card's content box (inside the padding), and its font size.
READOUT_LINES = """() => [...document.querySelectorAll('.bp-stat:not([hidden]) dd.bp-num')].map((dd) => {
  const range = document.createRange();
  range.selectNodeContents(dd);
  const tops = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
  const box = dd.parentElement.getBoundingClientRect(), text = range.getBoundingClientRect();
  const pad = getComputedStyle(dd.parentElement);
  const left = box.left + parseFloat(pad.paddingLeft), right = box.right - parseFloat(pad.paddingRight);
  return { id: dd.id, text: dd.textContent, lines: tops.size,
           overflow: Math.max(text.right - right, left - text.left),
           fontPx: parseFloat(getComputedStyle(dd).fontSize) };
})"""


def luminance(colours: list[str]) -> float:
    """WCAG relative luminance of what shows through CSS colours stacked nearest first, over white."""
    seen = [255.0] * 3
    for text in reversed(colours):
        r, g, b, *alpha = (float(x) for x in re.findall(r"[\d.]+", text))
        a = alpha[0] if alpha else 1.0
        seen = [a * c + (1 - a) * s for c, s in zip((r, g, b), seen)]
    lin = [c / 255 / 12.92 if c <= 10.31475 else ((c / 255 + 0.055) / 1.055) ** 2.4 for c in seen]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


# Every element of the math panel holding text: its text, colour, and the backgrounds up to <html>.
MATH_TEXT_COLOURS = """() => [...document.querySelectorAll('#bp_math *')]
  .filter((el) => [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim()))
  .map((el) => { const backgrounds = [];
    for (let node = el; node; node = node.parentElement) backgrounds.push(getComputedStyle(node).backgroundColor);
    return { text: el.textContent.trim(), colour: getComputedStyle(el).color, backgrounds }; })"""


def test_dark_theme_is_dark_drawn_and_readable(page, live_server):
    open_widget(page, live_server, "?theme=dark")
    steps(page, 2)
    expect(page.locator("#bp_math")).to_contain_text("∂")
    body = page.evaluate("() => getComputedStyle(document.body).backgroundColor")
    assert luminance([body]) < 0.05, body
    wait_until(page, CANVAS_DRAWN)

    texts = page.evaluate(MATH_TEXT_COLOURS)
    assert len(texts) > 10, texts
    for item in texts:
        text, background = luminance([item["colour"], *item["backgrounds"]]), luminance(item["backgrounds"])
        ratio = (max(text, background) + 0.05) / (min(text, background) + 0.05)
        assert ratio >= 4.5, (item, ratio)


def test_dead_units_schedule_and_new_settings_reach_the_page(page, live_server):
    """ReLU with seed 3: a₁ has z ≤ 0 on every XOR example from the start; the page says so in
    words. A schedule shows the η the next update uses; the advanced settings come from the catalog."""
    open_widget(page, live_server, "?activation=relu&seed=3&schedule=step&period=1&lr=0.8")
    health = page.locator("#bp_health")
    expect(health).to_contain_text("neurônio morto: a₁ (ReLU com z ≤ 0 em todos os exemplos")
    expect(health).to_contain_text("η agora: 0,8000")
    page.get_by_role("button", name="Treinar automático").click()
    expect(health).to_contain_text(re.compile(r"η agora: 0,0000|η agora: \d,\d+×10⁻"))
    page.get_by_role("button", name="Pausar").click()
    page.locator("details.bp-advanced summary").click()
    expect(page.get_by_label("Inicialização dos pesos")).to_have_value("uniform")
    page.get_by_label("Inicialização dos pesos").select_option("he")
    expect(page.locator("#bp_epoch")).to_have_text("—")  # a new initialisation starts over
    expect(page.locator("#bp_status")).to_contain_text("Fase: início")
    assert "init=he" in page.url
    page.get_by_label("Corte do gradiente (norma máxima; 0 = desligado)").fill("500")
    page.get_by_label("Corte do gradiente (norma máxima; 0 = desligado)").press("Enter")
    expect(page.locator("#bp_msg")).to_contain_text("O corte do gradiente deve estar entre 0 e 100 (0 desliga).")
