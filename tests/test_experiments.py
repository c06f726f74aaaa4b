"""“Experimentos”: each guided experiment's link opens the configuration it promises."""

from __future__ import annotations

import html
import json
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Page, expect

from helpers.ws import recv_json

STATUS = "#bp_status"

# (link text, {control selector: value}, what else the page must show)
EXPERIMENTS = [
    ("η alto demais (η = 5)", {"#bp_data": "xor", "#bp_act": "sigmoid"}, {"#bp_lrVal": "5"}),
    ("η baixo demais (η = 0,01)", {"#bp_data": "xor"}, {"#bp_lrVal": "0,01"}),
    ("Sigmoid, Tanh e ReLU com a mesma semente", {"#bp_act": "tanh", "#bp_seed": "3"}, {"#bp_lrVal": "0,5"}),
    ("Rede funda com sigmoid (gradiente que some)",
     {"#bp_hidden": "3,3,3", "#bp_act": "sigmoid", "#bp_init": "uniform"}, {}),
    ("Um neurônio ReLU morto", {"#bp_act": "relu", "#bp_seed": "3"}, {"#bp_health": "neurônio morto"}),
    ("O exemplo passo a passo, à mão", {"#bp_data": "passo_a_passo"}, {"#bp_lrVal": "0,5"}),
]


def open_experiment(page: Page, base: str, name: str) -> None:
    page.goto(base)
    expect(page.locator(STATUS)).to_contain_text(re.compile(r"^Fase:"))
    page.get_by_text("Experimentos", exact=True).click()
    page.get_by_role("link", name=name).click()
    expect(page.locator(STATUS)).to_contain_text(re.compile(r"^Fase:"))


@pytest.mark.parametrize("name,controls,texts", EXPERIMENTS, ids=[e[0] for e in EXPERIMENTS])
def test_each_experiment_opens_what_it_promises(page, live_server, name, controls, texts):
    open_experiment(page, live_server + "/", name)
    page.get_by_text("Avançado").click()
    for selector, value in controls.items():
        expect(page.locator(selector)).to_have_value(value)
    for selector, text in texts.items():
        expect(page.locator(selector)).to_contain_text(text)


def test_the_hand_experiment_turns_the_quiz_on_and_the_network_is_the_courses(page, live_server):
    open_experiment(page, live_server + "/", "O exemplo passo a passo, à mão")
    expect(page.get_by_role("checkbox", name="Conferir minha conta")).to_be_checked()
    expect(page.get_by_label("z₁", exact=True)).to_be_visible()
    expect(page.locator("#bp_quizAsk")).to_have_text("Antes do forward: seus valores")


def test_the_deep_experiment_builds_three_hidden_layers(page, live_server):
    open_experiment(page, live_server + "/", "Rede funda com sigmoid (gradiente que some)")
    page.get_by_role("button", name="Próximo passo").click()
    page.get_by_role("button", name="Próximo passo").click()
    expect(page.locator(STATUS)).to_contain_text("Fase: backward")
    expect(page.locator("#bp_grads")).to_contain_text("∂L/∂w₁₁⁽³⁾")


def test_experiment_links_keep_the_language_and_the_embed_path(page, live_server):
    page.goto(live_server + "/embed?lang=en")
    expect(page.locator(STATUS)).to_contain_text(re.compile(r"^Phase:"))
    page.get_by_text("Experiments", exact=True).click()
    link = page.get_by_role("link", name="A dead ReLU unit")
    expect(link).to_have_attribute("href", "?dataset=xor&activation=relu&seed=3&lang=en#exp=dead")
    link.click()
    expect(page).to_have_url(re.compile(r"/embed\?"))
    expect(page.locator(STATUS)).to_contain_text(re.compile(r"^Phase:"))
    expect(page.locator("#bp_health")).to_contain_text("dead unit")
    expect(page.locator(".bp-spot")).to_have_attribute("data-spot", re.compile(r"^Look here: Neuron a[₁-₉]$"))


