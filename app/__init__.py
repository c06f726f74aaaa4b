"""The app factory: pages, the WebSocket, security headers and settings."""
from pathlib import Path

from flask import Flask, jsonify, render_template

from . import transport
from .assets import Assets, compress_page
from .model import scalar_online
from .protocol.catalog import catalog_json
from .settings import DEFAULTS, check

ROOT = Path(__file__).resolve().parent.parent


def create_app(settings=None):
    """Build the app; `settings` overrides DEFAULTS (tests pass their own)."""
    app = Flask(__name__, static_folder=str(ROOT / "static"), template_folder=str(ROOT / "templates"))
    app.config.update(DEFAULTS)
    app.config.update(settings or {})
    check(app.config)
    transport.init_app(app)
    scalar_online.available()  # its self-check (~0.1 s) once, at start-up: not in a student's first `train`
    assets = Assets(app.static_folder)
    app.view_functions["static"] = assets.response

    @app.get("/")
    def index():
        return render_template("index.html", catalog=catalog_json(), embed=False, modules=assets.modules())

    @app.get("/embed")
    def embed():
        """The widget alone, for an <iframe>: no page header or introduction, fills its frame."""
        return render_template("index.html", catalog=catalog_json(), embed=True, modules=assets.modules())

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
