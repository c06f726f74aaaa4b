"""The network picture in Chromium with its real font: every text drawn on it is at least 11 CSS px,
inside the canvas, clear of every other text, and every number is written at the chosen precision.
(tests/js/canvas-labels.test.mjs checks many more sizes with estimated text widths.) The loss curve's
texts stay apart too, its log axis over 25 decades included."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from helpers.browser import wait_until
from test_browser import SATURATED_OUTPUT, edit_value

# Wraps fillText on every canvas: each text with its font and ink box (CSS px, since the page
# draws through a devicePixelRatio transform), kept by canvas id; a clearRect of the whole canvas
# (the start of each drawing) starts that canvas's list again, so a list is always the last picture.
RECORD_TEXTS = """(() => {
  const proto = CanvasRenderingContext2D.prototype;
  const fill = proto.fillText;
  const clear = proto.clearRect;
  window.__bpTexts = {};
  proto.clearRect = function (x, y, w, h) {
    if (x === 0 && y === 0) window.__bpTexts[this.canvas.id] = [];
    return clear.call(this, x, y, w, h);
  };
  proto.fillText = function (text, x, y, ...rest) {
    const m = this.measureText(text);
    (window.__bpTexts[this.canvas.id] ??= []).push({ text: String(text), font: this.font, left: x - m.actualBoundingBoxLeft,
      right: x + m.actualBoundingBoxRight, top: y - m.actualBoundingBoxAscent, bottom: y + m.actualBoundingBoxDescent });
    return fill.call(this, text, x, y, ...rest);
  };
})();"""

READ_TEXTS = """(id) => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => {
  const canvas = document.getElementById(id);
  resolve({ texts: window.__bpTexts[id] ?? [], width: canvas.clientWidth, height: canvas.clientHeight });
})))"""

SUPERSCRIPT_DIGITS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")
NUMBER = re.compile(r"\d+[.,]\d+(?:×10[⁻⁰¹²³⁴⁵⁶⁷⁸⁹]+)?")


def wrong_numbers(text: str, precision: int) -> list[str]:
    """Numbers not written as formatNumber writes them at `precision` (fixed, or scientific)."""
    mantissa = max(1, min(precision - 2, 3))
    return [n for n in NUMBER.findall(text)
            if not (re.fullmatch(rf"\d[.,]\d{{{mantissa}}}×10[⁻⁰¹²³⁴⁵⁶⁷⁸⁹]+", n) if "×" in n
                    else re.fullmatch(rf"\d+[.,]\d{{{precision}}}", n))]


def overlapping(a: dict, b: dict, slack: float = 0.5) -> bool:
    return (a["left"] < b["right"] - slack and b["left"] < a["right"] - slack
            and a["top"] < b["bottom"] - slack and b["top"] < a["bottom"] - slack)


def check_picture(page: Page, precision: int, what: str) -> int:
    """Assert the rules on the last picture drawn; return how many texts it has."""
    drawn = page.evaluate(READ_TEXTS, "bp_canvas")
    texts, width, height = drawn["texts"], drawn["width"], drawn["height"]
    assert texts, f"{what}: nothing drawn"
    for t in texts:
        size = float(re.search(r"(\d+(?:\.\d+)?)px", t["font"]).group(1))
        assert size >= 11, f"{what}: “{t['text']}” at {size} px"
        assert t["left"] >= 0 and t["top"] >= 0 and t["right"] <= width and t["bottom"] <= height, \
            f"{what}: “{t['text']}” leaves the {width}×{height} canvas: {t}"
        assert not wrong_numbers(t["text"], precision), f"{what}: “{t['text']}” is not at {precision} decimals"
    assert_apart(texts, what)
    return len(texts)


def assert_apart(texts: list[dict], what: str) -> None:
    for i, a in enumerate(texts):
        for b in texts[i + 1:]:
            assert not overlapping(a, b), f"{what}: “{a['text']}” overlaps “{b['text']}”: {a} {b}"


def walk_phases(page: Page, base_url: str, hidden: str, precision: int) -> None:
    page.add_init_script(script=RECORD_TEXTS)
    page.goto(f"{base_url}/?hidden={hidden}&prec={precision}")
    expect(page.locator("#bp_status")).to_contain_text("Fase:")
    check_picture(page, precision, "before the first step")
    for phase in ("forward", "backward", "update"):
        page.get_by_role("button", name="Próximo passo").click()
        expect(page.locator("#bp_status")).to_contain_text(re.compile(rf"Fase: {phase}"))
        wait_until(page, "(p) => document.getElementById('bp_prec').value === String(p)", precision)
        check_picture(page, precision, f"{phase}, hidden={hidden}, {precision} decimals")


CASES = [(hidden, precision) for hidden in ("2", "8,8,8,8,8,8", "3,2") for precision in (2, 6)]


class TestPhone320:
    @pytest.fixture
    def context_options(self):
        return {"viewport": {"width": 320, "height": 640}, "device_scale_factor": 2,
                "is_mobile": True, "has_touch": True}

    @pytest.mark.parametrize("hidden, precision", CASES)
    def test_every_label_is_readable_inside_and_apart(self, page, live_server, hidden, precision):
        walk_phases(page, live_server, hidden, precision)

    def test_a_loss_too_wide_for_its_box_is_not_written_as_missing(self, page, live_server):
        """L = 5.00×10⁻²⁵ does not fit the phone's box: the picture leaves the name L alone, never
        “—”, which says the loss is not computed yet."""
        page.add_init_script(script=RECORD_TEXTS)
        page.goto(f"{live_server}/")
        expect(page.locator("#bp_status")).to_contain_text("Fase:")
        for name, value in SATURATED_OUTPUT:
            edit_value(page, name, value)
        page.get_by_role("button", name="Próximo passo").click()
        expect(page.locator("#bp_status")).to_contain_text("Fase: forward")
        wait_until(page, "() => (window.__bpTexts.bp_canvas ?? []).some((t) => t.text.startsWith('Forward'))")
        texts = [t["text"] for t in page.evaluate(READ_TEXTS, "bp_canvas")["texts"]]
        assert "L" in texts or "L = 5,00×10⁻²⁵" in texts, texts
        assert not [t for t in texts if "—" in t], texts


class TestDesktop1280:
    @pytest.mark.parametrize("hidden, precision", CASES)
    def test_every_label_is_readable_inside_and_apart(self, page, live_server, hidden, precision):
        walk_phases(page, live_server, hidden, precision)


def test_a_log_loss_axis_over_25_decades_keeps_its_labels_apart(page, live_server):
    """ŷ = σ(27.631) for y = 1 after one epoch: the curve falls from 0.13 to 5.00×10⁻²⁵."""
    page.add_init_script(script=RECORD_TEXTS)
    page.goto(f"{live_server}/?dataset=single&log=1")
    expect(page.locator("#bp_status")).to_contain_text("Fase:")
    for name, value in SATURATED_OUTPUT:
        edit_value(page, name, value)
    for _ in range(3):
        page.get_by_role("button", name="Próximo passo").click()
    expect(page.locator("#bp_err")).to_have_text("5,00×10⁻²⁵")
    # The curve is drawn a frame after the read-outs: wait for its picture with the new point.
    wait_until(page, "() => (window.__bpTexts.bp_loss ?? []).some((t) => t.text === '5,00×10⁻²⁵')")
    texts = page.evaluate(READ_TEXTS, "bp_loss")["texts"]
    decades = [int(t["text"][3:].translate(SUPERSCRIPT_DIGITS)) for t in texts if t["text"].startswith("10⁻")]
    assert decades and max(decades) >= 20, texts  # the axis reaches down to the 10⁻²⁵ point
    assert_apart(texts, "the loss curve")



FREE_UNDER_HOTSPOT = """() => {
  for (const b of document.querySelectorAll('button.bp-hotspot--under')) {
    const r = b.getBoundingClientRect();
    if (document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2) === b) {
      return { key: b.dataset.key, x: r.x + r.width / 2, y: r.y + r.height / 2 };
    }
  }
  return null;
}"""


def test_hovering_a_weight_whose_label_is_not_drawn_rings_its_point_not_an_empty_box(page, live_server):
    """On a dense network some weights' labels have no room and are not drawn; their hotspot stays
    (click, keyboard, title). Hovering one rings the point on its line where the label would sit,
    not the label's empty box."""
    page.goto(f"{live_server}/?hidden=4,4")
    expect(page.locator("#bp_status")).to_contain_text("Fase:")
    spot = page.evaluate(FREE_UNDER_HOTSPOT)
    assert spot, "no weight without its label at 1280 px on 2–4–4–1"
    page.mouse.move(spot["x"], spot["y"])
    button = page.locator(f'button[data-key="{spot["key"]}"]')
    expect(button).to_have_css("box-shadow", "none")
    ring = button.evaluate("(b) => { const s = getComputedStyle(b, '::after'); "
                           "return [s.content, s.width, s.height, s.borderRadius, s.boxShadow]; }")
    assert ring[:4] == ['""', "14px", "14px", "50%"], ring
    assert "1.5px" in ring[4], ring
    page.mouse.move(1, 1)  # away: no ring
    assert button.evaluate("(b) => getComputedStyle(b, '::after').content") == "none"


