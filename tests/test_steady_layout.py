"""Layout that holds still: what a step, a message or an experiment's spotlight may not move or hide."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from test_page_aids import STATUS, phone

# Page coordinates of the Gradientes box and of what comes after it.
BELOW_GRADIENTS = """() => Object.fromEntries(['bp_grads', 'bp_experiments', 'bp_importFile'].map((id) => {
  const r = document.getElementById(id).closest('pre, details, footer').getBoundingClientRect();
  return [id, { top: Math.round((r.top + scrollY) * 10) / 10, height: Math.round(r.height * 10) / 10 }];
}))"""


def test_the_gradient_box_keeps_its_height_through_a_step_cycle(browser, live_server):
    """The box was one line ("—") until the first backward, then eleven (and one more with the
    "ainda não calculado" line at every forward): all that follows it jumped at each Próximo passo."""
    for width, lang in ((1280, "pt-BR"), (1280, "en"), (320, "pt-BR")):
        with phone(browser, f"{live_server}/?lang={lang}", width, 800) as page:
            expect(page.locator("#bp_grads")).to_contain_text("∂L/∂w₁₁")
            seen = {"start": page.evaluate(BELOW_GRADIENTS)}
            for phase in ("forward", "backward", "update", "forward"):
                page.keyboard.press("n")
                expect(page.locator(STATUS)).to_contain_text(re.compile(r"^(Fase|Phase): " + phase))
                seen[phase] = page.evaluate(BELOW_GRADIENTS)
            assert all(where == seen["start"] for where in seen.values()), f"{width} px, {lang}: {seen}"


# Each element the spotlight marks, at the moment its class comes: had the spot's stylesheet
# arrived, and was the outline (and the banner's frame) drawn?
WATCH_SPOT = """
window.__spotSeen = [];
new MutationObserver((records) => {
  for (const { target } of records) {
    if (!target.classList?.contains('bp-spot') || window.__spotSeen.some((seen) => seen.el === target)) continue;
    const banner = document.getElementById('bp_expNow');
    window.__spotSeen.push({ el: target, sheet: Boolean(document.getElementById('bp_expStyle')?.sheet),
      outline: getComputedStyle(target).outlineStyle,
      banner: banner ? getComputedStyle(banner).borderLeftWidth : null });
  }
}).observe(document, { subtree: true, attributes: true, attributeFilter: ['class'] });
"""


def test_the_spot_is_marked_only_once_its_stylesheet_has_arrived(browser, live_server):
    """experiment.css comes with the spotlight: the class and the banner were put on the page first,
    so on a slow connection the element had no outline and the banner no frame for a while."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    try:
        page = context.new_page()
        page.add_init_script(WATCH_SPOT)

        def late(route):
            page.wait_for_timeout(700)
            route.continue_()

        page.route("**/static/css/experiment.css", late)
        page.goto(live_server + "/?lr=5#exp=high")
        expect(page.locator(".bp-panel--loss")).to_have_class(re.compile(r"\bbp-spot\b"))
        seen = page.evaluate("() => window.__spotSeen.map(({ el, ...at }) => at)")
        assert seen == [{"sheet": True, "outline": "solid", "banner": "8px"}], seen
    finally:
        page.unroute_all(behavior="ignoreErrors")
        context.close()


# How far the spotted unit's ring reaches out of its box at any moment of its pulse, and how much
# room the unit has from the edges of the network's box (.bp-network), which clips what passes it.
SPOT_REACH = """() => {
  const el = document.querySelector('#bp_network .bp-spot');
  const pulse = el.getAnimations()[0];
  pulse?.pause();
  const reach = [];
  for (let ms = 0; ms <= 1200; ms += 50) {
    if (pulse) pulse.currentTime = ms;
    const style = getComputedStyle(el);
    reach.push(parseFloat(style.outlineWidth) + parseFloat(style.outlineOffset));
  }
  const r = el.getBoundingClientRect();
  const box = document.getElementById('bp_network').getBoundingClientRect();
  return { pulsing: Boolean(pulse), reach: Math.max(...reach),
    room: Math.min(r.left - box.left, r.top - box.top, box.right - r.right, box.bottom - r.bottom) };
}"""


