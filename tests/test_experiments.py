"""“Experimentos”: each guided experiment's link opens the configuration it promises."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

STATUS = "#bp_status"

# (link text, {control selector: value}, what else the page must show)
EXPERIMENTS = [
    ("η alto demais (η = 5)", {"#bp_data": "xor", "#bp_act": "sigmoid"}, {"#bp_lrVal": "5"}),
    ("η baixo demais (η = 0,01)", {"#bp_data": "xor"}, {"#bp_lrVal": "0.01"}),
    ("Sigmoid, Tanh e ReLU com a mesma semente", {"#bp_act": "tanh", "#bp_seed": "3"}, {"#bp_lrVal": "0.5"}),
    ("Rede funda com sigmoid (gradiente que some)",
     {"#bp_hidden": "3,3,3", "#bp_act": "sigmoid", "#bp_init": "uniform"}, {}),
    ("Um neurônio ReLU morto", {"#bp_act": "relu", "#bp_seed": "3"}, {"#bp_health": "neurônio morto"}),
    ("O exemplo passo a passo, à mão", {"#bp_data": "passo_a_passo"}, {"#bp_lrVal": "0.5"}),
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
    expect(page.locator("#bp_grads")).to_contain_text("W3")


def test_experiment_links_keep_the_language_and_the_embed_path(page, live_server):
    page.goto(live_server + "/embed?lang=en")
    expect(page.locator(STATUS)).to_contain_text(re.compile(r"^Phase:"))
    page.get_by_text("Experiments", exact=True).click()
    link = page.get_by_role("link", name="A dead ReLU unit")
    expect(link).to_have_attribute("href", "?dataset=xor&activation=relu&seed=3&lang=en")
    link.click()
    expect(page).to_have_url(re.compile(r"/embed\?"))
    expect(page.locator(STATUS)).to_contain_text(re.compile(r"^Phase:"))
    expect(page.locator("#bp_health")).to_contain_text("dead unit")