# The focused hotspot, how far its focus ring reaches outside it (its computed outline, and the
# halo drawn under it), and where it is on the network canvas (CSS px, as the texts are recorded).
FOCUSED_HOTSPOT = r"""() => {
  const spot = document.activeElement;
  const style = getComputedStyle(spot);
  const halo = Number(/(-?[\d.]+)px$/.exec(style.boxShadow)?.[1] ?? 0);
  const ring = Math.max(parseFloat(style.outlineOffset) + parseFloat(style.outlineWidth), halo);
  const r = spot.getBoundingClientRect();
  const c = document.getElementById('bp_canvas').getBoundingClientRect();
  return { name: spot.getAttribute('aria-label'), ringed: spot.matches(':focus-visible'), ring,
    left: r.left - c.left, top: r.top - c.top, right: r.right - c.left, bottom: r.bottom - c.top,
    width: c.width, height: c.height };
}"""

LAST_TEXT_IS = "(text) => (window.__bpTexts.bp_canvas ?? []).at(-1)?.text === text"


def parameter_hotspots(page, live_server, width, init_script=None):
    """Open the page at `width` and answer the names of its 9 weight and bias hotspots."""
    page.set_viewport_size({"width": width, "height": 900})
    if init_script:
        page.add_init_script(script=init_script)
    page.goto(f"{live_server}/")
    expect(page.locator("#bp_status")).to_contain_text("Fase:")
    names = page.locator("button.bp-hotspot").evaluate_all(
        "(spots) => spots.map((s) => s.getAttribute('aria-label')).filter((n) => /^(Peso|Viés) /.test(n))")
    assert len(names) == 9, names
    return names


