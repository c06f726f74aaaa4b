"""A teacher's embed that fixes the network (`controls=` without `architecture` and `edit`): no
hidden-layer − and +, no editor on the picture and no `set`, while every number can still be
selected and read; with both names listed, the page is as it always was."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

FIXED = "/embed?controls=next,auto,undo,reset"
EDITABLE = FIXED + ",architecture,edit"
HINT_VIEW = {
    "pt-BR": "Clique num peso, viés, entrada ou alvo para ver suas contas. No teclado: Tab até a rede, depois as "
             "setas. Logo após um update, x e y mostram o exemplo que acabou de ser treinado.",
    "en": "Click a weight, bias, input or target to see its arithmetic. With the keyboard: Tab to the network, then "
          "the arrows. Right after an update, x and y show the example just learned.",
}
HINT_EDIT = {"pt-BR": re.compile(r"^Clique num peso, viés, entrada ou alvo para ver suas contas e mudar o valor "),
             "en": re.compile(r"^Click a weight, bias, input or target to see its arithmetic and change its value ")}


def open_widget(page: Page, url: str) -> None:
    page.goto(url)
    expect(page.locator("#bp_status")).to_contain_text(re.compile(r"^(Fase|Phase):"))


def watch_sets(page: Page) -> list[str]:
    """Every `set` the page sends from now on."""
    sent: list[str] = []
    page.on("websocket", lambda ws: ws.on(
        "framesent", lambda frame: sent.append(str(frame)) if '"op":"set"' in str(frame) else None))
    return sent


def test_a_fixed_network_has_no_layer_buttons_and_no_editor_but_shows_each_numbers_arithmetic(page, live_server):
    sets = watch_sets(page)
    open_widget(page, live_server + FIXED)
    expect(page.locator("#bp_arch")).to_be_hidden()
    for name in ("Adicionar uma camada oculta", "Remover a última camada oculta", "Mais um neurônio na camada oculta 1",
                 "Menos um neurônio na camada oculta 1"):
        expect(page.get_by_role("button", name=name)).to_have_count(0)
    expect(page.get_by_text("Camadas ocultas: 1")).to_be_hidden()
    page.get_by_role("button", name="Próximo passo").click()
    expect(page.locator("#bp_status")).to_contain_text("Fase: forward")

    weight = page.get_by_role("button", name="Peso w₁₁", exact=True)
    weight.click()
    expect(weight).to_have_attribute("aria-pressed", "true")
    expect(page.locator("#bp_math .bp-math-title")).to_have_text("Peso w₁₁")
    value = weight.get_attribute("title").split(" = ")[1]  # "w₁₁ = 0,1234": what the picture shows
    expect(page.locator("#bp_math")).to_contain_text(value)
    weight.press("Enter")
    weight.dblclick()
    page.get_by_role("button", name="Alvo y", exact=True).click()
    weight.focus()
    weight.press("Enter")
    expect(page.locator("input.bp-hotspot-edit")).to_have_count(0)
    expect(page.get_by_label("Novo valor de w₁₁")).to_have_count(0)
    expect(weight).to_be_focused()
    # The arrows still move the selection, and so what the math panel explains.
    weight.press("ArrowDown")
    expect(page.locator("#bp_math .bp-math-title")).not_to_have_text("Peso w₁₁")
    page.get_by_role("button", name="Próximo passo").click()  # a round trip: anything sent before is seen
    expect(page.locator("#bp_status")).to_contain_text("Fase: backward")
    assert sets == []


def test_a_fixed_network_hint_promises_reading_not_changing_in_both_languages(page, live_server):
    for lang in ("pt-BR", "en"):
        open_widget(page, f"{live_server}{FIXED}&lang={lang}")
        expect(page.locator(".bp-hint")).to_have_text(HINT_VIEW[lang])
    # A language switched on the page keeps the wording.
    open_widget(page, f"{live_server}{FIXED},lang")
    page.get_by_label("Idioma").select_option("en")
    expect(page.locator(".bp-hint")).to_have_text(HINT_VIEW["en"])


def test_with_architecture_and_edit_listed_the_page_is_as_before(page, live_server):
    sets = watch_sets(page)
    for lang in ("en", "pt-BR"):
        open_widget(page, f"{live_server}{EDITABLE}&lang={lang}")
        expect(page.locator(".bp-hint")).to_have_text(HINT_EDIT[lang])
    expect(page.locator("#bp_arch")).to_contain_text("Camadas ocultas: 1")
    page.get_by_role("button", name="Mais um neurônio na camada oculta 1").click()
    expect(page.locator("#bp_arch")).to_contain_text("Camada 1: 3")
    weight = page.get_by_role("button", name="Peso w₁₁", exact=True)
    weight.click()
    editor = page.get_by_label("Novo valor de w₁₁")
    expect(editor).to_be_focused()
    editor.fill("0.5")
    editor.press("Enter")
    expect(weight).to_have_attribute("title", "w₁₁ = 0,5000")
    assert len(sets) == 1 and '"value":0.5' in sets[0], sets


def test_the_advanced_layers_field_goes_with_architecture(page, live_server):
    """“Avançado” shown, the network still fixed: its “Camadas ocultas” field changes the layers
    too, so it goes with `architecture`, and comes back with it."""
    open_widget(page, live_server + "/embed?controls=next,advanced")
    page.get_by_text("Avançado").click()
    expect(page.locator("#bp_momentum")).to_be_visible()
    expect(page.locator("#bp_hidden")).to_be_hidden()
    open_widget(page, live_server + "/embed?controls=next,advanced,architecture")
    page.get_by_text("Avançado").click()
    expect(page.locator("#bp_hidden")).to_be_visible()
