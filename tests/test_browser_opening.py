"""The opening state in a real browser: the page draws the state embedded in its HTML before its
socket answers (even when the socket never does), that state is the socket's first one, -0 and
all, and a URL the page must correct still gets its notice and draws from the socket."""

from __future__ import annotations

import json
import re

import pytest
from helpers.browser import frames_reach, wait_until
from playwright.sync_api import expect
from test_browser import ink
from test_opening import NEGATIVE_ZERO_URL

DRAWN = "() => performance.getEntriesByName('bp-network-drawn').length > 0"

# Marks the page's first WebSocket message (installed before any of the page's scripts run).
MARK_FIRST_MESSAGE = """
(() => {
  const Native = WebSocket;
  window.WebSocket = function (url, protocols) {
    const socket = new Native(url, protocols);
    socket.addEventListener('message', () => {
      if (!performance.getEntriesByName('test-first-message').length) performance.mark('test-first-message');
    });
    return socket;
  };
  window.WebSocket.prototype = Native.prototype;
})();
"""

# The embedded state and the socket's first message (its `resume` aside) alike, -0 told from 0.
SAME_AS_EMBEDDED = """(frame) => {
  const same = (a, b) => {
    if (typeof a !== 'object' || a === null || typeof b !== 'object' || b === null) return Object.is(a, b);
    if (Array.isArray(a) !== Array.isArray(b) || Object.keys(a).length !== Object.keys(b).length) return false;
    return Object.keys(a).every((key) => Object.hasOwn(b, key) && same(a[key], b[key]));
  };
  const negativeZeros = (value) => (typeof value === 'object' && value !== null
    ? Object.values(value).reduce((n, item) => n + negativeZeros(item), 0) : Number(Object.is(value, -0)));
  const embedded = JSON.parse(document.getElementById('bp_opening').textContent).state;
  const { resume, ...first } = JSON.parse(frame);
  return { same: same(embedded, first), resumed: Boolean(resume), zeros: [negativeZeros(embedded), negativeZeros(first)] };
}"""


# A WebSocket that never opens (installed before any of the page's scripts run).
NEVER_OPENS = "window.WebSocket = function () { return { readyState: 0, send() {}, close() {} }; };"
BOUNDARY_DRAWN = """(id) => {
  const canvas = document.getElementById(id);
  if (!canvas.width) return false;
  const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
  return data.some((value, i) => value !== data[i % 4]);
}"""


def test_the_page_draws_its_embedded_state_while_the_socket_cannot_open(page, live_server):
    page.add_init_script(NEVER_OPENS)
    page.goto(f"{live_server}/?lr=0.5&hidden=3,2")
    wait_until(page, DRAWN)
    assert ink(page, "bp_canvas")["ink"] > 1000
    wait_until(page, BOUNDARY_DRAWN, "bp_boundary")  # the other views follow the network
    expect(page.locator("#bp_math")).to_contain_text("Antes do primeiro passo")
    expect(page.get_by_label("Camadas ocultas")).to_have_value("3,2")
    expect(page.locator("#bp_status")).to_have_text("Conectando ao servidor…")
    expect(page.get_by_role("button", name="Próximo passo")).to_be_disabled()  # nothing can act yet


def test_the_first_paint_already_has_the_network_drawn(page, live_server):
    """The page's script blocks rendering (blocking="render"): no paint of empty controls and a
    blank canvas first, laid out once for nothing (~40 ms before the script could run)."""
    page.goto(f"{live_server}/")
    wait_until(page, DRAWN)
    wait_until(page, "() => performance.getEntriesByName('first-paint').length > 0")
    drawn, painted = page.evaluate("""() => [performance.getEntriesByName('bp-network-drawn')[0].startTime,
                                            performance.getEntriesByName('first-paint')[0].startTime]""")
    assert painted >= drawn, f"first paint at {painted:.0f} ms, the network drawn at {drawn:.0f} ms"