@pytest.mark.parametrize("width", [320, 1280])
def test_a_selected_label_and_its_focus_ring_stay_whole_and_inside_the_canvas(page, live_server, width):
    """Set to −100, a weight's or bias's label, drawn on top while selected, grows to hold its name
    and the long number. Its hotspot, focused again after Enter, kept the layout's narrower box:
    the focus ring's halo hid the label's ends ("−100,000"), and at 320 px w₁₂'s outline passed the
    canvas's left edge."""
    names = parameter_hotspots(page, live_server, width, RECORD_TEXTS)
    for name in names:
        edit_value(page, name, "-100")
        wait_until(page, LAST_TEXT_IS, "−100,0000")  # the selected label, drawn last
        texts = page.evaluate(READ_TEXTS, "bp_canvas")["texts"]
        short = name.split()[-1]
        label = texts[-2:] if texts[-2]["text"].strip() == short else texts[-1:]
        spot = page.evaluate(FOCUSED_HOTSPOT)
        assert spot["name"] == name and spot["ringed"], spot
        for t in label:
            assert (t["left"] >= spot["left"] - 0.5 and t["right"] <= spot["right"] + 0.5
                    and t["top"] >= spot["top"] - 0.5 and t["bottom"] <= spot["bottom"] + 0.5), \
                f"{width} px, {name}: “{t['text']}” {t} passes its focused hotspot {spot}, under the ring"
        ring = spot["ring"]
        assert (spot["left"] - ring >= 0 and spot["top"] - ring >= 0
                and spot["right"] + ring <= spot["width"] and spot["bottom"] + ring <= spot["height"]), \
            f"{width} px, {name}: the focus ring round {spot} leaves the canvas, which clips it"


# Points of the selected hotspot (3 px in from its edges, inside its rounded corners) where the page
# hands a click to another hotspot, with that hotspot's name; and every hotspot's name in page order.
TAKEN_FROM_SELECTED = """() => {
  const selected = document.querySelector('button.bp-hotspot[aria-pressed="true"]');
  const r = selected.getBoundingClientRect();
  const taken = [];
  for (let x = r.left + 3; x <= r.right - 3; x += 2) {
    for (let y = r.top + 3; y <= r.bottom - 3; y += 2) {
      const hit = document.elementFromPoint(x, y);
      if (hit !== selected) taken.push({ x, y, by: hit?.getAttribute('aria-label') ?? hit?.className });
    }
  }
  return taken;
}"""