# (link text, the element it spotlights, the label on it); the dead unit's is found from the server.
SPOTS = [
    ("η alto demais (η = 5)", ".bp-panel--loss", "Olhe aqui: Curva de perda (MSE)"),
    ("η baixo demais (η = 0,01)", ".bp-stat:has(#bp_err)", "Olhe aqui: Erro (MSE)"),
    ("Sigmoid, Tanh e ReLU com a mesma semente", ".bp-panel--math", "Olhe aqui: As contas do passo atual"),
    ("Rede funda com sigmoid (gradiente que some)", ".bp-panel--grads", "Olhe aqui: Gradientes"),
    ("Um neurônio ReLU morto", None, None),
    ("O exemplo passo a passo, à mão", "#bp_quizPanel", "Olhe aqui: Conferir minha conta"),
]

SPOT_STYLE = """(el) => {
  const style = getComputedStyle(el);
  return {outline: style.outlineStyle, width: parseFloat(style.outlineWidth), label: getComputedStyle(el, '::before').content,
          animation: style.animationName, spots: document.querySelectorAll('.bp-spot').length};
}"""


def dead_unit(ws_connect, live_server) -> tuple[str, str]:
    """The selector and label of the first dead unit of the dead-ReLU experiment, as the server says."""
    ws = ws_connect(live_server)
    ws.send(json.dumps({"op": "configure", "dataset": "xor", "activation": "relu", "seed": 3}))
    state = recv_json(ws)
    layer, index = next((k + 1, row.index(True)) for k, row in enumerate(state["units"]["dead"]) if True in row)
    return f'#bp_network button[data-key="neuron:{layer}:::{index}"]', f"Olhe aqui: Neurônio a{chr(0x2081 + index)}"


@pytest.mark.parametrize("name,selector,label", SPOTS, ids=[s[0] for s in SPOTS])
def test_each_experiment_spotlights_what_it_asks_to_look_at(page, live_server, ws_connect, name, selector, label):
    if selector is None:
        selector, label = dead_unit(ws_connect, live_server)
    open_experiment(page, live_server + "/", name)
    spot = page.locator(selector)
    expect(spot).to_have_class(re.compile(r"\bbp-spot\b"))
    expect(spot).to_have_attribute("data-spot", label)
    banner = page.get_by_role("region", name=name)
    expect(banner).to_be_visible()
    item = page.locator(".bp-experiments__list > li").filter(has_text=name)
    question = item.locator(".bp-experiments__question")
    expect(banner.locator(".bp-experiments__question")).to_have_text(question.text_content())
    expect(banner.locator(".bp-experiments__question")).to_have_text(re.compile(r"^Pergunta: .+\?$"))
    expect(item.locator("a")).to_have_attribute("aria-current", "true")
    # The spot's stylesheet loads with the spotlight, after the class is set (a loaded machine
    # read the style before it had arrived).
    expect(spot).to_have_css("outline-style", "solid")
    style = spot.evaluate(SPOT_STYLE)
    # Outlined and labelled, not colour alone; one spot on the page.
    assert style["outline"] == "solid" and style["width"] >= 2, style
    assert label in style["label"], style
    assert style["spots"] == 1, style


def test_closing_the_experiment_removes_the_spot_and_another_moves_it(page, live_server):
    open_experiment(page, live_server + "/", "η alto demais (η = 5)")
    expect(page.locator(".bp-panel--loss")).to_have_class(re.compile(r"\bbp-spot\b"))
    page.evaluate("() => { location.hash = '#exp=deep'; }")
    expect(page.locator(".bp-panel--grads")).to_have_class(re.compile(r"\bbp-spot\b"))
    expect(page.locator(".bp-spot")).to_have_count(1)
    expect(page.get_by_role("region", name="Rede funda com sigmoid (gradiente que some)")).to_be_visible()
    page.get_by_role("button", name="Fechar experimento").click()
    expect(page.locator(".bp-spot")).to_have_count(0)
    expect(page.locator("#bp_expNow")).to_have_count(0)
    expect(page.locator("a[aria-current]")).to_have_count(0)
    assert "#" not in page.url
    expect(page.get_by_text("Experimentos", exact=True)).to_be_focused()


