"""The app factory: pages, the WebSocket, security headers and settings."""
import time
from pathlib import Path

from flask import Flask, jsonify, render_template, request

from . import transport
from .assets import Assets, compress_page
from .inbox import RateLimit
from .model import scalar_online, scalar_passes
from .protocol.catalog import EXPERIMENTS, catalog_json
from .protocol.opening import opening_json, page_language
from .settings import DEFAULTS, check

# Each guided experiment's link query (its settings), by id: the page's links are written from it.
EXPERIMENT_QUERIES = {experiment["id"]: experiment["query"] for experiment in EXPERIMENTS}

ROOT = Path(__file__).resolve().parent.parent
# New opening states a process makes a second (about 20 ms each; the kept ones cost nothing): a
# script inventing URLs cannot take a worker's time, its pages just draw from their sockets.
OPENINGS_MADE_PER_SECOND = 10
clock = time.monotonic  # the budget's clock (a test stops it)


def create_app(settings=None):
    """Build the app; `settings` overrides DEFAULTS (tests pass their own)."""
    app = Flask(__name__, static_folder=str(ROOT / "static"), template_folder=str(ROOT / "templates"))
    app.config.update(DEFAULTS)
    app.config.update(settings or {})
    check(app.config)
    transport.init_app(app)
    scalar_online.available()  # its self-check (~0.1 s) once, at start-up: not in a student's first `train`
    scalar_passes.available()  # likewise (~0.1 s): not in a student's first step
    assets = Assets(app.static_folder)
    app.view_functions["static"] = assets.response
    openings_made = RateLimit(OPENINGS_MADE_PER_SECOND)

    def page(embed):
        # The first state for the URL's settings travels with the page: it draws without waiting for its socket.
        opening = opening_json(request.args, lambda: openings_made.allows(clock()))
        return render_template("index.html", catalog=catalog_json(), opening=opening, experiments=EXPERIMENT_QUERIES,
                               english=page_language(request.args) == "en", embed=embed)

    @app.get("/")
    def index():
        return page(embed=False)

    @app.get("/embed")
    def embed():
        """The widget alone, for an <iframe>: no page header or introduction, fills its frame."""
        return page(embed=True)

    @app.get("/healthz")
    def health():
        return jsonify(status="ok")

    @app.after_request
    def security_headers(response):
        if response.mimetype == "text/html":  # a policy governs documents; scripts need none of their own
            response.headers["Content-Security-Policy"] = content_security_policy(app.config["BP_FRAME_ANCESTORS"])
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        return compress_page(response)

    return app


def content_security_policy(frame_ancestors):
    return "; ".join([
        "default-src 'self'", "script-src 'self'", "style-src 'self'", "img-src 'self' data: blob:",
        "connect-src 'self'", "font-src 'self'", "object-src 'none'", "base-uri 'none'",
        "form-action 'none'", f"frame-ancestors {frame_ancestors}",
    ])
