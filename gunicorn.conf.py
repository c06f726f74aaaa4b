"""Gunicorn settings for the production image (Dockerfile's CMD: gunicorn -c gunicorn.conf.py).

Every setting can be changed from the environment, so one image serves any host; the app's own
settings (BP_RATE_LIMIT, BP_MAX_SESSIONS, ...) are read by app/wsgi.py (see the README's table).

The worker class is BP_WORKER_CLASS: "gevent" (the default: one greenlet per open WebSocket) or
"gthread" (one thread per open WebSocket); the README ("Capacity") gives the measurements
behind the default. Both are
subclassed here for one thing: on SIGTERM (a redeploy) every open WebSocket gets a 1001 close
frame at once, so its page reconnects straight away, to another worker or instance, and restores
its session from its own snapshot instead of waiting out its back-off.

The timeout is the worker heartbeat, not a request limit: long-lived WebSockets do not need a
high or zero timeout.
"""

import importlib.util
import os
import threading
from pathlib import Path

GOING_AWAY = 1001


def app_settings():
    """app/settings.py, for its parsing and its rules: loaded from its file, since importing
    `app.settings` would run app/__init__.py (Flask, the model) in the master before gevent
    patches the worker."""
    spec = importlib.util.spec_from_file_location("bp_settings", Path(__file__).parent / "app" / "settings.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


settings = app_settings()


def whole(name, default):
    """The whole number environ[name] (default when unset or blank), refused as app/settings.py does."""
    text = settings.given(os.environ, name)
    return default if text is None else settings.number(name, text, int)


def say_goodbye(wsgi_app):
    """Close every open WebSocket of this worker with 1001 and the sentence the page shows."""
    sessions = getattr(wsgi_app, "extensions", {}).get("bp_sessions")
    if sessions is not None:
        sessions.shut_all(GOING_AWAY, "shutting_down")


def gthread_worker():
    from gunicorn.workers.gthread import ThreadWorker

    class GthreadWorker(ThreadWorker):
        def handle_exit(self, sig, frame):
            super().handle_exit(sig, frame)
            wsgi_app = getattr(self, "wsgi", None)  # None if the app failed to load
            threading.Thread(target=say_goodbye, args=(wsgi_app,), daemon=True).start()

    return GthreadWorker


def gevent_worker():
    import gevent
    from gunicorn.workers.ggevent import GeventWorker

    class GoodbyeGeventWorker(GeventWorker):
        def handle_exit(self, sig, frame):
            super().handle_exit(sig, frame)
            gevent.spawn(say_goodbye, getattr(self, "wsgi", None))  # not from inside the signal handler

    return GoodbyeGeventWorker


WORKER_CLASSES = {"gevent": gevent_worker, "gthread": gthread_worker}
WORKER_CLASS = settings.given(os.environ, "BP_WORKER_CLASS") or "gevent"
if WORKER_CLASS not in WORKER_CLASSES:
    raise ValueError(f"BP_WORKER_CLASS={WORKER_CLASS!r} must be one of: {', '.join(WORKER_CLASSES)}")
worker_class = WORKER_CLASSES[WORKER_CLASS]()

bind = f"{settings.given(os.environ, 'HOST') or '0.0.0.0'}:{settings.port(os.environ)}"
# gunicorn itself reads WEB_CONCURRENCY; it wins over BP_WORKERS here too.
workers = whole("WEB_CONCURRENCY" if settings.given(os.environ, "WEB_CONCURRENCY") else "BP_WORKERS", 2)
# gthread: each open WebSocket holds one thread, so threads must exceed BP_MAX_SESSIONS for
# pages and /healthz to find one free. gevent ignores threads.
max_sessions = whole("BP_MAX_SESSIONS", settings.DEFAULTS["BP_MAX_SESSIONS"])
threads = whole("BP_THREADS", max_sessions + 50)
# Connections a worker accepts at once (open WebSockets + HTTP); above BP_MAX_SESSIONS so that
# a full worker still answers GET / and /healthz.
worker_connections = whole("BP_CONNECTIONS", max_sessions + 400)
if worker_connections <= max_sessions:
    raise ValueError(f"BP_CONNECTIONS must be above BP_MAX_SESSIONS ({worker_connections} <= {max_sessions}): "
                     "a worker full of WebSockets must still answer GET / and /healthz")
if WORKER_CLASS == "gthread" and threads <= max_sessions:
    raise ValueError(f"BP_THREADS must be above BP_MAX_SESSIONS ({threads} <= {max_sessions}): "
                     "a worker full of WebSockets must still answer GET / and /healthz")

timeout = whole("BP_TIMEOUT", 30)
# On a restart or shutdown, sockets are closed with 1001 at once; this is how long their
# handlers get to finish before the worker is stopped.
graceful_timeout = whole("BP_GRACEFUL_TIMEOUT", 10)
keepalive = 5

# Two servers on one machine (tests, blue/green) must not fight over one control socket.
control_socket_disable = True

accesslog = "-"
errorlog = "-"
loglevel = settings.log_level(os.environ)
# Behind a reverse proxy that terminates TLS, trust its X-Forwarded-* headers.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