@pytest.mark.parametrize("motion,animation", [("reduce", "none"), ("no-preference", "bp-spot-pulse")])
def test_the_spot_pulses_only_when_motion_is_welcome(page, live_server, motion, animation):
    page.emulate_media(reduced_motion=motion)
    page.goto(live_server + "/?dataset=xor&lr=5&seed=3#exp=high")
    spot = page.locator(".bp-panel--loss")
    expect(spot).to_have_class(re.compile(r"\bbp-spot\b"))
    expect(spot).to_have_css("outline-style", "solid")
    expect(spot).to_have_css("animation-name", animation)


def test_the_same_experiment_opened_again_starts_afresh(page, live_server):
    open_experiment(page, live_server + "/", "η alto demais (η = 5)")
    page.get_by_role("button", name="Próximo passo").click()
    expect(page.locator(STATUS)).to_contain_text("Fase: forward")
    # Opened in place, the list stays open under the student's hand.
    expect(page.locator("#bp_experiments")).to_have_attribute("open", "")
    page.get_by_role("link", name="η alto demais (η = 5)").click()
    expect(page.locator(STATUS)).to_contain_text("Fase: início")
    expect(page.locator(".bp-panel--loss")).to_have_class(re.compile(r"\bbp-spot\b"))


def test_an_experiment_in_a_teachers_embed_keeps_its_controls_theme_and_language(page, live_server):
    # The audit's s25: controls= and theme= were dropped, every hidden control came back, dark went light.
    page.goto(live_server + "/embed?lang=pt-BR&controls=next,auto,undo,reset&theme=dark")
    expect(page.locator(STATUS)).to_contain_text(re.compile(r"^Fase:"))
    page.get_by_text("Experimentos", exact=True).click()
    page.get_by_role("link", name="η alto demais (η = 5)").click()
    expect(page.locator(".bp-panel--loss")).to_have_class(re.compile(r"\bbp-spot\b"))
    expect(page).to_have_url(re.compile(r"/embed\?.*#exp=high$"))
    query = parse_qs(urlsplit(page.url).query)
    assert (query["controls"], query["theme"], query["lr"]) == (["next,auto,undo,reset"], ["dark"], ["5"]), query
    expect(page.locator("html")).to_have_attribute("data-theme", "dark")
    expect(page.get_by_role("button", name="Próximo passo")).to_be_visible()
    for name in ("Compartilhar", "Exportar sessão (JSON)"):
        expect(page.get_by_role("button", name=name)).to_be_hidden()
    for label in ("Função de ativação", "Taxa de aprendizado (η)", "Mostrar gradientes"):
        expect(page.get_by_label(label)).to_be_hidden()
    expect(page.locator("#bp_lrVal")).to_have_text(re.compile(r"^5"))
    expect(page.locator("html")).to_have_attribute("lang", "pt-BR")


def test_the_table_names_each_listed_experiment_and_only_controls_a_teacher_can_hide(client):
    from app.protocol.catalog import CONTROL_NAMES, EXPERIMENTS

    listed = re.findall(r'<a data-experiment href="\?([^"#]*)#exp=([a-z]+)"', client.get("/").get_data(as_text=True))
    # Each link sets up the settings the table gives it (what an address naming it is set up to).
    assert [(html.unescape(query), name) for query, name in listed] == [
        (experiment["query"], experiment["id"]) for experiment in EXPERIMENTS]
    for experiment in EXPERIMENTS:
        assert experiment["needs"] and set(experiment["needs"]) <= set(CONTROL_NAMES), experiment