PAGE_ORDER = "() => [...document.querySelectorAll('button.bp-hotspot')].map((b) => b.getAttribute('aria-label'))"

# A point of the selected hotspot that another hotspot also covers, and that hotspot's name.
OVERLAP_POINT = """() => {
  const selected = document.querySelector('button.bp-hotspot[aria-pressed="true"]');
  const r = selected.getBoundingClientRect();
  for (let x = Math.ceil(r.left); x < r.right; x += 1) {
    for (let y = Math.ceil(r.top); y < r.bottom; y += 1) {
      const hits = document.elementsFromPoint(x, y);
      const other = hits.find((el) => el !== selected && el.matches('button.bp-hotspot'));
      if (other && hits.includes(selected)) return { x, y, other: other.getAttribute('aria-label') };
    }
  }
  return null;
}"""


@pytest.mark.parametrize("width", [320, 1280])
def test_a_click_on_the_selected_label_edits_it_where_it_overlaps_another_hotspot(page, live_server, width):
    """Set to −100, a selected label grows over its neighbours (w₁₁ over b₁ and a₁) and is drawn on
    top of them, its hotspot taking the box drawn. That hotspot lay under those later in the page: a
    click on the number being edited selected b₁ or a₁ instead. The page order, which is the reading
    order, stays."""
    page.set_viewport_size({"width": width, "height": 900})
    page.add_init_script(script=RECORD_TEXTS)
    page.goto(f"{live_server}/")
    expect(page.locator("#bp_status")).to_contain_text("Fase:")
    order = page.evaluate(PAGE_ORDER)
    overlapped = []
    for name in [n for n in order if re.match(r"^(Peso|Viés) ", n)]:
        edit_value(page, name, "-100")
        expect(page.locator(f'button.bp-hotspot[aria-pressed="true"][aria-label="{name}"]')).to_be_visible()
        # The label grows once the server's reply is drawn: only then may it overlap its neighbours.
        wait_until(page, LAST_TEXT_IS, "−100,0000")
        assert page.evaluate(TAKEN_FROM_SELECTED) == [], f"{width} px, {name}: clicks there go elsewhere"
        point = page.evaluate(OVERLAP_POINT)
        if point:
            overlapped.append(point["other"])
            page.mouse.click(point["x"], point["y"])
            short = name.split()[-1]
            editor = page.get_by_label(f"Novo valor de {short}")
            expect(editor).to_be_focused()
            editor.press("Escape")
        assert page.evaluate(PAGE_ORDER) == order
    assert overlapped, f"{width} px: no selected label overlaps another hotspot"


# Each hotspot's box on the canvas (CSS px), and how far the focus ring of a keyboard-focused one
# reaches outside it (its computed outline, and the halo drawn under it).
HOTSPOT_BOXES = r"""() => {
  const c = document.getElementById('bp_canvas').getBoundingClientRect();
  return [...document.querySelectorAll('button.bp-hotspot')].map((b) => {
    const r = b.getBoundingClientRect();
    return { name: b.getAttribute('aria-label'), left: r.left - c.left, top: r.top - c.top,
      right: r.right - c.left, bottom: r.bottom - c.top, width: c.width, height: c.height };
  });
}"""


def ring_reach(page: Page) -> float:
    """How far the focus ring of the hotspot reached from the keyboard passes its box."""
    page.locator("button.bp-hotspot[tabindex='0']").focus()
    page.keyboard.press("ArrowRight")
    spot = page.evaluate(FOCUSED_HOTSPOT)
    assert spot["ringed"], spot
    return spot["ring"]


def assert_ring_inside(box: dict, ring: float, what: str) -> None:
    assert (box["left"] - ring >= -0.01 and box["top"] - ring >= -0.01
            and box["right"] + ring <= box["width"] + 0.01 and box["bottom"] + ring <= box["height"] + 0.01), \
        f"{what}: the focus ring round {box} leaves the canvas, which clips it"


