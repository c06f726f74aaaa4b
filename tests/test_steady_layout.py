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
