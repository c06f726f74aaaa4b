"""The page embedded in a course page served from another origin, as a course site would."""

from __future__ import annotations

import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from helpers.browser import lr_position, wait_until
from playwright.sync_api import expect

from helpers.servers import free_port

HOST_PAGE = """<!doctype html>
<html lang="pt-BR">
<head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Curso: retropropagação</title></head>
<body>
<h1>Aula 7 — Backpropagation</h1>
<iframe id="bp" src="{widget}/embed?seed=3" title="Backpropagation – Passo a Passo"
        style="width: 100%; max-width: 980px; border: 0" height="150" loading="eager"></iframe>
<p id="after">Fim da aula.</p>
<script>
  window.bpHeights = [];
  window.addEventListener('message', (event) => {{
    if (event.origin !== '{widget}') return;
    const data = event.data;
    if (!data || data.type !== 'bp-height' || !Number.isFinite(data.height)) return;
    window.bpHeights.push(data.height);
    document.getElementById('bp').style.height = data.height + 'px';
  }});
</script>
</body>
</html>
"""


class _HostHandler(BaseHTTPRequestHandler):
    page = b""

    def do_GET(self):  # noqa: N802 (http.server's name)
        if self.path not in ("/", "/aula.html"):
            self.send_error(404)
            return
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(self.page)))
        self.end_headers()
        self.wfile.write(self.page)

    def log_message(self, *args):
        pass