@pytest.mark.parametrize("width", [320, 1280])
@pytest.mark.parametrize("hidden", ["2", "3,2", "4,4", "8"])
def test_every_hotspots_focus_ring_stays_inside_the_canvas(page, live_server, width, hidden):
    """A hotspot grows to 24 × 24 px round a small circle or a short label: an input's, at the left
    edge, passed the canvas by up to 2 px (320 px, 2–3–2–1), a bias's at the bottom (1280 px,
    2–8–1), and the inputs' rings at 1280 px passed it by 1 px. The canvas's box clips what passes."""
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{live_server}/?hidden={hidden}")
    expect(page.locator("#bp_status")).to_contain_text("Fase:")
    ring = ring_reach(page)
    assert ring >= 4, ring
    boxes = page.evaluate(HOTSPOT_BOXES)
    assert len(boxes) > 10, boxes
    for box in boxes:
        assert_ring_inside(box, ring, f"{width} px, hidden={hidden}, {box['name']}")


EDITOR_BOX = r"""() => {
  const e = document.activeElement;
  const style = getComputedStyle(e);
  const ring = parseFloat(style.outlineOffset) + parseFloat(style.outlineWidth);
  const r = e.getBoundingClientRect();
  const c = document.getElementById('bp_canvas').getBoundingClientRect();
  return { ring, scrolled: e.closest('.bp-network').scrollLeft + e.closest('.bp-network').scrollTop,
    box: { left: r.left - c.left, top: r.top - c.top, right: r.right - c.left, bottom: r.bottom - c.top,
      width: c.width, height: c.height } };
}"""


@pytest.mark.parametrize("width", [320, 1280])
def test_the_editor_of_a_value_at_the_canvas_edge_stays_inside_it(page, live_server, width):
    """The in-place editor, 92 px wide round its hotspot, passed the canvas for x₁ (left) and y
    (right): clipped, and focusing it scrolled the whole picture sideways under the page."""
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{live_server}/")
    expect(page.locator("#bp_status")).to_contain_text("Fase:")
    for name in ("Entrada x₁", "Entrada x₂", "Alvo y"):
        page.get_by_role("button", name=name, exact=True).click()
        editor = page.get_by_label(f"Novo valor de {name.split()[-1]}")
        expect(editor).to_be_focused()
        drawn = page.evaluate(EDITOR_BOX)
        assert drawn["scrolled"] == 0, f"{width} px, {name}: the picture scrolled to show the editor"
        assert_ring_inside(drawn["box"], drawn["ring"], f"{width} px, {name}'s editor")
        editor.press("Escape")


# The name written over the open editor: its text, and its box and the editor's on the canvas (CSS px).
EDITOR_CAPTION = r"""() => {
  const c = document.getElementById('bp_canvas').getBoundingClientRect();
  const rel = (el) => { const r = el.getBoundingClientRect();
    return { left: r.left - c.left, top: r.top - c.top, right: r.right - c.left, bottom: r.bottom - c.top }; };
  const caption = document.querySelector('.bp-hotspot-caption');
  const text = caption?.querySelector('span');
  return { text: caption?.textContent ?? null, hidden: caption?.getAttribute('aria-hidden'),
    visible: Boolean(text && text.getBoundingClientRect().width > 0 && getComputedStyle(text).visibility === 'visible'),
    caption: caption && rel(text), editor: rel(document.activeElement), width: c.width, height: c.height };
}"""


@pytest.mark.parametrize("width", [320, 360, 1280])
def test_a_tapped_weight_shows_its_name_over_the_editor(page, live_server, width):
    """A phone's labels carry numbers without names, and the editor a tap opens covers the label:
    the student saw −0,5264 and not whose it was. The name is written just over the editor."""
    names = parameter_hotspots(page, live_server, width)
    for name in names:
        short = name.split()[-1]
        page.get_by_role("button", name=name, exact=True).click()
        editor = page.get_by_label(f"Novo valor de {short}")
        expect(editor).to_be_focused()
        drawn = page.evaluate(EDITOR_CAPTION)
        assert drawn["text"] == short and drawn["visible"] and drawn["hidden"] == "true", drawn
        cap, ed = drawn["caption"], drawn["editor"]
        assert cap["bottom"] <= ed["top"] or cap["top"] >= ed["bottom"], f"{width} px, {name}: the name covers the editor {drawn}"
        assert cap["left"] >= 0 and cap["top"] >= 0 and cap["right"] <= drawn["width"] and cap["bottom"] <= drawn["height"], \
            f"{width} px, {name}: the name leaves the canvas {drawn}"
        editor.press("Escape")
        expect(page.locator(".bp-hotspot-caption")).to_have_count(0)
