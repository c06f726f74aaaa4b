"""A connection that comes back: the page restores its session from its own snapshot (a session
lives in its connection, so a restarted server has nothing of it) and says so in the message line,
with the undo history that no snapshot holds said to start again; the page's first open says nothing."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from helpers.restartable import restartable_server  # noqa: F401  (a fixture)

STATUS = "#bp_status"
READOUTS = ("#bp_epoch", "#bp_err", "#bp_out", "#bp_target", "#bp_abs")
CONNECTION_LOST = re.compile(r"WebSocket connection to 'ws://127\.0\.0\.1:\d+/ws.*' failed|ERR_CONNECTION_REFUSED")

WORDS = {
    "pt-BR": {
        "next": "Próximo passo", "undo": "Passo anterior", "phase": "Fase", "lost": "Conexão perdida",
        "back": "A conexão voltou: a sessão continua de onde parou.",
        "back_undo": "A conexão voltou: a sessão continua de onde parou. "
                     "O histórico de “Passo anterior” recomeça aqui.",
    },
    "en": {
        "next": "Next step", "undo": "Previous step", "phase": "Phase", "lost": "Connection lost",
        "back": "The connection is back: the session continues where it left off.",
        "back_undo": "The connection is back: the session continues where it left off. "
                     "The “Previous step” history starts again here.",
    },
}


def on_screen(page: Page) -> dict:
    """The phase box and the read-outs: what a restore must give back as it was."""
    return {selector: page.locator(selector).text_content() for selector in (STATUS, *READOUTS)}


def restart(server, page: Page, words: dict) -> None:
    """Stop the server (every session it held is gone), see the page offline, start it again."""
    server.stop()
    expect(page.locator(STATUS)).to_contain_text(words["lost"])
    server.start()


def test_after_a_restart_the_session_continues_and_the_undo_history_is_said_to_start_again(
        page, page_watch, restartable_server):
    server = restartable_server
    page_watch.allow(server.base_url)
    try:
        walk_through_two_restarts(page, server)
    finally:
        page_watch.console_errors[:] = [e for e in page_watch.console_errors if not CONNECTION_LOST.search(e)]


def walk_through_two_restarts(page: Page, server) -> None:
    for lang, words in WORDS.items():
        page.goto(f"{server.base_url}/?lang={lang}")
        message, undo = page.locator("#bp_msg"), page.get_by_role("button", name=words["undo"], exact=True)
        expect(page.locator(STATUS)).to_contain_text(re.compile(f"^{words['phase']}:"))
        # A notice would be drawn in the very frame that shows the first state: none is.
        expect(message).to_have_text("")
        # Mid-example: a restore replays its forward and backward, so they show as they were (a
        # just-finished update shows as the next example's start: test_resume).
        for phase in ("forward", "backward", "update", "forward", "backward"):
            page.get_by_role("button", name=words["next"], exact=True).click()
            expect(page.locator(STATUS)).to_contain_text(re.compile(f"^{words['phase']}: {phase}"))
        expect(undo).to_be_enabled()
        before = on_screen(page)

        restart(server, page, words)
        expect(message).to_have_text(words["back_undo"])
        expect(message).not_to_have_class(re.compile(r"\bis-error\b"))
        assert on_screen(page) == before, f"{lang}: the restored session differs from the one left"
        expect(undo).to_be_disabled()

        # Nothing to undo any more: a second restart says only that the session continues.
        page.get_by_role("button", name=words["next"], exact=True).click()
        expect(message).to_have_text("")
        expect(page.locator(STATUS)).to_contain_text(re.compile(f"^{words['phase']}: update"))
        page.get_by_role("button", name=words["undo"], exact=True).click()
        expect(page.locator(STATUS)).to_contain_text(re.compile(f"^{words['phase']}: backward"))
        expect(undo).to_be_disabled()
        restart(server, page, words)
        expect(message).to_have_text(words["back"])
        assert on_screen(page) == before, f"{lang}: the second restore differs"

        # A reload restores the session it kept on its first open: a page load, no reconnect.
        page.reload()
        expect(page.locator(STATUS)).to_have_text(before[STATUS])
        expect(message).to_have_text("")
