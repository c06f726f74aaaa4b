"""The page embedded in a course page served from another origin, as a course site would."""

from __future__ import annotations

import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from playwright.sync_api import expect

from helpers.servers import free_port

HOST_PAGE = """<!doctype html>
<html lang="pt-BR">
<head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Curso: retropropagação</title></head>
<body>
<h1>Aula 7 — Backpropagation</h1>
<iframe id="bp" src="{widget}/?seed=3" title="Backpropagation – Passo a Passo"
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
    expect(frame.locator("#bp_out")).to_have_text(re.compile(r"^−?\d+\.\d+$"))
    frame.get_by_role("button", name="Próximo passo").click()
    expect(frame.locator("#bp_status")).to_contain_text("Fase: backward")


def test_widget_tells_the_host_its_height(page, live_server, host_page):
    page.goto(host_page + "/aula.html")
    frame = page.frame_locator("#bp")
    expect(frame.locator("#bp_status")).to_contain_text(re.compile(r"^Fase:"))
    # The host sized the iframe from the last message ...
    page.wait_for_function("""() => {
        const h = window.bpHeights.at(-1);
        return h > 300 && Math.abs(document.getElementById('bp').getBoundingClientRect().height - h) <= 1;
    }""")
    # ... and at that size the widget needs no scroll bar of its own.
    widget = page.frame(url=re.compile(re.escape(live_server)))
    widget.wait_for_function(
        "() => document.documentElement.scrollHeight <= window.innerHeight + 1")


def test_widget_fits_a_narrow_course_column(page, live_server, host_page):
    page.set_viewport_size({"width": 400, "height": 800})
    page.goto(host_page + "/aula.html")
    frame = page.frame_locator("#bp")
    expect(frame.locator("#bp_status")).to_contain_text(re.compile(r"^Fase:"))
    frame_width = page.evaluate("() => document.getElementById('bp').clientWidth")
    scroll = page.frame(url=re.compile(re.escape(live_server))).evaluate(
        "() => document.documentElement.scrollWidth")
    assert scroll <= frame_width