def test_an_embed_that_hides_a_control_does_not_offer_the_experiments_that_need_it(page, live_server):
    """The "act" experiment asks the student to change “Função de ativação”: in a teacher's embed
    that hides it, the experiment is not offered, by its link or by its address."""
    page.goto(live_server + "/embed?controls=next,auto,undo,reset#exp=act")
    expect(page.locator(STATUS)).to_contain_text(re.compile(r"^Fase:"))
    expect(page.get_by_label("Função de ativação")).to_be_hidden()
    expect(page.locator("#bp_expNow")).to_have_count(0)
    page.get_by_text("Experimentos", exact=True).click()
    expect(page.get_by_role("link", name="Sigmoid, Tanh e ReLU com a mesma semente")).to_be_hidden()
    expect(page.get_by_text("depois troque a “Função de ativação”", exact=False)).to_be_hidden()
    for name in ("η alto demais (η = 5)", "η baixo demais (η = 0,01)",
                 "Rede funda com sigmoid (gradiente que some)", "Um neurônio ReLU morto",
                 "O exemplo passo a passo, à mão"):
        expect(page.get_by_role("link", name=name)).to_be_visible()
    expect(page.locator("#bp_expNow")).to_have_count(0)  # by now the spotlight would have opened
    page.goto(live_server + "/embed?controls=auto")  # nothing left to step with: only what needs training alone
    expect(page.locator(STATUS)).to_contain_text(re.compile(r"^Fase:"))
    page.get_by_text("Experimentos", exact=True).click()
    expect(page.locator("#bp_experiments a[data-experiment]:visible")).to_have_count(2)
    page.goto(live_server + "/embed?controls=lr")
    expect(page.locator(STATUS)).to_contain_text(re.compile(r"^Fase:"))
    expect(page.locator("#bp_experiments")).to_be_hidden()  # none offered: no empty list


# (address a teacher wrote by hand, the notice it gets): an experiment the page does not open says why.
FRAGMENT_NOTICES = [
    ("/?controls=next,auto,undo,reset#exp=act",
     "Endereço: o experimento “act” precisa do controle “Função de ativação”, que esta página esconde."),
    ("/#exp=nope", "Endereço: o experimento “nope” não existe; os disponíveis são high, low, act, deep, dead e hand."),
    ("/embed?lang=en&controls=lr#exp=dead",
     "URL: the experiment “dead” needs the “Next step” and “Train automatically” controls, which this page hides."),
]


@pytest.mark.parametrize("address,notice", FRAGMENT_NOTICES, ids=[a for a, _ in FRAGMENT_NOTICES])
def test_a_fragment_naming_an_experiment_the_page_does_not_open_says_why(page, live_server, address, notice):
    page.goto(live_server + address)
    expect(page.locator(STATUS)).to_contain_text(re.compile(r"^(Fase|Phase):"))
    expect(page.locator("#bp_urlNotice")).to_be_visible()
    expect(page.locator("#bp_urlNotice li")).to_have_text([notice])
    expect(page.locator("#bp_expNow")).to_have_count(0)


def test_the_notice_follows_the_fragment_and_a_valid_one_opens_with_none(page, live_server):
    page.goto(live_server + "/?dataset=xor&lr=5&seed=3#exp=high")
    expect(page.locator(".bp-panel--loss")).to_have_class(re.compile(r"\bbp-spot\b"))
    expect(page.locator("#bp_urlNotice")).to_be_hidden()
    page.evaluate("() => { location.hash = '#exp=dead2'; }")
    expect(page.locator("#bp_urlNotice li")).to_have_text(
        ["Endereço: o experimento “dead2” não existe; os disponíveis são high, low, act, deep, dead e hand."])
    expect(page.locator(".bp-spot")).to_have_count(0)
    page.evaluate("() => { location.hash = '#exp=deep'; }")
    expect(page.locator(".bp-panel--grads")).to_have_class(re.compile(r"\bbp-spot\b"))
    expect(page.locator("#bp_urlNotice")).to_be_hidden()