def test_the_spot_on_a_unit_stays_inside_the_pictures_box(browser, live_server):
    """On a unit the spot's outline reached 7 px out and pulsed to 13: past the 4 px every hotspot
    keeps from the canvas's edges (FOCUS_RING_PX, layout.js), so the box cut it off near an edge."""
    for width in (1280, 320):
        with phone(browser, f"{live_server}/?dataset=xor&activation=relu&seed=3#exp=dead", width, 800) as page:
            spot = page.locator("#bp_network .bp-spot")
            expect(spot).to_have_css("outline-style", "solid")
            where = page.evaluate(SPOT_REACH)
            assert where["pulsing"] and 3 <= where["reach"] <= 4 <= where["room"], (width, where)


# The gap under the buttons' row, down to the next thing drawn (page px), and what the actions'
# line shows when it has no message.
UNDER_THE_BUTTONS = """() => {
  const row = document.querySelector('.bp-actions__buttons').getBoundingClientRect();
  const below = [...document.querySelectorAll('.bp-card *')]
    .filter((el) => el.checkVisibility({ visibilityProperty: true }) && el.getClientRects().length)
    .map((el) => el.getBoundingClientRect())
    .filter((r) => r.height > 0 && r.top >= row.bottom - 0.5)
    .reduce((top, r) => Math.min(top, r.top), Infinity);
  const hint = document.querySelector('.bp-actions__hint');
  return { gap: below - row.bottom, hint: hint?.checkVisibility({ visibilityProperty: true }) ? hint.textContent : '' };
}"""


def test_no_empty_band_under_the_buttons(browser, live_server):
    """At 1280 px the buttons' note kept an invisible line under the buttons (so that a dropped
    connection moved nothing): a 38 px empty band. Its line is now the actions' line under the phase
    box, which says what a click on Próximo passo does when it has nothing else to say."""
    for lang, hint in (("pt-BR", "Cada clique em “Próximo passo” faz uma fase"), ("en", "Each click on “Next step”")):
        with phone(browser, f"{live_server}/?lang={lang}", 1280, 800) as page:
            under = page.evaluate(UNDER_THE_BUTTONS)
            assert under["gap"] <= 16.5 and under["hint"].startswith(hint), under


# Whether the phase line is the topmost thing at its middle and at its ends, and the boxes of the
# message and the url notices (viewport px; zero-sized when empty).
PHASE_BOX_SEEN = """() => {
  const status = document.getElementById('bp_status');
  const s = status.getBoundingClientRect();
  const at = (x) => status.contains(document.elementFromPoint(x, s.top + s.height / 2));
  const box = document.querySelector('.bp-statusbar').getBoundingClientRect();
  const over = (el) => {
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0 && r.left < box.right && r.right > box.left && r.top < box.bottom && r.bottom > box.top;
  };
  return { readable: at(s.left + 2) && at(s.left + s.width / 2) && at(s.right - 2),
    messageOver: over(document.getElementById('bp_msg')), noticeOver: over(document.getElementById('bp_urlNotice')) };
}"""


def test_a_message_or_notice_leaves_the_phase_box_readable(browser, live_server):
    """The message (an edit refused, a restart, a reconnect, a stop) was laid over the phase box and
    hid it until closed or the next action; the url notice shares the box's area too."""
    for width in (1280, 320):
        with phone(browser, f"{live_server}/?lr=abc", width, 800) as page:
            expect(page.locator("#bp_urlNotice")).to_contain_text("lr=abc")
            page.get_by_role("button", name="Peso w₁₁", exact=True).click()
            editor = page.get_by_label("Novo valor de w₁₁")
            editor.fill("abc")
            editor.press("Enter")
            expect(page.locator("#bp_msg")).to_have_text("Digite um número, por exemplo 0,25.")
            page.locator("#bp_status").scroll_into_view_if_needed()
            seen = page.evaluate(PHASE_BOX_SEEN)
            assert seen == {"readable": True, "messageOver": False, "noticeOver": False}, (width, seen)
