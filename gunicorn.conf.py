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

import os
import threading

GOING_AWAY = 1001


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


WORKER_CLASS = os.environ.get("BP_WORKER_CLASS", "gevent")
worker_class = {"gthread": gthread_worker, "gevent": gevent_worker}[WORKER_CLASS]()

bind = f"{os.environ.get('HOST', '0.0.0.0')}:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("WEB_CONCURRENCY", os.environ.get("BP_WORKERS", "2")))
# gthread: each open WebSocket holds one thread, so threads must exceed BP_MAX_SESSIONS for
# pages and /healthz to find one free. gevent ignores threads.
max_sessions = int(os.environ.get("BP_MAX_SESSIONS", "800"))
threads = int(os.environ.get("BP_THREADS", str(max_sessions + 50)))
# Connections a worker accepts at once (open WebSockets + HTTP); above BP_MAX_SESSIONS so that
# a full worker still answers GET / and /healthz.
worker_connections = int(os.environ.get("BP_CONNECTIONS", str(max_sessions + 400)))

timeout = int(os.environ.get("BP_TIMEOUT", "30"))
# On a restart or shutdown, sockets are closed with 1001 at once; this is how long their
# handlers get to finish before the worker is stopped.
graceful_timeout = int(os.environ.get("BP_GRACEFUL_TIMEOUT", "10"))
keepalive = 5

# Two servers on one machine (tests, blue/green) must not fight over one control socket.
control_socket_disable = True

accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("BP_LOG_LEVEL", "info")
# Behind a reverse proxy that terminates TLS, trust its X-Forwarded-* headers.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