def test_the_experiments_notice_follows_the_url_settings_notices_in_the_pages_language(page, live_server):
    page.goto(live_server + "/?lr=50&controls=next,lang#exp=dead")
    expect(page.locator(STATUS)).to_contain_text(re.compile(r"^Fase:"))
    notice = page.locator("#bp_urlNotice li")
    expect(notice).to_have_text(["Endereço: “lr=50” está fora dos limites; usado: 10.",
                                 "Endereço: o experimento “dead” precisa do controle “Treinar automático”, "
                                 "que esta página esconde."])
    page.get_by_label("Idioma").select_option("en")
    expect(notice).to_have_text(["URL: “lr=50” is out of range; using 10.",
                                 "URL: the experiment “dead” needs the “Train automatically” control, "
                                 "which this page hides."])


def test_a_long_name_in_the_notice_wraps_on_a_phone(page, live_server):
    page.set_viewport_size({"width": 320, "height": 800})
    page.goto(live_server + "/#exp=" + "x" * 80)
    expect(page.locator("#bp_urlNotice li")).to_contain_text("x" * 80)
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 320


def test_opening_an_experiment_is_one_step_that_undo_takes_back(page, live_server):
    page.goto(live_server + "/embed?lr=0.5&controls=next,auto,undo")  # the dead unit's question needs training
    expect(page.locator(STATUS)).to_contain_text(re.compile(r"^Fase:"))
    for _ in range(3):
        page.get_by_role("button", name="Próximo passo").click()
    expect(page.locator(STATUS)).to_contain_text("Fase: update")
    page.get_by_text("Experimentos", exact=True).click()
    page.get_by_role("link", name="Um neurônio ReLU morto").click()
    expect(page.locator(STATUS)).to_contain_text("Fase: início")
    expect(page.locator("#bp_msg")).to_have_text(re.compile(r"“Passo anterior” traz de volta a sessão de antes"))
    expect(page.get_by_role("region", name="Um neurônio ReLU morto")).to_be_visible()
    expect(page).to_have_url(re.compile(r"#exp=dead$"))
    assert parse_qs(urlsplit(page.url).query)["controls"] == ["next,auto,undo"]
    page.get_by_role("button", name="Passo anterior").click()
    expect(page.locator(STATUS)).to_contain_text("Fase: update")
    expect(page.locator("#bp_lrVal")).to_have_text("0,5")
    # The experiment is no longer what the page shows: its spotlight closes and the address follows.
    expect(page.locator("#bp_expNow")).to_have_count(0)
    expect(page).to_have_url(re.compile(r"/embed\?[^#]*$"))
    assert parse_qs(urlsplit(page.url).query) == {"lr": ["0.5"], "controls": ["next,auto,undo"]}


def test_undoing_the_hand_experiment_takes_back_the_page_settings_it_changed(page, live_server):
    """“Conferir minha conta” is the page's own setting, not the server's: the server's undo left it
    on after “Passo anterior” took the hand experiment back."""
    page.goto(live_server + "/?speed=2")
    expect(page.locator(STATUS)).to_contain_text(re.compile(r"^Fase:"))
    quiz = page.get_by_role("checkbox", name="Conferir minha conta")
    expect(quiz).not_to_be_checked()
    page.get_by_text("Experimentos", exact=True).click()
    page.get_by_role("link", name="O exemplo passo a passo, à mão").click()
    expect(quiz).to_be_checked()
    expect(page.locator("#bp_quizPanel")).to_be_visible()
    expect(page.locator("#bp_speed")).to_have_value("6")  # the experiment runs at the default pace
    page.get_by_role("button", name="Passo anterior").click()
    expect(page.locator("#bp_expNow")).to_have_count(0)
    expect(quiz).not_to_be_checked()
    expect(page.locator("#bp_quizPanel")).to_be_hidden()
    expect(page.locator("#bp_speed")).to_have_value("2")
    expect(page).to_have_url(re.compile(r"/\?speed=2$"))


