"""Shared fixtures: the app, real servers, WebSocket clients and a real browser."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import settings

from helpers.browser import CHROMIUM_ARGS, PageWatch, check_chromium
from helpers.servers import start_dev_server, start_gunicorn
from helpers.ws import connect

# A loaded 2-core CI machine makes per-example deadlines flaky; examples stay bounded by count.
settings.register_profile("project", deadline=None)
settings.load_profile("project")


@pytest.fixture
def app():
    """A fresh app per test, built by the factory with test settings."""
    from app import create_app

    return create_app({"TESTING": True})


@pytest.fixture
def client(app):
    """Flask's test client for the fresh app."""
    return app.test_client()


@pytest.fixture
def rng():
    """A seeded NumPy generator: same numbers every run."""
    return np.random.default_rng(12345)


@pytest.fixture(scope="session")
def live_server():
    """Run `python -m app` on a free port; yield its base URL (http://127.0.0.1:PORT)."""
    server = start_dev_server()
    yield server.base_url
    server.stop()


@pytest.fixture(scope="session")
def gunicorn_server():
    """Run the Dockerfile's CMD (gunicorn) on a free port; yield its base URL."""
    server = start_gunicorn()
    yield server.base_url
    server.stop()


@pytest.fixture(scope="module")
def servers():
    """start(**env) -> server: one production server per distinct setting (BP_… values), shared
    by a module's tests and stopped at its end."""
    started = {}

    def start(**env):
        key = tuple(sorted(env.items()))
        if key not in started:
            started[key] = start_gunicorn(env={k: str(v) for k, v in env.items()})
        return started[key]

    yield start
    for server in started.values():
        server.stop()


@pytest.fixture
def ws_connect():
    """Return connect(base_url, path="/ws") -> websocket; every socket is closed after the test."""
    opened = []

    def _connect(base_url: str, path: str = "/ws", timeout: float = 15.0):
        ws = connect(base_url, path, timeout)
        opened.append(ws)
        return ws

    yield _connect
    for ws in opened:
        ws.close()


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright's sync API, one for the whole run."""
    executable = check_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def allowed_origins(live_server):
    """Origins a page may contact; a test module can override this fixture to add more."""
    return [live_server]


@pytest.fixture
def page_watch(allowed_origins):
    """What the page did wrong: console errors, failed requests, requests to other hosts."""
    return PageWatch(allowed_origins)


@pytest.fixture
def context_options():
    """Options of the browser context; override to change the viewport, locale, ..."""
    return {"viewport": {"width": 1280, "height": 900}}


@pytest.fixture
def page(browser, page_watch, context_options):
    """A fresh context and page; the test fails if the page erred or left the live server."""
    from playwright.sync_api import expect

    expect.set_options(timeout=15_000)
    context = browser.new_context(**context_options)
    context.set_default_timeout(15_000)
    pg = context.new_page()
    page_watch.attach(pg)
    yield pg
    problems = page_watch.problems()  # before closing: closing aborts whatever is in flight
    context.close()
    assert not problems, "the page misbehaved:\n" + "\n".join(problems)
