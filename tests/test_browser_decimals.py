"""One decimal sign per language in the real page: in pt-BR every number the student reads is written
with a decimal comma ("0,2500"), in English with a point ("0.2500"), and switching the language
rewrites every one of them. Read where the student reads: the read-outs, Gradientes, the math panel,
the texts drawn on the canvases (recorded as they are drawn) and the hotspots' names and titles."""

from __future__ import annotations

import re

from helpers.browser import wait_until
from playwright.sync_api import Page, expect

from test_browser import hotspot, next_step, open_widget
from test_canvas_labels import RECORD_TEXTS

# Every text the student reads that may hold a number: {where: text}.
SHOWN_TEXTS = """() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => {
  const texts = {};
  for (const id of ['bp_err', 'bp_out', 'bp_target', 'bp_abs', 'bp_lrVal', 'bp_speedVal', 'bp_example', 'bp_grads',
    'bp_gradsNote', 'bp_math', 'bp_circuit', 'bp_msg']) {
    const el = document.getElementById(id);
    if (el && el.checkVisibility()) texts[id] = el.textContent;
  }
  for (const [id, drawn] of Object.entries(window.__bpTexts ?? {})) {
    texts[`canvas ${id}`] = drawn.map((t) => t.text).join(' | ');
  }
  texts.hotspots = [...document.querySelectorAll('#bp_network button')]
    .map((b) => `${b.getAttribute('aria-label') ?? ''} ${b.title ?? ''}`).join(' | ');
  resolve(texts);
})))"""

POINT = re.compile(r"\d\.\d")
COMMA = re.compile(r"\d,\d")


def shown_texts(page: Page) -> dict[str, str]:
    return page.evaluate(SHOWN_TEXTS)


def assert_one_sign(texts: dict[str, str], right: re.Pattern, wrong: re.Pattern, where_needed: list[str]) -> None:
    """No text holds a number written with the other sign; each of `where_needed` holds one with this sign."""
    mixed = {where: text for where, text in texts.items() if wrong.search(text)}
    assert not mixed, mixed
    for where in where_needed:
        assert right.search(texts.get(where, "")), f"{where}: {texts.get(where)!r}"


NEEDED = ["bp_err", "bp_out", "bp_abs", "bp_lrVal", "bp_example", "bp_grads", "bp_math", "canvas bp_canvas", "hotspots"]


def choose_language(page: Page, switch: str, lang: str, status: str) -> None:
    """Choose `lang` in the language select (named `switch` in the page's current language); wait
    until the status line and the math panel speak it."""
    page.get_by_role("combobox", name=switch).select_option(lang)
    expect(page.locator("#bp_status")).to_contain_text(status)
    wait_until(page, "(lang) => document.querySelector('#bp_math .bp-mathpanel')?.getAttribute('lang') === lang", lang)


def test_pt_br_writes_a_decimal_comma_everywhere_and_english_a_point(page: Page, live_server):
    page.add_init_script(script=RECORD_TEXTS)
    open_widget(page, live_server, "?dataset=passo_a_passo&check=1")
    next_step(page)
    expect(page.locator("#bp_status")).to_contain_text("Fase: forward")
    next_step(page)
    expect(page.locator("#bp_status")).to_contain_text("Fase: backward")
    expect(page.locator("#bp_grads")).to_contain_text("numérico")
    wait_until(page, "() => document.querySelector('#bp_math mn') !== null")
    texts = shown_texts(page)
    assert_one_sign(texts, COMMA, POINT, NEEDED)
    assert re.search(r"x = \(\S+; \S+\)", texts["bp_example"]), texts["bp_example"]

    choose_language(page, "Idioma", "en", "Phase: backward")
    texts = shown_texts(page)
    assert_one_sign(texts, POINT, COMMA, NEEDED)
    assert re.search(r"x = \(\S+, \S+\)", texts["bp_example"]), texts["bp_example"]

    choose_language(page, "Language", "pt-BR", "Fase: backward")
    assert_one_sign(shown_texts(page), COMMA, POINT, NEEDED)


def edit_w12(page: Page, spot: str, editor_label: str, starts: str | re.Pattern, typed: str, title: str) -> None:
    """Open w₁₂'s editor, check the value it starts from, type `typed` and check the title it gives."""
    hotspot(page, spot).click()
    editor = page.get_by_label(editor_label)
    expect(editor).to_have_value(starts)
    editor.fill(typed)
    editor.press("Enter")
    expect(hotspot(page, spot)).to_have_attribute("title", title)


def test_the_editor_starts_in_the_page_convention_and_reads_both(page: Page, live_server):
    open_widget(page, live_server)
    pt = ("Peso w₁₂", "Novo valor de w₁₂")
    edit_w12(page, *pt, re.compile(r"^-?\d+,\d+$"), "0.25", "w₁₂ = 0,2500")
    edit_w12(page, *pt, "0,25", "−0,5", "w₁₂ = −0,5000")
    page.get_by_role("combobox", name="Idioma").select_option("en")
    expect(hotspot(page, "Weight w₁₂")).to_have_attribute("title", "w₁₂ = −0.5000")
    edit_w12(page, "Weight w₁₂", "New value of w₁₂", "-0.5", "0,75", "w₁₂ = 0.7500")


def enter(field, typed: str) -> None:
    """Type into a settings field and leave it (Enter, then away), as a student does."""
    field.fill(typed)
    field.press("Enter")
    field.blur()


def test_decimal_fields_show_the_page_convention_and_read_both(page: Page, live_server):
    open_widget(page, live_server)
    target = page.get_by_label("Parar quando o erro (MSE) ≤")
    expect(target).to_have_value("0,01")
    enter(target, "0.002")
    expect(target).to_have_value("0,002")
    expect(page).to_have_url(re.compile(r"[?&]target=0\.002\b"))  # the address keeps machine notation
    page.locator("summary", has_text="Avançado").click()
    momentum = page.get_by_label("Momento (μ; β₁ no Adam)")
    expect(momentum).to_have_value("0,9")
    enter(momentum, "2")
    expect(page.locator("#bp_msg")).to_contain_text("0,99")  # its bounds, as the page writes them

    page.get_by_role("combobox", name="Idioma").select_option("en")
    target = page.get_by_label("Stop when the error (MSE) ≤")
    expect(target).to_have_value("0.002")
    enter(target, "0,003")
    expect(target).to_have_value("0.003")