# What is laid out when the network is drawn (installed before any of the page's scripts run).
SEEN_AT_DRAWING = """
(() => {
  const mark = performance.mark.bind(performance);
  performance.mark = (name, ...rest) => {
    if (name === 'bp-network-drawn' && !window.seenAtDrawing) {
      const shown = (id) => document.getElementById(id).checkVisibility({ contentVisibilityAuto: true });
      const canvas = document.getElementById('bp_canvas');
      window.seenAtDrawing = { network: shown('bp_canvas'), boundary: shown('bp_boundary'), loss: shown('bp_loss'),
        controls: shown('bp_next'), math: shown('bp_math'), size: [canvas.width, canvas.height] };
    }
    return mark(name, ...rest);
  };
})();
"""


CANVAS_SIZE = "() => [document.getElementById('bp_canvas').width, document.getElementById('bp_canvas').height]"


@pytest.mark.parametrize("width", [1280, 320])
def test_the_network_is_drawn_before_the_rest_of_the_page_is_laid_out(page, live_server, width):
    """The layout the network's drawing waits for covers the canvas and the boxes holding it
    alone (data-measuring): not the controls, the math panel or the sections below; yet the
    canvas has the size the page settles at, so the drawing is not redone. The first frame lays out
    the rest near the screen, the next one the sections below (data-starting dropped), and they
    are drawn, the page never scrolled."""
    page.add_init_script(SEEN_AT_DRAWING)
    page.set_viewport_size({"width": width, "height": 720})
    page.goto(f"{live_server}/")
    wait_until(page, DRAWN)
    seen = page.evaluate("window.seenAtDrawing")
    assert {key: value for key, value in seen.items() if key != "size"} == {
        "network": True, "boundary": False, "loss": False, "controls": False, "math": False}
    expect(page.get_by_role("button", name="Próximo passo")).to_be_visible()
    wait_until(page, BOUNDARY_DRAWN, "bp_boundary")
    wait_until(page, BOUNDARY_DRAWN, "bp_loss")
    assert page.evaluate(CANVAS_SIZE) == seen["size"]
    assert page.evaluate("scrollY") == 0 and page.locator("#bp_page[data-starting]").count() == 0
    assert page.locator("#bp_page[data-measuring]").count() == 0


def test_the_page_sends_the_configure_its_embedded_state_answers(page, live_server):
    sent = []
    page.route_web_socket(re.compile(r"/ws"), lambda ws: ws.on_message(lambda text: sent.append(text)))  # silent
    page.goto(f"{live_server}/?dataset=passo_a_passo&lang=en")
    wait_until(page, DRAWN)
    for _ in range(100):  # the configure goes out as the mocked socket opens
        if sent:
            break
        page.wait_for_timeout(50)
    expected = json.loads(page.locator("#bp_opening").text_content())["configure"]
    assert expected["preset"] == "passo_a_passo" and [json.loads(text) for text in sent] == [expected]
    expect(page.locator("#bp_status")).to_contain_text(re.compile(r"^Phase: start"))


def test_the_embedded_state_is_the_sockets_first_to_the_last_negative_zero(page, live_server):
    frames = []
    page.on("websocket", lambda ws: ws.on("framereceived", lambda payload: frames.append(payload)))
    page.add_init_script(MARK_FIRST_MESSAGE)
    page.goto(f"{live_server}/{NEGATIVE_ZERO_URL}")
    wait_until(page, "() => performance.getEntriesByName('test-first-message').length > 0")
    drawn, message = page.evaluate("() => ['bp-network-drawn', 'test-first-message']"
                                   ".map((name) => performance.getEntriesByName(name)[0].startTime)")
    assert drawn < message  # drawn from the embedded state, before the socket said a word
    frames_reach(page, frames, 1)
    compared = page.evaluate(SAME_AS_EMBEDDED, frames[0])
    assert compared["same"] and compared["resumed"] and compared["zeros"] == [0, 0]


def test_a_url_the_page_corrects_gets_its_notice_and_draws_from_the_socket(page, live_server):
    page.goto(f"{live_server}/?lr=abc")
    expect(page.locator("#bp_urlNotice li")).to_have_text(["Endereço: “lr=abc” não é um valor válido; usado: 0.1."])
    assert page.locator("#bp_opening").count() == 0
    expect(page.locator("#bp_status")).to_contain_text(re.compile(r"^Fase:"))
    wait_until(page, DRAWN)
    assert ink(page, "bp_canvas")["ink"] > 1000
