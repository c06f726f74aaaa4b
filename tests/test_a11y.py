"""axe-core finds no serious or critical violation: both pages, both languages, both themes,
phone and desktop widths, on first load, after each phase and after auto-training."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from helpers.axe import enhanced_contrast_violations, serious_violations

NAMES = {
    "pt-BR": {"next": "Próximo passo", "auto": "Treinar automático", "pause": "Pausar", "phase": "Fase",
              "flow": "Fluxo do gradiente"},
    "en": {"next": "Next step", "auto": "Train automatically", "pause": "Pause", "phase": "Phase",
           "flow": "Gradient flow"},
}
CASES = [(route, lang, theme, width)
         for route in ("/", "/embed") for lang in ("pt-BR", "en")
         for theme in ("light", "dark") for width in (320, 1280)]


def check(page: Page, moment: str, found: list[str]) -> None:
    found.extend(f"{moment}: {v}" for v in serious_violations(page))


@pytest.mark.parametrize(("route", "lang", "theme", "width"), CASES,
                         ids=[f"{r.strip('/') or 'page'}-{l}-{t}-{w}" for r, l, t, w in CASES])
def test_axe_finds_nothing_serious(page, live_server, route, lang, theme, width):
    names = NAMES[lang]
    page.set_viewport_size({"width": width, "height": 800})
    page.emulate_media(reduced_motion="reduce")  # no colour transitions half-way when axe looks
    page.goto(f"{live_server}{route}?lang={lang}&theme={theme}&speed=5")
    status = page.locator("#bp_status")
    expect(status).to_contain_text(re.compile(rf"^{names['phase']}:"))
    found: list[str] = []
    check(page, "first load", found)
    for phase in ("forward", "backward", "update"):
        page.get_by_role("button", name=names["next"]).click()
        expect(status).to_contain_text(f"{names['phase']}: {phase}")
        check(page, f"after {phase}", found)
    page.get_by_role("button", name=names["auto"]).click()
    expect(page.locator("#bp_epoch")).to_have_text(re.compile(r"^([2-9]|\d\d+)$"))
    page.get_by_role("button", name=names["pause"]).click()
    expect(page.get_by_role("button", name=names["auto"])).to_be_enabled()
    check(page, "after auto-training", found)
    page.get_by_text(names["flow"], exact=True).click()  # its code loads now
    expect(page.locator("#bp_flowNow li")).to_have_count(2)
    check(page, "gradient flow open", found)
    assert not found, "\n".join(found)


SPOT_CASES = [(theme, width, exp) for theme in ("light", "dark") for width in (320, 1280)
              for exp in ("?dataset=passo_a_passo&quiz=1#exp=hand", "?dataset=xor&activation=relu&seed=3#exp=dead")]


@pytest.mark.parametrize(("theme", "width", "address"), SPOT_CASES,
                         ids=[f"{t}-{w}-{a.split('=')[-1]}" for t, w, a in SPOT_CASES])
def test_axe_finds_nothing_serious_in_the_whole_circuit_and_an_experiments_spotlight(page, live_server, theme, width,
                                                                                     address):
    page.set_viewport_size({"width": width, "height": 800})
    page.emulate_media(reduced_motion="reduce")
    query, fragment = address.split("#")
    page.goto(f"{live_server}/{query}&theme={theme}#{fragment}")
    status = page.locator("#bp_status")
    expect(status).to_contain_text(re.compile(r"^Fase:"))
    expect(page.locator(".bp-spot")).to_have_count(1)
    for phase in ("forward", "backward"):
        page.get_by_role("button", name="Próximo passo", exact=True).click()
        expect(status).to_contain_text(f"Fase: {phase}")
    page.get_by_role("button", name="Circuito da rede inteira").click()
    expect(page.locator("#bp_circuitChecks li")).to_have_count(25)
    found: list[str] = []
    check(page, "whole circuit and spotlight", found)
    assert not found, "\n".join(found)


@pytest.mark.parametrize("theme", ["light", "dark"])
@pytest.mark.parametrize("lang", ["pt-BR", "en"])
def test_an_experiments_own_words_have_the_texts_full_contrast(page, live_server, theme, lang):
    """The banner's title was drawn in the muted colour of section labels (6.9:1 in the dark
    theme, 6.0:1 in the light one), weaker than the sentences under it."""
    page.emulate_media(reduced_motion="reduce")
    page.goto(f"{live_server}/?dataset=xor&lr=5&seed=3&lang={lang}&theme={theme}#exp=high")
    expect(page.locator("#bp_expNowTitle")).to_have_text(re.compile(r"\(η = 5\)$"))
    words = ["#bp_expNowTitle", "#bp_expNow > p"]
    assert enhanced_contrast_violations(page, words) == []


@pytest.mark.parametrize("width", [320, 1280])
@pytest.mark.parametrize("theme", ["light", "dark"])
def test_axe_finds_nothing_serious_with_a_message_shown(page, live_server, theme, width):
    """The message on the actions' line (app.css): its text against its own background, and its ×."""
    page.set_viewport_size({"width": width, "height": 800})
    page.emulate_media(reduced_motion="reduce")
    page.goto(f"{live_server}/?theme={theme}")
    status, message = page.locator("#bp_status"), page.locator("#bp_msg")
    expect(status).to_contain_text(re.compile(r"^Fase:"))
    for phase in ("forward", "backward"):
        page.get_by_role("button", name="Próximo passo", exact=True).click()
        expect(status).to_contain_text(f"Fase: {phase}")
    found: list[str] = []
    for value, sentence in (("0.5", "A edição recomeçou"), ("abc", "Digite um número")):
        page.get_by_role("button", name="Peso w₁₁", exact=True).click()
        editor = page.get_by_label("Novo valor de w₁₁")
        editor.fill(value)
        editor.press("Enter")
        expect(message).to_contain_text(sentence)
        expect(page.get_by_role("button", name="Fechar a mensagem")).to_be_visible()
        check(page, sentence, found)
    assert not found, "\n".join(found)