# Visible text with Greek letters or a unit's name (a₁⁽¹⁾) in an element that uppercases it: η turns into Η,
# the same glyph as a Latin H, and a₁ into A₁.
UPPERCASED_MATH = """() => { const out = []; const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walk.nextNode(); n; n = walk.nextNode()) {
    const e = n.parentElement;
    if (!e || !e.offsetParent || !/[α-ωϑϕ∂ŷ]|[a-zA-Z][₀-₉⁽]/.test(n.textContent)) continue;
    if (getComputedStyle(e).textTransform === 'uppercase') out.push(`${e.tagName}#${e.id}: ${n.textContent.trim()}`);
  } return out; }"""


@pytest.mark.parametrize("lang,title", [("pt-BR", "η alto demais (η = 5)"), ("en", "η too high (η = 5)")])
def test_titles_keep_greek_letters_and_unit_names_in_their_case(page, live_server, lang, title):
    page.goto(f"{live_server}/?lang={lang}&dataset=xor&lr=5&seed=3#exp=high")
    banner_title = page.locator("#bp_expNowTitle")
    expect(banner_title).to_have_text(title)
    expect(banner_title).to_have_css("text-transform", "none")
    page.locator('#bp_network button[data-key="neuron:1:::0"]').click()
    expect(page.locator("#bp_circuitTitle .bp-unit-name")).to_have_text("a₁")
    assert page.evaluate(UPPERCASED_MATH) == []


def test_an_address_naming_an_experiment_over_other_settings_sets_the_experiment_up(page, live_server):
    """A teacher's embed written by hand, "#exp=high" after its own η: the box says η = 5, so the
    network is set up as the experiment's link sets it up (η = 5, its presentation kept), and
    "Passo anterior" takes it back to the address's own settings."""
    page.goto(live_server + "/embed?lang=pt-BR&controls=next,auto,undo,reset&lr=0.5#exp=high")
    expect(page.locator("#bp_msg")).to_have_text(re.compile(r"^Experimento aberto numa rede nova"))
    expect(page.locator("#bp_lrVal")).to_have_text("5")
    expect(page.get_by_role("region", name="η alto demais (η = 5)")).to_be_visible()
    expect(page).to_have_url(re.compile(r"#exp=high$"))
    # The address keeps the settings away from their defaults (xor and seed 3 are).
    assert parse_qs(urlsplit(page.url).query) == {"lr": ["5"], "controls": ["next,auto,undo,reset"]}
    page.get_by_role("button", name="Passo anterior").click()
    expect(page.locator("#bp_lrVal")).to_have_text("0,5")
    expect(page.locator("#bp_expNow")).to_have_count(0)


def test_a_fragment_typed_later_sets_its_experiment_up_too(page, live_server):
    page.goto(live_server + "/?lang=en")
    expect(page.locator(STATUS)).to_contain_text(re.compile(r"^Phase:"))
    page.evaluate("location.hash = '#exp=low'")
    expect(page.locator("#bp_lrVal")).to_have_text("0.01")
    expect(page).to_have_url(re.compile(r"#exp=low$"))
    assert parse_qs(urlsplit(page.url).query) == {"lr": ["0.01"], "lang": ["en"]}


def test_a_reload_resumes_the_students_session_rather_than_setting_the_experiment_up_again(page, live_server):
    """After the experiment opened the student moved η (the address follows): a reload brings back
    their session, η and all, not a fresh experiment."""
    page.goto(live_server + "/?dataset=xor&lr=5&seed=3#exp=high")
    expect(page.locator(STATUS)).to_contain_text(re.compile(r"^Fase:"))
    page.get_by_role("button", name="Próximo passo").click()
    expect(page.locator(STATUS)).to_contain_text("Fase: forward")
    page.locator("#bp_lr").focus()
    page.keyboard.press("Home")
    expect(page.locator("#bp_lrVal")).not_to_have_text("5")
    moved = page.locator("#bp_lrVal").inner_text()
    expect(page).not_to_have_url(re.compile(r"lr=5&"))
    page.reload()
    expect(page.locator(STATUS)).to_contain_text("Fase: forward")
    expect(page.locator("#bp_lrVal")).to_have_text(moved)
    expect(page.get_by_role("region", name="η alto demais (η = 5)")).to_be_visible()
