"""What keeps auto-training's frames short (issue 8's frame rate): only the pictures on screen are
redrawn (a canvas out of view waits while training, is drawn as soon as it scrolls in, and shows
the last state once training stops or the page is printed), and the code the first frames need is
fetched before."""

from __future__ import annotations

from helpers.browser import wait_until
from playwright.sync_api import Page, expect

from test_browser import CANVAS_INK, ink, open_widget

EPOCH_AT_LEAST = "(n) => Number(document.getElementById('bp_epoch').textContent) >= n"


def canvas_changed(page: Page, canvas_id: str, before: dict) -> None:
    wait_until(page, f"([id, sum]) => ({CANVAS_INK})(id).sum !== sum", [canvas_id, before["sum"]])


def below_the_fold(page: Page, canvas_id: str) -> bool:
    """The canvas starts more than the watcher's margin (200 px) below the viewport."""
    top = page.evaluate("(id) => document.getElementById(id).getBoundingClientRect().top", canvas_id)
    return top > page.viewport_size["height"] + 200


def test_views_out_of_view_wait_while_training_and_catch_up(page: Page, live_server):
    open_widget(page, live_server, "?lr=0.5&target=0.0001&max_epochs=1000000")
    assert below_the_fold(page, "bp_loss") and below_the_fold(page, "bp_boundary")
    loss, boundary, network = ink(page, "bp_loss"), ink(page, "bp_boundary"), ink(page, "bp_canvas")

    page.get_by_role("button", name="Treinar automático").click()
    wait_until(page, EPOCH_AT_LEAST, 300)
    canvas_changed(page, "bp_canvas", network)  # on screen: redrawn while training
    assert ink(page, "bp_loss")["sum"] == loss["sum"]
    assert ink(page, "bp_boundary")["sum"] == boundary["sum"]

    page.locator("#bp_loss").scroll_into_view_if_needed()
    canvas_changed(page, "bp_loss", loss)  # scrolled in: drawn while training goes on
    shown = ink(page, "bp_loss")
    canvas_changed(page, "bp_loss", shown)

    page.evaluate("() => window.scrollTo(0, 0)")
    page.get_by_role("button", name="Pausar").click()
    expect(page.get_by_role("button", name="Treinar automático")).to_be_visible()
    canvas_changed(page, "bp_boundary", boundary)  # training stopped: every view shows the last state


# What a print would take: the event, then each canvas as it is at once (the print does not wait
# for a frame).
PRINTED = f"""(ids) => {{
  window.dispatchEvent(new Event('beforeprint'));
  return Object.fromEntries(ids.map((id) => [id, ({CANVAS_INK})(id)]));
}}"""


def test_printing_while_training_draws_the_views_out_of_view_with_the_latest_state(page: Page, live_server):
    open_widget(page, live_server, "?lr=0.5&target=0.0001&max_epochs=1000000")
    views = ["bp_loss", "bp_boundary", "bp_unitMap"]
    assert all(below_the_fold(page, view) for view in views)
    before = {view: ink(page, view) for view in views}
    page.get_by_role("button", name="Treinar automático").click()
    wait_until(page, EPOCH_AT_LEAST, 300)
    assert all(ink(page, view)["sum"] == before[view]["sum"] for view in views)  # waiting, out of view
    printed = page.evaluate(PRINTED, views)
    for view in views:
        assert printed[view]["sum"] != before[view]["sum"], view
        assert printed[view]["ink"] >= 1000, (view, printed[view])
    # Still out of view and still training: the next frames leave the printed drawings as they are.
    wait_until(page, EPOCH_AT_LEAST, int(page.locator("#bp_epoch").text_content()) + 50)
    assert all(ink(page, view)["sum"] == printed[view]["sum"] for view in views)
    page.get_by_role("button", name="Pausar").click()


def test_heading_for_the_training_button_fetches_the_loss_lines_before_the_click(page: Page, live_server):
    open_widget(page, live_server, "?lr=0.5")
    loaded = "() => performance.getEntriesByType('resource').map((r) => r.name).filter((n) => n.includes('loss-examples'))"
    assert page.evaluate(loaded) == []  # not on the first visit
    with page.expect_request(lambda request: request.url.endswith("/static/js/lazy/loss-examples.js")):
        page.get_by_role("button", name="Treinar automático").hover()