@pytest.fixture
def host_page(live_server):
    """A course page on another origin (another port) whose <iframe> shows the live server."""
    handler = type("Handler", (_HostHandler,), {"page": HOST_PAGE.format(widget=live_server).encode()})
    server = ThreadingHTTPServer(("127.0.0.1", free_port()), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()
    thread.join(5)


@pytest.fixture
def allowed_origins(live_server, host_page):
    return [live_server, host_page]


def test_widget_works_inside_a_cross_origin_iframe(page, live_server, host_page):
    assert host_page != live_server
    page.goto(host_page + "/aula.html")
    frame = page.frame_locator("#bp")
    expect(frame.locator("#bp_status")).to_contain_text(re.compile(r"^Fase:"))

    frame.get_by_role("button", name="Próximo passo").click()
    expect(frame.locator("#bp_status")).to_contain_text("Fase: forward")
    expect(frame.locator("#bp_out")).to_have_text(re.compile(r"^−?\d+,\d+$"))
    frame.get_by_role("button", name="Próximo passo").click()
    expect(frame.locator("#bp_status")).to_contain_text("Fase: backward")


def test_widget_tells_the_host_its_height(page, live_server, host_page):
    page.goto(host_page + "/aula.html")
    frame = page.frame_locator("#bp")
    expect(frame.locator("#bp_status")).to_contain_text(re.compile(r"^Fase:"))
    # The host sized the iframe from the last message ...
    wait_until(page, """() => {
        const h = window.bpHeights.at(-1);
        return h > 300 && Math.abs(document.getElementById('bp').getBoundingClientRect().height - h) <= 1;
    }""")
    # ... and at that size the widget needs no scroll bar of its own.
    widget = page.frame(url=re.compile(re.escape(live_server)))
    wait_until(widget, "() => document.documentElement.scrollHeight <= window.innerHeight + 1")


def test_widget_fits_a_narrow_course_column(page, live_server, host_page):
    page.set_viewport_size({"width": 400, "height": 800})
    page.goto(host_page + "/aula.html")
    frame = page.frame_locator("#bp")
    expect(frame.locator("#bp_status")).to_contain_text(re.compile(r"^Fase:"))
    frame_width = page.evaluate("() => document.getElementById('bp').clientWidth")
    scroll = page.frame(url=re.compile(re.escape(live_server))).evaluate(
        "() => document.documentElement.scrollWidth")
    assert scroll <= frame_width


# ---------- /embed and what a teacher's URL asks of it ----------

def open_page(page, url: str) -> None:
    page.goto(url)
    expect(page.locator("#bp_status")).to_contain_text(re.compile(r"^(Fase|Phase):"))


def test_embed_is_the_widget_alone_filling_its_width(page, live_server):
    page.set_viewport_size({"width": 700, "height": 900})
    open_page(page, live_server + "/embed")
    expect(page.get_by_text("Veja a rede calcular")).to_have_count(0)
    expect(page.get_by_role("heading", level=1, name="Backpropagation – Passo a Passo")).to_have_count(1)
    assert page.locator(".bp-header__text").bounding_box()["width"] <= 1  # for screen readers only
    card = page.locator(".bp-card").bounding_box()
    assert card["x"] <= 1 and card["width"] >= 698
    expect(page.get_by_role("button", name="Próximo passo")).to_be_visible()
    open_page(page, live_server + "/")
    expect(page.get_by_text("Veja a rede calcular")).to_be_visible()


def test_controls_in_the_url_hide_the_others(page, live_server):
    open_page(page, live_server + "/embed?controls=next,reset")
    for name in ("Próximo passo", "Reset"):
        expect(page.get_by_role("button", name=name)).to_be_visible()
    for name in ("Treinar automático", "Passo anterior", "Compartilhar", "Exportar sessão (JSON)"):
        expect(page.get_by_role("button", name=name)).to_be_hidden()
    for label in ("Função de ativação", "Taxa de aprendizado (η)", "Mostrar gradientes"):
        expect(page.get_by_label(label)).to_be_hidden()
    page.keyboard.press("a")  # the shortcut of a hidden button does nothing
    page.keyboard.press("n")
    expect(page.locator("#bp_status")).to_contain_text("Fase: forward")
    expect(page.get_by_role("button", name="Pausar")).to_have_count(0)


def test_autotrain_starts_training_and_a_click_pauses_it(page, live_server):
    open_page(page, live_server + "/embed?autotrain=1&speed=1")
    expect(page.locator("#bp_epoch")).to_have_text(re.compile(r"^[1-9]\d*$"))
    page.get_by_role("button", name="Pausar").click()
    expect(page.get_by_role("button", name="Treinar automático")).to_be_visible()


def test_bad_or_clamped_url_values_are_named_with_the_value_used(page, live_server):
    open_page(page, live_server + "/?activation=foo&hidden=99&speed=1000&lr=50")
    notice = page.locator("#bp_urlNotice li")
    expect(notice).to_have_text([
        "Endereço: “lr=50” está fora dos limites; usado: 10.",
        "Endereço: “activation=foo” não é um valor válido; usado: sigmoid.",
        "Endereço: “hidden=99” está fora dos limites; usado: 8.",
        "Endereço: “speed=1000” está fora dos limites; usado: 10.",
    ])
    expect(page.get_by_label("Camadas ocultas")).to_have_value("8")
    page.get_by_label("Idioma").select_option("en")
    expect(notice.first).to_have_text("URL: “lr=50” is out of range; using 10.")
    open_page(page, live_server + "/?lr=0.5")
    expect(page.locator("#bp_urlNotice")).to_be_hidden()


def test_url_numbers_are_read_by_one_rule(page, live_server):
    """Decimal notation only; out of range is clamped and rounding is named, each with a notice."""
    open_page(page, live_server + "/?noise=-1&l2=0,00005&lr=0x1&seed=%2B7")
    expect(page.locator("#bp_urlNotice li")).to_have_text([
        "Endereço: “noise=-1” está fora dos limites; usado: 0.",
        "Endereço: “lr=0x1” não é um valor válido; usado: 0.1.",
        "Endereço: “l2=0,00005” tem mais casas do que a configuração guarda; usado: 0.0001.",
    ])
    page.get_by_role("button", name="Compartilhar").click()
    link = page.get_by_label("Link para estas configurações").input_value()
    assert link == live_server + "/?noise=0&seed=7&l2=0.0001"


def test_share_copies_a_link_that_brings_the_settings_back(page, live_server):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server)
    open_page(page, live_server + "/")
    page.get_by_label("Função de ativação").select_option("tanh")
    page.get_by_label("Taxa de aprendizado (η)").fill(lr_position(0.5))
    expect(page.locator("#bp_lrVal")).to_have_text("0,5")
    page.get_by_role("button", name="Compartilhar").click()
    expect(page.locator("#bp_shareStatus")).to_have_text(re.compile("^Link copiado"))
    link = page.get_by_label("Link para estas configurações").input_value()
    assert link == page.evaluate("() => navigator.clipboard.readText()")
    assert link.startswith(live_server + "/?") and "activation=tanh" in link and "lr=0.5" in link
    snippet = page.get_by_label("Código para incorporar (iframe)").input_value()
    assert snippet.startswith(f'<iframe src="{live_server}/embed?') and 'title="' in snippet
    open_page(page, link)
    expect(page.get_by_label("Função de ativação")).to_have_value("tanh")
    expect(page.locator("#bp_lrVal")).to_have_text("0,5")


def test_share_without_clipboard_shows_the_text_to_copy(page, live_server):
    open_page(page, live_server + "/embed?seed=9")
    page.evaluate("() => { Object.defineProperty(navigator, 'clipboard', { value: undefined }); }")
    page.evaluate("() => navigator.clipboard === undefined")
    page.get_by_role("button", name="Compartilhar").click()
    expect(page.get_by_role("status").filter(has_text="Não foi possível copiar")).to_be_visible()
    expect(page.get_by_label("Link para estas configurações")).to_have_value(live_server + "/embed?seed=9")
